import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { allOf, blocks, isUnknown, readValue, Verdict } from '../../core/rules/attributes';

const CONFIGS = [
  'kernel_gateway_image_config',
  'jupyter_lab_image_config',
  'code_editor_app_image_config',
];

/** AWS-19: custom Studio images run as the non-root user UID 1000 / GID 100. */
export const aws19ImageNonRoot = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'Custom Studio app image configs run as the non-root user (UID 1000, GID 100)',
  fixHint:
    'Set file_system_config { default_uid = 1000, default_gid = 100 } (and build the image with USER 1000)',
  resourceTypes: ['aws_sagemaker_app_image_config'],
  check: (r) => {
    const verdicts: Verdict[] = [];
    for (const c of CONFIGS) {
      const configs = blocks(r, c);
      if (isUnknown(configs)) {
        verdicts.push(configs);
        continue;
      }
      for (const config of configs) {
        const uid = readValue(
          config,
          'file_system_config.default_uid',
          `${c}.file_system_config.default_uid`,
        );
        const gid = readValue(
          config,
          'file_system_config.default_gid',
          `${c}.file_system_config.default_gid`,
        );
        if (isUnknown(uid)) verdicts.push(uid);
        if (isUnknown(gid)) verdicts.push(gid);
        if (isUnknown(uid) || isUnknown(gid)) continue;
        verdicts.push(
          (Number(uid) === 1000 && Number(gid) === 100) ||
            `${c}: file_system_config is not UID 1000 / GID 100`,
        );
      }
    }
    return allOf(verdicts);
  },
});
