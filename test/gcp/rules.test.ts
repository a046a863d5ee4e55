import { ComplianceStatus, RuleCategory } from '../../lib/core/compliance/rule';
import { GcpMlopsChecks } from '../../lib/gcp';
import { CUSTOM_ROLE_DEFINITIONS } from '../../lib/gcp/role-catalogue';
import { describeRules, RuleCase, ruleOf, tf, withBlocksAsLists } from '../rule-harness';

const pack = new GcpMlopsChecks();

type Resources = { [type: string]: { [name: string]: any } };

/** A case on resource `type.name` of a hand-written Terraform JSON (resources, plus `extra` blocks). */
const at = (
  rule: string,
  resources: Resources,
  type: string,
  expected: ComplianceStatus,
  title?: string,
  name = 'r',
  extra: any = {},
): RuleCase => ({
  rule,
  title,
  json: tf(resources, extra),
  at: `${type}.${name}`,
  expect: expected,
});
/** One resource `r` of `type` with `attrs`. */
const one = (type: string, attrs: any): Resources => ({ [type]: { r: attrs } });

const OK = ComplianceStatus.COMPLIANT;
const BAD = ComplianceStatus.NON_COMPLIANT;
const NA = ComplianceStatus.NOT_APPLICABLE;
const UNKNOWN = ComplianceStatus.UNKNOWN;

const E = '${var.x}';
const AUDIT_FILTER = 'logName:"cloudaudit.googleapis.com"';
const DATA_ACCESS = 'LOG_ID("cloudaudit.googleapis.com/data_access")';
const SA = 'serviceAccount:x@p.iam.gserviceaccount.com';
const WB_GOOD = {
  disable_public_ip: true,
  metadata: { 'notebook-disable-root': 'true' },
  shielded_instance_config: {
    enable_secure_boot: true,
    enable_vtpm: true,
    enable_integrity_monitoring: true,
  },
  boot_disk: { disk_encryption: 'CMEK', kms_key: 'k' },
  service_accounts: [{ email: 'wb@p.iam.gserviceaccount.com' }],
};
const BUCKET_GOOD = {
  uniform_bucket_level_access: true,
  public_access_prevention: 'enforced',
  versioning: { enabled: true },
  lifecycle_rule: [{ action: { type: 'Delete' }, condition: { age: 30 } }],
  logging: { log_bucket: 'logs' },
  soft_delete_policy: { retention_duration_seconds: 604800 },
};
const REQUIRED = [
  'aiplatform',
  'storage',
  'bigquery',
  'artifactregistry',
  'notebooks',
  'cloudkms',
  'logging',
  'monitoring',
  'containerregistry',
].map((s) => `${s}.googleapis.com`);
const INGRESS_GOOD = {
  ingress_from: { identities: [SA], sources: [{ access_level: '*' }] },
  ingress_to: { resources: ['*'], operations: [{ service_name: 'storage.googleapis.com' }] },
};
const PERIMETER_GOOD = {
  status: {
    resources: ['projects/1'],
    restricted_services: REQUIRED,
    vpc_accessible_services: { enable_restriction: true },
    ingress_policies: [INGRESS_GOOD],
  },
};
const AUDIT_TYPES = ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'].map((log_type) => ({ log_type }));

