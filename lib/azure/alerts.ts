import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { MonitorActivityLogAlert } from '@cdktf/provider-azurerm/lib/monitor-activity-log-alert';
import { Construct } from 'constructs';
import { isUnresolved, requireProps, Validator } from '../core/errors';
import {
  ACTION_GROUP_REGIONS,
  ACTIVITY_LOG_ALERT_LOCATIONS,
  ACTIVITY_LOG_EXPORT_ALERT,
  SECURITY_ALERT_STATUSES,
  SECURITY_ALERTS,
  SecurityAlertDefinition,
} from './defaults';
import {
  checkAlertReceivers,
  claimCapacity,
  claimInResourceGroup,
  str,
  strList,
  subscriptionScope,
} from './validation';

/** Props of {@link AzureSecurityAlerts}. */
export interface AzureSecurityAlertsProps {
  /** Resource group of the alert rules and the action group. */
  readonly resourceGroupName: string;
  /** Resource ids (resource groups, resources) whose Activity Log events alert, e.g. the platform's resource group. */
  readonly scopes: string[];
  /**
   * Where the alert rules live: 'global', 'westeurope' or 'northeurope' (the locations Azure runs activity log alert rules in; the European ones keep the processing in the EU).
   * @default 'global'
   */
  readonly location?: string;
  /**
   * Where the created action group is stored and processed: 'global' or a region that processes action groups regionally (eastus, westus, eastus2, westus2, southcentralus, northcentralus, swedencentral, germanywestcentral, centralindia, southindia).
   * @default 'global'
   */
  readonly actionGroupLocation?: string;
  /**
   * E-mail addresses notified by a new action group (Azure asks each new address to confirm a one-time passcode within 30 minutes).
   * @default - none
   */
  readonly emails?: string[];
  /**
   * Existing action groups (resource ids) notified as well, e.g. the security team's.
   * @default - none
   */
  readonly existingActionGroupIds?: string[];
  /**
   * Prefix of the alert rule and action group names (unique in the resource group).
   * @default 'alert-secure-mlops'
   */
  readonly namePrefix?: string;
  /**
   * The subscription Activity Log export (a subscription diagnostic setting, above `scopes`) whose changes alert too: one more alert rule, scoped to the subscription, on that setting only.
   * @default - the export is not watched
   */
  readonly activityLogExport?: AzureActivityLogExportRef;
}

/** A subscription diagnostic setting that exports the Activity Log. */
export interface AzureActivityLogExportRef {
  /** The subscription's resource id (/subscriptions/<subscription id>, e.g. data.azurerm_subscription's id). */
  readonly subscriptionId: string;
  /** The diagnostic setting's name. */
  readonly name: string;
}

