import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { allOf, blocks, isFalse, isUnknown, readValue } from '../../core/rules/attributes';

/** AWS-16: endpoint configurations encrypt their volumes (and captured data) with a KMS key. */
export const aws16EndpointEncryption = defineRule(__filename, {
  level: RuleLevel.ERROR,
  profile: RuleProfile.PLATFORM,
  description:
    'SageMaker endpoint configurations encrypt the hosting volumes (kms_key_arn) and captured data (data_capture_config.kms_key_id) with a KMS key',
  fixHint: 'Set kms_key_arn, and data_capture_config.kms_key_id when data capture is on',
  resourceTypes: ['aws_sagemaker_endpoint_configuration'],
  check: (r) => {
    const key = readValue(r, 'kms_key_arn');
    const captures = blocks(r, 'data_capture_config');
    const capture = isUnknown(captures) ? captures : captures[0];
    let captureVerdict;
    if (isUnknown(capture)) captureVerdict = capture;
    else if (capture !== undefined) {
      const enabled = readValue(capture, 'enable_capture', 'data_capture_config.enable_capture');
      const captureKey = readValue(capture, 'kms_key_id', 'data_capture_config.kms_key_id');
      captureVerdict = isUnknown(enabled)
        ? enabled
        : isFalse(enabled)
          ? undefined
          : isUnknown(captureKey)
            ? captureKey
            : Boolean(captureKey) || 'data capture without kms_key_id';
    }
    return allOf([isUnknown(key) ? key : Boolean(key) || 'no kms_key_arn', captureVerdict]);
  },
});
