import { defineApplyRule } from '../../core/compliance/define-rule';
import { ResourceView } from '../../core/compliance/rule';
import { instanceCount, StackView } from '../../core/compliance/stack-view';
import { allOf, lookup, unknown, Verdict } from '../../core/rules/attributes';
import { byAddress, dependenciesOf, refTarget } from '../../core/rules/references';
import { updatesOf } from './az-04.system-datastores';

/** The outbound rule resource types of a workspace's managed network. */
export const OUTBOUND_RULE_TYPES = [
  'azurerm_machine_learning_workspace_network_outbound_rule_fqdn',
  'azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint',
  'azurerm_machine_learning_workspace_network_outbound_rule_service_tag',
];

/** The resource address without an instance key, as the dependency graph names it. */
function node(r: ResourceView): string {
  return r.address.replace(/\[.*$/, '');
}

/** Whether Terraform orders `a` and `b` (one depends on the other, directly or not). */
function ordered(stack: StackView, a: ResourceView, b: ResourceView): boolean {
  return dependenciesOf(stack, node(a)).has(node(b)) || dependenciesOf(stack, node(b)).has(node(a));
}

/**
 * AZ-07 (apply): the outbound rules of one workspace's managed network, and any azapi update of
 * that workspace, are written one after the other. A rule is a child resource, but Azure keeps the
 * rules in the workspace's `managedNetwork`: rules written at the same time, or a workspace update
 * (which writes back the rules it read), drop each other, and the apply still succeeds. The next
 * plan finds the lost rules and creates them again, and can lose others.
 */
export const az07OutboundRuleOrder = defineApplyRule(__filename, {
  source:
    "Azure/terraform-provider-azapi#453 (AML workspace outbound rules remove newly created rules: rules created in the same apply delete each other; the maintainers' workaround creates them one at a time); azurerm v4.55.0 machine_learning_workspace_network_outbound_rule_*_resource.go (SettingsRuleCreateOrUpdateThenPoll on workspaces/<name>/outboundRules/<rule>, no lock); azapi azapi_update_resource.go (reads the resource, merges the body and writes the whole resource back)",
  description:
    'The managed-network outbound rules of a workspace, and the azapi updates of that workspace, depend on one another in a chain, so Terraform writes them one at a time',
  fixHint:
    'Add depends_on from each outbound rule to the previous one, and from the first to the azapi_update_resource of the workspace (AzureMLWorkspace chains them)',
  resourceTypes: OUTBOUND_RULE_TYPES,
  check: (r, stack): Verdict => {
    const ws = lookup(r, 'workspace_id');
    if (ws.expression === undefined && typeof ws.value !== 'string') return undefined;
    // ARM ids compare case-insensitively
    const key = ws.expression ?? ws.value.toLowerCase();
    const verdicts: Verdict[] = [];
    // the instances of one block (count, for_each) are written at the same time
    const n = instanceCount(r.attributes);
    if (n === undefined)
      verdicts.push(
        unknown(
          `count or for_each is ${r.attributes.count ?? r.attributes.for_each}: its instances are written at the same time when there are several`,
        ),
      );
    else if (n > 1)
      verdicts.push(
        `its ${n} instances (count or for_each) are written at the same time: concurrent writes to one workspace's managed network drop outbound rules`,
      );
    const workspace = ws.expression !== undefined ? refTarget(stack, ws.expression) : undefined;
    const siblings = OUTBOUND_RULE_TYPES.flatMap((t) => stack.resources(t)).filter((o) => {
      if (o === r) return false;
      const w = lookup(o, 'workspace_id');
      return (
        (w.expression ?? (typeof w.value === 'string' ? w.value.toLowerCase() : w.value)) === key
      );
    });
    const writers = [...siblings, ...(workspace ? updatesOf(stack, workspace) : [])];
    const parallel = byAddress(writers.filter((w) => !ordered(stack, r, w)));
    if (parallel.length > 0)
      verdicts.push(
        `written at the same time as ${parallel.map((p) => p.address).join(', ')}: concurrent writes to one workspace's managed network drop outbound rules`,
      );
    return allOf(verdicts) ?? true;
  },
});