// [title, rule id, resources, type, expected] — each rule has a compliant and a non-compliant case
const CASES: Array<[string, string, Resources, string, ComplianceStatus]> = [
  [
    'default compute SA granted a role',
    'GCP-01',
    one('google_project_iam_member', {
      role: 'roles/viewer',
      member: 'serviceAccount:1-compute@developer.gserviceaccount.com',
    }),
    'google_project_iam_member',
    BAD,
  ],
  [
    'Workbench without service account',
    'GCP-01',
    one('google_workbench_instance', { gce_setup: {} }),
    'google_workbench_instance',
    BAD,
  ],
  [
    'Workbench with a dedicated SA',
    'GCP-01',
    one('google_workbench_instance', { gce_setup: WB_GOOD }),
    'google_workbench_instance',
    OK,
  ],
  [
    'editor granted',
    'GCP-02',
    one('google_project_iam_member', { role: 'roles/editor', member: SA }),
    'google_project_iam_member',
    BAD,
  ],
  [
    'storage.admin on a bucket',
    'GCP-02',
    one('google_storage_bucket_iam_member', {
      role: 'roles/storage.admin',
      member: 'group:g@example.com',
    }),
    'google_storage_bucket_iam_member',
    BAD,
  ],
  [
    'notebooks.admin project-wide',
    'GCP-02',
    one('google_project_iam_member', {
      role: 'roles/notebooks.admin',
      member: 'group:g@example.com',
    }),
    'google_project_iam_member',
    BAD,
  ],
  [
    'notebooks.admin on an instance',
    'GCP-02',
    one('google_workbench_instance_iam_member', {
      role: 'roles/notebooks.admin',
      member: 'group:g@example.com',
    }),
    'google_workbench_instance_iam_member',
    OK,
  ],
  [
    'bigquery.jobUser',
    'GCP-02',
    one('google_project_iam_member', {
      role: 'roles/bigquery.jobUser',
      member: 'group:g@example.com',
    }),
    'google_project_iam_member',
    OK,
  ],
  [
    'data role project-wide',
    'GCP-03',
    one('google_project_iam_member', {
      role: 'roles/storage.objectAdmin',
      member: 'group:g@example.com',
    }),
    'google_project_iam_member',
    BAD,
  ],
  [
    'logging.viewer project-wide',
    'GCP-03',
    one('google_project_iam_member', {
      role: 'roles/logging.viewer',
      member: 'group:g@example.com',
    }),
    'google_project_iam_member',
    OK,
  ],
  [
    'project role to a user',
    'GCP-03.groups',
    one('google_project_iam_member', { role: 'roles/viewer', member: 'user:alice@example.com' }),
    'google_project_iam_member',
    BAD,
  ],
  [
    'project role to a group',
    'GCP-03.groups',
    one('google_project_iam_member', { role: 'roles/viewer', member: 'group:g@example.com' }),
    'google_project_iam_member',
    OK,
  ],
  [
    'binding with a user among members',
    'GCP-03.groups',
    one('google_project_iam_binding', {
      role: 'roles/viewer',
      members: ['group:g@example.com', 'user:a@example.com'],
    }),
    'google_project_iam_binding',
    BAD,
  ],
  [
    'Vizier role with prediction',
    'GCP-04',
    one('google_project_iam_custom_role', {
      permissions: ['aiplatform.studies.get', 'aiplatform.endpoints.predict'],
    }),
    'google_project_iam_custom_role',
    BAD,
  ],
  [
    'Vizier role on legacy ml.* permissions',
    'GCP-04',
    one('google_project_iam_custom_role', { permissions: ['ml.studies.get', 'ml.trials.get'] }),
    'google_project_iam_custom_role',
    BAD,
  ],
  [
    'Vizier-only role',
    'GCP-04',
    one('google_project_iam_custom_role', {
      permissions: [
        'aiplatform.studies.get',
        'aiplatform.trials.get',
        'resourcemanager.projects.get',
      ],
    }),
    'google_project_iam_custom_role',
    OK,
  ],
  [
    'role without Vizier',
    'GCP-04',
    one('google_project_iam_custom_role', { permissions: ['aiplatform.models.get'] }),
    'google_project_iam_custom_role',
    NA,
  ],
  [
    'rotation a year',
    'GCP-06.rotation',
    one('google_kms_crypto_key', { rotation_period: '31536000s' }),
    'google_kms_crypto_key',
    BAD,
  ],
  [
    'rotation missing',
    'GCP-06.rotation',
    one('google_kms_crypto_key', {}),
    'google_kms_crypto_key',
    BAD,
  ],
  [
    'rotation 90 days',
    'GCP-06.rotation',
    one('google_kms_crypto_key', { rotation_period: '7776000s' }),
    'google_kms_crypto_key',
    OK,
  ],
  [
    'dataset without CMEK',
    'GCP-06.cmek',
    one('google_bigquery_dataset', { dataset_id: 'd' }),
    'google_bigquery_dataset',
    BAD,
  ],
  [
    'Workbench GMEK disk',
    'GCP-06.cmek',
    one('google_workbench_instance', { gce_setup: { boot_disk: { disk_encryption: 'GMEK' } } }),
    'google_workbench_instance',
    BAD,
  ],
  [
    'endpoint with CMEK',
    'GCP-06.cmek',
    one('google_vertex_ai_endpoint', { encryption_spec: { kms_key_name: 'k' } }),
    'google_vertex_ai_endpoint',
    OK,
  ],
  [
    'EU bucket with EU key',
    'GCP-06.region',
    one('google_storage_bucket', {
      location: 'EU',
      encryption: { default_kms_key_name: 'projects/p/locations/eu/keyRings/r/cryptoKeys/k' },
    }),
    'google_storage_bucket',
    OK,
  ],
  [
    'EU bucket with a key in the KMS europe multi-region',
    'GCP-06.region',
    one('google_storage_bucket', {
      location: 'EU',
      encryption: {
        default_kms_key_name: 'projects/p/locations/europe/keyRings/r/cryptoKeys/k',
      },
    }),
    'google_storage_bucket',
    OK,
  ],
  [
    'EU bucket with a key in a US multi-region',
    'GCP-06.region',
    one('google_storage_bucket', {
      location: 'EU',
      encryption: { default_kms_key_name: 'projects/p/locations/us/keyRings/r/cryptoKeys/k' },
    }),
    'google_storage_bucket',
    BAD,
  ],
  [
    'table expiration 1 minute',
    'GCP-06.bq-expiration',
    one('google_bigquery_dataset', { default_table_expiration_ms: 60000 }),
    'google_bigquery_dataset',
    BAD,
  ],
  [
    'table expiration 1 day',
    'GCP-06.bq-expiration',
    one('google_bigquery_dataset', { default_table_expiration_ms: 86400000 }),
    'google_bigquery_dataset',
    OK,
  ],
  [
    'perimeter missing services',
    'GCP-07',
    one('google_access_context_manager_service_perimeter', {
      status: { restricted_services: ['storage.googleapis.com'] },
    }),
    'google_access_context_manager_service_perimeter',
    BAD,
  ],
  [
    'dry-run perimeter in spec',
    'GCP-07',
    one('google_access_context_manager_service_perimeter', {
      use_explicit_dry_run_spec: true,
      spec: {
        restricted_services: REQUIRED,
        vpc_accessible_services: { enable_restriction: true },
      },
    }),
    'google_access_context_manager_service_perimeter',
    OK,
  ],
  [
    'dry-run flag with status only',
    'GCP-07',
    one('google_access_context_manager_service_perimeter', {
      use_explicit_dry_run_spec: true,
      status: {
        restricted_services: REQUIRED,
        vpc_accessible_services: { enable_restriction: true },
      },
    }),
    'google_access_context_manager_service_perimeter',
    BAD,
  ],
  [
    'membership inline only',
    'GCP-07.membership',
    one('google_access_context_manager_service_perimeter', {
      status: { resources: ['projects/1'] },
    }),
    'google_access_context_manager_service_perimeter',
    OK,
  ],
  [
    'ingress rule with identities and sources',
    'GCP-07.ingress',
    one('google_access_context_manager_service_perimeter', PERIMETER_GOOD),
    'google_access_context_manager_service_perimeter',
    OK,
  ],
  [
    'ingress rule without sources (defect 5)',
    'GCP-07.ingress',
    one('google_access_context_manager_service_perimeter', {
      status: {
        ingress_policies: [{ ...INGRESS_GOOD, ingress_from: { identities: [SA], sources: [] } }],
      },
    }),
    'google_access_context_manager_service_perimeter',
    BAD,
  ],
  [
    'egress rule without identities',
    'GCP-07.ingress',
    one('google_access_context_manager_service_perimeter', {
      status: { egress_policies: [{ egress_from: {}, egress_to: { resources: ['projects/2'] } }] },
    }),
    'google_access_context_manager_service_perimeter',
    BAD,
  ],
  [
    'perimeter member by number',
    'GCP-07.resources',
    one('google_access_context_manager_service_perimeter', PERIMETER_GOOD),
    'google_access_context_manager_service_perimeter',
    OK,
  ],
  [
    'perimeter member by project id',
    'GCP-07.resources',
    one('google_access_context_manager_service_perimeter', {
      status: { resources: ['projects/acme-ml'] },
    }),
    'google_access_context_manager_service_perimeter',
    BAD,
  ],
  [
    'perimeter member number reference',
    'GCP-07.resources',
    one('google_access_context_manager_service_perimeter', {
      status: { resources: ['projects/${data.google_project.p.number}'] },
    }),
    'google_access_context_manager_service_perimeter',
    OK,
  ],
  [
    'custom-mode network',
    'GCP-08.network',
    one('google_compute_network', { auto_create_subnetworks: false }),
    'google_compute_network',
    OK,
  ],
  [
    'auto-mode network',
    'GCP-08.network',
    one('google_compute_network', {}),
    'google_compute_network',
    BAD,
  ],
  [
    'subnet without flow logs',
    'GCP-08.subnet',
    one('google_compute_subnetwork', { private_ip_google_access: true }),
    'google_compute_subnetwork',
    BAD,
  ],
  [
    'subnet with PGA and flow logs',
    'GCP-08.subnet',
    one('google_compute_subnetwork', {
      private_ip_google_access: true,
      log_config: { flow_sampling: 0.5 },
    }),
    'google_compute_subnetwork',
    OK,
  ],
  [
    'SSH from the internet',
    'GCP-08.firewall',
    one('google_compute_firewall', {
      direction: 'INGRESS',
      source_ranges: ['0.0.0.0/0'],
      allow: [{ protocol: 'tcp', ports: ['22'] }],
    }),
    'google_compute_firewall',
    BAD,
  ],
  [
    'deny rule from the internet',
    'GCP-08.firewall',
    one('google_compute_firewall', {
      direction: 'INGRESS',
      source_ranges: ['0.0.0.0/0'],
      deny: [{ protocol: 'all' }],
    }),
    'google_compute_firewall',
    NA,
  ],
  [
    'IAP SSH to every instance',
    'GCP-08.targets',
    one('google_compute_firewall', {
      direction: 'INGRESS',
      source_ranges: ['35.235.240.0/20'],
      allow: [{ protocol: 'tcp', ports: ['22'] }],
    }),
    'google_compute_firewall',
    BAD,
  ],
  [
    'IAP SSH to the Workbench SA',
    'GCP-08.targets',
    one('google_compute_firewall', {
      direction: 'INGRESS',
      source_ranges: ['35.235.240.0/20'],
      allow: [{ protocol: 'tcp', ports: ['22'] }],
      target_service_accounts: ['wb@p.iam.gserviceaccount.com'],
    }),
    'google_compute_firewall',
    OK,
  ],
  [
    'IAP SSH rule disabled',
    'GCP-08.targets',
    one('google_compute_firewall', {
      direction: 'INGRESS',
      source_ranges: ['35.235.240.0/20'],
      allow: [{ protocol: 'tcp', ports: ['22'] }],
      disabled: true,
    }),
    'google_compute_firewall',
    NA,
  ],
  [
    'hardened Workbench',
    'GCP-09',
    one('google_workbench_instance', { gce_setup: WB_GOOD }),
    'google_workbench_instance',
    OK,
  ],
  [
    'Workbench with public IP',
    'GCP-09',
    one('google_workbench_instance', { gce_setup: { ...WB_GOOD, disable_public_ip: false } }),
    'google_workbench_instance',
    BAD,
  ],
  [
    'Workbench with root',
    'GCP-09',
    one('google_workbench_instance', { gce_setup: { ...WB_GOOD, metadata: {} } }),
    'google_workbench_instance',
    BAD,
  ],
  [
    'audit config missing types',
    'GCP-10.audit-config',
    one('google_project_iam_audit_config', { audit_log_config: [{ log_type: 'ADMIN_READ' }] }),
    'google_project_iam_audit_config',
    BAD,
  ],
  [
    'audit config with exemption',
    'GCP-10.audit-config',
    one('google_project_iam_audit_config', {
      audit_log_config: AUDIT_TYPES.map((t) => ({
        ...t,
        exempted_members: ['user:a@example.com'],
      })),
    }),
    'google_project_iam_audit_config',
    BAD,
  ],
  [
    'audit config complete',
    'GCP-10.audit-config',
    one('google_project_iam_audit_config', { audit_log_config: AUDIT_TYPES }),
    'google_project_iam_audit_config',
    OK,
  ],
  [
    'one service audited only',
    'GCP-10.all-services',
    one('google_project_iam_audit_config', {
      service: 'storage.googleapis.com',
      audit_log_config: AUDIT_TYPES,
    }),
    'google_project_iam_audit_config',
    BAD,
  ],
  [
    'allServices audited',
    'GCP-10.all-services',
    {
      google_project_iam_audit_config: {
        r: { service: 'storage.googleapis.com', audit_log_config: AUDIT_TYPES },
        all: { service: 'allServices', audit_log_config: AUDIT_TYPES },
      },
    },
    'google_project_iam_audit_config',
    OK,
  ],
  [
    'log bucket unlocked',
    'GCP-10.log-bucket',
    one('google_logging_project_bucket_config', {
      retention_days: 30,
      locked: false,
      cmek_settings: { kms_key_name: 'k' },
    }),
    'google_logging_project_bucket_config',
    BAD,
  ],
  [
    'log bucket locked CMEK',
    'GCP-10.log-bucket',
    one('google_logging_project_bucket_config', {
      retention_days: 30,
      locked: true,
      cmek_settings: { kms_key_name: 'k' },
    }),
    'google_logging_project_bucket_config',
    OK,
  ],
  [
    'admins with configWriter can redirect the sink',
    'GCP-10.sink-guard',
    {
      google_logging_project_sink: { r: { destination: 'x' } },
      google_project_iam_member: {
        a: { role: 'roles/logging.configWriter', member: 'group:admins@example.com' },
      },
    },
    'google_logging_project_sink',
    BAD,
  ],
  [
    'admins with the sink-safe custom role',
    'GCP-10.sink-guard',
    {
      google_logging_project_sink: { r: { destination: 'x' } },
      google_project_iam_custom_role: {
        lc: { permissions: CUSTOM_ROLE_DEFINITIONS.LOGGING_CONFIG.permissions },
      },
      google_project_iam_member: {
        a: {
          role: '${google_project_iam_custom_role.lc.name}',
          member: 'group:admins@example.com',
        },
      },
    },
    'google_logging_project_sink',
    OK,
  ],
  [
    'a custom role that creates sinks copies the audit trail',
    'GCP-10.sink-guard',
    {
      google_logging_project_sink: { r: { destination: 'x' } },
      google_project_iam_custom_role: {
        c: { permissions: ['logging.sinks.get', 'logging.sinks.create'] },
      },
      google_project_iam_member: {
        a: { role: '${google_project_iam_custom_role.c.name}', member: 'group:admins@example.com' },
      },
    },
    'google_logging_project_sink',
    BAD,
  ],
  [
    'a custom role that deletes exclusions lets Data Access logs back into _Default',
    'GCP-10.sink-guard',
    {
      google_logging_project_sink: { r: { destination: 'x' } },
      google_project_iam_custom_role: {
        c: { permissions: ['logging.sinks.get', 'logging.exclusions.delete'] },
      },
      google_project_iam_member: {
        a: { role: '${google_project_iam_custom_role.c.name}', member: 'group:admins@example.com' },
      },
    },
    'google_logging_project_sink',
    BAD,
  ],
  [
    'audit sink, data-access logs also in _Default',
    'GCP-10.default-bucket',
    one('google_logging_project_sink', { name: 'audit', filter: AUDIT_FILTER, destination: 'x' }),
    'google_logging_project_sink',
    BAD,
  ],
  [
    'audit sink, data-access logs excluded from _Default',
    'GCP-10.default-bucket',
    {
      ...one('google_logging_project_sink', { name: 'audit', filter: AUDIT_FILTER }),
      google_logging_project_exclusion: { x: { name: 'e', filter: DATA_ACCESS } },
    },
    'google_logging_project_sink',
    OK,
  ],
  [
    'audit sink, the exclusion disabled',
    'GCP-10.default-bucket',
    {
      ...one('google_logging_project_sink', { name: 'audit', filter: AUDIT_FILTER }),
      google_logging_project_exclusion: { x: { name: 'e', filter: DATA_ACCESS, disabled: true } },
    },
    'google_logging_project_sink',
    BAD,
  ],
  [
    'audit sink, the exclusion in another project',
    'GCP-10.default-bucket',
    {
      ...one('google_logging_project_sink', { project: 'a', name: 'audit', filter: AUDIT_FILTER }),
      google_logging_project_exclusion: { x: { project: 'b', name: 'e', filter: DATA_ACCESS } },
    },
    'google_logging_project_sink',
    BAD,
  ],
  [
    'audit sink, exclusion on a managed _Default sink',
    'GCP-10.default-bucket',
    {
      google_logging_project_sink: {
        r: { name: 'audit', filter: AUDIT_FILTER },
        d: { name: '_Default', exclusions: [{ name: 'e', filter: DATA_ACCESS }] },
      },
    },
    'google_logging_project_sink',
    OK,
  ],
  [
    'sink of admin activity logs only',
    'GCP-10.default-bucket',
    one('google_logging_project_sink', {
      name: 'activity',
      filter: 'LOG_ID("cloudaudit.googleapis.com/activity")',
    }),
    'google_logging_project_sink',
    NA,
  ],
  [
    'exclusion of data-access logs disabled',
    'GCP-10.default-bucket',
    one('google_logging_project_exclusion', { name: 'e', filter: DATA_ACCESS, disabled: true }),
    'google_logging_project_exclusion',
    BAD,
  ],
  [
    'exclusion of data-access logs enabled',
    'GCP-10.default-bucket',
    one('google_logging_project_exclusion', { name: 'e', filter: DATA_ACCESS }),
    'google_logging_project_exclusion',
    OK,
  ],
  [
    'admins with monitoring.editor can disable the alert policies',
    'GCP-14.alert-guard',
    {
      google_monitoring_alert_policy: { a: { display_name: 'IAM policy change' } },
      ...one('google_project_iam_member', {
        role: 'roles/monitoring.editor',
        member: 'group:admins@example.com',
      }),
    },
    'google_project_iam_member',
    BAD,
  ],
  [
    'admins with monitoring.viewer',
    'GCP-14.alert-guard',
    {
      google_monitoring_alert_policy: { a: { display_name: 'IAM policy change' } },
      ...one('google_project_iam_member', {
        role: 'roles/monitoring.viewer',
        member: 'group:admins@example.com',
      }),
    },
    'google_project_iam_member',
    OK,
  ],
  [
    'snooze editor can silence the alert policies',
    'GCP-14.alert-guard',
    {
      google_monitoring_alert_policy: { a: { display_name: 'IAM policy change' } },
      ...one('google_project_iam_binding', {
        role: 'roles/monitoring.snoozeEditor',
        members: ['group:admins@example.com'],
      }),
    },
    'google_project_iam_binding',
    BAD,
  ],
  [
    'custom role that deletes alert policies',
    'GCP-14.alert-guard',
    {
      google_monitoring_alert_policy: { a: { display_name: 'IAM policy change' } },
      google_project_iam_custom_role: {
        c: { permissions: ['monitoring.alertPolicies.get', 'monitoring.alertPolicies.delete'] },
      },
      ...one('google_project_iam_member', {
        role: '${google_project_iam_custom_role.c.name}',
        member: 'group:admins@example.com',
      }),
    },
    'google_project_iam_member',
    BAD,
  ],
  [
    'custom role without alert-policy writes',
    'GCP-14.alert-guard',
    {
      google_monitoring_alert_policy: { a: { display_name: 'IAM policy change' } },
      google_project_iam_custom_role: {
        c: { permissions: CUSTOM_ROLE_DEFINITIONS.LOGGING_CONFIG.permissions },
      },
      ...one('google_project_iam_member', {
        role: '${google_project_iam_custom_role.c.name}',
        member: 'group:admins@example.com',
      }),
    },
    'google_project_iam_member',
    OK,
  ],
  [
    'role an expression in a stack with alert policies',
    'GCP-14.alert-guard',
    {
      google_monitoring_alert_policy: { a: { display_name: 'IAM policy change' } },
      ...one('google_project_iam_member', { role: E, member: 'group:admins@example.com' }),
    },
    'google_project_iam_member',
    UNKNOWN,
  ],
  [
    'monitoring.editor in a stack without alert policies',
    'GCP-14.alert-guard',
    one('google_project_iam_member', {
      role: 'roles/monitoring.editor',
      member: 'group:admins@example.com',
    }),
    'google_project_iam_member',
    NA,
  ],
  [
    'key creation not enforced',
    'GCP-11',
    one('google_org_policy_policy', {
      name: 'projects/p/policies/iam.disableServiceAccountKeyCreation',
      spec: { rules: [{ enforce: 'FALSE' }] },
    }),
    'google_org_policy_policy',
    BAD,
  ],
  [
    'key upload enforced',
    'GCP-11',
    one('google_org_policy_policy', {
      name: 'projects/p/policies/iam.disableServiceAccountKeyUpload',
      spec: { rules: [{ enforce: 'TRUE' }] },
    }),
    'google_org_policy_policy',
    OK,
  ],
  [
    'external IPs allowed',
    'GCP-11',
    one('google_org_policy_policy', {
      name: 'projects/p/policies/compute.vmExternalIpAccess',
      spec: { rules: [{ allow_all: 'TRUE' }] },
    }),
    'google_org_policy_policy',
    BAD,
  ],
  [
    'values on a boolean constraint',
    'GCP-11.shape',
    one('google_org_policy_policy', {
      name: 'projects/p/policies/ainotebooks.disableTerminal',
      spec: { rules: [{ values: { allowed_values: ['x'] } }] },
    }),
    'google_org_policy_policy',
    BAD,
  ],
  [
    'enforce on a list constraint',
    'GCP-11.shape',
    one('google_org_policy_policy', {
      name: 'projects/p/policies/ainotebooks.accessMode',
      spec: { rules: [{ enforce: 'TRUE' }] },
    }),
    'google_org_policy_policy',
    BAD,
  ],
  [
    'values on a list constraint',
    'GCP-11.shape',
    one('google_org_policy_policy', {
      name: 'projects/p/policies/ainotebooks.accessMode',
      spec: { rules: [{ values: { allowed_values: ['single-user'] } }] },
    }),
    'google_org_policy_policy',
    OK,
  ],
  [
    'bucket without PAP',
    'GCP-12.access',
    one('google_storage_bucket', { ...BUCKET_GOOD, public_access_prevention: 'inherited' }),
    'google_storage_bucket',
    BAD,
  ],
  [
    'secure bucket',
    'GCP-12.access',
    one('google_storage_bucket', BUCKET_GOOD),
    'google_storage_bucket',
    OK,
  ],
  [
    'bucket without delete rule',
    'GCP-12.lifecycle',
    one('google_storage_bucket', { ...BUCKET_GOOD, lifecycle_rule: [] }),
    'google_storage_bucket',
    BAD,
  ],
  [
    'bucket without access logs',
    'GCP-12.logging',
    one('google_storage_bucket', { ...BUCKET_GOOD, logging: undefined }),
    'google_storage_bucket',
    BAD,
  ],
  [
    'soft delete 1 day',
    'GCP-12.soft-delete',
    one('google_storage_bucket', {
      ...BUCKET_GOOD,
      soft_delete_policy: { retention_duration_seconds: 86400 },
    }),
    'google_storage_bucket',
    BAD,
  ],
  [
    'soft delete off',
    'GCP-12.soft-delete',
    one('google_storage_bucket', {
      ...BUCKET_GOOD,
      soft_delete_policy: { retention_duration_seconds: 0 },
    }),
    'google_storage_bucket',
    OK,
  ],
  [
    'registry without cleanup',
    'GCP-13',
    one('google_artifact_registry_repository', { format: 'DOCKER' }),
    'google_artifact_registry_repository',
    BAD,
  ],
  [
    'registry with scanning off',
    'GCP-13',
    one('google_artifact_registry_repository', {
      format: 'DOCKER',
      cleanup_policies: [{ id: 'x' }],
      vulnerability_scanning_config: { enablement_config: 'DISABLED' },
    }),
    'google_artifact_registry_repository',
    BAD,
  ],
  [
    'KFP registry with cleanup',
    'GCP-13',
    one('google_artifact_registry_repository', {
      format: 'KFP',
      cleanup_policies: [{ id: 'x' }],
      cleanup_policy_dry_run: false,
    }),
    'google_artifact_registry_repository',
    OK,
  ],
  [
    'alert without channels',
    'GCP-14',
    one('google_monitoring_alert_policy', { display_name: 'x' }),
    'google_monitoring_alert_policy',
    BAD,
  ],
  [
    'alert with a channel',
    'GCP-14',
    one('google_monitoring_alert_policy', { notification_channels: ['c'] }),
    'google_monitoring_alert_policy',
    OK,
  ],
  [
    'email channel with platform labels (defect 1)',
    'GCP-14.channel-labels',
    one('google_monitoring_notification_channel', {
      type: 'email',
      labels: { email_address: 'a@example.com', platform: 'ml', owner: 'x' },
    }),
    'google_monitoring_notification_channel',
    BAD,
  ],
  [
    'email channel, labels in user_labels',
    'GCP-14.channel-labels',
    one('google_monitoring_notification_channel', {
      type: 'email',
      labels: { email_address: 'a@example.com' },
      user_labels: { platform: 'ml' },
    }),
    'google_monitoring_notification_channel',
    OK,
  ],
  [
    'log alert without rate limit',
    'GCP-14.log-alert',
    one('google_monitoring_alert_policy', {
      conditions: [{ condition_matched_log: { filter: 'x' } }],
    }),
    'google_monitoring_alert_policy',
    BAD,
  ],
  [
    'log alert with rate limit',
    'GCP-14.log-alert',
    one('google_monitoring_alert_policy', {
      conditions: [{ condition_matched_log: { filter: 'x' } }],
      alert_strategy: { notification_rate_limit: { period: '300s' } },
    }),
    'google_monitoring_alert_policy',
    OK,
  ],
  [
    'public endpoint',
    'GCP-15',
    one('google_vertex_ai_endpoint', { display_name: 'x' }),
    'google_vertex_ai_endpoint',
    BAD,
  ],
  [
    'PSC endpoint',
    'GCP-15',
    one('google_vertex_ai_endpoint', {
      private_service_connect_config: { enable_private_service_connect: true },
    }),
    'google_vertex_ai_endpoint',
    OK,
  ],
  [
    'endpoint on a project id network',
    'GCP-15.format',
    one('google_vertex_ai_endpoint', {
      name: '1234567890',
      network: 'projects/acme-ml/global/networks/vpc',
    }),
    'google_vertex_ai_endpoint',
    BAD,
  ],
  [
    'endpoint with a non-numeric name',
    'GCP-15.format',
    one('google_vertex_ai_endpoint', { name: 'churn' }),
    'google_vertex_ai_endpoint',
    BAD,
  ],
  [
    'endpoint numeric, network by number',
    'GCP-15.format',
    one('google_vertex_ai_endpoint', {
      name: '1234567890',
      network: 'projects/${data.google_project.p.number}/global/networks/vpc',
    }),
    'google_vertex_ai_endpoint',
    OK,
  ],
  [
    'service account key',
    'GCP-17',
    one('google_service_account_key', { service_account_id: 'x' }),
    'google_service_account_key',
    BAD,
  ],
  [
    'bucket IAM member for a group',
    'X-03.public-member',
    one('google_storage_bucket_iam_member', {
      bucket: 'b',
      role: 'roles/storage.objectViewer',
      member: 'group:g@acme.example',
    }),
    'google_storage_bucket_iam_member',
    OK,
  ],
  [
    'bucket IAM member for allUsers',
    'X-03.public-member',
    one('google_storage_bucket_iam_member', {
      bucket: 'b',
      role: 'roles/storage.objectViewer',
      member: 'allUsers',
    }),
    'google_storage_bucket_iam_member',
    BAD,
  ],
  [
    'bucket kept on destroy when not empty',
    'X-08.force-destroy',
    one('google_storage_bucket', { force_destroy: false }),
    'google_storage_bucket',
    OK,
  ],
  [
    'bucket emptied on destroy',
    'X-08.force-destroy',
    one('google_storage_bucket', { force_destroy: true }),
    'google_storage_bucket',
    BAD,
  ],
  [
    'stateful bucket without prevent_destroy',
    'X-08',
    one('google_storage_bucket', {}),
    'google_storage_bucket',
    BAD,
  ],
  [
    'bucket missing labels',
    'X-09',
    one('google_storage_bucket', { labels: { platform: 'p' } }),
    'google_storage_bucket',
    BAD,
  ],
  [
    'channel labels in user_labels',
    'X-09',
    one('google_monitoring_notification_channel', {
      labels: { email_address: 'a@example.com' },
      user_labels: {
        platform: 'p',
        environment: 'e',
        owner: 'o',
        'data-classification': 'c',
        'cost-center': 'cc',
      },
    }),
    'google_monitoring_notification_channel',
    OK,
  ],
  [
    'channel with platform labels in labels only',
    'X-09',
    one('google_monitoring_notification_channel', {
      labels: {
        platform: 'p',
        environment: 'e',
        owner: 'o',
        'data-classification': 'c',
        'cost-center': 'cc',
      },
    }),
    'google_monitoring_notification_channel',
    BAD,
  ],
  [
    'IAP SSH ingress from the IAP range',
    'GCP-08.firewall',
    one('google_compute_firewall', {
      direction: 'INGRESS',
      source_ranges: ['35.235.240.0/20'],
      allow: [{ protocol: 'tcp', ports: ['22'] }],
    }),
    'google_compute_firewall',
    OK,
  ],
  [
    'versioned bucket with a delete rule',
    'GCP-12.lifecycle',
    one('google_storage_bucket', BUCKET_GOOD),
    'google_storage_bucket',
    OK,
  ],
  [
    'bucket with access logs',
    'GCP-12.logging',
    one('google_storage_bucket', BUCKET_GOOD),
    'google_storage_bucket',
    OK,
  ],
  [
    'bucket with prevent_destroy',
    'X-08',
    one('google_storage_bucket', { lifecycle: { prevent_destroy: true } }),
    'google_storage_bucket',
    OK,
  ],
];

