import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { attr, block } from './util';

/** AWS-06: notebook sharing goes to S3 encrypted with a KMS key given as an ARN. */
export const aws06SharingSettings = defineRule({
  id: 'AWS-06',
  level: RuleLevel.ERROR,
  description:
    'Notebook sharing settings write to an S3 path encrypted with a KMS key (ARN form, as the provider requires)',
  fixHint:
    'Set default_user_settings.sharing_settings.s3_output_path and s3_kms_key_id (the key ARN)',
  resourceTypes: ['aws_sagemaker_domain'],
  check: (r) => {
    const s = block(attr(r, 'default_user_settings.sharing_settings'));
    if (s === undefined) return 'no sharing_settings';
    if (s.notebook_output_option === 'Disabled' && !s.s3_output_path) return undefined;
    const problems: string[] = [];
    if (!s.s3_output_path) problems.push('no s3_output_path');
    const key = s.s3_kms_key_id;
    if (!key) problems.push('no s3_kms_key_id');
    else if (!key.includes('${') && !key.startsWith('arn:'))
      problems.push(`s3_kms_key_id '${key}' is not an ARN`);
    else if (key.includes('${aws_kms_key.') && !/\.arn\}/.test(key))
      problems.push('s3_kms_key_id references the key id, not its ARN');
    return problems.length === 0 || problems.join('; ');
  },
});
