import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { block } from './util';

const CONFIGS = [
  'kernel_gateway_image_config',
  'jupyter_lab_image_config',
  'code_editor_app_image_config',
];

/** AWS-19: custom Studio images run as the non-root user UID 1000 / GID 100. */
export const aws19ImageNonRoot = defineRule({
  id: 'AWS-19',
  level: RuleLevel.ERROR,
  description: 'Custom Studio app image configs run as the non-root user (UID 1000, GID 100)',
  fixHint:
    'Set file_system_config { default_uid = 1000, default_gid = 100 } (and build the image with USER 1000)',
  resourceTypes: ['aws_sagemaker_app_image_config'],
  check: (r) => {
    const present = CONFIGS.filter((c) => r.attributes[c] !== undefined);
    if (present.length === 0) return undefined;
    const bad = present.filter((c) => {
      const fs = block(block(r.attributes[c])?.file_system_config);
      return fs?.default_uid !== 1000 || fs?.default_gid !== 100;
    });
    return bad.length === 0 || `${bad.join(', ')}: file_system_config is not UID 1000 / GID 100`;
  },
});
