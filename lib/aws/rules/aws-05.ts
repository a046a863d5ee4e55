import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { isUnknown, readValue } from '../../core/rules/attributes';

/** AWS-05: the domain EFS/EBS is encrypted with a customer managed key. */
export const aws05DomainCmk = defineRule(__filename, {
  level: RuleLevel.ERROR,
  profile: RuleProfile.PLATFORM,
  description:
    'SageMaker domains encrypt their EFS and EBS volumes with a customer managed KMS key',
  fixHint: 'Set kms_key_id on the aws_sagemaker_domain to the platform CMK',
  resourceTypes: ['aws_sagemaker_domain'],
  check: (r) => {
    const raw = r.attributes.kms_key_id;
    // a reference to a key of the stack is a customer managed key; other expressions are unknown
    if (typeof raw === 'string' && /^\$\{aws_kms_key\.[^}]*\}$/.test(raw)) return true;
    const key = readValue(r, 'kms_key_id');
    if (isUnknown(key)) return key;
    return (typeof key === 'string' && key.length > 0) || 'no kms_key_id';
  },
});
