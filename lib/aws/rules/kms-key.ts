// Whether a resource names the KMS key it encrypts with.
import { ResourceView } from '../../core/compliance/rule';
import { isUnknown, readValue, Verdict } from '../../core/rules/attributes';

/**
 * The attribute names a KMS key. A reference to an `aws_kms_key` of the stack is known to be a
 * customer managed key; any other expression is UNKNOWN.
 */
export function kmsKeySet(r: ResourceView, attribute: string): Verdict {
  const key = readValue(r, attribute);
  if (isUnknown(key) && !/\$\{aws_kms_key\./.test(String(r.attributes[attribute]))) return key;
  return Boolean(r.attributes[attribute]) || `no ${attribute}`;
}