/** The single-resource table as harness cases. */
const SINGLE: RuleCase[] = CASES.map(([title, id, resources, type, expected]) =>
  at(id, resources, type, expected, title),
);

// Rules whose cases need several resources.
const key = {
  google_kms_crypto_key: { k: { key_ring: 'x' } },
  google_kms_crypto_key_iam_member: {
    g: {
      crypto_key_id: '${google_kms_crypto_key.k.id}',
      member: 'x',
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
    },
  },
};
const encrypted = (attrs: any) => ({
  ...key,
  google_storage_bucket: {
    r: { encryption: { default_kms_key_name: '${google_kms_crypto_key.k.id}' }, ...attrs },
  },
});
const ring = {
  google_kms_key_ring: { kr: { location: 'us-central1' } },
  google_kms_crypto_key: { k: { key_ring: '${google_kms_key_ring.kr.id}' } },
};
const ringBucket = (location: string) => ({
  ...ring,
  google_storage_bucket: {
    r: { location, encryption: { default_kms_key_name: '${google_kms_crypto_key.k.id}' } },
  },
});
const bothMemberships = {
  google_access_context_manager_service_perimeter: {
    r: { status: { resources: ['projects/1'] } },
  },
  google_access_context_manager_service_perimeter_resource: {
    m: {
      perimeter_name: '${google_access_context_manager_service_perimeter.r.name}',
      resource: 'projects/2',
    },
  },
};
const enforcedPerimeter = (deps: string[]) => ({
  google_storage_bucket: { b: { name: 'x' } },
  google_access_context_manager_service_perimeter: {
    r: { ...PERIMETER_GOOD, depends_on: deps },
  },
});
const vertexApi = { google_project_service: { r: { service: 'aiplatform.googleapis.com' } } };
const net = (deps?: string[]) => ({
  google_compute_network: { r: { name: 'n', ...(deps ? { depends_on: deps } : {}) } },
  google_project_service: { c: { service: 'compute.googleapis.com' } },
});
const computeAgentGrant = (deps: string[]) => ({
  google_project_service: { c: { service: 'compute.googleapis.com' } },
  time_sleep: { w: { create_duration: '90s', depends_on: ['google_project_service.c'] } },
  google_kms_crypto_key_iam_member: {
    r: {
      crypto_key_id: 'k',
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: 'serviceAccount:service-1@compute-system.iam.gserviceaccount.com',
      depends_on: deps,
    },
  },
});
const computeApi = (deps: string[]) => ({
  google_org_policy_policy: {
    g: {
      name: 'projects/p/policies/iam.automaticIamGrantsForDefaultServiceAccounts',
      spec: { rules: [{ enforce: 'TRUE' }] },
    },
  },
  time_sleep: { w: { create_duration: '120s', depends_on: ['google_org_policy_policy.g'] } },
  google_project_service: { r: { service: 'compute.googleapis.com', depends_on: deps } },
});
const jobRole = {
  google_project_iam_custom_role: { r: { permissions: ['aiplatform.customJobs.create'] } },
};
const guardedJobRole = {
  ...jobRole,
  google_org_policy_custom_constraint: {
    c: {
      name: 'custom.x',
      resource_types: ['aiplatform.googleapis.com/CustomJob'],
      action_type: 'DENY',
      condition: "resource.jobSpec.serviceAccount == ''",
    },
  },
  google_org_policy_policy: {
    p: { name: 'projects/p/policies/custom.x', spec: { rules: [{ enforce: 'TRUE' }] } },
  },
};
const enforced = (name: string) => ({
  ...jobRole,
  google_org_policy_policy: {
    p: { name: `projects/p/policies/${name}`, spec: { rules: [{ enforce: 'TRUE' }] } },
  },
});
const workloadIdentity = (deps: string[]) => ({
  google_service_account_iam_member: {
    r: {
      service_account_id: 'x',
      role: 'roles/iam.workloadIdentityUser',
      member: 'serviceAccount:p.svc.id.goog[ns/ksa]',
      depends_on: deps,
    },
  },
});
const gkeData = { data: { google_container_cluster: { gke: { name: 'ml' } } } };
const PERIMETER = 'google_access_context_manager_service_perimeter';
const CROSS: RuleCase[] = [
  // GCP-05: an encrypted resource depends on the key grant
  at('GCP-05', encrypted({}), 'google_storage_bucket', BAD, 'no dependency on the key grant'),
  at(
    'GCP-05',
    encrypted({ depends_on: ['google_kms_crypto_key_iam_member.g'] }),
    'google_storage_bucket',
    OK,
    'depends on the key grant',
  ),
  at(
    'GCP-05',
    encrypted({ labels: { grant: '${google_kms_crypto_key_iam_member.g.etag}' } }),
    'google_storage_bucket',
    OK,
    'refers to the key grant',
  ),
  at(
    'GCP-05',
    one('google_storage_bucket', {
      encryption: { default_kms_key_name: 'projects/p/locations/l/keyRings/r/cryptoKeys/k' },
    }),
    'google_storage_bucket',
    NA,
    'a key of another stack',
  ),
  // GCP-06: the key region follows the key ring
  at(
    'GCP-06.region',
    ringBucket('europe-west4'),
    'google_storage_bucket',
    BAD,
    'key ring in us-central1',
  ),
  at(
    'GCP-06.region',
    ringBucket('us-central1'),
    'google_storage_bucket',
    OK,
    'key ring in the same region',
  ),
  at('GCP-07.membership', bothMemberships, PERIMETER, BAD, 'inline and external members'),
  // GCP-07.enforce-last (defect 4): an enforced perimeter waits for every resource of the stack
  at('GCP-07.enforce-last', enforcedPerimeter([]), PERIMETER, BAD, 'waits for nothing'),
  at(
    'GCP-07.enforce-last',
    enforcedPerimeter(['google_storage_bucket.b']),
    PERIMETER,
    OK,
    'waits for the bucket',
  ),
  at(
    'GCP-07.enforce-last',
    {
      google_storage_bucket: { b: {} },
      google_access_context_manager_service_perimeter: {
        r: { use_explicit_dry_run_spec: true, spec: PERIMETER_GOOD.status },
      },
    },
    PERIMETER,
    NA,
    'a dry-run perimeter',
  ),
  // GCP-07.perimeter warns when Vertex AI is enabled without a perimeter
  at('GCP-07.perimeter', vertexApi, 'google_project_service', BAD, 'Vertex AI without a perimeter'),
  at(
    'GCP-07.perimeter',
    { ...vertexApi, ...one(PERIMETER, PERIMETER_GOOD) },
    'google_project_service',
    OK,
    'Vertex AI with a perimeter',
  ),
  // GCP-05.api-enabled (defect 3): resources wait for their API, or read the stack that enables it
  at('GCP-05.api-enabled', net(), 'google_compute_network', BAD, 'not waiting for the API'),
  at(
    'GCP-05.api-enabled',
    net(['google_project_service.c']),
    'google_compute_network',
    OK,
    'waiting for the API',
  ),
  at(
    'GCP-05.api-enabled',
    one('google_compute_network', { name: 'n' }),
    'google_compute_network',
    BAD,
    'the API is not enabled by the stack',
  ),
  at(
    'GCP-05.api-enabled',
    {
      ...net(['google_project_service.c']),
      google_compute_subnetwork: { r: { network: '${google_compute_network.r.id}' } },
    },
    'google_compute_subnetwork',
    OK,
    'through another resource',
  ),
  at(
    'GCP-05.api-enabled',
    one('google_compute_firewall', { network: '${data.terraform_remote_state.net.outputs.id}' }),
    'google_compute_firewall',
    OK,
    'a stack that reads the stack enabling the API',
    'r',
    { data: { terraform_remote_state: { net: {} } } },
  ),
  // GCP-05.compute-agent (defect 6): grants to the compute agent wait after the compute API
  at(
    'GCP-05.compute-agent',
    computeAgentGrant(['google_project_service.c']),
    'google_kms_crypto_key_iam_member',
    BAD,
    'right after the API',
  ),
  at(
    'GCP-05.compute-agent',
    computeAgentGrant(['time_sleep.w']),
    'google_kms_crypto_key_iam_member',
    OK,
    'after a wait',
  ),
  // GCP-01.default-sa-guard: the Compute API waits for the default-SA guard policy
  at('GCP-01.default-sa-guard', computeApi([]), 'google_project_service', BAD, 'no wait'),
  at(
    'GCP-01.default-sa-guard',
    computeApi(['google_org_policy_policy.g']),
    'google_project_service',
    BAD,
    'right after the guard policy, no settle wait',
  ),
  at(
    'GCP-01.default-sa-guard',
    computeApi(['time_sleep.w']),
    'google_project_service',
    OK,
    'waits for the guard policy and its settle wait',
  ),
  // GCP-07.enabled-services, GCP-07.admits-deployer, GCP-09.workbench-dns: more cases in
  // test/gcp/settle-and-perimeter.test.ts
  at(
    'GCP-07.enabled-services',
    {
      google_project_service: { s: { service: 'iam.googleapis.com' } },
      google_access_context_manager_service_perimeter: {
        r: { status: { restricted_services: ['storage.googleapis.com'] } },
      },
    },
    'google_access_context_manager_service_perimeter',
    BAD,
    'an enabled supported service left unrestricted',
  ),
  at(
    'GCP-07.enabled-services',
    {
      google_project_service: { s: { service: 'iam.googleapis.com' } },
      google_access_context_manager_service_perimeter: {
        r: { status: { restricted_services: ['iam.googleapis.com'] } },
      },
    },
    'google_access_context_manager_service_perimeter',
    OK,
    'every enabled supported service restricted',
  ),
  at(
    'GCP-07.admits-deployer',
    { google_access_context_manager_service_perimeter: { r: { status: {} } } },
    'google_access_context_manager_service_perimeter',
    BAD,
    'enforced, admits no one',
  ),
  at(
    'GCP-07.admits-deployer',
    {
      google_access_context_manager_service_perimeter: {
        r: { status: { access_levels: ['accessPolicies/1/accessLevels/ci'] } },
      },
    },
    'google_access_context_manager_service_perimeter',
    OK,
    'an access level for the deployers',
  ),
  at(
    'GCP-09.workbench-dns',
    {
      google_compute_network: { n: {} },
      google_access_context_manager_service_perimeter: { p: { status: {} } },
      google_workbench_instance: {
        r: { gce_setup: { network_interfaces: [{ network: '${google_compute_network.n.id}' }] } },
      },
    },
    'google_workbench_instance',
    BAD,
    'no private zones on the instance network',
  ),
  at(
    'GCP-09.workbench-dns',
    {
      google_compute_network: { n: {} },
      google_access_context_manager_service_perimeter: { p: { status: {} } },
      google_dns_managed_zone: Object.fromEntries(
        [
          'notebooks.cloud.google.com.',
          'notebooks.googleusercontent.com.',
          'kernels.googleusercontent.com.',
          'pkg.dev.',
          'gcr.io.',
        ].map((d, i) => [
          `z${i}`,
          {
            dns_name: d,
            private_visibility_config: {
              networks: [{ network_url: '${google_compute_network.n.id}' }],
            },
          },
        ]),
      ),
      google_workbench_instance: {
        r: { gce_setup: { network_interfaces: [{ network: '${google_compute_network.n.id}' }] } },
      },
    },
    'google_workbench_instance',
    OK,
    'every zone on the instance network',
  ),
  // GCP-01.custom-code-agent: job-create roles come with the job service-account constraints
  at('GCP-01.custom-code-agent', jobRole, 'google_project_iam_custom_role', BAD, 'no constraint'),
  at(
    'GCP-01.custom-code-agent',
    guardedJobRole,
    'google_project_iam_custom_role',
    OK,
    'with the constraint',
  ),
  // the constraint defined by another stack of the organization is UNKNOWN here, not a pass
  at(
    'GCP-01.custom-code-agent',
    enforced('custom.mlopsCustomJobServiceAccount'),
    'google_project_iam_custom_role',
    UNKNOWN,
    "this library's constraint, defined by the stack deployed first",
  ),
  at(
    'GCP-01.custom-code-agent',
    enforced('custom.other'),
    'google_project_iam_custom_role',
    BAD,
    'another custom constraint whose condition the stack cannot show',
  ),
  at(
    'GCP-01.custom-code-agent',
    enforced('custom.mlopsTuningJobServiceAccount'),
    'google_project_iam_custom_role',
    BAD,
    "the library's tuning-job constraint does not cover custom jobs",
  ),
  // GCP-17.pool (defect 2): Workload Identity bindings depend on the cluster that creates the pool
  at(
    'GCP-17.pool',
    workloadIdentity([]),
    'google_service_account_iam_member',
    BAD,
    'no dependency on the cluster',
    'r',
    gkeData,
  ),
  at(
    'GCP-17.pool',
    workloadIdentity(['data.google_container_cluster.gke']),
    'google_service_account_iam_member',
    OK,
    'depends on the cluster',
    'r',
    gkeData,
  ),
  at(
    'GCP-17.pool',
    one('google_service_account_iam_member', { member: SA }),
    'google_service_account_iam_member',
    NA,
    'not a Workload Identity binding',
  ),
];

