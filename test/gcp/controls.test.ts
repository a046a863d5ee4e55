import { DataGoogleContainerCluster } from '@cdktf/provider-google/lib/data-google-container-cluster';
import { Persona } from '../../lib/core/personas';
import { CmekPurpose, GcpMlopsChecks, SecureVertexPipeline } from '../../lib/gcp';
import { CUSTOM_ROLE_DEFINITIONS, VIZIER_METHOD_PERMISSIONS } from '../../lib/gcp/role-catalogue';
import { ALERT_TAMPER_ROLES } from '../../lib/gcp/rules/gcp-14.alert-guard';
import { evaluate, synthJson } from '../helpers';
import { PROJECT, all, at, baseProps, gcpStack, nameAt } from './fixtures';

const WIF =
  'principalSet://iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/github/attribute.repository/acme/ml';

describe('SecureVertexPipeline controls (full platform)', () => {
  let json: any;
  let platform: SecureVertexPipeline;
  let stack: ReturnType<typeof gcpStack>;
  const ref = (type: string, suffix: string): string => `${type}.${nameAt(json, type, suffix)}`;
  const members = (type: string): any[] => all(json, type);

  beforeAll(() => {
    stack = gcpStack();
    const gke = new DataGoogleContainerCluster(stack, 'gke', {
      name: 'ml-serving',
      location: 'europe-west4',
    });
    platform = new SecureVertexPipeline(
      stack,
      'ml',
      baseProps({
        perimeter: {
          accessPolicyId: '123456789012',
          accessLevels: ['accessPolicies/123456789012/accessLevels/corp'],
          deployerIdentities: ['serviceAccount:terraform@acme-seed.iam.gserviceaccount.com'],
        },
        vizier: {
          admins: ['group:vizier-admins@example.com'],
          developers: ['group:tuners@example.com'],
          viewers: ['group:business@example.com'],
        },
        workloadIdentity: {
          training: [{ namespace: 'ml', kubernetesServiceAccount: 'trainer' }],
          clusters: [gke],
        },
        sensitiveDataProtection: true,
        ciIdentity: { federatedPrincipals: [WIF] },
      }),
    );
    json = synthJson(stack);
  });

  test('GCP-01 dedicated service accounts per function, pipeline SA may only act as the training SA', () => {
    const ids = members('google_service_account').map((s) => s.account_id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'vertex-pipeline',
        'vertex-training',
        'vertex-deployment',
        'vertex-monitoring',
      ]),
    );
    const actAs = members('google_service_account_iam_member').filter(
      (m) => m.role === 'roles/iam.serviceAccountUser',
    );
    const pipelineActAs = actAs.filter(
      (m) =>
        m.member === `\${${ref('google_service_account', 'service-accounts/pipeline')}.member}`,
    );
    expect(pipelineActAs).toHaveLength(1);
    expect(pipelineActAs[0].service_account_id).toBe(
      `\${${ref('google_service_account', 'service-accounts/training')}.name}`,
    );
    const wb = at(json, 'google_workbench_instance', 'workbench-alice-wb/instance');
    expect(wb.gce_setup.service_accounts[0].email).toBe(
      `\${${ref('google_service_account', 'workbench-alice-wb/sa')}.email}`,
    );
    expect(JSON.stringify(json)).not.toMatch(/-compute@developer\.gserviceaccount\.com/);
  });

  test("GCP-01 a Workbench instance's SA may act as the training SA only: jobs its notebooks submit name it", () => {
    const wbSa = `\${${ref('google_service_account', 'workbench-alice-wb/sa')}.member}`;
    const actAs = members('google_service_account_iam_member').filter((m) => m.member === wbSa);
    expect(actAs).toEqual([
      expect.objectContaining({
        role: 'roles/iam.serviceAccountUser',
        service_account_id: `\${${ref('google_service_account', 'service-accounts/training')}.name}`,
      }),
    ]);
  });

  test('GCP-02 custom roles: model deployer deploys and uploads but cannot train; no broad roles anywhere', () => {
    const roles = members('google_project_iam_custom_role');
    const deployer = roles.find((r) => r.role_id === 'mlopsModelDeployer');
    expect(deployer.permissions).toEqual(
      expect.arrayContaining(['aiplatform.endpoints.deploy', 'aiplatform.models.upload']),
    );
    expect(
      deployer.permissions.filter((p: string) =>
        /customJobs|pipelineJobs|trainingPipelines/.test(p),
      ),
    ).toEqual([]);
    const viewer = roles.find((r) => r.role_id === 'mlopsModelViewer');
    expect(viewer.permissions.every((p: string) => /\.(get|list)$/.test(p))).toBe(true);
    const granted = [
      ...members('google_project_iam_member'),
      ...members('google_storage_bucket_iam_member'),
      ...members('google_bigquery_dataset_iam_member'),
      ...members('google_artifact_registry_repository_iam_member'),
      ...members('google_service_account_iam_member'),
    ].map((m) => m.role);
    for (const broad of [
      'roles/owner',
      'roles/editor',
      'roles/aiplatform.admin',
      'roles/storage.admin',
      'roles/bigquery.admin',
    ]) {
      expect(granted).not.toContain(broad);
    }
  });

  test('GCP-02 the pipeline operator runs the batch prediction and evaluation import components: creates, polls and cancels batch prediction jobs, imports evaluations and slices; no deploy', () => {
    const operator = members('google_project_iam_custom_role').find(
      (r) => r.role_id === 'mlopsPipelineOperator',
    );
    expect(operator.permissions).toEqual(
      expect.arrayContaining([
        // ModelBatchPredictOp: create, then poll (GetBatchPredictionJob), cancel on run cancel
        'aiplatform.batchPredictionJobs.create',
        'aiplatform.batchPredictionJobs.get',
        'aiplatform.batchPredictionJobs.cancel',
        // ModelImportEvaluationOp: ImportModelEvaluation, then BatchImportModelEvaluationSlices
        'aiplatform.modelEvaluations.import',
        'aiplatform.modelEvaluationSlices.import',
      ]),
    );
    expect(
      operator.permissions.filter((p: string) =>
        /^aiplatform\.endpoints\.(deploy|undeploy)$/.test(p),
      ),
    ).toEqual([]);
  });

  test('GCP-03 pipeline and training SAs get objectUser on the pipeline root, not objectAdmin', () => {
    const bucket = ref('google_storage_bucket', 'pipeline-root/bucket');
    const onRoot = members('google_storage_bucket_iam_member').filter(
      (m) => m.bucket === `\${${bucket}.name}`,
    );
    for (const sa of ['pipeline', 'training']) {
      const member = `\${${ref('google_service_account', `service-accounts/${sa}`)}.member}`;
      expect(onRoot.filter((m) => m.member === member).map((m) => m.role)).toEqual([
        'roles/storage.objectUser',
      ]);
    }
    expect(onRoot.map((m) => m.role)).not.toContain('roles/storage.objectAdmin');
  });

  test('GCP-03 data scientists and Workbench SAs stage job code under the pipeline root staging prefix only (an IAM condition on the object name)', () => {
    const bucket = ref('google_storage_bucket', 'pipeline-root/bucket');
    const conditional = members('google_storage_bucket_iam_member').filter(
      (m) => m.bucket === `\${${bucket}.name}` && m.condition !== undefined,
    );
    const ds = 'group:data-scientists@example.com';
    expect(conditional.map((m) => m.member)).toEqual(
      expect.arrayContaining([ds, expect.stringContaining('google_service_account.')]),
    );
    for (const m of conditional) {
      expect(m.role).toBe('roles/storage.objectUser');
      expect(m.condition).toEqual({
        title: 'objects under staging/',
        expression: `resource.name.startsWith("projects/_/buckets/\${${bucket}.name}/objects/staging/")`,
      });
    }
    // nowhere else: the rest of the root stays read-only for them
    expect(
      members('google_storage_bucket_iam_member').filter(
        (m) => m.member === ds && m.role !== 'roles/storage.objectViewer' && !m.condition,
      ),
    ).toEqual([]);
  });

  test('GCP-09 data scientists list the Workbench instances through their custom role, not roles/notebooks.viewer (which reads every VM, serial port output included)', () => {
    const ds = 'group:data-scientists@example.com';
    expect(
      members('google_project_iam_member').filter(
        (m) => m.member === ds && String(m.role).startsWith('roles/notebooks.'),
      ),
    ).toEqual([]);
    expect(CUSTOM_ROLE_DEFINITIONS.DATA_SCIENTIST.permissions).toContain(
      'notebooks.instances.list',
    );
    expect(
      CUSTOM_ROLE_DEFINITIONS.DATA_SCIENTIST.permissions.filter((p) => p.startsWith('compute.')),
    ).toEqual([]);
  });

  test('GCP-03 personas bound on buckets, datasets and repositories; data roles never project-wide', () => {
    const de = 'group:data-engineers@example.com';
    expect(
      members('google_storage_bucket_iam_member').filter(
        (m) => m.member === de && m.role === 'roles/storage.objectAdmin',
      ).length,
    ).toBeGreaterThan(0);
    expect(
      members('google_bigquery_dataset_iam_member').filter(
        (m) => m.member === de && m.role === 'roles/bigquery.dataEditor',
      ).length,
    ).toBeGreaterThan(0);
    expect(
      members('google_artifact_registry_repository_iam_member').some(
        (m) =>
          m.member === 'group:ml-engineers@example.com' &&
          m.role === 'roles/artifactregistry.writer',
      ),
    ).toBe(true);
    const projectRoles = members('google_project_iam_member').map((m) => m.role);
    expect(projectRoles.filter((r) => /^roles\/(storage\.object|bigquery\.data)/.test(r))).toEqual(
      [],
    );
    expect(
      members('google_project_iam_member').some(
        (m) =>
          m.member === 'group:auditors@example.com' && m.role === 'roles/logging.privateLogViewer',
      ),
    ).toBe(true);
  });

  test('GCP-03 whoever runs BigQuery jobs may read through the Storage Read API: readSessionUser goes with every project jobUser', () => {
    const project = members('google_project_iam_member');
    const holders = (role: string): string[] =>
      project
        .filter((m) => m.role === role)
        .map((m) => m.member)
        .sort();
    const jobUsers = holders('roles/bigquery.jobUser');
    const sa = (path: string): string => `\${${ref('google_service_account', path)}.member}`;
    expect(jobUsers).toEqual(
      expect.arrayContaining([
        'group:data-scientists@example.com',
        'group:ml-engineers@example.com',
        'group:data-engineers@example.com',
        sa('service-accounts/pipeline'),
        sa('service-accounts/training'),
        sa('workbench-alice-wb/sa'),
      ]),
    );
    // to_dataframe() and BigQuery DataFrames create read sessions (bigquery.readsessions.create)
    expect(holders('roles/bigquery.readSessionUser')).toEqual(jobUsers);
  });

  test('GCP-03 data scientists and ML engineers read job logs (roles/logging.viewer), not private logs; no service account does', () => {
    const project = members('google_project_iam_member');
    const viewers = project
      .filter((m) => m.role === 'roles/logging.viewer')
      .map((m) => m.member)
      .sort();
    expect(viewers).toEqual([
      'group:data-scientists@example.com',
      'group:ml-engineers@example.com',
    ]);
    // Data Access audit logs stay with the auditors (roles/logging.privateLogViewer)
    expect(
      project.filter((m) => m.role === 'roles/logging.privateLogViewer').map((m) => m.member),
    ).toEqual(['group:auditors@example.com']);
  });

  test('GCP-04 Vizier-only custom roles from the s002 table, bound to the Vizier personas', () => {
    const roles = members('google_project_iam_custom_role');
    const admin = roles.find((r) => r.role_id === 'mlopsVizierAdmin');
    const viewer = roles.find((r) => r.role_id === 'mlopsVizierViewer');
    const tablePerms = [...new Set(Object.values(VIZIER_METHOD_PERMISSIONS))];
    expect(admin.permissions).toEqual(expect.arrayContaining(tablePerms));
    for (const r of [admin, viewer, roles.find((x) => x.role_id === 'mlopsVizierDeveloper')]) {
      expect(
        r.permissions.filter((p: string) => /^ml\.(jobs|models|versions|operations)/.test(p)),
      ).toEqual([]);
    }
    expect(viewer.permissions).toEqual([
      'aiplatform.studies.get',
      'aiplatform.studies.list',
      'aiplatform.trials.get',
      'aiplatform.trials.list',
      'resourcemanager.projects.get',
    ]);
    // AI Platform (ml.googleapis.com) was shut down on 2025-01-31: no ml.* permission anywhere
    for (const r of roles)
      expect(r.permissions.filter((p: string) => p.startsWith('ml.'))).toEqual([]);
    const vizierAdminBinding = members('google_project_iam_member').find(
      (m) => m.member === 'group:vizier-admins@example.com',
    );
    expect(vizierAdminBinding.role).toBe(
      `\${${ref('google_project_iam_custom_role', 'roles/vizier-admin')}.name}`,
    );
  });

  test('GCP-05 service agents exist before their key grants, and encrypted resources wait for the grants', () => {
    expect(
      members('google_project_service_identity')
        .map((s) => s.service)
        .sort(),
    ).toEqual([
      'aiplatform.googleapis.com',
      'artifactregistry.googleapis.com',
      'notebooks.googleapis.com',
    ]);
    const grants = members('google_kms_crypto_key_iam_member');
    expect(grants.every((g) => g.role === 'roles/cloudkms.cryptoKeyEncrypterDecrypter')).toBe(true);
    const vertexGrant = at(json, 'google_kms_crypto_key_iam_member', 'keys/vertex_ai-vertex_ai');
    expect(vertexGrant.member).toContain('google_project_service_identity.');
    // the grant waits after the identity (time_sleep), for IAM to know the new agent
    expect(vertexGrant.depends_on).toEqual([ref('time_sleep', 'service-agents/agents-wait')]);
    expect(at(json, 'time_sleep', 'service-agents/agents-wait').depends_on).toContain(
      ref('google_project_service_identity', 'service-agents/vertex-ai'),
    );
    expect(vertexGrant.crypto_key_id).toContain(ref('google_kms_crypto_key', 'keys/vertex-ai'));
    const storageGrant = ref('google_kms_crypto_key_iam_member', 'keys/storage-storage');
    for (const b of members('google_storage_bucket')) expect(b.depends_on).toContain(storageGrant);
    expect(at(json, 'google_vertex_ai_endpoint', 'endpoint-churn/endpoint').depends_on).toContain(
      ref('google_kms_crypto_key_iam_member', 'keys/vertex_ai-vertex_ai'),
    );
  });

  test('GCP-05 enabling another API later replaces no key grant: each agent lookup waits for its own API, and the Storage and BigQuery members come from the project number', () => {
    // a data source is read again at apply when something it depends on changes; a member
    // read from it is then unknown at plan, and `member` forces a new IAM binding
    const lookups: [string, string][] = [
      ['google_storage_project_service_account', 'storage'],
      ['google_bigquery_default_service_account', 'bigquery'],
      ['google_logging_project_cmek_settings', 'logging'],
    ];
    for (const [type, api] of lookups) {
      const d = Object.values<any>(json.data[type])[0];
      expect(d.depends_on).toEqual([ref('google_project_service', `project/api-${api}`)]);
    }
    const number = '${data.google_project.' + Object.keys(json.data.google_project)[0] + '.number}';
    expect(at(json, 'google_kms_crypto_key_iam_member', 'keys/storage-storage').member).toBe(
      `serviceAccount:service-${number}@gs-project-accounts.iam.gserviceaccount.com`,
    );
    expect(at(json, 'google_kms_crypto_key_iam_member', 'keys/bigquery-bigquery').member).toBe(
      `serviceAccount:bq-${number}@bigquery-encryption.iam.gserviceaccount.com`,
    );
    // and a project whose agent differs fails at plan instead of granting a missing principal
    const check = (type: string) =>
      Object.values<any>(json.data[type])[0].lifecycle.postcondition[0].condition;
    expect(check('google_storage_project_service_account')).toBe(
      `\${(self.email_address == "service-${number}@gs-project-accounts.iam.gserviceaccount.com")}`,
    );
    expect(check('google_bigquery_default_service_account')).toBe(
      `\${(self.email == "bq-${number}@bigquery-encryption.iam.gserviceaccount.com")}`,
    );
  });

  test('GCP-06 one key per purpose in the platform region, rotation 90 days, prevent_destroy, used by every data resource', () => {
    expect(at(json, 'google_kms_key_ring', 'keys/key-ring').location).toBe('europe-west4');
    const keys = members('google_kms_crypto_key');
    expect(keys.map((k) => k.name).sort()).toEqual([
      'artifact-registry',
      'bigquery',
      'compute',
      'logging',
      'storage',
      'vertex-ai',
    ]);
    for (const k of keys) {
      expect(k.rotation_period).toBe('7776000s');
      expect(k.lifecycle.prevent_destroy).toBe(true);
    }
    const key = (p: string): string => `\${${ref('google_kms_crypto_key', `keys/${p}`)}.id}`;
    for (const b of members('google_storage_bucket'))
      expect(b.encryption.default_kms_key_name).toBe(key('storage'));
    for (const d of members('google_bigquery_dataset'))
      expect(d.default_encryption_configuration.kms_key_name).toBe(key('bigquery'));
    for (const r of members('google_artifact_registry_repository'))
      expect(r.kms_key_name).toBe(key('artifact-registry'));
    expect(
      at(json, 'google_vertex_ai_tensorboard', 'tensorboard').encryption_spec.kms_key_name,
    ).toBe(key('vertex-ai'));
    expect(
      at(json, 'google_vertex_ai_metadata_store', 'metadata-store').encryption_spec.kms_key_name,
    ).toBe(key('vertex-ai'));
    expect(
      at(json, 'google_vertex_ai_endpoint', 'endpoint-churn/endpoint').encryption_spec.kms_key_name,
    ).toBe(key('vertex-ai'));
    const wb = at(json, 'google_workbench_instance', 'instance');
    expect(wb.gce_setup.boot_disk).toMatchObject({
      disk_encryption: 'CMEK',
      kms_key: key('compute'),
    });
    expect(platform.jobKmsKeyName).toBe(platform.keys.keyId(CmekPurpose.VERTEX_AI));
  });

  test('GCP-07 perimeter (enforced by default) restricts the ML services, owns its membership, restricts VPC-accessible services', () => {
    const p = at(json, 'google_access_context_manager_service_perimeter', 'perimeter/perimeter');
    expect(p.use_explicit_dry_run_spec).toBe(false);
    expect(p.spec).toBeUndefined();
    expect(p.status.restricted_services).toEqual(
      expect.arrayContaining([
        'aiplatform.googleapis.com',
        'storage.googleapis.com',
        'bigquery.googleapis.com',
        'artifactregistry.googleapis.com',
        'notebooks.googleapis.com',
        'cloudkms.googleapis.com',
        'logging.googleapis.com',
        'monitoring.googleapis.com',
        'containerregistry.googleapis.com',
      ]),
    );
    expect(p.status.resources).toEqual([
      `projects/\${data.google_project.${Object.keys(json.data.google_project)[0]}.number}`,
    ]);
    expect(p.status.vpc_accessible_services).toEqual({
      enable_restriction: true,
      allowed_services: ['RESTRICTED-SERVICES'],
    });
    expect(p.status.access_levels).toEqual([
      'accessPolicies/123456789012/accessLevels/corp',
      `\${${ref('google_access_context_manager_access_level', 'perimeter/deployers')}.name}`,
    ]);
    expect(json.resource.google_access_context_manager_service_perimeter_resource).toBeUndefined();
    // GCP-19: federated CI principals reach STS and the CI service account through an ingress
    // rule (a workload identity pool principal cannot be in an access level)
    expect(p.status.ingress_policies).toEqual([
      {
        title: 'CI federated identities impersonate the CI service account',
        ingress_from: { identities: [WIF], sources: [{ access_level: '*' }] },
        ingress_to: {
          resources: ['*'],
          operations: ['sts.googleapis.com', 'iamcredentials.googleapis.com'].map((s) => ({
            service_name: s,
            method_selectors: [{ method: '*' }],
          })),
        },
      },
    ]);
    // enforced only once private routing to restricted.googleapis.com exists
    expect(p.depends_on).toContain(ref('google_compute_route', 'network/google-apis-route'));
  });

  test('GCP-08 custom-mode VPC, private subnet with PGA and flow logs, default-deny firewalls, restricted.googleapis.com, PSA peering', () => {
    expect(at(json, 'google_compute_network', 'network/network').auto_create_subnetworks).toBe(
      false,
    );
    const subnet = at(json, 'google_compute_subnetwork', 'network/subnet');
    expect(subnet.private_ip_google_access).toBe(true);
    expect(subnet.log_config.flow_sampling).toBe(0.5);
    const denyIn = at(json, 'google_compute_firewall', 'network/deny-all-ingress');
    expect(denyIn).toMatchObject({
      direction: 'INGRESS',
      deny: [{ protocol: 'all' }],
      source_ranges: ['0.0.0.0/0'],
    });
    expect(
      members('google_compute_firewall').filter(
        (f) => f.direction === 'INGRESS' && f.allow && f.source_ranges?.includes('0.0.0.0/0'),
      ),
    ).toEqual([]);
    expect(at(json, 'google_compute_route', 'network/google-apis-route').dest_range).toBe(
      '199.36.153.4/30',
    );
    expect(members('google_dns_record_set').map((r) => r.name)).toEqual(
      expect.arrayContaining(['restricted.googleapis.com.', '*.googleapis.com.']),
    );
    expect(at(json, 'google_compute_global_address', 'private-service-range').purpose).toBe(
      'VPC_PEERING',
    );
    expect(
      at(json, 'google_service_networking_connection', 'private-service-connection').service,
    ).toBe('servicenetworking.googleapis.com');
    expect(json.resource.google_compute_router_nat).toBeUndefined();
  });

  test('GCP-08 egress to the private service access range admits HTTP on 80: private endpoints serve predictHttpUri over plain HTTP', () => {
    const psa = at(json, 'google_compute_firewall', 'network/allow-private-services-egress');
    expect(psa).toMatchObject({
      direction: 'EGRESS',
      destination_ranges: [
        `\${${ref('google_compute_global_address', 'private-service-range')}.address}/16`,
      ],
    });
    expect(psa.allow).toEqual([{ protocol: 'tcp', ports: ['80', '443', '8080'] }]);
  });

  test('GCP-09 Workbench: no public IP, no root, no downloads, shielded VM, CMEK disks, dedicated SA', () => {
    const wb = at(json, 'google_workbench_instance', 'instance');
    expect(wb.gce_setup.disable_public_ip).toBe(true);
    expect(wb.gce_setup.metadata['notebook-disable-root']).toBe('true');
    expect(wb.gce_setup.metadata['notebook-disable-downloads']).toBe('true');
    expect(wb.gce_setup.shielded_instance_config).toEqual({
      enable_secure_boot: true,
      enable_vtpm: true,
      enable_integrity_monitoring: true,
    });
    expect(wb.gce_setup.data_disks.disk_encryption).toBe('CMEK');
    expect(wb.instance_owners).toEqual(['alice@example.com']);
  });

  test('GCP-09 the Workbench owner starts and stops their own instance after the idle shutdown: a custom role granted on the instance only', () => {
    const role = members('google_project_iam_custom_role').find(
      (r) => r.role_id === 'mlopsWorkbenchOwner',
    );
    expect(role.permissions).toEqual([
      'notebooks.instances.get',
      'notebooks.instances.getHealth',
      'notebooks.instances.start',
      'notebooks.instances.stop',
    ]);
    const roleName = `\${${ref('google_project_iam_custom_role', 'roles/workbench-owner')}.name}`;
    const onInstance = members('google_workbench_instance_iam_member').filter(
      (m) => m.role === roleName,
    );
    expect(onInstance).toEqual([
      expect.objectContaining({
        member: 'user:alice@example.com',
        name: `\${${ref('google_workbench_instance', 'workbench-alice-wb/instance')}.name}`,
        location: 'europe-west4-a',
      }),
    ]);
    expect(members('google_project_iam_member').map((m) => m.role)).not.toContain(roleName);
  });

  test('GCP-10 audit configs for aiplatform, storage, bigquery, cloudkms with all log types; sink to a CMEK, locked log bucket', () => {
    const cfgs = members('google_project_iam_audit_config');
    expect(cfgs.map((c) => c.service).sort()).toEqual([
      'aiplatform.googleapis.com',
      'allServices',
      'bigquery.googleapis.com',
      'cloudkms.googleapis.com',
      'storage.googleapis.com',
    ]);
    for (const c of cfgs)
      expect(c.audit_log_config.map((l: any) => l.log_type)).toEqual([
        'ADMIN_READ',
        'DATA_READ',
        'DATA_WRITE',
      ]);
    const bucket = at(json, 'google_logging_project_bucket_config', 'audit/log-bucket');
    expect(bucket).toMatchObject({ locked: true, retention_days: 400, location: 'europe-west4' });
    expect(bucket.cmek_settings.kms_key_name).toContain(
      ref('google_kms_crypto_key', 'keys/logging'),
    );
    const sink = at(json, 'google_logging_project_sink', 'audit/sink');
    expect(sink.destination).toContain(
      ref('google_logging_project_bucket_config', 'audit/log-bucket'),
    );
    expect(sink.filter).toContain('cloudaudit.googleapis.com');
  });

  test('GCP-10 data-access audit logs are excluded from the _Default bucket, after the sink exists', () => {
    const exclusion = at(json, 'google_logging_project_exclusion', 'audit/default-sink-exclusion');
    expect(exclusion).toMatchObject({
      project: PROJECT,
      name: 'mlops-audit-data-access',
      filter: 'LOG_ID("cloudaudit.googleapis.com/data_access")',
    });
    expect(exclusion.disabled).toBeUndefined();
    expect(exclusion.depends_on).toEqual([ref('google_logging_project_sink', 'audit/sink')]);
    expect(platform.audit.defaultSinkExclusion).toBeDefined();
  });

  test('GCP-11 org-policy guardrails on the project', () => {
    const byConstraint: { [c: string]: any } = {};
    for (const p of members('google_org_policy_policy'))
      byConstraint[p.name.split('/policies/')[1]] = p;
    expect(Object.keys(byConstraint).sort()).toEqual([
      'ainotebooks.accessMode',
      'ainotebooks.disableFileDownloads',
      'ainotebooks.disableRootAccess',
      'ainotebooks.disableTerminal',
      'ainotebooks.environmentOptions',
      'ainotebooks.requireAutoUpgradeSchedule',
      'ainotebooks.restrictPublicIp',
      'ainotebooks.restrictVpcNetworks',
      'compute.requireOsLogin',
      'compute.vmExternalIpAccess',
      'custom.mlopsCustomJobServiceAccount',
      'custom.mlopsTuningJobServiceAccount',
      'gcp.resourceLocations',
      'gcp.restrictNonCmekServices',
      'iam.automaticIamGrantsForDefaultServiceAccounts',
      'iam.disableServiceAccountKeyCreation',
      'iam.disableServiceAccountKeyUpload',
      'storage.publicAccessPrevention',
      'storage.uniformBucketLevelAccess',
    ]);
    expect(
      byConstraint['ainotebooks.restrictVpcNetworks'].spec.rules[0].values.allowed_values,
    ).toEqual([`under:projects/${PROJECT}`]);
    expect(byConstraint['gcp.resourceLocations'].spec.rules[0].values.allowed_values).toEqual([
      'in:europe-west4-locations',
    ]);
    expect(byConstraint['gcp.restrictNonCmekServices'].spec.rules[0].values.denied_values).toEqual(
      expect.arrayContaining(['aiplatform.googleapis.com', 'storage.googleapis.com']),
    );
    expect(byConstraint['iam.disableServiceAccountKeyCreation'].spec.rules[0].enforce).toBe('TRUE');
    expect(byConstraint['iam.disableServiceAccountKeyCreation'].parent).toBe(`projects/${PROJECT}`);
  });

  test('GCP-12 buckets: UBLA, PAP enforced, versioning, lifecycle, soft delete, access logs, never force-destroyed', () => {
    const logBucket = ref('google_storage_bucket', 'access-logs/bucket');
    for (const b of members('google_storage_bucket')) {
      expect(b.uniform_bucket_level_access).toBe(true);
      expect(b.public_access_prevention).toBe('enforced');
      expect(b.versioning.enabled).toBe(true);
      expect(b.lifecycle_rule.some((r: any) => r.action.type === 'Delete')).toBe(true);
      expect(b.force_destroy).toBe(false);
      expect(b.location).toBe('europe-west4');
    }
    expect(at(json, 'google_storage_bucket', 'pipeline-root/bucket').logging.log_bucket).toBe(
      `\${${logBucket}.name}`,
    );
    expect(at(json, 'google_storage_bucket', 'data-training-data/bucket').logging.log_bucket).toBe(
      `\${${logBucket}.name}`,
    );
  });

  test('GCP-13 Artifact Registry: Docker + KFP, CMEK, cleanup policies, vulnerability scanning inherited with the scanning API on', () => {
    const docker = at(json, 'google_artifact_registry_repository', 'registry/docker');
    const kfp = at(json, 'google_artifact_registry_repository', 'registry/kfp');
    expect(docker.format).toBe('DOCKER');
    expect(kfp.format).toBe('KFP');
    expect(docker.vulnerability_scanning_config.enablement_config).toBe('INHERITED');
    expect(docker.docker_config.immutable_tags).toBe(true);
    for (const r of [docker, kfp]) {
      expect(r.cleanup_policy_dry_run).toBe(false);
      expect(r.cleanup_policies.map((c: any) => c.action).sort()).toEqual(['DELETE', 'KEEP']);
    }
    expect(members('google_project_service').map((s) => s.service)).toContain(
      'containerscanning.googleapis.com',
    );
  });

  test('GCP-14 alerts for latency, 5xx, utilisation and IAM/KMS/perimeter changes, to the notification channels', () => {
    const policies = members('google_monitoring_alert_policy');
    const filters = policies
      .map(
        (p) =>
          p.conditions[0].condition_threshold?.filter ??
          p.conditions[0].condition_matched_log?.filter,
      )
      .join('\n');
    expect(filters).toContain('prediction/online/prediction_latencies');
    expect(filters).toContain('prediction/online/response_count');
    expect(filters).toContain('cpu/utilization');
    expect(filters).toContain('SetIamPolicy');
    // resource-level grants log under their own method names (buckets, service accounts, datasets)
    const iam = policies.find((p) => p.display_name.endsWith('IAM policy change'));
    const iamFilter: string = iam.conditions[0].condition_matched_log.filter;
    for (const method of [
      'protoPayload.methodName:"SetIAMPolicy"',
      'protoPayload.methodName="storage.setIamPermissions"',
      'protoPayload.methodName:"PatchDataset"',
    ])
      expect(iamFilter).toContain(method);
    expect(filters).toContain('cloudkms.googleapis.com');
    // the key watch names Cloud KMS methods that exist (KeyManagementService RPCs, REST
    // reference of cryptoKeys and cryptoKeyVersions): a version is disabled by
    // UpdateCryptoKeyVersion (cryptoKeyVersions.patch), there is no Disable method
    const kms = policies.find((p) => p.display_name.endsWith('Cloud KMS key change'));
    const kmsMethods = [
      ...String(kms.conditions[0].condition_matched_log.filter).matchAll(
        /methodName:"([A-Za-z]+)"/g,
      ),
    ].map((m) => m[1]);
    expect(kmsMethods).toContain('UpdateCryptoKeyVersion');
    expect(kmsMethods).toContain('DestroyCryptoKeyVersion');
    const KMS_WRITE_RPCS = [
      'CreateKeyRing',
      'CreateCryptoKey',
      'CreateCryptoKeyVersion',
      'ImportCryptoKeyVersion',
      'UpdateCryptoKey',
      'UpdateCryptoKeyVersion',
      'UpdateCryptoKeyPrimaryVersion',
      'DestroyCryptoKeyVersion',
      'RestoreCryptoKeyVersion',
    ];
    for (const m of kmsMethods) expect([m, KMS_WRITE_RPCS.includes(m)]).toEqual([m, true]);
    expect(filters).toContain('accesscontextmanager.googleapis.com');
    // the audit trail and the alerts themselves: sink, bucket, exclusion, alert policy changes
    const audit = policies.find((p) => p.display_name.endsWith('audit trail or alerting change'));
    const auditFilter: string = audit.conditions[0].condition_matched_log.filter;
    for (const method of [
      'CreateSink',
      'DeleteSink',
      'CreateBucket',
      'UpdateBucket',
      'DeleteExclusion',
      'DeleteAlertPolicy',
    ])
      expect(auditFilter).toContain(`protoPayload.methodName:"${method}"`);
    // reads are logged too (ADMIN_READ for allServices): they must not match
    expect(auditFilter).not.toMatch(/methodName:"(Get|List)/);
    expect(auditFilter).not.toContain('methodName:"NotificationChannel"');
    const channel = ref('google_monitoring_notification_channel', 'monitoring/email-0');
    for (const p of policies) expect(p.notification_channels).toEqual([`\${${channel}.name}`]);
    expect(at(json, 'google_monitoring_notification_channel', 'email-0').labels.email_address).toBe(
      'ml-oncall@example.com',
    );
  });

  test('GCP-14 platform admins cannot disable, delete, snooze or redirect the alert policies that watch them', () => {
    const grants = members('google_project_iam_member');
    const admin = grants
      .filter((m) => m.member === 'group:ml-platform-admins@example.com')
      .map((m) => m.role);
    expect(admin).toContain('roles/monitoring.viewer');
    for (const role of ALERT_TAMPER_ROLES) expect(admin).not.toContain(role);
    // no human persona holds alert-policy management; the deployer applies the policies
    for (const m of grants.filter((g) => !String(g.member).startsWith('serviceAccount:')))
      expect(ALERT_TAMPER_ROLES).not.toContain(m.role);
    for (const def of Object.values(CUSTOM_ROLE_DEFINITIONS))
      expect(
        def.permissions.filter((p) =>
          /^monitoring\.(alertPolicies\.(update|delete)|snoozes\.(create|update)|notificationChannels\.(update|delete))$/.test(
            p,
          ),
        ),
      ).toEqual([]);
  });

  test('GCP-15 private CMEK endpoint; only the deployment SA holds the deployer role', () => {
    const ep = at(json, 'google_vertex_ai_endpoint', 'endpoint-churn/endpoint');
    expect(ep.network).toMatch(
      /^projects\/\$\{data\.google_project\.[^}]+\.number\}\/global\/networks\/mlops-vpc$/,
    );
    expect(ep.name).toMatch(/^[1-9]\d{9}$/);
    expect(ep.depends_on).toContain(
      ref('google_service_networking_connection', 'private-service-connection'),
    );
    const deployerRole = `\${${ref('google_project_iam_custom_role', 'roles/model-deployer')}.name}`;
    const holders = members('google_project_iam_member')
      .filter((m) => m.role === deployerRole)
      .map((m) => m.member);
    expect(holders).toEqual([
      `\${${ref('google_service_account', 'service-accounts/deployment')}.member}`,
    ]);
    const withDeploy = Object.values(CUSTOM_ROLE_DEFINITIONS)
      .filter((d) => d.permissions.includes('aiplatform.endpoints.deploy'))
      .map((d) => d.roleId);
    expect(withDeploy).toEqual(['mlopsModelDeployer']);
  });

  test('GCP-16 Vertex AI resources are regional (no global/multi-region Vertex locations)', () => {
    expect(at(json, 'google_vertex_ai_endpoint', 'endpoint-churn/endpoint').location).toBe(
      'europe-west4',
    );
    expect(at(json, 'google_vertex_ai_tensorboard', 'tensorboard').region).toBe('europe-west4');
    expect(at(json, 'google_vertex_ai_metadata_store', 'metadata-store').region).toBe(
      'europe-west4',
    );
  });

  test('GCP-17 Workload Identity binds the Kubernetes SA to the training SA; no SA keys', () => {
    const wi = members('google_service_account_iam_member').filter(
      (m) => m.role === 'roles/iam.workloadIdentityUser' && m.member.includes('svc.id.goog'),
    );
    expect(wi).toEqual([
      expect.objectContaining({
        member: `serviceAccount:${PROJECT}.svc.id.goog[ml/trainer]`,
        service_account_id: `\${${ref('google_service_account', 'service-accounts/training')}.name}`,
      }),
    ]);
    expect(json.resource.google_service_account_key).toBeUndefined();
  });

  test('GCP-18 Sensitive Data Protection inspects the training-data bucket into a CMEK findings dataset', () => {
    const trigger = at(json, 'google_data_loss_prevention_job_trigger', 'sensitive-data/trigger-0');
    expect(trigger.inspect_job.storage_config.cloud_storage_options.file_set.url).toBe(
      `gs://\${${ref('google_storage_bucket', 'data-training-data/bucket')}.name}/**`,
    );
    expect(trigger.inspect_job.actions[0].save_findings.output_config.table.dataset_id).toContain(
      ref('google_bigquery_dataset', 'dataset-dlp-findings/dataset'),
    );
    expect(trigger.parent).toBe(`projects/${PROJECT}/locations/europe-west4`);
  });

  test('GCP-19 CI identity: runs pipelines as the pipeline SA, pushes artifacts, impersonated through federation only', () => {
    const ci = `\${${ref('google_service_account', 'ci/sa')}.member}`;
    const projectRoles = members('google_project_iam_member')
      .filter((m) => m.member === ci)
      .map((m) => m.role);
    // it launches runs, nothing the runs do: no custom jobs, model uploads or metadata writes
    // of its own (those are the pipeline SA's)
    expect(projectRoles).toEqual([
      `\${${ref('google_project_iam_custom_role', 'roles/pipeline-launcher')}.name}`,
    ]);
    const launcher = at(json, 'google_project_iam_custom_role', 'roles/pipeline-launcher');
    expect(launcher.permissions.filter((p: string) => p.startsWith('aiplatform.')).sort()).toEqual([
      'aiplatform.locations.get',
      'aiplatform.locations.list',
      'aiplatform.operations.list',
      'aiplatform.pipelineJobs.cancel',
      'aiplatform.pipelineJobs.create',
      'aiplatform.pipelineJobs.get',
      'aiplatform.pipelineJobs.list',
    ]);
    const actAs = members('google_service_account_iam_member').filter((m) => m.member === ci);
    expect(actAs).toEqual([
      expect.objectContaining({
        role: 'roles/iam.serviceAccountUser',
        service_account_id: `\${${ref('google_service_account', 'service-accounts/pipeline')}.name}`,
      }),
    ]);
    expect(
      members('google_artifact_registry_repository_iam_member').some(
        (m) => m.member === ci && m.role === 'roles/artifactregistry.writer',
      ),
    ).toBe(true);
    expect(
      members('google_service_account_iam_member').some(
        (m) => m.member === WIF && m.role === 'roles/iam.workloadIdentityUser',
      ),
    ).toBe(true);
  });

  test('X-03 workloads never get broad roles; pipeline SA acts as nothing but the training SA', () => {
    const sas = ['pipeline', 'training', 'deployment', 'monitoring'].map(
      (n) => `\${${ref('google_service_account', `service-accounts/${n}`)}.member}`,
    );
    const roles = members('google_project_iam_member')
      .filter((m) => sas.includes(m.member))
      .map((m) => m.role);
    expect(
      roles.filter((r) =>
        /^roles\/(owner|editor|aiplatform\.admin|storage\.admin|bigquery\.admin)$/.test(r),
      ),
    ).toEqual([]);
    expect(
      members('google_service_account_iam_member').filter((m) => m.member === sas[0]),
    ).toHaveLength(1);
  });

  test('X-07 residency: provider and resources in europe-west4', () => {
    expect(json.provider.google[0].region).toBe('europe-west4');
    expect(json.provider['google-beta'][0].region).toBe('europe-west4');
  });

  test('X-08 stateful resources carry prevent_destroy', () => {
    for (const type of [
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
    ]) {
      for (const r of members(type)) expect(r.lifecycle?.prevent_destroy).toBe(true);
    }
  });

  test('X-09 labels on every labelled resource', () => {
    for (const type of [
      'google_storage_bucket',
      'google_kms_crypto_key',
      'google_bigquery_dataset',
      'google_vertex_ai_endpoint',
      'google_workbench_instance',
    ]) {
      for (const r of members(type)) {
        expect(r.labels).toMatchObject({
          platform: 'ml',
          environment: 'prod',
          owner: 'platform-team',
          'data-classification': 'confidential',
          'cost-center': 'unassigned',
        });
      }
    }
  });

  test('X-11 the platform passes GcpMlopsChecks with no findings', () => {
    const report = evaluate(stack, new GcpMlopsChecks());
    const bad = report.findings.filter(
      (f: any) => f.status !== 'COMPLIANT' && f.status !== 'NOT_APPLICABLE',
    );
    expect(bad).toEqual([]);
  });

  test('X-13 every part is reachable', () => {
    expect(platform.keys.keys.STORAGE).toBeDefined();
    expect(platform.network?.subnetwork).toBeDefined();
    expect(platform.perimeter?.perimeter).toBeDefined();
    expect(platform.registry?.docker).toBeDefined();
    expect(platform.vertex.endpoints.churn).toBeDefined();
    expect(platform.workbenches['alice-wb'].instance).toBeDefined();
    expect(platform.personaBindings.map((b) => b.persona)).toContain(Persona.AUDITOR);
  });
});
