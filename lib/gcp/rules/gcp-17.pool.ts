import { defineApplyRule } from '../../core/compliance/define-rule';
import { isExpression, unknown } from '../../core/rules/attributes';
import { dataSources, dependenciesOf } from '../../core/rules/references';
import { iamMembers, memberKind } from './iam-members';

const WI_MEMBER = /^serviceAccount:([^.[]+|\$\{[^}]*\})\.svc\.id\.goog\[/;

/**
 * GCP-17 (apply): a Workload Identity member (serviceAccount:PROJECT.svc.id.goog[ns/ksa]) is
 * accepted by IAM only once the project's workload identity pool exists, i.e. once a GKE cluster
 * with Workload Identity exists in PROJECT; before that the apply fails with "Identity Pool does
 * not exist". The binding must depend on the cluster (resource, or data source: a missing cluster
 * then fails at plan, not half-way through the apply).
 */
export const gcp17Pool = defineApplyRule(__filename, {
  source:
    'https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity ("the workload identity pool is created when you enable Workload Identity on a cluster"); IAM error "Identity Pool does not exist (PROJECT.svc.id.goog)"',
  description:
    'Workload Identity bindings depend on a google_container_cluster (resource or data source) that creates the PROJECT.svc.id.goog pool',
  fixHint:
    'Make the binding depend on the cluster (workloadIdentity.clusters), e.g. a data "google_container_cluster" of the serving cluster',
  resourceTypes: ['google_service_account_iam_member', 'google_service_account_iam_binding'],
  check: (r, stack) => {
    const members = iamMembers(r);
    const wi = members.some((m) => WI_MEMBER.test(String(m)));
    const unresolved = members.filter(
      (m) => isExpression(m) && !WI_MEMBER.test(m) && memberKind(m) === undefined,
    );
    if (!wi) return unresolved.length > 0 ? unknown(`member is ${unresolved[0]}`) : undefined;
    const deps = dependenciesOf(stack, r.address);
    const clusters = [
      ...stack.resources('google_container_cluster').map((c) => c.address),
      ...dataSources(stack, 'google_container_cluster').map((c) => c.address),
    ];
    return (
      clusters.some((c) => deps.has(c)) ||
      'binds a Workload Identity member without depending on the GKE cluster that creates the pool'
    );
  },
});
