// The first `terraform apply` on a fresh project (issue: defects 1-7, controls that must hold in
// practice). Each test fails on the configuration the platform emitted before the fix.
import { DataGoogleContainerCluster } from '@cdktf/provider-google/lib/data-google-container-cluster';
import { ValidationError } from '../../lib/core/errors';
import { GcpPrivateNetwork, SecureVertexPipeline, SecureVertexPipelineProps } from '../../lib/gcp';
import { CUSTOM_ROLE_DEFINITIONS, GcpCustomRole } from '../../lib/gcp/role-catalogue';
import { synthJson } from '../helpers';
import { PROJECT, all, at, baseProps, gcpStack, nameAt } from './fixtures';

const DEPLOYER = 'serviceAccount:terraform@acme-seed.iam.gserviceaccount.com';
const POLICY = '123456789012';

function errorOf(extra: Partial<SecureVertexPipelineProps>): string {
  try {
    new SecureVertexPipeline(gcpStack(), 'ml', baseProps(extra));
  } catch (e) {
    if (e instanceof ValidationError) return e.message;
    throw e;
  }
  throw new Error('no ValidationError thrown');
}

describe('first apply on a fresh project', () => {
  let json: any;
  const ref = (type: string, suffix: string): string => `${type}.${nameAt(json, type, suffix)}`;
  beforeAll(() => {
    const stack = gcpStack();
    const gke = new DataGoogleContainerCluster(stack, 'gke', {
      name: 'ml-serving',
      location: 'europe-west4',
    });
    new SecureVertexPipeline(
      stack,
      'ml',
      baseProps({
        perimeter: { accessPolicyId: POLICY, deployerIdentities: [DEPLOYER] },
        workloadIdentity: {
          deployment: [{ namespace: 'serving', kubernetesServiceAccount: 'model' }],
          clusters: [gke],
        },
      }),
    );
    json = synthJson(stack);
  });

  test('GCP-14 defect 1: the e-mail channel keeps only email_address in labels; platform labels go to user_labels', () => {
    const channel = at(json, 'google_monitoring_notification_channel', 'monitoring/email-0');
    expect(channel.labels).toEqual({ email_address: 'ml-oncall@example.com' });
    expect(channel.user_labels).toMatchObject({ platform: 'ml', environment: 'prod' });
  });

  test('GCP-17 defect 2: Workload Identity bindings wait for the GKE cluster that creates the pool', () => {
    const wi = all(json, 'google_service_account_iam_member').find((m) =>
      String(m.member).includes('svc.id.goog'),
    );
    expect(wi.depends_on).toEqual([
      `data.google_container_cluster.${Object.keys(json.data.google_container_cluster)[0]}`,
    ]);
  });

  test('GCP-17 defect 2: Workload Identity bindings without a cluster or identityPoolExists fail synth', () => {
    expect(
      errorOf({
        workloadIdentity: { training: [{ namespace: 'ml', kubernetesServiceAccount: 'k' }] },
      }),
    ).toContain('workloadIdentity.clusters');
  });

  test('GCP-07 defect 4: the enforced perimeter depends on every other resource of the platform', () => {
    const p = at(json, 'google_access_context_manager_service_perimeter', 'perimeter/perimeter');
    const others = Object.entries<any>(json.resource)
      .filter(([type]) => !type.startsWith('google_access_context_manager_'))
      .flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`));
    expect(others.filter((a) => !p.depends_on.includes(a))).toEqual([]);
  });

  test('GCP-07 defect 4: the deployer identities get an access level the perimeter admits', () => {
    const level = at(json, 'google_access_context_manager_access_level', 'perimeter/deployers');
    expect(level.basic.conditions[0].members).toEqual([DEPLOYER]);
    expect(level.name).toBe(`accessPolicies/${POLICY}/accessLevels/mlops_prod_deployers`);
    const p = at(json, 'google_access_context_manager_service_perimeter', 'perimeter/perimeter');
    expect(p.status.access_levels).toContain(
      `\${${ref('google_access_context_manager_access_level', 'perimeter/deployers')}.name}`,
    );
  });

  test('GCP-07 defect 4: an enforced perimeter without deployer identities fails synth', () => {
    expect(errorOf({ perimeter: { accessPolicyId: POLICY } })).toContain('deployerIdentities');
    expect(
      () =>
        new SecureVertexPipeline(
          gcpStack(),
          'ml',
          baseProps({ perimeter: { accessPolicyId: POLICY, dryRun: true } }),
        ),
    ).not.toThrow();
  });

  test('GCP-07 defect 5: an ingress rule without sources fails synth', () => {
    const msg = errorOf({
      perimeter: {
        accessPolicyId: POLICY,
        deployerIdentities: [DEPLOYER],
        ingressRules: [
          { title: 'ci', identities: [DEPLOYER], services: ['storage.googleapis.com'] },
        ],
      },
    });
    expect(msg).toContain('ingressRules[0].sourceAccessLevels');
  });

  test('GCP-07 the perimeter restricts every VPC-SC-supported service the platform enables', () => {
    const p = at(json, 'google_access_context_manager_service_perimeter', 'perimeter/perimeter');
    const enabled = all(json, 'google_project_service').map((s) => s.service);
    for (const s of [
      'iam',
      'compute',
      'dns',
      'cloudresourcemanager',
      'orgpolicy',
      'containeranalysis',
    ])
      expect(p.status.restricted_services).toContain(`${s}.googleapis.com`);
    expect(enabled).toContain('servicenetworking.googleapis.com');
    expect(p.status.restricted_services).toContain('servicenetworking.googleapis.com');
    expect(p.status.restricted_services).not.toContain('containerscanning.googleapis.com');
  });

  test('GCP-05 defect 6: the Compute Engine agent key grant waits after the compute API enablement', () => {
    const grant = at(json, 'google_kms_crypto_key_iam_member', 'keys/compute-compute');
    const wait = ref('time_sleep', 'service-agents/compute-agent-wait');
    expect(grant.depends_on).toEqual([wait]);
    const sleep = at(json, 'time_sleep', 'service-agents/compute-agent-wait');
    expect(sleep.depends_on).toContain(ref('google_project_service', 'project/api-compute'));
    expect(json.provider.time).toBeDefined();
  });

  test('GCP-05: key grants to the other service agents wait after the agents exist (IAM learns of them late)', () => {
    const wait = ref('time_sleep', 'service-agents/agents-wait');
    const sleep = at(json, 'time_sleep', 'service-agents/agents-wait');
    expect(sleep.create_duration).toBe('60s');
    for (const agent of ['vertex-ai', 'artifact-registry', 'notebooks'])
      expect(sleep.depends_on).toContain(
        ref('google_project_service_identity', `service-agents/${agent}`),
      );
    for (const grant of [
      'keys/vertex_ai-vertex_ai',
      'keys/artifact_registry-artifact_registry',
      'keys/storage-storage',
      'keys/bigquery-bigquery',
      'keys/logging-logging',
    ])
      expect(at(json, 'google_kms_crypto_key_iam_member', grant).depends_on).toEqual([wait]);
  });

  test('GCP-08 defect 7: notebooks, googleusercontent, pkg.dev and gcr.io resolve to the restricted VIP', () => {
    const zones = all(json, 'google_dns_managed_zone')
      .map((z) => z.dns_name)
      .sort();
    expect(zones).toEqual([
      'gcr.io.',
      'googleapis.com.',
      'kernels.googleusercontent.com.',
      'notebooks.cloud.google.com.',
      'notebooks.googleusercontent.com.',
      'pkg.dev.',
    ]);
    const a = all(json, 'google_dns_record_set').filter((r) => r.name === 'pkg.dev.');
    expect(a[0].rrdatas).toEqual(['199.36.153.4', '199.36.153.5', '199.36.153.6', '199.36.153.7']);
  });

  test('GCP-01 the default-SA guard policy lands (and settles) before the Compute API is enabled', () => {
    const compute = at(json, 'google_project_service', 'project/api-compute');
    const wait = ref('time_sleep', 'ml/default-sa-guard-wait');
    expect(compute.depends_on).toEqual([wait]);
    expect(at(json, 'time_sleep', 'ml/default-sa-guard-wait').depends_on).toEqual([
      ref('google_org_policy_policy', 'iam-automaticIamGrantsForDefaultServiceAccounts'),
    ]);
    const guard = at(
      json,
      'google_org_policy_policy',
      'iam-automaticIamGrantsForDefaultServiceAccounts',
    );
    expect(guard.depends_on.sort()).toEqual(
      [
        ref('google_project_service', 'project/api-cloudresourcemanager'),
        ref('google_project_service', 'project/api-orgpolicy'),
      ].sort(),
    );
  });

  test('GCP-01 jobs must name a service account: custom constraints at the organization, enforced on the project', () => {
    const c = all(json, 'google_org_policy_custom_constraint');
    expect(c.map((x) => [x.name, x.resource_types, x.action_type])).toEqual([
      ['custom.mlopsCustomJobServiceAccount', ['aiplatform.googleapis.com/CustomJob'], 'DENY'],
      [
        'custom.mlopsTuningJobServiceAccount',
        ['aiplatform.googleapis.com/HyperparameterTuningJob'],
        'DENY',
      ],
    ]);
    expect(c[0].parent).toBe('organizations/123456789012');
    const policy = all(json, 'google_org_policy_policy').find((p) =>
      p.name.endsWith('custom.mlopsCustomJobServiceAccount'),
    );
    expect(policy.spec.rules).toEqual([{ enforce: 'TRUE' }]);
  });

  test('GCP-01 data scientists act as the training SA only; ML engineers as the pipeline SA only', () => {
    const actAs = all(json, 'google_service_account_iam_member').filter(
      (m) => m.role === 'roles/iam.serviceAccountUser',
    );
    const on = (member: string) =>
      actAs.filter((m) => m.member === member).map((m) => m.service_account_id);
    expect(on('group:data-scientists@example.com')).toEqual([
      `\${${ref('google_service_account', 'service-accounts/training')}.name}`,
    ]);
    expect(on('group:ml-engineers@example.com')).toEqual([
      `\${${ref('google_service_account', 'service-accounts/pipeline')}.name}`,
    ]);
    for (const other of [
      'group:data-engineers@example.com',
      'group:business@example.com',
      'group:auditors@example.com',
    ])
      expect(on(other)).toEqual([]);
  });

  test('GCP-10 data-access logs for allServices, and admins cannot redirect or delete the sink', () => {
    const cfg = all(json, 'google_project_iam_audit_config').find(
      (c) => c.service === 'allServices',
    );
    expect(cfg.audit_log_config.map((l: any) => l.log_type)).toEqual([
      'ADMIN_READ',
      'DATA_READ',
      'DATA_WRITE',
    ]);
    const admin = all(json, 'google_project_iam_member')
      .filter((m) => m.member === 'group:ml-platform-admins@example.com')
      .map((m) => m.role);
    expect(admin).not.toContain('roles/logging.configWriter');
    expect(admin).toContain(
      `\${${ref('google_project_iam_custom_role', 'roles/logging-config')}.name}`,
    );
    expect(
      CUSTOM_ROLE_DEFINITIONS[GcpCustomRole.LOGGING_CONFIG].permissions.filter((p) =>
        /^logging\.(sinks|buckets)\.(create|update|delete)$|^logging\.exclusions\.(update|delete)$/.test(
          p,
        ),
      ),
    ).toEqual([]);
  });

  test('GCP-09 Workbench: terminal off by default, managed image, upgrade schedule, admin on the instance only', () => {
    const wb = at(json, 'google_workbench_instance', 'instance');
    expect(wb.gce_setup.metadata['notebook-disable-terminal']).toBe('true');
    expect(wb.gce_setup.metadata['notebook-upgrade-schedule']).toBeDefined();
    expect(wb.gce_setup.vm_image).toEqual({
      project: 'cloud-notebooks-managed',
      family: 'workbench-instances',
    });
    const roles = all(json, 'google_project_iam_member').map((m) => m.role);
    expect(roles).not.toContain('roles/notebooks.admin');
    // the owner's start/stop role is granted on the instance too (GCP-09)
    expect(
      all(json, 'google_workbench_instance_iam_member').filter(
        (m) => m.role === 'roles/notebooks.admin',
      ),
    ).toEqual([expect.objectContaining({ member: 'group:ml-platform-admins@example.com' })]);
  });

  test('GCP-09 IAP SSH reaches only the Workbench service accounts', () => {
    const fw = at(json, 'google_compute_firewall', 'network/allow-iap-ssh-ingress');
    expect(fw.target_service_accounts).toEqual([
      `\${${ref('google_service_account', 'workbench-alice-wb/sa')}.email}`,
    ]);
    expect(fw.disabled).toBe(false);
  });

  test('GCP-09 enabling the terminal while the guardrail is on fails synth', () => {
    expect(
      errorOf({
        workbenchInstances: [{ name: 'wb-one', owner: 'a@example.com', disableTerminal: false }],
      }),
    ).toContain('workbenchInstances[0].disableTerminal');
  });
});

describe('GcpPrivateNetwork alone', () => {
  test('GCP-08 without target service accounts the IAP SSH rule is created disabled', () => {
    const stack = gcpStack();
    new GcpPrivateNetwork(stack, 'net', { projectId: PROJECT, region: 'europe-west4' });
    const json = synthJson(stack);
    const fw = at(json, 'google_compute_firewall', 'net/allow-iap-ssh-ingress');
    expect(fw.disabled).toBe(true);
    expect(fw.target_service_accounts).toBeUndefined();
  });
});
