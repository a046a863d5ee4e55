import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { Construct } from 'constructs';
import { Validator } from '../core/errors';
import { uniqueName } from '../core/naming';
import { applyRemovalPolicy, RemovalPolicy } from '../core/removal-policy';
import { MONITORING_DEFAULTS } from './defaults';

/** Props of {@link AzureDiagnosticSetting}. */
export interface AzureDiagnosticSettingProps {
  /** Resource (or sub-resource, e.g. a storage account's blobServices/default) whose logs are shipped. */
  readonly targetResourceId: string;
  /** Log Analytics workspace receiving the logs. */
  readonly logAnalyticsWorkspaceId: string;
  /**
   * Ship every log category (category group allLogs).
   * @default true
   */
  readonly logs?: boolean;
  /**
   * Ship all metrics.
   * @default true
   */
  readonly metrics?: boolean;
  /**
   * Name of the diagnostic setting.
   * @default 'diag-secure-mlops'
   */
  readonly name?: string;
}

/** One diagnostic setting: all logs and all metrics of a resource to Log Analytics (AZ-11). */
export class AzureDiagnosticSetting extends Construct {
  /** The diagnostic setting. */
  public readonly setting: MonitorDiagnosticSetting;

  constructor(scope: Construct, id: string, props: AzureDiagnosticSettingProps) {
    super(scope, id);
    const logs = props.logs ?? true;
    const metrics = props.metrics ?? true;
    const v = new Validator(this);
    v.require(logs || metrics, 'logs', logs, 'logs or metrics (or both) true');
    v.throwIfInvalid();
    this.setting = new MonitorDiagnosticSetting(this, 'setting', {
      name: props.name ?? 'diag-secure-mlops',
      targetResourceId: props.targetResourceId,
      logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId,
      // Resource-specific tables; only with logs (metrics-only settings would show a perpetual diff).
      logAnalyticsDestinationType: logs ? 'Dedicated' : undefined,
      enabledLog: logs ? [{ categoryGroup: 'allLogs' }] : undefined,
      enabledMetric: metrics ? [{ category: 'AllMetrics' }] : undefined,
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
   * What happens to the created log store on destroy.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Monitoring of the platform (AZ-11, X-06): a Log Analytics workspace (Entra-only access) or an
 * existing one, and a workspace-based Application Insights with local (key) authentication off.
 */
export class AzureDiagnostics extends Construct {
  /** The created Log Analytics workspace (undefined when brought). */
  public readonly logAnalytics?: LogAnalyticsWorkspace;
  /** The Application Insights component the ML workspace uses. */
  public readonly applicationInsights: ApplicationInsights;
  /** The Log Analytics workspace id (created or brought). */
  public readonly logAnalyticsWorkspaceId: string;

  constructor(scope: Construct, id: string, props: AzureDiagnosticsProps) {
    super(scope, id);
    const retention = props.retentionInDays ?? MONITORING_DEFAULTS.retentionInDays;
    const v = new Validator(this);
    v.require(
      Number.isInteger(retention) && retention >= 30 && retention <= 730,
      'retentionInDays',
      retention,
      'an integer from 30 to 730',
    );
    v.throwIfInvalid();

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
    });
  }

  /** Adds a diagnostic setting shipping a resource's logs and metrics to this Log Analytics workspace. */
  public ship(
    id: string,
    targetResourceId: string,
    logs?: boolean,
    metrics?: boolean,
  ): AzureDiagnosticSetting {
    return new AzureDiagnosticSetting(this, id, {
      targetResourceId,
      logAnalyticsWorkspaceId: this.logAnalyticsWorkspaceId,
      logs,
      metrics,
    });
  }
}