// [rule id, type, attributes whose deciding value is an expression]
const EXPRESSIONS: Array<[string, string, any]> = [
  ['GCP-01', 'google_project_iam_member', { role: 'roles/viewer', member: E }],
  ['GCP-01', 'google_workbench_instance', { gce_setup: E }],
  ['GCP-02', 'google_project_iam_member', { role: E, member: SA }],
  ['GCP-03', 'google_project_iam_member', { role: E, member: SA }],
  ['GCP-03.groups', 'google_project_iam_member', { role: 'roles/viewer', member: E }],
  ['GCP-04', 'google_project_iam_custom_role', { permissions: E }],
  ['GCP-06.rotation', 'google_kms_crypto_key', { rotation_period: E }],
  ['GCP-06.cmek', 'google_workbench_instance', { gce_setup: E }],
  ['GCP-06.bq-expiration', 'google_bigquery_dataset', { default_table_expiration_ms: E }],
  [
    'GCP-07',
    'google_access_context_manager_service_perimeter',
    { status: { restricted_services: E } },
  ],
  ['GCP-07', 'google_access_context_manager_service_perimeter', { use_explicit_dry_run_spec: E }],
  [
    'GCP-07.ingress',
    'google_access_context_manager_service_perimeter',
    {
      status: {
        ingress_policies: [{ ...INGRESS_GOOD, ingress_from: { identities: [SA], sources: E } }],
      },
    },
  ],
  [
    'GCP-07.resources',
    'google_access_context_manager_service_perimeter',
    { status: { resources: [E] } },
  ],
  ['GCP-08.network', 'google_compute_network', { auto_create_subnetworks: E }],
  ['GCP-08.subnet', 'google_compute_subnetwork', { private_ip_google_access: E }],
  [
    'GCP-08.firewall',
    'google_compute_firewall',
    { direction: 'INGRESS', source_ranges: E, allow: [{ protocol: 'tcp' }] },
  ],
  [
    'GCP-08.targets',
    'google_compute_firewall',
    { direction: 'INGRESS', allow: [{ protocol: 'tcp' }], target_service_accounts: E },
  ],
  ['GCP-09', 'google_workbench_instance', { gce_setup: { ...WB_GOOD, disable_public_ip: E } }],
  ['GCP-10.audit-config', 'google_project_iam_audit_config', { audit_log_config: E }],
  ['GCP-10.all-services', 'google_project_iam_audit_config', { service: E }],
  ['GCP-10.default-bucket', 'google_logging_project_sink', { name: 'audit', filter: E }],
  [
    'GCP-10.default-bucket',
    'google_logging_project_exclusion',
    { filter: DATA_ACCESS, disabled: E },
  ],
  [
    'GCP-10.log-bucket',
    'google_logging_project_bucket_config',
    { cmek_settings: { kms_key_name: 'k' }, retention_days: 30, locked: E },
  ],
  ['GCP-11', 'google_org_policy_policy', { name: `projects/p/policies/${E}` }],
  [
    'GCP-11',
    'google_org_policy_policy',
    { name: 'projects/p/policies/compute.requireOsLogin', spec: { rules: E } },
  ],
  [
    'GCP-11.shape',
    'google_org_policy_policy',
    { name: 'projects/p/policies/compute.requireOsLogin', spec: E },
  ],
  ['GCP-12.access', 'google_storage_bucket', { ...BUCKET_GOOD, uniform_bucket_level_access: E }],
  ['GCP-12.lifecycle', 'google_storage_bucket', { ...BUCKET_GOOD, versioning: E }],
  ['GCP-12.logging', 'google_storage_bucket', { ...BUCKET_GOOD, logging: E }],
  [
    'GCP-12.soft-delete',
    'google_storage_bucket',
    { ...BUCKET_GOOD, soft_delete_policy: { retention_duration_seconds: E } },
  ],
  [
    'GCP-13',
    'google_artifact_registry_repository',
    {
      format: 'DOCKER',
      cleanup_policies: [{ id: 'x' }],
      vulnerability_scanning_config: { enablement_config: E },
    },
  ],
  ['GCP-14', 'google_monitoring_alert_policy', { notification_channels: E }],
  [
    'GCP-14.channel-labels',
    'google_monitoring_notification_channel',
    { type: E, labels: { x: 'y' } },
  ],
  [
    'GCP-14.log-alert',
    'google_monitoring_alert_policy',
    { conditions: [{ condition_matched_log: {} }], alert_strategy: E },
  ],
  [
    'GCP-15',
    'google_vertex_ai_endpoint',
    { private_service_connect_config: { enable_private_service_connect: E } },
  ],
  ['GCP-15.format', 'google_vertex_ai_endpoint', { name: E }],
  ['X-09', 'google_storage_bucket', { labels: E }],
];

