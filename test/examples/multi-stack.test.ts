import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { multiStackExample } from '../../examples/multi-stack';
import { tempApp } from '../helpers';

// network / platform / tenant stacks, cross-stack references, remote state per cloud.
describe('multi-stack example (X-14)', () => {
  let outdir: string;
  const stacks: { [name: string]: any } = {};
  const reports: { [name: string]: any } = {};
  beforeAll(() => {
    const t = tempApp();
    outdir = t.outdir;
    const app: App = t.app;
    multiStackExample(app);
    app.synth();
    for (const name of fs.readdirSync(path.join(outdir, 'stacks')).sort()) {
      const dir = path.join(outdir, 'stacks', name);
      stacks[name] = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8'));
      reports[name] = JSON.parse(fs.readFileSync(path.join(dir, 'compliance-report.json'), 'utf8'));
    }
  });

  test('X-14 the platform is split into network, platform and per-tenant stacks', () => {
    expect(Object.keys(stacks)).toEqual([
      'ms-aws-network',
      'ms-aws-platform',
      'ms-aws-tenant-fraud',
      'ms-aws-tenant-pricing',
      'ms-azure-network',
      'ms-azure-platform',
      'ms-gcp-network',
      'ms-gcp-platform',
    ]);
  });

  test('X-14 S3 remote state with state locking and SSE-KMS, one key per stack', () => {
    const keys = new Set<string>();
    for (const name of Object.keys(stacks).filter((n) => n.startsWith('ms-aws-'))) {
      const s3 = stacks[name].terraform.backend.s3;
      expect(s3).toMatchObject({ use_lockfile: true, encrypt: true, region: 'eu-west-1' });
      expect(s3.kms_key_id).toMatch(/^arn:aws:kms:eu-west-1:/);
      keys.add(s3.key);
    }
    expect(keys.size).toBe(4);
  });

  test('X-14 GCS and azurerm (Entra-authenticated) remote state', () => {
    expect(stacks['ms-gcp-network'].terraform.backend.gcs).toMatchObject({
      bucket: 'acme-tfstate-eu',
      prefix: 'ml-platform/network',
    });
    expect(stacks['ms-gcp-platform'].terraform.backend.gcs.prefix).toBe('ml-platform/platform');
    expect(stacks['ms-azure-platform'].terraform.backend.azurerm).toMatchObject({
      use_azuread_auth: true,
      key: 'ml-platform/platform.tfstate',
    });
  });

  test('X-14 platform and tenant stacks read the network and platform through cross-stack references', () => {
    const remote = (name: string) =>
      Object.keys(stacks[name].data?.terraform_remote_state ?? {}).sort();
    expect(remote('ms-aws-platform')).toEqual(['cross-stack-reference-input-ms-aws-network']);
    expect(remote('ms-aws-tenant-fraud')).toEqual([
      'cross-stack-reference-input-ms-aws-network',
      'cross-stack-reference-input-ms-aws-platform',
    ]);
    expect(remote('ms-gcp-platform')).toEqual(['cross-stack-reference-input-ms-gcp-network']);
    expect(remote('ms-azure-platform')).toEqual(['cross-stack-reference-input-ms-azure-network']);
    // the producer stacks export what the consumers read
    expect(Object.keys(stacks['ms-aws-network'].output ?? {}).length).toBeGreaterThan(0);
    expect(Object.keys(stacks['ms-aws-platform'].output ?? {}).length).toBeGreaterThan(0);
    // the remote state reads the producer's own backend
    const rs =
      stacks['ms-aws-platform'].data.terraform_remote_state[
        'cross-stack-reference-input-ms-aws-network'
      ];
    expect(rs.backend).toBe('s3');
    expect(rs.config.key).toBe('ml-platform/network.tfstate');
  });

  test('GCP-05 defect 3: the GCP network stack, applied first, enables the APIs its resources call', () => {
    const net = stacks['ms-gcp-network'];
    const services = Object.values<any>(net.resource.google_project_service).map((s) => s.service);
    expect(services).toEqual(
      expect.arrayContaining([
        'compute.googleapis.com',
        'dns.googleapis.com',
        'servicenetworking.googleapis.com',
      ]),
    );
    const network: any = Object.values(net.resource.google_compute_network)[0];
    expect(
      network.depends_on.filter((d: string) => d.startsWith('google_project_service.')).length,
    ).toBe(services.length);
    // and it owns the default-SA guard, which the Compute API waits for (GCP-01)
    const compute = Object.values<any>(net.resource.google_project_service).find(
      (s) => s.service === 'compute.googleapis.com',
    );
    // the guard policy, then its settle wait, then the Compute API (GCP-01.default-sa-guard)
    expect(compute.depends_on[0]).toBe('time_sleep.default-sa-guard-wait');
    expect(
      stacks['ms-gcp-network'].resource.time_sleep['default-sa-guard-wait'].depends_on[0],
    ).toMatch(/^google_org_policy_policy\./);
    expect(
      stacks['ms-gcp-platform'].resource.google_access_context_manager_service_perimeter,
    ).toBeDefined();
  });

  test("GCP-01 the GCP platform stack leaves the network stack's APIs to it (existingApis): the Compute API is enabled once, after the guard", () => {
    const services = (name: string) =>
      Object.values<any>(stacks[name].resource.google_project_service)
        .map((s) => s.service)
        .sort();
    const platform = services('ms-gcp-platform');
    expect(services('ms-gcp-network')).toContain('compute.googleapis.com');
    expect(platform).toContain('aiplatform.googleapis.com');
    for (const api of services('ms-gcp-network'))
      expect([api, platform.includes(api)]).toEqual([api, false]);
    // the platform's perimeter still restricts them: they are APIs of the project
    const perimeter: any = Object.values(
      stacks['ms-gcp-platform'].resource.google_access_context_manager_service_perimeter,
    )[0];
    const restricted = (perimeter.status ?? perimeter.spec).restricted_services;
    for (const api of [
      'compute.googleapis.com',
      'dns.googleapis.com',
      'servicenetworking.googleapis.com',
      'cloudresourcemanager.googleapis.com',
      'orgpolicy.googleapis.com',
    ])
      expect([api, restricted.includes(api)]).toEqual([api, true]);
  });

  test("AWS-27 the shared VPC has one flow log, the network stack's", () => {
    const flowLogs = (name: string) => Object.values<any>(stacks[name].resource.aws_flow_log ?? {});
    expect(flowLogs('ms-aws-network')).toHaveLength(1);
    expect(flowLogs('ms-aws-platform')).toEqual([]);
    expect(stacks['ms-aws-platform'].resource.aws_cloudwatch_log_group).toBeDefined();
    expect(
      Object.values<any>(stacks['ms-aws-platform'].resource.aws_cloudwatch_log_group).filter((g) =>
        String(g.name).includes('flow'),
      ),
    ).toEqual([]);
  });

  test('X-14 the platform stack creates no network of its own', () => {
    expect(stacks['ms-aws-platform'].resource.aws_vpc).toBeUndefined();
    expect(stacks['ms-aws-platform'].resource.aws_vpc_endpoint).toBeUndefined();
    expect(stacks['ms-gcp-platform'].resource.google_compute_network).toBeUndefined();
    expect(stacks['ms-azure-platform'].resource.azurerm_virtual_network).toBeUndefined();
  });

  test('AWS-02 across stacks the platform reaches the shared interface endpoints and S3', () => {
    const platform = stacks['ms-aws-platform'].resource;
    const network = stacks['ms-aws-network'].resource;
    const remote = 'data.terraform_remote_state.cross-stack-reference-input-ms-aws-network';
    const endpointSgOutput = Object.keys(stacks['ms-aws-network'].output).find((o) =>
      o.includes('endpoint-sg'),
    );
    expect(endpointSgOutput).toBeDefined();
    const studioSg = Object.keys(platform.aws_security_group).find((k) => k.includes('studio-sg'));
    // ingress on the network's endpoint security group, created in the platform stack
    const ingress = Object.values<any>(platform.aws_vpc_security_group_ingress_rule).filter((r) =>
      String(r.security_group_id).includes(remote),
    );
    expect(ingress.map((r) => [r.from_port, r.to_port])).toEqual([
      [443, 443],
      [443, 443],
    ]);
    expect(ingress.map((r) => r.referenced_security_group_id).join()).toContain(studioSg);
    // studio-sg egress: 443 to the endpoints, 443 to S3 (the region's S3 prefix list)
    const egress = Object.values<any>(platform.aws_vpc_security_group_egress_rule).filter((r) =>
      String(r.security_group_id).includes(`aws_security_group.${studioSg}.`),
    );
    expect(egress.map((r) => r.description).sort()).toEqual([
      'HTTPS to S3 through the gateway endpoint',
      'HTTPS to VPC interface endpoints',
      'NFS to the domain EFS mount targets',
    ]);
    expect(
      egress.find((r) => r.referenced_security_group_id)?.referenced_security_group_id,
    ).toContain(remote);
    const prefixList = Object.values<any>(stacks['ms-aws-platform'].data.aws_prefix_list)[0];
    expect(prefixList.name).toBe('com.amazonaws.eu-west-1.s3');
    expect(egress.find((r) => r.prefix_list_id)?.prefix_list_id).toMatch(
      /^\$\{data\.aws_prefix_list\./,
    );
    // the network's gateway endpoint admits the platform's data bucket by name, no placeholder
    const s3 = Object.values<any>(network.aws_vpc_endpoint).find(
      (e) => e.vpc_endpoint_type === 'Gateway',
    );
    const dataBucket = Object.values<any>(platform.aws_s3_bucket).find((b) =>
      String(b.bucket).startsWith('data-'),
    );
    expect(dataBucket.bucket).toMatch(/^data-111111111111-eu-west-1-[a-z0-9]{6}$/);
    const admitted = JSON.parse(s3.policy).Statement.find((x: any) => x.Sid === 'PlatformBuckets');
    expect(admitted.Resource).toEqual([
      `arn:aws:s3:::${dataBucket.bucket}`,
      `arn:aws:s3:::${dataBucket.bucket}/*`,
    ]);
    // the name alone binds nothing (anyone can register it): the bucket must be the account's
    expect(admitted.Condition).toEqual({
      StringEquals: {
        'aws:PrincipalAccount': '111111111111',
        'aws:ResourceAccount': '111111111111',
      },
    });
    expect(s3.policy).not.toContain('none-admitted');
    // the interface endpoints admit principals of the account only
    const interfaces = Object.values<any>(network.aws_vpc_endpoint).filter(
      (e) => e.vpc_endpoint_type === 'Interface' && !e.service_name.endsWith('.studio'),
    );
    expect(interfaces).toHaveLength(8);
    for (const e of interfaces)
      expect(JSON.parse(e.policy).Statement[0].Condition).toEqual({
        StringEquals: { 'aws:PrincipalAccount': '111111111111' },
      });
  });

  test("AWS-18 tenant profiles run as the data scientists' Studio role of the platform, not as the TRAINING role", () => {
    for (const tenant of ['fraud', 'pricing']) {
      for (const p of Object.values<any>(
        stacks[`ms-aws-tenant-${tenant}`].resource.aws_sagemaker_user_profile,
      )) {
        expect(p.user_settings.execution_role).toContain('studio-roles_data-scientist_role');
        expect(p.user_settings.execution_role).not.toContain('roles_execution');
      }
    }
  });

  test('AWS-30 tenant stacks carry the tenant id on every profile', () => {
    for (const tenant of ['fraud', 'pricing']) {
      const profiles = Object.values<any>(
        stacks[`ms-aws-tenant-${tenant}`].resource.aws_sagemaker_user_profile,
      );
      expect(profiles.length).toBeGreaterThan(0);
      for (const p of profiles) {
        expect(p.tags).toMatchObject({ tenant, 'cost-center': `cc-${tenant}` });
        expect(p.user_profile_name.startsWith(`${tenant}-`)).toBe(true);
      }
    }
  });

  test('X-11 every stack passes the pack of its cloud; the only suppression is explained', () => {
    for (const [name, report] of Object.entries<any>(reports)) {
      expect(`${name}: ${report.summary.nonCompliant}`).toBe(`${name}: 0`);
      if (name.startsWith('ms-azure-'))
        expect(`${name}: ${report.summary.unknown}`).toBe(`${name}: 0`);
      // the app adds all three packs; each report runs and lists only the one that applies
      const cloud = name.split('-')[1];
      expect(report.packs).toEqual([
        { aws: 'AwsMlopsChecks', gcp: 'GcpMlopsChecks', azure: 'AzureMlopsChecks' }[cloud],
      ]);
    }
    const suppressed = Object.values<any>(reports).flatMap((r) =>
      r.findings.filter((f: any) => f.status === 'SUPPRESSED'),
    );
    expect(suppressed.map((f: any) => `${f.ruleId}: ${f.reason}`)).toEqual([
      'AWS-02.endpoints: interface endpoints for the VPC are created by the shared network stack ms-aws-network',
    ]);
  });

  test('X-11 the AWS stacks have no finding left UNKNOWN (every rule decides on them)', () => {
    for (const name of Object.keys(reports).filter((n) => n.startsWith('ms-aws-')))
      expect(`${name}: ${reports[name].summary.unknown}`).toBe(`${name}: 0`);
  });
});
