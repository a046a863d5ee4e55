import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';

/** GCP-17: no service account keys; workloads use Workload Identity (federation). */
export const gcp17NoSaKeys = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'No service account keys are created; workloads use Workload Identity or federation',
  fixHint:
    'Remove google_service_account_key; bind a Kubernetes SA with roles/iam.workloadIdentityUser or use workload identity federation',
  resourceTypes: ['google_service_account_key'],
  check: () => 'a service account key is created',
});
