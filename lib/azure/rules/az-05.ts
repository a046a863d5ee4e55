import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { ROLE_IDS, ROLES } from '../defaults';
import {
  allOf,
  check,
  isTrue,
  lookup,
  mustBeFalse,
  present,
  unknown,
  Verdict,
} from '../../core/rules/attributes';

const WRITER_ID = ROLE_IDS[ROLES.ACR_QUARANTINE_WRITER];

/**
 * AZ-05: container registries are Premium, private, without admin account, with retention; a
 * quarantine policy only together with a scanner that can release images (AcrQuarantineWriter):
 * without one, quarantined images are never pullable and Azure ML image builds fail.
 */
export const az05Registry = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Container registries are Premium with admin account off, public network off, anonymous pull off and a retention policy; quarantine only with a scanner granted AcrQuarantineWriter',
  fixHint:
    'Set sku Premium, admin_enabled false, public_network_access_enabled false, anonymous_pull_enabled false, retention_policy_in_days; with quarantine_policy_enabled, assign AcrQuarantineWriter on the registry to the scanner that marks images Passed',
  resourceTypes: ['azurerm_container_registry'],
  check: (r, stack) => {
    const quarantine = (): Verdict => {
      const q = lookup(r, 'quarantine_policy_enabled');
      if (q.expression !== undefined)
        return unknown(`quarantine_policy_enabled is ${q.expression}`);
      if (!isTrue(q.value)) return true;
      const writers = stack.referencing('azurerm_role_assignment', 'scope', r).filter(
        (a) =>
          a.attributes.role_definition_name === ROLES.ACR_QUARANTINE_WRITER ||
          String(a.attributes.role_definition_id ?? '')
            .toLowerCase()
            .endsWith(WRITER_ID),
      );
      return (
        writers.length > 0 ||
        'quarantine is on but no scanner holds AcrQuarantineWriter on the registry: pushed images stay unpullable'
      );
    };
    return allOf([
      check(
        r,
        'sku',
        (s) => s === 'Premium',
        (s) => `sku is ${s}, not Premium`,
      ),
      check(
        r,
        'admin_enabled',
        (v) => !isTrue(v),
        () => 'admin account is on (obsolete requirement of s003; use Entra ID)',
      ),
      mustBeFalse(r, 'public_network_access_enabled'),
      check(
        r,
        'anonymous_pull_enabled',
        (v) => !isTrue(v),
        () => 'anonymous pull is on',
      ),
      present(r, 'retention_policy_in_days', 'no retention policy for untagged manifests'),
      quarantine(),
    ]);
  },
});
