import { defineRule } from '../../core/compliance/define-rule';
import { RuleCategory, RuleLevel } from '../../core/compliance/rule';
import { activeConfig, isVerdict } from './perimeter-config';
import { asList, isExpression, unknown } from '../../core/rules/attributes';

/**
 * GCP-07 (deployers): an enforced perimeter admits someone from outside, through an access level
 * or an ingress policy. With neither, the identity that runs Terraform from outside the perimeter
 * (a CI runner, a workstation) gets 403 VPC_SERVICE_CONTROLS errors on the restricted APIs at the
 * next apply and at every later refresh. A deployer that runs inside the perimeter (a private
 * pool in a protected project) needs neither: suppress the finding with that reason.
 */
export const gcp07AdmitsDeployer = defineRule(__filename, {
  level: RuleLevel.WARNING,
  category: RuleCategory.APPLY,
  source:
    'https://cloud.google.com/vpc-service-controls/docs/ingress-egress-rules and https://cloud.google.com/access-context-manager/docs/overview (requests from outside an enforced perimeter need an access level or an ingress rule); terraform-google-enterprise-genai puts its Terraform service accounts in the perimeter access level',
  description:
    'An enforced service perimeter admits the deploying identities from outside (an access level or an ingress policy)',
  fixHint:
    'Add an access level with the Terraform identities to status.access_levels (ServicePerimeter deployerIdentities), or an ingress policy for them',
  resourceTypes: ['google_access_context_manager_service_perimeter'],
  check: (r) => {
    const active = activeConfig(r);
    if (isVerdict(active)) return active;
    if (active.key === 'spec') return undefined; // dry-run: nothing is blocked
    const cfg = active.cfg;
    if (!cfg) return undefined;
    if (isExpression(cfg)) return unknown(`status is ${cfg}`);
    const levels = cfg.access_levels;
    const ingress = cfg.ingress_policies;
    const some = (v: any) => !isExpression(v) && asList(v).length > 0;
    if (some(levels) || some(ingress)) return true;
    if (isExpression(levels)) return unknown(`access_levels is ${levels}`);
    if (isExpression(ingress)) return unknown(`ingress_policies is ${ingress}`);
    return 'enforced with no access level and no ingress policy: Terraform running outside the perimeter is locked out';
  },
});
