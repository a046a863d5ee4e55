import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { MonitorPrivateLinkScope } from '@cdktf/provider-azurerm/lib/monitor-private-link-scope';
import { MonitorPrivateLinkScopedService } from '@cdktf/provider-azurerm/lib/monitor-private-link-scoped-service';
import { Construct } from 'constructs';
import { isUnresolved, requireProps, Validator } from '../core/errors';
import { uniqueName, uniqueSuffix } from '../core/naming';
import { applyRemovalPolicy, RemovalPolicy } from '../core/removal-policy';
import {
  ACTIVITY_LOG_CATEGORIES,
  DUAL_MODE_DIAGNOSTICS_TYPES,
  MONITORING_DEFAULTS,
} from './defaults';
import { AzureDiagnosticSettingsOptions } from './part-options';
import { armTypeOfId } from './reference/private-endpoint-subresources';
import {
  ARM_ID,
  bool,
  checkArmId,
  checkUnique,
  claimInSubscription,
  num,
  startPlacedProps,
  str,
  strList,
} from './validation';

/** Props of {@link AzureDiagnosticSetting}: the uniform diagnostic-settings shape and its target. */
export interface AzureDiagnosticSettingProps extends AzureDiagnosticSettingsOptions {
  /** Resource (or sub-resource, e.g. a storage account's blobServices/default) whose logs are shipped. */
  readonly targetResourceId: string;
  /**
   * Log categories to ship one by one instead of the allLogs category group.
   * @default - category group allLogs
   * @deprecated use `logCategories` (the name in the uniform AzureDiagnosticSettingsOptions)
   */
  readonly categories?: string[];
  /**
   * Log Analytics destination type of the resource logs: 'Dedicated' (resource-specific tables) or 'AzureDiagnostics' (the shared table). Only API Management, Cosmos DB accounts, Data Factory, Recovery Services vaults and Azure Firewall write either way; every other type (Key Vault, container registries, storage services, ML workspaces...) writes one way only, ignores the setting and returns none, so azurerm would show a perpetual diff. Only with logs.
   * @default - 'Dedicated' (with logs, category group allLogs) when targetResourceId is a literal id of one of those five types; otherwise unset
   */
  readonly logAnalyticsDestinationType?: string;
}

/** True when a literal resource id names a resource type that writes logs in either mode. */
function isDualModeTarget(targetResourceId: string): boolean {
  if (typeof targetResourceId !== 'string' || isUnresolved(targetResourceId)) return false;
  const type = armTypeOfId(targetResourceId)?.toLowerCase();
  return DUAL_MODE_DIAGNOSTICS_TYPES.some((t) => t.toLowerCase() === type);
}

/** One diagnostic setting: all logs and the metrics of a resource to Log Analytics (AZ-11). */
export class AzureDiagnosticSetting extends Construct {
  /** The diagnostic setting. */
  public readonly setting: MonitorDiagnosticSetting;

