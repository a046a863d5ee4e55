import { RulePack } from '../../core/compliance/rule';
import { GCP_FRAMEWORKS } from './frameworks';
import { preventDestroyRule, requiredTagsRule } from '../../core/rules';
import { gcpLabelAttributeOf } from '../profile';
import { gcp01CustomCodeAgent } from './gcp-01.custom-code-agent';
import { gcp01DefaultComputeSa } from './gcp-01';
import { gcp01DefaultSaGuard } from './gcp-01.default-sa-guard';
import { gcp02BroadRoles } from './gcp-02';
import { gcp03Groups } from './gcp-03.groups';
import { gcp03ResourceLevelData } from './gcp-03';
import { gcp04VizierOnlyRoles } from './gcp-04';
import { gcp05AgentGrantBeforeUse } from './gcp-05';
import { gcp05ApiEnabled } from './gcp-05.api-enabled';
import { gcp05ComputeAgent } from './gcp-05.compute-agent';
import { gcp06BqExpiration } from './gcp-06.bq-expiration';
import { gcp06Cmek } from './gcp-06.cmek';
import { gcp06KeyRegion } from './gcp-06.region';
import { gcp06KeyRotation } from './gcp-06.rotation';
import { gcp07EnforceLast } from './gcp-07.enforce-last';
import { gcp07Ingress } from './gcp-07.ingress';
import { gcp07PerimeterMembership } from './gcp-07.membership';
import { gcp07PerimeterServices } from './gcp-07';
import { gcp07Present } from './gcp-07.perimeter';
import { gcp07Resources } from './gcp-07.resources';
import { gcp08Firewall } from './gcp-08.firewall';
import { gcp08IapSsh } from './gcp-08.targets';
import { gcp08Network } from './gcp-08.network';
import { gcp08Subnet } from './gcp-08.subnet';
import { gcp09Workbench } from './gcp-09';
import { gcp10AllServices } from './gcp-10.all-services';
import { gcp10AuditConfig } from './gcp-10.audit-config';
import { gcp10DefaultBucket } from './gcp-10.default-bucket';
import { gcp10LogBucket } from './gcp-10.log-bucket';
import { gcp10SinkGuard } from './gcp-10.sink-guard';
import { gcp11ConstraintShape } from './gcp-11.shape';
import { gcp11OrgPolicies } from './gcp-11';
import { gcp12BucketAccess } from './gcp-12.access';
import { gcp12BucketLogging } from './gcp-12.logging';
import { gcp12BucketVersioning } from './gcp-12.lifecycle';
import { gcp12SoftDelete } from './gcp-12.soft-delete';
import { gcp13Registry } from './gcp-13';
import { gcp14AlertChannels } from './gcp-14';
import { gcp14AlertGuard } from './gcp-14.alert-guard';
import { gcp14ChannelLabels } from './gcp-14.channel-labels';
import { gcp14LogAlertRateLimit } from './gcp-14.log-alert';
import { gcp15EndpointFormat } from './gcp-15.format';
import { gcp15PrivateEndpoint } from './gcp-15';
import { gcp17NoSaKeys } from './gcp-17';
import { x03PublicMember } from './x-03.public-member';
import { x08ForceDestroy } from './x-08.force-destroy';
import { gcp17Pool } from './gcp-17.pool';
import { x15GcpPermission } from './x-15.gcp-permission';
import { x15GcpRole } from './x-15.gcp-role';
import { x15GcpService } from './x-15.gcp-service';
import { x15GcpVpcscService } from './x-15.gcp-vpcsc-service';
import { gcp07EnabledServices } from './gcp-07.enabled-services';
import { gcp07AdmitsDeployer } from './gcp-07.admits-deployer';
import { gcp09WorkbenchDns } from './gcp-09.workbench-dns';
import { x15GcpOrgConstraint } from './x-15.gcp-org-constraint';

/** Stateful GCP resource types that must carry prevent_destroy. */
export const GCP_STATEFUL_TYPES = [
  'google_kms_key_ring',
  'google_kms_crypto_key',
  'google_storage_bucket',
  'google_bigquery_dataset',
  'google_artifact_registry_repository',
  'google_logging_project_bucket_config',
  'google_vertex_ai_tensorboard',
  'google_vertex_ai_metadata_store',
  'google_vertex_ai_endpoint',
  'google_workbench_instance',
  'google_project',
];

/** Labelled GCP resource types that must carry the platform labels. */
export const GCP_LABELLED_TYPES = [
  'google_kms_crypto_key',
  'google_storage_bucket',
  'google_bigquery_dataset',
  'google_artifact_registry_repository',
  'google_vertex_ai_tensorboard',
  'google_vertex_ai_endpoint',
  'google_workbench_instance',
  'google_project',
  'google_monitoring_notification_channel',
  'google_monitoring_alert_policy',
];

/**
 * The GCP rule pack: one rule per control facet that can be checked on any Terraform
 * JSON, ids = control ids. `Compliance.of(app).addPack(new GcpMlopsChecks())`.
 */
export class GcpMlopsChecks extends RulePack {
  constructor() {
    // prettier-ignore
    super('GcpMlopsChecks', [
      gcp01DefaultComputeSa,
      gcp01DefaultSaGuard,
      gcp01CustomCodeAgent,
      gcp02BroadRoles,
      gcp03ResourceLevelData,
      gcp03Groups,
      gcp04VizierOnlyRoles,
      gcp05AgentGrantBeforeUse,
      gcp05ApiEnabled,
      gcp05ComputeAgent,
      gcp06KeyRotation,
      gcp06Cmek,
      gcp06KeyRegion,
      gcp06BqExpiration,
      gcp07PerimeterServices,
      gcp07EnabledServices,
      gcp07AdmitsDeployer,
      gcp07PerimeterMembership,
      gcp07Ingress,
      gcp07Resources,
      gcp07EnforceLast,
      gcp07Present,
      gcp08Network,
      gcp08Subnet,
      gcp08Firewall,
      gcp08IapSsh,
      gcp09Workbench,
      gcp09WorkbenchDns,
      gcp10AuditConfig,
      gcp10AllServices,
      gcp10LogBucket,
      gcp10SinkGuard,
      gcp10DefaultBucket,
      gcp11OrgPolicies,
      gcp11ConstraintShape,
      gcp12BucketAccess,
      gcp12BucketVersioning,
      gcp12BucketLogging,
      gcp12SoftDelete,
      gcp13Registry,
      gcp14AlertChannels,
      gcp14AlertGuard,
      gcp14ChannelLabels,
      gcp14LogAlertRateLimit,
      gcp15PrivateEndpoint,
      gcp15EndpointFormat,
      gcp17NoSaKeys,
      x03PublicMember,
      x08ForceDestroy,
      gcp17Pool,
      x15GcpRole,
      x15GcpPermission,
      x15GcpService,
      x15GcpVpcscService,
      x15GcpOrgConstraint,
      preventDestroyRule(GCP_STATEFUL_TYPES),
      requiredTagsRule('google_', gcpLabelAttributeOf, GCP_LABELLED_TYPES, [
        { provider: 'google', path: 'default_labels' },
        { provider: 'google-beta', path: 'default_labels' },
      ]),
    ], GCP_FRAMEWORKS);
  }
}
