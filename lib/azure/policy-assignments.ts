import { ResourceGroupPolicyAssignment } from '@cdktf/provider-azurerm/lib/resource-group-policy-assignment';
import { Construct } from 'constructs';
import { requireProps, Validator } from '../core/errors';
import { POLICY_DEFINITIONS } from './defaults';
import { claimInResourceGroup, fitName, str } from './validation';

/** Effect of the policy assignments that support Deny. */
export enum AzurePolicyEffect {
  /** Block non-compliant requests (the default). */
  DENY = 'Deny',
  /** Report only. */
  AUDIT = 'Audit',
}

/** Props of {@link AzureMlPolicyAssignments}. */
export interface AzureMlPolicyAssignmentsProps {
  /** Resource id of the resource group the assignments apply to. */
  readonly resourceGroupId: string;
  /**
   * Effect of the definitions that support Deny (CMK, public network, compute local auth, managed VNet mode).
   * @default AzurePolicyEffect.DENY
   */
  readonly effect?: AzurePolicyEffect;
  /**
   * Managed VNet isolation mode the workspaces must use.
   * @default 'AllowOnlyApprovedOutbound'
   */
  readonly isolationMode?: string;
  /**
   * Prefix of the assignment names (at most 64 characters with the key).
   * @default - 'mlops'
   */
  readonly namePrefix?: string;
}

interface Assignment {
  readonly key: string;
  readonly displayName: string;
  readonly definitionId: string;
  readonly parameters: { [name: string]: any };
}

/**
 * Azure Policy guardrails at resource-group scope (AZ-12), built-in definitions: workspaces
 * encrypted with CMK, private link used, public network disabled, compute local auth
 * disabled, managed VNet AllowOnlyApprovedOutbound, compute-instance idle shutdown (audit), resource logs enabled.
 */
export class AzureMlPolicyAssignments extends Construct {
  /** Assignments by key (cmk, private-link, public-network, compute-local-auth, managed-network, idle-shutdown, resource-logs). */
  public readonly assignments: { [key: string]: ResourceGroupPolicyAssignment } = {};

  constructor(scope: Construct, id: string, props: AzureMlPolicyAssignmentsProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const v = new Validator(this);
    str(v, 'resourceGroupId', props.resourceGroupId);
    v.enumValue('effect', props.effect, Object.values(AzurePolicyEffect));
    v.enumValue('isolationMode', props.isolationMode, [
      'AllowOnlyApprovedOutbound',
      'AllowInternetOutbound',
    ]);
    if (str(v, 'namePrefix', props.namePrefix, true) && props.namePrefix !== undefined) {
      if (v.literal('namePrefix', props.namePrefix, 'it is part of the assignment names')) {
        v.require(
          /^[^%]*[^. %]$/.test(props.namePrefix) && !/[<>*&:\\?/+#]/.test(props.namePrefix),
          'namePrefix',
          props.namePrefix,
          "a name part without '%', '<>*&:\\?/+#', not ending with a period or space (Azure policy assignment names)",
        );
      }
    }
    v.throwIfInvalid();
    const effect = props.effect ?? AzurePolicyEffect.DENY;
    const prefix = props.namePrefix ?? 'mlops';
    const list: Assignment[] = [
      {
        key: 'cmk',
        displayName: 'Azure ML workspaces encrypted with a customer-managed key',
        definitionId: POLICY_DEFINITIONS.CMK,
        parameters: { effect },
      },
      {
        key: 'private-link',
        displayName: 'Azure ML workspaces use private link',
        definitionId: POLICY_DEFINITIONS.PRIVATE_LINK,
        parameters: { effect: 'Audit' },
      },
      {
        key: 'public-network',
        displayName: 'Azure ML workspaces disable public network access',
        definitionId: POLICY_DEFINITIONS.PUBLIC_NETWORK_DISABLED,
        parameters: { effect },
      },
      {
        key: 'compute-local-auth',
        displayName: 'Azure ML computes have local authentication disabled',
        definitionId: POLICY_DEFINITIONS.COMPUTE_LOCAL_AUTH_DISABLED,
        parameters: { effect },
      },
      {
        key: 'managed-network',
        displayName: 'Azure ML workspaces use the approved managed VNet isolation mode',
        definitionId: POLICY_DEFINITIONS.MANAGED_NETWORK_MODE,
        parameters: { effect, isolationMode: props.isolationMode ?? 'AllowOnlyApprovedOutbound' },
      },
      {
        key: 'idle-shutdown',
        displayName: 'Azure ML compute instances have idle shutdown',
        definitionId: POLICY_DEFINITIONS.IDLE_SHUTDOWN,
        // Audit, never Deny: azurerm 4.x cannot set idleTimeBeforeShutdown, so Deny would block instances.
        parameters: { effect: 'Audit' },
      },
      {
        key: 'resource-logs',
        displayName: 'Resource logs of Azure ML workspaces enabled',
        definitionId: POLICY_DEFINITIONS.RESOURCE_LOGS,
        parameters: { effect: 'AuditIfNotExists' },
      },
    ];
    for (const a of list) {
      // At most 64 characters (policy assignment names below management-group scope); a name
      // that fits is kept, a longer one is shortened with a hash so that the seven stay distinct.
      const name = fitName(`${prefix}-${a.key}`, 64);
      claimInResourceGroup(this, 'policy assignment', props.resourceGroupId, name, 'namePrefix');
      const parameters: { [name: string]: { value: any } } = {};
      for (const [k, val] of Object.entries(a.parameters)) parameters[k] = { value: val };
      this.assignments[a.key] = new ResourceGroupPolicyAssignment(this, a.key, {
        name,
        displayName: a.displayName,
        resourceGroupId: props.resourceGroupId,
        policyDefinitionId: a.definitionId,
        parameters: JSON.stringify(parameters),
        enforce: true,
        nonComplianceMessage: [{ content: `secure-mlops guardrail: ${a.displayName}` }],
      });
    }
  }
}