/** Wraps every nested block (plain object) of a value in a one-element array. */
const isBlock = (key: string) => !/labels|metadata|lifecycle/.test(key);
const blockCases = CASES.filter(([, , res]) =>
  Object.values(res).some((byName) =>
    Object.values(byName).some((a: any) =>
      Object.values(a).some((x) => x && typeof x === 'object' && !Array.isArray(x)),
    ),
  ),
);

describeRules('GcpMlopsChecks rules on any Terraform JSON', pack, SINGLE);
describeRules('cross-resource rules', pack, CROSS);
describeRules(
  'three-valued reads: an expression gives UNKNOWN',
  pack,
  EXPRESSIONS.map(([id, type, attrs]) => at(id, one(type, attrs), type, UNKNOWN, 'an expression')),
);
describeRules(
  'three-valued reads: the array form of blocks gives the same verdict',
  pack,
  blockCases.map(([title, id, resources, type, expected]) =>
    withBlocksAsLists(at(id, resources, type, expected, title), isBlock),
  ),
);

describe('GcpMlopsChecks', () => {
  test('rule ids are control ids with an optional facet', () => {
    for (const r of pack.rules) expect(r.id).toMatch(/^(GCP-\d\d(\.[a-z-]+)?|X-\d\d(\.[a-z-]+)?)$/);
  });

  test('every rule of the pack has a compliant and a non-compliant case', () => {
    // the reference-data rules have their cases in test/reference/
    const ids = new Set(pack.rules.map((r) => r.id).filter((id) => !id.startsWith('X-15.')));
    const covered = (status: ComplianceStatus) =>
      new Set([...SINGLE, ...CROSS].filter((c) => c.expect === status).map((c) => c.rule));
    const ok = covered(OK);
    const bad = covered(BAD);
    expect([...ids].filter((i) => !ok.has(i) || !bad.has(i)).sort()).toEqual(
      ['GCP-17'], // a service account key is never compliant
    );
  });

  test('GCP-07.perimeter is a warning', () => {
    expect(ruleOf(pack, 'GCP-07.perimeter').level).toBe('WARNING');
  });

  test('apply rules cite their source', () => {
    const apply = pack.rules.filter((r) => r.category === RuleCategory.APPLY);
    expect(apply.map((r) => r.id).sort()).toEqual([
      'GCP-05.api-enabled',
      'GCP-05.compute-agent',
      'GCP-06.bq-expiration',
      'GCP-07.admits-deployer',
      'GCP-07.enforce-last',
      'GCP-07.ingress',
      'GCP-07.resources',
      'GCP-09.workbench-dns',
      'GCP-11.shape',
      'GCP-12.soft-delete',
      'GCP-14.channel-labels',
      'GCP-14.log-alert',
      'GCP-15.format',
      'GCP-17.pool',
    ]);
    for (const r of apply)
      expect(r.source).toMatch(/https:\/\/|provider docs|terraform-provider-google/);
  });
});
