import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { asList, isExpression, unknown } from '../../core/rules/attributes';
import { ingressRuleCheck } from './firewall';

/** GCP-08 / GCP-09: ingress allow rules name the instances they open (target service accounts). */
export const gcp08IapSsh = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Ingress allow rules (e.g. IAP SSH) apply to named target service accounts, not to every instance of the network',
  fixHint:
    'Set target_service_accounts to the service accounts of the instances the rule opens (GcpPrivateNetwork iapSshTargetServiceAccounts / allowIapSshTo)',
  resourceTypes: ['google_compute_firewall'],
  check: ingressRuleCheck((r) => {
    const targets = r.attributes.target_service_accounts;
    if (isExpression(targets)) return unknown(`target_service_accounts is ${targets}`);
    return (
      asList(targets).length > 0 ||
      'opens ingress to every instance of the network (no target_service_accounts)'
    );
  }),
});
