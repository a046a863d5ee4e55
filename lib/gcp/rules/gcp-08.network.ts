import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { isFalse, literal } from '../../core/rules/attributes';

/** GCP-08: VPCs are custom mode. */
export const gcp08Network = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'VPC networks are custom mode (no auto-created subnets in every region)',
  fixHint: 'Set auto_create_subnetworks = false',
  resourceTypes: ['google_compute_network'],
  check: (r) =>
    literal(
      r.attributes.auto_create_subnetworks,
      'auto_create_subnetworks',
      isFalse,
      () => 'auto_create_subnetworks is not false',
    ),
});