  constructor(scope: Construct, id: string, props: AzureDiagnosticSettingProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const v = new Validator(this);
    str(v, 'targetResourceId', props.targetResourceId);
    str(v, 'logAnalyticsWorkspaceId', props.logAnalyticsWorkspaceId);
    const logsOk = bool(v, 'logs', props.logs);
    const metricsOk = bool(v, 'metrics', props.metrics);
    const logs = logsOk ? (props.logs ?? true) : true;
    const metrics = metricsOk ? (props.metrics ?? true) : true;
    if (
      str(v, 'name', props.name, true) &&
      typeof props.name === 'string' &&
      !isUnresolved(props.name)
    ) {
      v.require(
        /^[^*%&:\\?+/<>#|"]{1,260}$/.test(props.name) && !/[. ]$/.test(props.name),
        'name',
        props.name,
        '1-260 characters without *%&:\\?+/<>#|", not ending with a period or space',
      );
    }
    if (props.logCategories !== undefined && props.categories !== undefined) {
      v.add(
        'logCategories',
        'logCategories and categories',
        'logCategories alone (categories is deprecated: move it into logCategories)',
      );
    }
    // a list of categories, each once: the given list when usable, else undefined
    const categoryList = (prop: string, given: string[] | undefined): string[] | undefined => {
      if (!strList(v, prop, given, { literal: 'each category is a block of the setting' }))
        return undefined;
      if (given !== undefined) {
        v.require(given.length > 0, prop, given, 'at least one category');
        checkUnique(v, prop, given, (c) => c.toLowerCase(), 'a category');
      }
      return given;
    };
    const categories = categoryList(
      props.logCategories !== undefined ? 'logCategories' : 'categories',
      props.logCategories ?? props.categories,
    );
    v.require(logs || metrics, 'logs', logs, 'logs or metrics (or both) true');
    if (
      v.enumValue('logAnalyticsDestinationType', props.logAnalyticsDestinationType, [
        'Dedicated',
        'AzureDiagnostics',
      ])
    )
      v.require(
        props.logAnalyticsDestinationType === undefined || logs,
        'logAnalyticsDestinationType',
        props.logAnalyticsDestinationType,
        'unset when logs is false (it applies to resource logs; a metrics-only setting would show a perpetual diff)',
      );
    const metricCategories =
      categoryList('metricCategories', props.metricCategories) ??
      MONITORING_DEFAULTS.metricCategories;
    v.throwIfInvalid();
    const enabledLog =
      categories !== undefined
        ? categories.map((category) => ({ category }))
        : [{ categoryGroup: 'allLogs' }];
    this.setting = new MonitorDiagnosticSetting(this, 'setting', {
      name: props.name ?? 'diag-secure-mlops',
      targetResourceId: props.targetResourceId,
      logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId,
      // Resource-specific tables for resource logs, only where the target type takes the choice
      // (DUAL_MODE_DIAGNOSTICS_TYPES): elsewhere Azure returns no destination type and the plan
      // shows a perpetual diff. Only with logs, and not for the Activity Log (its own table).
      logAnalyticsDestinationType:
        props.logAnalyticsDestinationType ??
        (logs && categories === undefined && isDualModeTarget(props.targetResourceId)
          ? 'Dedicated'
          : undefined),
      enabledLog: logs ? enabledLog : undefined,
      enabledMetric: metrics ? metricCategories.map((category) => ({ category })) : undefined,
    });
  }
}

/** Props of {@link AzureDiagnostics}. */
export interface AzureDiagnosticsProps {
  /** Resource group. */
  readonly resourceGroupName: string;
  /** Azure location. */
  readonly location: string;
  /**
   * An existing Log Analytics workspace (e.g. a central one) instead of creating one.
   * @default - a workspace is created
   */
  readonly existingLogAnalyticsWorkspaceId?: string;
  /**
   * Retention of the created Log Analytics workspace in days (30-730).
   * @default 90
   */
  readonly retentionInDays?: number;
  /**
   * What happens to the created log store on destroy (X-08).
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Reach Log Analytics and Application Insights only privately, through an Azure Monitor Private Link Scope (ingestion and query access PrivateOnly; public ingestion and query off on both).
   * @default true
   */
  readonly privateLinkScope?: boolean;
  /**
   * An existing Azure Monitor Private Link Scope (e.g. the hub's: one scope per DNS) to add the resources to, instead of creating one.
   * @default - a scope is created
   */
  readonly existingPrivateLinkScope?: AzureMonitorPrivateLinkScopeRef;
}

/** An existing Azure Monitor Private Link Scope. */
export interface AzureMonitorPrivateLinkScopeRef {
  /** Name of the scope. */
  readonly name: string;
  /** Resource group of the scope. */
  readonly resourceGroupName: string;
}

/**
 * Monitoring of the platform (AZ-11, X-06): a Log Analytics workspace (Entra-only access) or an
 * existing one, a workspace-based Application Insights with local (key) authentication off, and
 * an Azure Monitor Private Link Scope (AMPLS, PrivateOnly ingestion and query) holding both,
 * with public ingestion and query off on both. Connect the scope to a network with a private
 * endpoint (sub-resource `azuremonitor`; the platform does this).
 */
export class AzureDiagnostics extends Construct {
  /** The created Log Analytics workspace (undefined when brought). */
  public readonly logAnalytics?: LogAnalyticsWorkspace;
  /** The Application Insights component the ML workspace uses. */
  public readonly applicationInsights: ApplicationInsights;
  /** The Log Analytics workspace id (created or brought). */
  public readonly logAnalyticsWorkspaceId: string;
  /** The created Azure Monitor Private Link Scope (undefined when off or brought). */
  public readonly privateLinkScope?: MonitorPrivateLinkScope;
  /** Resource id of the scope the resources are in (undefined when off or brought). */
  public readonly privateLinkScopeId?: string;
  /** Resources linked to the scope, by key (logs, app-insights). */
  public readonly scopedServices: { [key: string]: MonitorPrivateLinkScopedService } = {};

