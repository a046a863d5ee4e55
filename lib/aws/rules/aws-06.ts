import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import {
  allOf,
  block,
  isExpression,
  isUnknown,
  readValue,
  unknown,
  Verdict,
} from '../../core/rules/attributes';

/** The sharing key: an ARN literal, a reference to a key's ARN, never a key id. */
function keyVerdict(key: any): Verdict {
  if (!key) return 'no s3_kms_key_id';
  if (!isExpression(key))
    return String(key).startsWith('arn:') || `s3_kms_key_id '${key}' is not an ARN`;
  if (/\$\{aws_kms_key\.[^}]*\.key_id\}/.test(key))
    return 's3_kms_key_id references the key id, not its ARN';
  if (/^\$\{aws_kms_key\.[^}]*\.arn\}$/.test(key)) return true;
  return unknown(`s3_kms_key_id is ${key}`);
}

/** AWS-06: notebook sharing goes to S3 encrypted with a KMS key given as an ARN. */
export const aws06SharingSettings = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Notebook sharing settings write to an S3 path encrypted with a KMS key (ARN form, as the provider requires)',
  fixHint:
    'Set default_user_settings.sharing_settings.s3_output_path and s3_kms_key_id (the key ARN)',
  resourceTypes: ['aws_sagemaker_domain'],
  check: (r) => {
    const settings = readValue(r, 'default_user_settings.sharing_settings');
    if (isUnknown(settings)) return settings;
    if (settings === undefined) return 'no sharing_settings';
    const s = block(settings) ?? {};
    const option = readValue(r, 'default_user_settings.sharing_settings.notebook_output_option');
    if (isUnknown(option)) return option;
    const path = s.s3_output_path;
    if (option === 'Disabled' && !path) return undefined;
    return allOf([
      !path
        ? 'no s3_output_path'
        : !isExpression(path) || /^s3:\/\/\$\{aws_s3_bucket\.[^}]*\}\//.test(path)
          ? true
          : unknown(`s3_output_path is ${path}`),
      keyVerdict(s.s3_kms_key_id),
    ]);
  },
});
