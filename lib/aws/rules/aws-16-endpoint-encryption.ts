import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { attr } from './util';

/** AWS-16: endpoint configurations encrypt their volumes (and captured data) with a KMS key. */
export const aws16EndpointEncryption = defineRule({
  id: 'AWS-16',
  level: RuleLevel.ERROR,
  description:
    'SageMaker endpoint configurations encrypt the hosting volumes (kms_key_arn) and captured data (data_capture_config.kms_key_id) with a KMS key',
  fixHint: 'Set kms_key_arn, and data_capture_config.kms_key_id when data capture is on',
  resourceTypes: ['aws_sagemaker_endpoint_configuration'],
  check: (r) => {
    const problems: string[] = [];
    if (!r.attributes.kms_key_arn) problems.push('no kms_key_arn');
    const capture = attr(r, 'data_capture_config');
    if (capture !== undefined && capture.enable_capture !== false && !capture.kms_key_id) {
      problems.push('data capture without kms_key_id');
    }
    return problems.length === 0 || problems.join('; ');
  },
});
