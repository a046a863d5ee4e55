import { defineApplyRule } from '../../core/compliance/define-rule';
import { isUnknown } from '../../core/rules/attributes';
import { referenced } from '../../core/rules/references';
import { actionsNotAllowed } from './policy-statements';
import { keyPolicyStatements } from './x-10.backup-vault-kms-key-policy';

const LOGS_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom'];

/**
 * A log group encrypted with a key of the stack needs that key's policy to admit the CloudWatch
 * Logs service principal of the region; CreateLogGroup/AssociateKmsKey fails otherwise.
 */
export const x10LogsKmsKeyPolicy = defineApplyRule(__filename, {
  source:
    'Amazon CloudWatch Logs User Guide, encrypt log data with AWS KMS (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html): the key policy must allow logs.<region>.amazonaws.com kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe*, else associating the key fails',
  description:
    'Log groups encrypted with a KMS key of the stack use a key whose policy admits logs.<region>.amazonaws.com',
  fixHint:
    'Add a key policy statement for Principal Service logs.<region>.amazonaws.com with the encrypt, decrypt, re-encrypt, generate-data-key and describe actions',
  resourceTypes: ['aws_cloudwatch_log_group'],
  check: (r, stack) => {
    const key = referenced(stack, r.attributes.kms_key_id, 'aws_kms_key');
    if (!key) return undefined;
    const st = keyPolicyStatements(stack, key); // aws_kms_key_policy replaces `policy`
    if (st === undefined)
      return `${key.address} has the default key policy, which does not admit CloudWatch Logs`;
    if (isUnknown(st)) return st;
    const missing = actionsNotAllowed(
      st,
      (p) => /^logs\.[^.]+\.amazonaws\.com(\.cn)?$/.test(String(p)),
      LOGS_ACTIONS,
    );
    return (
      missing.length === 0 ||
      `${key.address} does not allow logs.<region>.amazonaws.com ${missing.join(', ')}`
    );
  },
});