const ALERT_NAME = /^[^<>*%&:\\?+/#|"]{1,200}$/;

/** A location that is 'global' (the default) or one of `regions`. */
function checkGlobalOr(
  v: Validator,
  prop: string,
  value: string | undefined,
  regions: readonly string[],
  why: string,
): void {
  const location = value ?? 'global';
  if (str(v, prop, location) && !isUnresolved(location))
    v.require(
      ['global', ...regions].includes(location),
      prop,
      location,
      `one of global, ${regions.join(', ')} (${why})`,
    );
}

/** The props checks of {@link AzureSecurityAlerts}. */
function checkSecurityAlertsProps(v: Validator, props: AzureSecurityAlertsProps): Validator {
  str(v, 'resourceGroupName', props.resourceGroupName);
  if (strList(v, 'scopes', props.scopes, { optional: false }) && Array.isArray(props.scopes))
    v.require(props.scopes.length > 0, 'scopes', props.scopes, 'at least one resource id');
  checkGlobalOr(
    v,
    'location',
    props.location,
    ACTIVITY_LOG_ALERT_LOCATIONS,
    'where Azure runs activity log alert rules',
  );
  checkGlobalOr(
    v,
    'actionGroupLocation',
    props.actionGroupLocation,
    ACTION_GROUP_REGIONS,
    'the regions that process action groups regionally',
  );
  const prefix = props.namePrefix;
  if (str(v, 'namePrefix', prefix, true) && typeof prefix === 'string' && !isUnresolved(prefix))
    v.require(
      ALERT_NAME.test(prefix),
      'namePrefix',
      prefix,
      '1-200 characters without <>*%&:\\?+/#|"',
    );
  const ex = props.activityLogExport;
  if (ex !== undefined && v.object('activityLogExport', ex)) {
    if (
      str(v, 'activityLogExport.subscriptionId', ex.subscriptionId) &&
      !isUnresolved(ex.subscriptionId)
    )
      v.require(
        /^\/subscriptions\/[0-9a-fA-F-]{36}$/.test(ex.subscriptionId),
        'activityLogExport.subscriptionId',
        ex.subscriptionId,
        'a subscription resource id /subscriptions/<subscription id>',
      );
    str(v, 'activityLogExport.name', ex.name);
  }
  checkAlertReceivers(
    v,
    'emails',
    props.emails,
    'existingActionGroupIds',
    props.existingActionGroupIds,
  );
  return v;
}

/**
 * Security-change alerts (AZ-11; parity with AWS-23 alarms and GCP-14 log-based alerts): Azure
 * Monitor activity log alert rules on the changes that would undo the platform's controls
 * (SECURITY_ALERTS: role assignments and custom roles, policy assignments and exemptions, locks,
 * diagnostic settings, network security groups and rules, private endpoint deletion, writes of
 * the Key Vaults, storage accounts, registries and ML workspaces, and changes to the alert rules
 * and action groups themselves), each a completed
 * (Succeeded) Administrative event under `scopes`, notifying an action group of e-mail receivers
 * and any existing action groups. A subscription holds at most 100 activity log alert rules
 * (synth fails beyond). Changes made above the scopes (subscription role assignments and
 * policy assignments) are not watched: alert on them at the subscription; the subscription
 * Activity Log export is watched only when given (`activityLogExport`).
 */
export class AzureSecurityAlerts extends Construct {
  /** The created action group (undefined without e-mails). */
  public readonly actionGroup?: MonitorActionGroup;
  /** Alert rules by key (rbac, policy, locks, diagnostics, nsg, alert-rule-write, ...). */
  public readonly alerts: { [key: string]: MonitorActivityLogAlert } = {};

  constructor(scope: Construct, id: string, props: AzureSecurityAlertsProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    checkSecurityAlertsProps(new Validator(this), props).throwIfInvalid();
    const location = props.location ?? 'global';
    const prefix = props.namePrefix ?? 'alert-secure-mlops';
    const emails = props.emails ?? [];
    if (emails.length > 0) {
      claimInResourceGroup(
        this,
        'action group',
        props.resourceGroupName,
        `${prefix}-ag`,
        'namePrefix',
      );
      this.actionGroup = new MonitorActionGroup(this, 'action-group', {
        name: `${prefix}-ag`,
        resourceGroupName: props.resourceGroupName,
        location: props.actionGroupLocation ?? 'global',
        // at most 12 characters (azurerm short_name); it heads the notifications
        shortName: 'mlsecurity',
        emailReceiver: emails.map((emailAddress, i) => ({
          name: `email-${i}`,
          emailAddress,
          useCommonAlertSchema: true,
        })),
      });
    }
    const actions = [
      ...(this.actionGroup ? [this.actionGroup.id] : []),
      ...(props.existingActionGroupIds ?? []),
    ].map((actionGroupId) => ({ actionGroupId }));
    const at = { location, action: actions, scopes: props.scopes };
    for (const a of SECURITY_ALERTS) this.alert(props, a, `${prefix}-${a.key}`, at);
    const ex = props.activityLogExport;
    if (ex !== undefined)
      this.alert(props, ACTIVITY_LOG_EXPORT_ALERT, `${prefix}-${ACTIVITY_LOG_EXPORT_ALERT.key}`, {
        ...at,
        scopes: [ex.subscriptionId],
        resourceId: `${ex.subscriptionId}/providers/Microsoft.Insights/diagnosticSettings/${ex.name}`,
      });
  }

  /** One alert rule: completed Administrative events of its operation or resource types. */
  private alert(
    props: AzureSecurityAlertsProps,
    a: SecurityAlertDefinition,
    name: string,
    at: {
      location: string;
      action: { actionGroupId: string }[];
      scopes: string[];
      resourceId?: string;
    },
  ): void {
    claimInResourceGroup(this, 'activity log alert', props.resourceGroupName, name, 'namePrefix');
    const rule = new MonitorActivityLogAlert(this, `alert-${a.key}`, {
      name,
      resourceGroupName: props.resourceGroupName,
      location: at.location,
      scopes: at.scopes,
      description: `${a.description} (AZ-11 security-change alert)`,
      criteria: {
        category: 'Administrative',
        operationName: a.operationName,
        resourceTypes: a.resourceTypes,
        resourceId: at.resourceId,
        statuses: SECURITY_ALERT_STATUSES,
      },
      action: at.action,
    });
    claimCapacity(
      rule,
      'activity log alert rules',
      subscriptionScope(this),
      100,
      'alerts',
      'a subscription holds at most 100 activity log alert rules (Azure Monitor service limits, not adjustable): set alerts: false on platforms whose changes another platform already watches',
    );
    this.alerts[a.key] = rule;
  }
}
