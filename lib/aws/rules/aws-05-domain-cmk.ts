import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';

/** AWS-05: the domain EFS/EBS is encrypted with a customer managed key. */
export const aws05DomainCmk = defineRule({
  id: 'AWS-05',
  level: RuleLevel.ERROR,
  description:
    'SageMaker domains encrypt their EFS and EBS volumes with a customer managed KMS key',
  fixHint: 'Set kms_key_id on the aws_sagemaker_domain to the platform CMK',
  resourceTypes: ['aws_sagemaker_domain'],
  check: (r) =>
    (typeof r.attributes.kms_key_id === 'string' && r.attributes.kms_key_id.length > 0) ||
    'no kms_key_id',
});
