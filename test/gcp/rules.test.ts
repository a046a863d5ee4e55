import { ComplianceStatus, Rule } from '../../lib/core/compliance/rule';
import { StackView } from '../../lib/core/compliance/stack-view';
import { GcpMlopsChecks } from '../../lib/gcp';

const pack = new GcpMlopsChecks();
const rule = (id: string): Rule => {
  const r = pack.rules.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};

/** Evaluates rule `id` on resource `type.name` of a hand-written Terraform JSON. */
function run(
  id: string,
  resources: { [type: string]: { [name: string]: any } },
  type: string,
  name = 'r',
): ComplianceStatus {
  const stack = new StackView('s', { resource: resources });
  const view = stack.resources(type).find((r) => r.name === name)!;
  return rule(id).evaluate(view, stack).status;
}
const OK = ComplianceStatus.COMPLIANT;
const BAD = ComplianceStatus.NON_COMPLIANT;
const NA = ComplianceStatus.NOT_APPLICABLE;

describe('GcpMlopsChecks rules on any Terraform JSON', () => {
  test('rule ids are control ids', () => {
    for (const r of pack.rules) expect(r.id).toMatch(/^(GCP-\d\d(\.[a-z-]+)?|X-\d\d(\.[a-z-]+)?)$/);
  });

  test('GCP-01 default compute SA', () => {
    expect(
      run(
        'GCP-01',
        {
          google_project_iam_member: {
            r: {
              role: 'roles/viewer',
              member: 'serviceAccount:1-compute@developer.gserviceaccount.com',
            },
          },
        },
        'google_project_iam_member',
      ),
    ).toBe(BAD);
    expect(
      run(
        'GCP-01',
        { google_workbench_instance: { r: { gce_setup: {} } } },
        'google_workbench_instance',
      ),
    ).toBe(BAD);
    expect(
      run(
        'GCP-01',
        {
          google_workbench_instance: {
            r: { gce_setup: { service_accounts: [{ email: 'wb@p.iam.gserviceaccount.com' }] } },
          },
        },
        'google_workbench_instance',
      ),
    ).toBe(OK);
  });

  test('GCP-02 broad roles', () => {
    expect(
      run(
        'GCP-02',
        {
          google_project_iam_member: {
            r: { role: 'roles/editor', member: 'serviceAccount:x@p.iam.gserviceaccount.com' },
          },
        },
        'google_project_iam_member',
      ),
    ).toBe(BAD);
    expect(
      run(
        'GCP-02',
        {
          google_storage_bucket_iam_member: {
            r: { role: 'roles/storage.admin', member: 'group:g@example.com' },
          },
        },
        'google_storage_bucket_iam_member',
      ),
    ).toBe(BAD);
    expect(
      run(
        'GCP-02',
        {
          google_project_iam_member: {
            r: { role: 'roles/bigquery.jobUser', member: 'group:g@example.com' },
          },
        },
        'google_project_iam_member',
      ),
    ).toBe(OK);
  });

  test('GCP-03 data roles at project level', () => {
    expect(
      run(
        'GCP-03',
        {
          google_project_iam_member: {
            r: { role: 'roles/storage.objectAdmin', member: 'group:g@example.com' },
          },
        },
        'google_project_iam_member',
      ),
    ).toBe(BAD);
    expect(
      run(
        'GCP-03',
        {
          google_project_iam_member: {
            r: { role: 'roles/logging.viewer', member: 'group:g@example.com' },
          },
        },
        'google_project_iam_member',
      ),
    ).toBe(OK);
  });

  test('GCP-04 Vizier roles only hold study/trial permissions', () => {
    expect(
      run(
        'GCP-04',
        {
          google_project_iam_custom_role: {
            r: { permissions: ['ml.studies.get', 'ml.models.predict'] },
          },
        },
        'google_project_iam_custom_role',
      ),
    ).toBe(BAD);
    expect(
      run(
        'GCP-04',
        {
          google_project_iam_custom_role: {
            r: { permissions: ['ml.studies.get', 'ml.trials.get', 'resourcemanager.projects.get'] },
          },
        },
        'google_project_iam_custom_role',
      ),
    ).toBe(OK);
    expect(
      run(
        'GCP-04',
        { google_project_iam_custom_role: { r: { permissions: ['aiplatform.models.get'] } } },
        'google_project_iam_custom_role',
      ),
    ).toBe(NA);
  });

  test('GCP-05 encrypted resource depends on the key grant', () => {
    const base = {
      google_kms_crypto_key: { k: { key_ring: 'x' } },
      google_kms_crypto_key_iam_member: {
        g: {
          crypto_key_id: '${google_kms_crypto_key.k.id}',
          member: 'x',
          role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
        },
      },
    };
    expect(
      run(
        'GCP-05',
        {
          ...base,
          google_storage_bucket: {
            r: { encryption: { default_kms_key_name: '${google_kms_crypto_key.k.id}' } },
          },
        },
        'google_storage_bucket',
      ),
    ).toBe(BAD);
    expect(
      run(
        'GCP-05',
        {
          ...base,
          google_storage_bucket: {
            r: {
              encryption: { default_kms_key_name: '${google_kms_crypto_key.k.id}' },
              depends_on: ['google_kms_crypto_key_iam_member.g'],
            },
          },
        },
        'google_storage_bucket',
      ),
    ).toBe(OK);
    expect(
      run(
        'GCP-05',
        {
          google_storage_bucket: {
            r: {
              encryption: {
                default_kms_key_name: 'projects/p/locations/l/keyRings/r/cryptoKeys/k',
              },
            },
          },
        },
        'google_storage_bucket',
      ),
    ).toBe(NA);
  });

  test('GCP-06 rotation, CMEK, key region', () => {
    expect(
      run(
        'GCP-06.rotation',
        { google_kms_crypto_key: { r: { rotation_period: '31536000s' } } },
        'google_kms_crypto_key',
      ),
    ).toBe(BAD);
    expect(
      run('GCP-06.rotation', { google_kms_crypto_key: { r: {} } }, 'google_kms_crypto_key'),
    ).toBe(BAD);
    expect(
      run(
        'GCP-06.rotation',
        { google_kms_crypto_key: { r: { rotation_period: '7776000s' } } },
        'google_kms_crypto_key',
      ),
    ).toBe(OK);
    expect(
      run(
        'GCP-06.cmek',
        { google_bigquery_dataset: { r: { dataset_id: 'd' } } },
        'google_bigquery_dataset',
      ),
    ).toBe(BAD);
    expect(
      run(
        'GCP-06.cmek',
        {
          google_workbench_instance: {
            r: { gce_setup: { boot_disk: { disk_encryption: 'GMEK' } } },
          },
        },
        'google_workbench_instance',
      ),
    ).toBe(BAD);
    expect(
      run(
        'GCP-06.cmek',
        { google_vertex_ai_endpoint: { r: { encryption_spec: { kms_key_name: 'k' } } } },
        'google_vertex_ai_endpoint',
      ),
    ).toBe(OK);
    const ring = {
      google_kms_key_ring: { kr: { location: 'us-central1' } },
      google_kms_crypto_key: { k: { key_ring: '${google_kms_key_ring.kr.id}' } },
    };
    expect(
      run(
        'GCP-06.region',
        {
          ...ring,
          google_storage_bucket: {
            r: {
              location: 'europe-west4',
              encryption: { default_kms_key_name: '${google_kms_crypto_key.k.id}' },
            },
          },
        },
        'google_storage_bucket',
      ),
    ).toBe(BAD);
    expect(
      run(
        'GCP-06.region',
        {
          google_storage_bucket: {
            r: {
              location: 'EU',
              encryption: {
                default_kms_key_name: 'projects/p/locations/eu/keyRings/r/cryptoKeys/k',
              },
            },
          },
        },
        'google_storage_bucket',
      ),
    ).toBe(OK);
  });

  test('GCP-07 perimeter services and single membership owner', () => {
    const perimeter = (cfg: any): any => ({
      google_access_context_manager_service_perimeter: { r: cfg },
    });
    expect(
      run(
        'GCP-07',
        perimeter({ status: { restricted_services: ['storage.googleapis.com'] } }),
        'google_access_context_manager_service_perimeter',
      ),
    ).toBe(BAD);
    const all = [
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
    expect(
      run(
        'GCP-07',
        perimeter({
          use_explicit_dry_run_spec: true,
          spec: { restricted_services: all, vpc_accessible_services: { enable_restriction: true } },
        }),
        'google_access_context_manager_service_perimeter',
      ),
    ).toBe(OK);
    expect(
      run(
        'GCP-07',
        perimeter({
          use_explicit_dry_run_spec: true,
          status: {
            restricted_services: all,
            vpc_accessible_services: { enable_restriction: true },
          },
        }),
        'google_access_context_manager_service_perimeter',
      ),
    ).toBe(BAD);
    const both = {
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
    expect(run('GCP-07.membership', both, 'google_access_context_manager_service_perimeter')).toBe(
      BAD,
    );
    expect(
      run(
        'GCP-07.membership',
        perimeter({ status: { resources: ['projects/1'] } }),
        'google_access_context_manager_service_perimeter',
      ),
    ).toBe(OK);
  });

  test('GCP-08 network, subnet, firewall', () => {
    expect(
      run('GCP-08.network', { google_compute_network: { r: {} } }, 'google_compute_network'),
    ).toBe(BAD);
    expect(
      run(
        'GCP-08.network',
        { google_compute_network: { r: { auto_create_subnetworks: false } } },
        'google_compute_network',
      ),
    ).toBe(OK);
    expect(
      run(
        'GCP-08.subnet',
        { google_compute_subnetwork: { r: { private_ip_google_access: true } } },
        'google_compute_subnetwork',
      ),
    ).toBe(BAD);
    expect(
      run(
        'GCP-08.subnet',
        {
          google_compute_subnetwork: {
            r: { private_ip_google_access: true, log_config: { flow_sampling: 0.5 } },
          },
        },
        'google_compute_subnetwork',
      ),
    ).toBe(OK);
    expect(
      run(
        'GCP-08.firewall',
        {
          google_compute_firewall: {
            r: {
              direction: 'INGRESS',
              source_ranges: ['0.0.0.0/0'],
              allow: [{ protocol: 'tcp', ports: ['22'] }],
            },
          },
        },
        'google_compute_firewall',
      ),
    ).toBe(BAD);
    expect(
      run(
        'GCP-08.firewall',
        {
          google_compute_firewall: {
            r: { direction: 'INGRESS', source_ranges: ['0.0.0.0/0'], deny: [{ protocol: 'all' }] },
          },
        },
        'google_compute_firewall',
      ),
    ).toBe(NA);
  });

  test('GCP-09 Workbench hardening', () => {
    const good = {
      disable_public_ip: true,
      metadata: { 'notebook-disable-root': 'true' },
      shielded_instance_config: {
        enable_secure_boot: true,
        enable_vtpm: true,
        enable_integrity_monitoring: true,
      },
    };
    expect(
      run(
        'GCP-09',
        { google_workbench_instance: { r: { gce_setup: good } } },
        'google_workbench_instance',
      ),
    ).toBe(OK);
    expect(
      run(
        'GCP-09',
        { google_workbench_instance: { r: { gce_setup: { ...good, disable_public_ip: false } } } },
        'google_workbench_instance',
      ),
    ).toBe(BAD);
    expect(
      run(
        'GCP-09',
        { google_workbench_instance: { r: { gce_setup: { ...good, metadata: {} } } } },
        'google_workbench_instance',
      ),
    ).toBe(BAD);
  });

  test('GCP-10 audit config and log bucket', () => {
    expect(
      run(
        'GCP-10.audit-config',
        {
          google_project_iam_audit_config: {
            r: { audit_log_config: [{ log_type: 'ADMIN_READ' }] },
          },
        },
        'google_project_iam_audit_config',
      ),
    ).toBe(BAD);
    const types = ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'].map((log_type) => ({ log_type }));
    expect(
      run(
        'GCP-10.audit-config',
        { google_project_iam_audit_config: { r: { audit_log_config: types } } },
        'google_project_iam_audit_config',
      ),
    ).toBe(OK);
    expect(
      run(
        'GCP-10.log-bucket',
        {
          google_logging_project_bucket_config: {
            r: { retention_days: 30, locked: false, cmek_settings: { kms_key_name: 'k' } },
          },
        },
        'google_logging_project_bucket_config',
      ),
    ).toBe(BAD);
    expect(
      run(
        'GCP-10.log-bucket',
        {
          google_logging_project_bucket_config: {
            r: { retention_days: 30, locked: true, cmek_settings: { kms_key_name: 'k' } },
          },
        },
        'google_logging_project_bucket_config',
      ),
    ).toBe(OK);
  });

  test('GCP-11 guardrails enforced', () => {
    const pol = (constraint: string, rules: any[]): any => ({
      google_org_policy_policy: {
        r: { name: `projects/p/policies/${constraint}`, spec: { rules } },
      },
    });
    expect(
      run(
        'GCP-11',
        pol('iam.disableServiceAccountKeyCreation', [{ enforce: 'FALSE' }]),
        'google_org_policy_policy',
      ),
    ).toBe(BAD);
    expect(
      run(
        'GCP-11',
        pol('iam.disableServiceAccountKeyCreation', [{ enforce: 'TRUE' }]),
        'google_org_policy_policy',
      ),
    ).toBe(OK);
    expect(
      run(
        'GCP-11',
        pol('compute.vmExternalIpAccess', [{ allow_all: 'TRUE' }]),
        'google_org_policy_policy',
      ),
    ).toBe(BAD);
  });

  test('GCP-12 buckets', () => {
    const good = {
      uniform_bucket_level_access: true,
      public_access_prevention: 'enforced',
      versioning: { enabled: true },
      lifecycle_rule: [{ action: { type: 'Delete' }, condition: { age: 30 } }],
      logging: { log_bucket: 'logs' },
    };
    expect(
      run(
        'GCP-12.access',
        { google_storage_bucket: { r: { ...good, public_access_prevention: 'inherited' } } },
        'google_storage_bucket',
      ),
    ).toBe(BAD);
    expect(
      run('GCP-12.access', { google_storage_bucket: { r: good } }, 'google_storage_bucket'),
    ).toBe(OK);
    expect(
      run(
        'GCP-12.lifecycle',
        { google_storage_bucket: { r: { ...good, lifecycle_rule: [] } } },
        'google_storage_bucket',
      ),
    ).toBe(BAD);
    expect(
      run(
        'GCP-12.logging',
        { google_storage_bucket: { r: { ...good, logging: undefined } } },
        'google_storage_bucket',
      ),
    ).toBe(BAD);
    const logTarget = {
      google_storage_bucket: {
        r: { ...good, logging: undefined },
        d: { ...good, logging: { log_bucket: '${google_storage_bucket.r.name}' } },
      },
    };
    expect(run('GCP-12.logging', logTarget, 'google_storage_bucket')).toBe(NA);
  });

  test('GCP-13 registry', () => {
    expect(
      run(
        'GCP-13',
        { google_artifact_registry_repository: { r: { format: 'DOCKER' } } },
        'google_artifact_registry_repository',
      ),
    ).toBe(BAD);
    expect(
      run(
        'GCP-13',
        {
          google_artifact_registry_repository: {
            r: {
              format: 'DOCKER',
              cleanup_policies: [{ id: 'x' }],
              vulnerability_scanning_config: { enablement_config: 'DISABLED' },
            },
          },
        },
        'google_artifact_registry_repository',
      ),
    ).toBe(BAD);
    expect(
      run(
        'GCP-13',
        {
          google_artifact_registry_repository: {
            r: { format: 'KFP', cleanup_policies: [{ id: 'x' }], cleanup_policy_dry_run: false },
          },
        },
        'google_artifact_registry_repository',
      ),
    ).toBe(OK);
  });

  test('GCP-14 alert channels', () => {
    expect(
      run(
        'GCP-14',
        { google_monitoring_alert_policy: { r: { display_name: 'x' } } },
        'google_monitoring_alert_policy',
      ),
    ).toBe(BAD);
    expect(
      run(
        'GCP-14',
        { google_monitoring_alert_policy: { r: { notification_channels: ['c'] } } },
        'google_monitoring_alert_policy',
      ),
    ).toBe(OK);
  });

  test('GCP-15 private endpoints', () => {
    expect(
      run(
        'GCP-15',
        { google_vertex_ai_endpoint: { r: { display_name: 'x' } } },
        'google_vertex_ai_endpoint',
      ),
    ).toBe(BAD);
    expect(
      run(
        'GCP-15',
        {
          google_vertex_ai_endpoint: {
            r: { private_service_connect_config: { enable_private_service_connect: true } },
          },
        },
        'google_vertex_ai_endpoint',
      ),
    ).toBe(OK);
  });

  test('GCP-17 no service account keys', () => {
    expect(
      run(
        'GCP-17',
        { google_service_account_key: { r: { service_account_id: 'x' } } },
        'google_service_account_key',
      ),
    ).toBe(BAD);
  });

  test('X-08 and X-09 cover GCP types', () => {
    expect(run('X-08', { google_storage_bucket: { r: {} } }, 'google_storage_bucket')).toBe(BAD);
    expect(
      run(
        'X-09',
        { google_storage_bucket: { r: { labels: { platform: 'p' } } } },
        'google_storage_bucket',
      ),
    ).toBe(BAD);
  });
});
