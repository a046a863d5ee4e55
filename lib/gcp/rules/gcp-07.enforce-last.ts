import { defineApplyRule } from '../../core/compliance/define-rule';
import { activeConfig, isVerdict } from './perimeter-config';
import { isExpression, unknown } from '../../core/rules/attributes';
import { dependenciesOf, dependencyGraph } from '../../core/rules/references';

/** Types that live outside the protected project (the access policy) or configure the perimeter. */
const OUTSIDE = /^(google_access_context_manager_|time_)/;

/**
 * GCP-07 (apply): an enforced perimeter is created after everything else of the stack: while the
 * perimeter is enforced, resources still being created inside it are called from outside (by
 * Terraform) and get 403 VPC_SERVICE_CONTROLS errors. Terraform orders creation only by
 * dependencies, so the perimeter must depend on every other resource of the stack.
 */
export const gcp07EnforceLast = defineApplyRule(__filename, {
  source:
    'https://cloud.google.com/vpc-service-controls/docs/troubleshooting#debugging (requests from outside an enforced perimeter are denied); terraform-google-enterprise-genai applies the perimeter after the projects it protects',
  description:
    'An enforced perimeter depends on every other resource of its stack, so it is enforced last',
  fixHint:
    'Add depends_on from the perimeter to the resources inside it (SecureVertexPipeline does), or create it in dry-run (spec) first',
  resourceTypes: ['google_access_context_manager_service_perimeter'],
  check: (r, stack) => {
    const active = activeConfig(r);
    if (isVerdict(active)) return active;
    if (active.key === 'spec') return undefined; // dry-run: nothing is blocked
    if (isExpression(active.cfg)) return unknown(`status is ${active.cfg}`);
    const before = dependenciesOf(stack, r.address);
    const missing = [...dependencyGraph(stack).keys()].filter(
      (a) =>
        a !== r.address &&
        !a.startsWith('data.') &&
        !OUTSIDE.test(a) &&
        !before.has(a) &&
        !dependenciesOf(stack, a).has(r.address),
    );
    return (
      missing.length === 0 ||
      `enforced before ${missing.length} resource(s) of the stack exist: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', ...' : ''}`
    );
  },
});
