import { ResourceGroupPolicyAssignment } from '@cdktf/provider-azurerm/lib/resource-group-policy-assignment';
import { Construct } from 'constructs';
import { requireProps, Validator } from '../core/errors';
import { NETWORK_POLICY_DEFINITIONS, POLICY_DEFINITIONS } from './defaults';
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
   * Effect of the definitions that support Deny (CMK, public network of workspaces, Key Vaults, storage accounts and registries, compute local auth, managed VNet mode).
   * @default AzurePolicyEffect.DENY
   */
  readonly effect?: AzurePolicyEffect;
  /**
   * Managed VNet isolation mode the workspaces must use.
   * @default 'AllowOnlyApprovedOutbound'
   */
  readonly isolationMode?: string;
  /**
   * The Key Vaults and storage accounts of the resource group admit allow-listed public IP ranges (AzureMLWorkspace `allowedIpRanges`), so their public network access is on behind a default-deny firewall: their assignments then require the firewall (network ACL default action Deny) instead of public network access Disabled. Container registries must have public network access disabled either way.
   * @default false
   */
  readonly publicIpAllowList?: boolean;
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

/** Checks the props of {@link AzureMlPolicyAssignments}: one ValidationError listing every problem. */
function validatePolicyAssignmentProps(
  scope: Construct,
  props: AzureMlPolicyAssignmentsProps,
): void {
  const v = new Validator(scope);
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
  if (v.boolean('publicIpAllowList', props.publicIpAllowList))
    v.literal('publicIpAllowList', props.publicIpAllowList, 'it picks the definitions assigned');
  v.throwIfInvalid();
}

/**
 * The assignments: the Azure ML guardrails, and public network access off (or, with
 * `ipAllowList`, the firewall on) for the Key Vaults, storage accounts and registries.
 */
function mlPolicyAssignments(
  effect: AzurePolicyEffect,
  isolationMode: string,
  ipAllowList: boolean,
): Assignment[] {
  return [
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
      parameters: { effect, isolationMode },
    },
    {
      key: 'idle-shutdown',
      displayName: 'Azure ML compute instances have idle shutdown',
      definitionId: POLICY_DEFINITIONS.IDLE_SHUTDOWN,
      // Audit, never Deny: azurerm 4.x cannot set idleTimeBeforeShutdown, so an instance is created
      // without it and AzureMlCompute sets it with a second ARM call; Deny would block the create.
      parameters: { effect: 'Audit' },
    },
    {
      key: 'resource-logs',
      displayName: 'Resource logs of Azure ML workspaces enabled',
      definitionId: POLICY_DEFINITIONS.RESOURCE_LOGS,
      parameters: { effect: 'AuditIfNotExists' },
    },
    // The platform's vaults, accounts and registry are created and updated with
    // publicNetworkAccess Disabled (azurerm sends it on create and update), or, with IP
    // allow-lists, Enabled behind networkAcls.defaultAction Deny: each definition checks the
    // property the platform sets, so its own applies are not denied.
    ipAllowList
      ? {
          key: 'key-vault-network',
          displayName: 'Key Vaults have their firewall on (default action Deny)',
          definitionId: NETWORK_POLICY_DEFINITIONS.KEY_VAULT_FIREWALL,
          parameters: { effect },
        }
      : {
          key: 'key-vault-network',
          displayName: 'Key Vaults disable public network access',
          definitionId: NETWORK_POLICY_DEFINITIONS.KEY_VAULT_PUBLIC_NETWORK_DISABLED,
          parameters: { effect },
        },
    ipAllowList
      ? {
          key: 'storage-network',
          displayName: 'Storage accounts have their firewall on (default action Deny)',
          definitionId: NETWORK_POLICY_DEFINITIONS.STORAGE_FIREWALL,
          parameters: { effect },
        }
      : {
          key: 'storage-network',
          displayName: 'Storage accounts disable public network access',
          definitionId: NETWORK_POLICY_DEFINITIONS.STORAGE_PUBLIC_NETWORK_DISABLED,
          parameters: { effect },
        },
    {
      key: 'registry-network',
      displayName: 'Container registries disable public network access',
      definitionId: NETWORK_POLICY_DEFINITIONS.REGISTRY_PUBLIC_NETWORK_DISABLED,
      parameters: { effect },
    },
    // the platform's accounts are created and updated with allowSharedKeyAccess false
    {
      key: 'storage-shared-key',
      displayName: 'Storage accounts prevent shared key access',
      definitionId: NETWORK_POLICY_DEFINITIONS.STORAGE_SHARED_KEY_DISABLED,
      parameters: { effect },
    },
  ];
}

/**
 * Azure Policy guardrails at resource-group scope (AZ-12), built-in definitions: workspaces
 * encrypted with CMK, private link used, public network disabled, compute local auth
 * disabled, managed VNet AllowOnlyApprovedOutbound, compute-instance idle shutdown (audit), resource logs enabled;
 * and public network access off on the Key Vaults, storage accounts and container registries of
 * the resource group (or, with `publicIpAllowList`, the Key Vault and storage firewalls on), so
 * that a Contributor cannot reopen the platform's dependencies after deploy. The Deny ones apply
 * to every such resource created or updated in the resource group, not only the platform's.
 */
export class AzureMlPolicyAssignments extends Construct {
  /** Assignments by key (cmk, private-link, public-network, compute-local-auth, managed-network, idle-shutdown, resource-logs, key-vault-network, storage-network, registry-network). */
  public readonly assignments: { [key: string]: ResourceGroupPolicyAssignment } = {};

  constructor(scope: Construct, id: string, props: AzureMlPolicyAssignmentsProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    validatePolicyAssignmentProps(this, props);
    const prefix = props.namePrefix ?? 'mlops';
    const list = mlPolicyAssignments(
      props.effect ?? AzurePolicyEffect.DENY,
      props.isolationMode ?? 'AllowOnlyApprovedOutbound',
      props.publicIpAllowList === true,
    );
    for (const a of list) {
      // At most 64 characters (policy assignment names below management-group scope); a name
      // that fits is kept, a longer one is shortened with a hash so that the ten stay distinct.
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