  constructor(scope: Construct, id: string, props: AzureDiagnosticsProps) {
    super(scope, id);
    const { v } = startPlacedProps(this, props);
    checkArmId(
      v,
      'existingLogAnalyticsWorkspaceId',
      props.existingLogAnalyticsWorkspaceId,
      ARM_ID.logAnalytics,
      true,
    );
    num(v, 'retentionInDays', props.retentionInDays, { integer: true, min: 30, max: 730 });
    v.enumValue('removalPolicy', props.removalPolicy, Object.values(RemovalPolicy));
    bool(v, 'privateLinkScope', props.privateLinkScope);
    const ref = props.existingPrivateLinkScope;
    if (ref !== undefined && v.object('existingPrivateLinkScope', ref)) {
      str(v, 'existingPrivateLinkScope.name', ref.name);
      str(v, 'existingPrivateLinkScope.resourceGroupName', ref.resourceGroupName);
    }
    if (props.privateLinkScope === false && ref !== undefined) {
      v.add('existingPrivateLinkScope', ref, 'unset when privateLinkScope is false');
    }
    v.throwIfInvalid();
    const retention = props.retentionInDays ?? MONITORING_DEFAULTS.retentionInDays;
    const scoped = props.privateLinkScope ?? true;
    if (props.existingLogAnalyticsWorkspaceId) {
      this.logAnalyticsWorkspaceId = props.existingLogAnalyticsWorkspaceId;
    } else {
      this.logAnalytics = new LogAnalyticsWorkspace(this, 'logs', {
        name: uniqueName(this, { prefix: `log-${id}`, maxLength: 63 }),
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        sku: 'PerGB2018',
        retentionInDays: retention,
        localAuthenticationEnabled: false,
        internetIngestionEnabled: !scoped,
        internetQueryEnabled: !scoped,
      });
      applyRemovalPolicy(this.logAnalytics, props.removalPolicy);
      this.logAnalyticsWorkspaceId = this.logAnalytics.id;
    }
    this.applicationInsights = new ApplicationInsights(this, 'app-insights', {
      name: uniqueName(this, { prefix: `appi-${id}`, maxLength: 255 }),
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      applicationType: 'web',
      workspaceId: this.logAnalyticsWorkspaceId,
      localAuthenticationDisabled: true,
      internetIngestionEnabled: !scoped,
      internetQueryEnabled: !scoped,
    });

    if (scoped) {
      let scopeName: string;
      let scopeRg: string;
      if (props.existingPrivateLinkScope) {
        scopeName = props.existingPrivateLinkScope.name;
        scopeRg = props.existingPrivateLinkScope.resourceGroupName;
      } else {
        this.privateLinkScope = new MonitorPrivateLinkScope(this, 'private-link-scope', {
          name: uniqueName(this, { prefix: `ampls-${id}`, maxLength: 63 }),
          resourceGroupName: props.resourceGroupName,
          ingestionAccessMode: 'PrivateOnly',
          queryAccessMode: 'PrivateOnly',
        });
        this.privateLinkScopeId = this.privateLinkScope.id;
        scopeName = this.privateLinkScope.name;
        scopeRg = props.resourceGroupName;
      }
      const link = (key: string, resourceId: string) => {
        // Unique within the scope, which a hub may share between platforms.
        this.scopedServices[key] = new MonitorPrivateLinkScopedService(this, `scoped-${key}`, {
          name: `amplsrv-${uniqueSuffix(this)}-${key}`,
          resourceGroupName: scopeRg,
          scopeName,
          linkedResourceId: resourceId,
        });
      };
      if (this.logAnalytics) link('logs', this.logAnalytics.id);
      link('app-insights', this.applicationInsights.id);
    }
  }

  /**
   * Exports the subscription Activity Log (every category) to this Log Analytics workspace
   * (X-06). A subscription holds at most five diagnostic settings; the name must be unique there.
   */
  public exportActivityLog(
    id: string,
    subscriptionId: string,
    name: string,
  ): AzureDiagnosticSetting {
    claimInSubscription(this, 'subscription diagnostic setting', name, 'name');
    return new AzureDiagnosticSetting(this, id, {
      targetResourceId: subscriptionId,
      logAnalyticsWorkspaceId: this.logAnalyticsWorkspaceId,
      logCategories: ACTIVITY_LOG_CATEGORIES,
      metrics: false,
      name,
    });
  }

  /**
   * Adds a diagnostic setting shipping a resource's logs and metrics to this Log Analytics
   * workspace (`metricCategories`: those the target takes, ['AllMetrics'] unless given; a
   * storage account and its services take ['Transaction']).
   */
  public ship(
    id: string,
    targetResourceId: string,
    logs?: boolean,
    metrics?: boolean,
    metricCategories?: string[],
  ): AzureDiagnosticSetting {
    return new AzureDiagnosticSetting(this, id, {
      targetResourceId,
      logAnalyticsWorkspaceId: this.logAnalyticsWorkspaceId,
      logs,
      metrics,
      metricCategories,
    });
  }
}
