import { ComplianceStatus } from '../../lib/core/compliance/rule';
import { StackView } from '../../lib/core/compliance/stack-view';
import { GcpMlopsChecks, GcpOrgPolicies, GcpProject } from '../../lib/gcp';
import { TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { synthJson } from '../helpers';
import { multiStackExample } from '../../examples/multi-stack';
import { gcpVertexExample } from '../../examples/gcp-vertex';

const pack = new GcpMlopsChecks();
type Resources = { [type: string]: { [name: string]: any } };

function run(id: string, resources: Resources, type: string, name = 'r') {
  const rule = pack.rules.find((x) => x.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  const stack = new StackView('s', { resource: resources });
  const view = stack.resources(type).find((r) => r.name === name)!;
  return rule.evaluate(view, stack);
}

const GUARD = 'projects/p/policies/iam.automaticIamGrantsForDefaultServiceAccounts';

describe('GCP-01.default-sa-guard: the Compute API waits for the guard policy and its settle wait', () => {
  const stack = (computeDeps: string[], sleepDeps: string[] | undefined) => ({
    google_org_policy_policy: { g: { name: GUARD, spec: { rules: [{ enforce: 'TRUE' }] } } },
    ...(sleepDeps ? { time_sleep: { w: { create_duration: '120s', depends_on: sleepDeps } } } : {}),
    google_project_service: { r: { service: 'compute.googleapis.com', depends_on: computeDeps } },
  });

  test('no dependency on the policy: non-compliant', () => {
    const v = run('GCP-01.default-sa-guard', stack([], undefined), 'google_project_service');
    expect(v.status).toBe(ComplianceStatus.NON_COMPLIANT);
    expect(v.detail).toMatch(/without waiting/);
  });

  test('right after the policy, no settle wait: non-compliant', () => {
    const v = run(
      'GCP-01.default-sa-guard',
      stack(['google_org_policy_policy.g'], undefined),
      'google_project_service',
    );
    expect(v.status).toBe(ComplianceStatus.NON_COMPLIANT);
    expect(v.detail).toMatch(/no settle wait/);
  });

  test('a time_sleep that does not wait for the policy does not count', () => {
    const v = run(
      'GCP-01.default-sa-guard',
      stack(['google_org_policy_policy.g', 'time_sleep.w'], []),
      'google_project_service',
    );
    expect(v.status).toBe(ComplianceStatus.NON_COMPLIANT);
  });

  test('policy, then a settle wait, then the Compute API: compliant', () => {
    const v = run(
      'GCP-01.default-sa-guard',
      stack(['time_sleep.w'], ['google_org_policy_policy.g']),
      'google_project_service',
    );
    expect(v.status).toBe(ComplianceStatus.COMPLIANT);
  });
});

describe('GCP-07.enabled-services: a perimeter restricts every enabled VPC-SC-supported service', () => {
  const perimeter = (restricted: any) => ({
    google_project_service: {
      a: { service: 'aiplatform.googleapis.com' },
      s: { service: 'servicenetworking.googleapis.com' },
      c: { service: 'containerscanning.googleapis.com' }, // not a VPC-SC service
    },
    google_access_context_manager_service_perimeter: {
      r: { status: { restricted_services: restricted } },
    },
  });

  test('an enabled supported service left out: non-compliant, naming it', () => {
    const v = run(
      'GCP-07.enabled-services',
      perimeter(['aiplatform.googleapis.com']),
      'google_access_context_manager_service_perimeter',
    );
    expect(v.status).toBe(ComplianceStatus.NON_COMPLIANT);
    expect(v.detail).toContain('servicenetworking.googleapis.com');
    expect(v.detail).not.toContain('containerscanning');
  });

  test('every enabled supported service restricted: compliant', () => {
    const v = run(
      'GCP-07.enabled-services',
      perimeter(['aiplatform.googleapis.com', 'servicenetworking.googleapis.com']),
      'google_access_context_manager_service_perimeter',
    );
    expect(v.status).toBe(ComplianceStatus.COMPLIANT);
  });

  test('restricted services from an expression: unknown', () => {
    const v = run(
      'GCP-07.enabled-services',
      perimeter('${var.services}'),
      'google_access_context_manager_service_perimeter',
    );
    expect(v.status).toBe(ComplianceStatus.UNKNOWN);
  });
});

describe('GCP-07.admits-deployer: an enforced perimeter admits the deployers from outside', () => {
  const perimeter = (attrs: any) => ({
    google_access_context_manager_service_perimeter: { r: attrs },
  });
  const id = 'GCP-07.admits-deployer';
  const type = 'google_access_context_manager_service_perimeter';

  test('enforced, no access level, no ingress policy: warned', () => {
    const v = run(
      id,
      perimeter({ status: { restricted_services: ['storage.googleapis.com'] } }),
      type,
    );
    expect(v.status).toBe(ComplianceStatus.NON_COMPLIANT);
    expect(v.detail).toMatch(/locked out/);
  });

  test('an access level, or an ingress policy: compliant', () => {
    expect(
      run(id, perimeter({ status: { access_levels: ['accessPolicies/1/accessLevels/ci'] } }), type)
        .status,
    ).toBe(ComplianceStatus.COMPLIANT);
    const ingress = {
      ingress_policies: [
        { ingress_from: { identities: ['serviceAccount:tf@p.iam.gserviceaccount.com'] } },
      ],
    };
    expect(run(id, perimeter({ status: ingress }), type).status).toBe(ComplianceStatus.COMPLIANT);
  });

  test('dry-run: not applicable; access levels from an expression: unknown', () => {
    expect(
      run(
        id,
        perimeter({ use_explicit_dry_run_spec: true, spec: { restricted_services: [] } }),
        type,
      ).status,
    ).toBe(ComplianceStatus.NOT_APPLICABLE);
    expect(run(id, perimeter({ status: { access_levels: '${var.levels}' } }), type).status).toBe(
      ComplianceStatus.UNKNOWN,
    );
  });
});

describe('GCP-09.workbench-dns: Workbench inside a perimeter has the private zones it needs', () => {
  const NET = '${google_compute_network.n.id}';
  const zone = (dns: string, network = NET) => ({
    dns_name: dns,
    visibility: 'private',
    private_visibility_config: { networks: [{ network_url: network }] },
  });
  const ALL = [
    'notebooks.cloud.google.com.',
    'notebooks.googleusercontent.com.',
    'kernels.googleusercontent.com.',
    'pkg.dev.',
    'gcr.io.',
  ];
  const stack = (zones: string[], network: any = NET, perimeter = true) => ({
    google_compute_network: { n: { name: 'n' } },
    google_dns_managed_zone: Object.fromEntries(zones.map((d, i) => [`z${i}`, zone(d)])),
    google_workbench_instance: { r: { gce_setup: { network_interfaces: [{ network }] } } },
    ...(perimeter
      ? {
          google_access_context_manager_service_perimeter: {
            p: { status: { restricted_services: [] } },
          },
        }
      : {}),
  });
  const id = 'GCP-09.workbench-dns';
  const type = 'google_workbench_instance';

  test('a zone missing on the instance network: non-compliant, naming it', () => {
    const v = run(id, stack(ALL.filter((d) => d !== 'pkg.dev.')), type);
    expect(v.status).toBe(ComplianceStatus.NON_COMPLIANT);
    expect(v.detail).toContain('pkg.dev.');
  });

  test('zones on another network do not count', () => {
    const s: any = stack(ALL);
    s.google_dns_managed_zone.z0 = zone(ALL[0], '${google_compute_network.other.id}');
    expect(run(id, s, type).status).toBe(ComplianceStatus.NON_COMPLIANT);
  });

  test('every zone on the instance network: compliant', () => {
    expect(run(id, stack(ALL), type).status).toBe(ComplianceStatus.COMPLIANT);
  });

  test('no perimeter, or a network of another stack: not applicable; an expression: unknown', () => {
    expect(run(id, stack([], NET, false), type).status).toBe(ComplianceStatus.NOT_APPLICABLE);
    expect(
      run(id, stack([], '${data.terraform_remote_state.net.outputs.network}'), type).status,
    ).toBe(ComplianceStatus.NOT_APPLICABLE);
    expect(run(id, stack([], '${var.network}'), type).status).toBe(ComplianceStatus.UNKNOWN);
  });
});

describe('the examples hold both', () => {
  const app = Testing.app();
  const stacks: { [name: string]: any } = {};
  for (const stack of [...multiStackExample(app), ...gcpVertexExample(app)]) {
    if (['ms-gcp-network', 'gcp-vertex'].includes(stack.node.id))
      stacks[stack.node.id] = synthJson(stack);
  }

  test('ms-gcp-network: policy -> 120 s wait -> Compute API', () => {
    const json = stacks['ms-gcp-network'];
    const sleeps = Object.entries<any>(json.resource.time_sleep ?? {});
    const wait = sleeps.find(([, w]) =>
      (w.depends_on ?? []).some((d: string) => d.startsWith('google_org_policy_policy.')),
    );
    expect(wait).toBeDefined();
    expect(wait![1].create_duration).toBe('120s');
    const compute = Object.values<any>(json.resource.google_project_service).find(
      (s) => s.service === 'compute.googleapis.com',
    );
    expect(compute.depends_on).toContain(`time_sleep.${wait![0]}`);
  });

  test('gcp-vertex restricts servicenetworking (enabled for private service access)', () => {
    const json = stacks['gcp-vertex'];
    const p: any = Object.values(json.resource.google_access_context_manager_service_perimeter)[0];
    const cfg = p.status ?? p.spec;
    expect(cfg.restricted_services).toContain('servicenetworking.googleapis.com');
  });
});

describe('GcpOrgPolicies.guardComputeApi (GCP-01)', () => {
  function build(constraints: string[]) {
    const app = Testing.app();
    const stack = new TerraformStack(app, 's');
    new GoogleProvider(stack, 'google', { project: 'acme-p', region: 'europe-west4' });
    const project = new GcpProject(stack, 'project', { projectId: 'acme-p' });
    const policies = new GcpOrgPolicies(stack, 'org-policies', {
      projectId: 'acme-p',
      allowedLocations: ['europe-west4'],
      constraints,
    });
    const wait = policies.guardComputeApi(stack, project);
    return { wait, json: synthJson(stack) };
  }

  test('the Compute API waits for the guard policy through a 120 s time_sleep', () => {
    const { wait, json } = build(['iam.automaticIamGrantsForDefaultServiceAccounts']);
    expect(wait).toBeDefined();
    const sleep = json.resource.time_sleep['default-sa-guard-wait'];
    expect(sleep.create_duration).toBe('120s');
    expect(sleep.depends_on[0]).toMatch(/^google_org_policy_policy\./);
    const compute = Object.values<any>(json.resource.google_project_service).find(
      (s) => s.service === 'compute.googleapis.com',
    );
    expect(compute.depends_on).toContain('time_sleep.default-sa-guard-wait');
  });

  test('without the guard policy there is nothing to wait for', () => {
    const { wait, json } = build(['iam.disableServiceAccountKeyCreation']);
    expect(wait).toBeUndefined();
    expect(json.resource.time_sleep).toBeUndefined();
  });
});
