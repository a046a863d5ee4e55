import { ComplianceStatus } from '../../lib/core/compliance/rule';
import { StackView } from '../../lib/core/compliance/stack-view';
import { GcpMlopsChecks } from '../../lib/gcp';
import { Testing } from 'cdktf';
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
