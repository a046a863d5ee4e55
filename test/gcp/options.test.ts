import { App, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Persona } from '../../lib/core/personas';
import { RemovalPolicy } from '../../lib/core/removal-policy';
import {
  CmekKeys,
  CmekPurpose,
  GcpAuditLogging,
  GcpMlopsChecks,
  GcpOrgPolicies,
  GcpRoleCatalogue,
  GcpServiceAgents,
  SecureVertexPipeline,
  ServicePerimeter,
} from '../../lib/gcp';
import { evaluate, synthJson } from '../helpers';
import { PROJECT, all, at, baseProps, errorOf, gcpStack, problemAt } from './fixtures';

describe('GCP-07 dry-run perimeter', () => {
  let json: any;
  beforeAll(() => {
    const stack = gcpStack();
    new ServicePerimeter(stack, 'p', {
      accessPolicyId: '123456789012',
      perimeterName: 'mlops_dev',
      projectResources: ['projects/111111111111'],
      dryRun: true,
      additionalRestrictedServices: ['dlp.googleapis.com'],
    });
    json = synthJson(stack);
  });
  test('GCP-07 dry-run puts the configuration in spec with use_explicit_dry_run_spec, status untouched', () => {
    const p = at(json, 'google_access_context_manager_service_perimeter', 'p/perimeter');
    expect(p.use_explicit_dry_run_spec).toBe(true);
    expect(p.status).toBeUndefined();
    expect(p.spec.resources).toEqual(['projects/111111111111']);
    expect(p.spec.restricted_services).toContain('dlp.googleapis.com');
    expect(p.name).toBe('accessPolicies/123456789012/servicePerimeters/mlops_dev');
  });
});

describe('platform options: project creation, brought keys and network, NAT, no org policies, DESTROY, predefined Vizier roles, PSC', () => {
  let json: any;
  beforeAll(() => {
    const stack = gcpStack(false);
    new SecureVertexPipeline(
      stack,
      'ml',
      baseProps({
        createProject: { folderId: 'folders/123456789012', billingAccount: '012345-6789AB-CDEF01' },
        encryption: {
          existingKeys: {
            STORAGE: 'projects/acme-kms/locations/europe-west4/keyRings/central/cryptoKeys/gcs',
          },
        },
        network: {
          existingNetworkId: 'projects/acme-host/global/networks/shared',
          existingSubnetworkId: 'projects/acme-host/regions/europe-west4/subnetworks/ml',
        },
        orgPolicies: false,
        removalPolicy: RemovalPolicy.DESTROY,
        vizier: { developers: ['group:tuners@example.com'], usePredefinedRoles: true },
        endpoints: [{ name: 'churn', privateServiceConnect: true }],
        tagValues: ['tagValues/281484049213432'],
      }),
    );
    json = synthJson(stack);
  });

  test('creates the project under the folder with billing, no default network, and enables APIs after it', () => {
    const p = at(json, 'google_project', 'project/project');
    expect(p).toMatchObject({
      project_id: PROJECT,
      folder_id: '123456789012',
      billing_account: '012345-6789AB-CDEF01',
      auto_create_network: false,
      deletion_policy: 'DELETE',
    });
    const api = all(json, 'google_project_service').find(
      (s) => s.service === 'aiplatform.googleapis.com',
    );
    expect(api.depends_on[0]).toMatch(/^google_project\./);
    expect(api.disable_on_destroy).toBe(false);
  });

  test('X-08 DESTROY: buckets and datasets go with their contents, or terraform destroy stops on the first non-empty one', () => {
    const datasets = all(json, 'google_bigquery_dataset');
    expect(datasets.length).toBeGreaterThan(0);
    for (const d of datasets) expect(d.delete_contents_on_destroy).toBe(true);
    for (const b of all(json, 'google_storage_bucket')) expect(b.force_destroy).toBe(true);
  });

  test('on a fresh project, keys, identities, roles, audit and alerts wait for their APIs', () => {
    const apiOf = (svc: string): string => {
      const e = Object.entries<any>(json.resource.google_project_service).find(
        ([, r]) => r.service === svc,
      )!;
      return `google_project_service.${e[0]}`;
    };
    expect(at(json, 'google_kms_key_ring', 'keys/key-ring').depends_on).toEqual([
      apiOf('cloudkms.googleapis.com'),
    ]);
    expect(at(json, 'google_service_account', 'service-accounts/pipeline').depends_on).toEqual([
      apiOf('iam.googleapis.com'),
    ]);
    expect(at(json, 'google_project_iam_custom_role', 'roles/model-deployer').depends_on).toEqual([
      apiOf('iam.googleapis.com'),
    ]);
    expect(at(json, 'google_logging_project_sink', 'audit/sink').depends_on).toEqual([
      apiOf('logging.googleapis.com'),
    ]);
    expect(at(json, 'google_monitoring_alert_policy', 'monitoring/iam-changes').depends_on).toEqual(
      [apiOf('monitoring.googleapis.com')],
    );
  });

  test('declares the google-beta provider when the stack has none', () => {
    expect(json.provider['google-beta']).toEqual([{ region: 'europe-west4' }]);
    expect(
      all(json, 'google_project_service_identity').every((s) => s.provider === 'google-beta'),
    ).toBe(true);
  });

  test('GCP-05 brought keys are used and granted to the agents, nothing created for them', () => {
    const keyId = 'projects/acme-kms/locations/europe-west4/keyRings/central/cryptoKeys/gcs';
    expect(all(json, 'google_kms_crypto_key').map((k) => k.name)).not.toContain('storage');
    expect(
      all(json, 'google_storage_bucket').every((b) => b.encryption.default_kms_key_name === keyId),
    ).toBe(true);
    expect(
      all(json, 'google_kms_crypto_key_iam_member').filter((g) => g.crypto_key_id === keyId),
    ).toHaveLength(1);
  });

  test('GCP-08 brought network: nothing created, Workbench uses it', () => {
    expect(json.resource.google_compute_network).toBeUndefined();
    expect(
      at(json, 'google_workbench_instance', 'instance').gce_setup.network_interfaces[0].network,
    ).toBe('projects/acme-host/global/networks/shared');
  });

  test('X-09 Resource Manager tag values bound to the project', () => {
    const b = at(json, 'google_tags_tag_binding', 'tag-tagValues-281484049213432');
    expect(b.tag_value).toBe('tagValues/281484049213432');
    expect(b.parent).toMatch(
      /^\/\/cloudresourcemanager\.googleapis\.com\/projects\/\$\{google_project\..*\.number\}$/,
    );
  });

  test('GCP-11 org policies off', () => {
    expect(json.resource.google_org_policy_policy).toBeUndefined();
  });

  test('X-08 removalPolicy DESTROY lifts prevent_destroy and records the opt-out', () => {
    const b = at(json, 'google_storage_bucket', 'pipeline-root/bucket');
    expect(b.lifecycle.prevent_destroy).toBe(false);
    expect(b.force_destroy).toBe(true);
    expect(b['//'].secure_mlops.suppressions[0].id).toBe('X-08');
  });

  test('GCP-04 predefined Vizier roles on request', () => {
    expect(
      all(json, 'google_project_iam_member').find((m) => m.member === 'group:tuners@example.com')
        .role,
    ).toBe('roles/aiplatform.user');
  });

  test('GCP-15 Private Service Connect endpoint', () => {
    const ep = at(json, 'google_vertex_ai_endpoint', 'endpoint-churn/endpoint');
    expect(ep.network).toBeUndefined();
    expect(ep.private_service_connect_config).toEqual({
      enable_private_service_connect: true,
      project_allowlist: [expect.stringMatching(/^\$\{google_project\..*\.project_id\}$/)],
    });
  });
});

describe('multi-region allowed explicitly, Cloud NAT', () => {
  let json: any;
  beforeAll(() => {
    const stack = gcpStack();
    new SecureVertexPipeline(
      stack,
      'ml',
      baseProps({
        allowedRegions: ['europe-west4', 'EU'],
        dataBuckets: [
          {
            name: 'archive',
            location: 'EU',
            kmsKeyName: 'projects/acme-kms/locations/eu/keyRings/eu/cryptoKeys/gcs',
          },
        ],
        network: { cloudNat: true },
      }),
    );
    json = synthJson(stack);
  });
  test('X-07 an EU bucket with an EU key when EU is allowed; resourceLocations lists both', () => {
    expect(at(json, 'google_storage_bucket', 'data-archive/bucket').location).toBe('EU');
    const loc = all(json, 'google_org_policy_policy').find((p) =>
      p.name.endsWith('gcp.resourceLocations'),
    );
    expect(loc.spec.rules[0].values.allowed_values).toEqual([
      'in:europe-west4-locations',
      'in:eu-locations',
    ]);
  });
  test('GCP-05 the storage agent is granted the EU key before the EU bucket is created', () => {
    const grant = Object.entries<any>(json.resource.google_kms_crypto_key_iam_member).find(
      ([, g]) => g.crypto_key_id === 'projects/acme-kms/locations/eu/keyRings/eu/cryptoKeys/gcs',
    );
    expect(grant).toBeDefined();
    expect(grant![1].member).toMatch(
      /^serviceAccount:service-\$\{data\.google_project\..*\.number\}@gs-project-accounts\.iam\.gserviceaccount\.com$/,
    );
    expect(at(json, 'google_storage_bucket', 'data-archive/bucket').depends_on).toEqual([
      `google_kms_crypto_key_iam_member.${grant![0]}`,
    ]);
  });
  test('GCP-08 Cloud NAT on request, egress 443 only', () => {
    expect(
      at(json, 'google_compute_router_nat', 'network/nat').source_subnetwork_ip_ranges_to_nat,
    ).toBe('LIST_OF_SUBNETWORKS');
    expect(at(json, 'google_compute_firewall', 'network/allow-nat-egress').allow).toEqual([
      { protocol: 'tcp', ports: ['443'] },
    ]);
  });
});

describe('X-07 residency fails synth for a provider outside the allowed regions', () => {
  test('X-07 provider region us-central1 with allowedRegions [europe-west4]', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 's');
    new GoogleProvider(stack, 'google', { region: 'us-central1' });
    new SecureVertexPipeline(stack, 'ml', baseProps());
    expect(() => synthJson(stack)).toThrow(
      /provider google_?\)?.*region: got 'us-central1'|got 'us-central1'/,
    );
  });
});

describe('parts alone', () => {
  let json: any;
  beforeAll(() => {
    const stack = gcpStack();
    const agents = new GcpServiceAgents(stack, 'agents', {
      projectId: PROJECT,
      projectNumber: '111111111111',
      region: 'europe-west4',
    });
    new CmekKeys(stack, 'keys', {
      projectId: PROJECT,
      location: 'europe-west4',
      purposes: [CmekPurpose.VERTEX_AI, CmekPurpose.COMPUTE],
      serviceAgents: agents,
    });
    new GcpRoleCatalogue(stack, 'roles', { projectId: PROJECT, roleIdSuffix: '_dev' });
    new GcpAuditLogging(stack, 'audit', {
      projectId: PROJECT,
      location: 'europe-west4',
      existingDestination:
        'logging.googleapis.com/projects/central/locations/europe-west4/buckets/org',
    });
    new GcpOrgPolicies(stack, 'org', {
      projectId: PROJECT,
      allowedLocations: ['europe-west4'],
      exclude: ['compute.requireOsLogin'],
    });
    json = synthJson(stack);
  });
  test('GCP-05 CmekKeys grants compute and notebooks agents on the compute key only', () => {
    const grants = all(json, 'google_kms_crypto_key_iam_member');
    const compute = grants.filter((g) => String(g['//'].metadata.path).includes('compute-'));
    expect(compute.map((g) => g.member).sort()).toEqual(
      [
        expect.stringContaining('google_project_service_identity.'),
        'serviceAccount:service-111111111111@compute-system.iam.gserviceaccount.com',
      ].sort(),
    );
    expect(grants).toHaveLength(3);
  });
  test('GCP-02 role catalogue alone, with a suffix', () => {
    expect(all(json, 'google_project_iam_custom_role').map((r) => r.role_id)).toContain(
      'mlopsModelDeployer_dev',
    );
  });
  test('GCP-10 audit logging to an existing central destination', () => {
    expect(json.resource.google_logging_project_bucket_config).toBeUndefined();
    expect(at(json, 'google_logging_project_sink', 'audit/sink').destination).toBe(
      'logging.googleapis.com/projects/central/locations/europe-west4/buckets/org',
    );
    // the central destination holds the data-access logs; no second copy in _Default
    expect(
      at(json, 'google_logging_project_exclusion', 'audit/default-sink-exclusion').filter,
    ).toBe('LOG_ID("cloudaudit.googleapis.com/data_access")');
  });
  test('GCP-11 org policies alone, with an exclusion', () => {
    const names = all(json, 'google_org_policy_policy').map((p) => p.name);
    expect(names).toHaveLength(16);
    expect(names).not.toContain(`projects/${PROJECT}/policies/compute.requireOsLogin`);
  });
});

describe('GCP-10 data-access logs kept in _Default on request', () => {
  let stack: TerraformStack;
  let json: any;
  beforeAll(() => {
    stack = gcpStack();
    new SecureVertexPipeline(
      stack,
      'ml',
      baseProps({ auditLogExcludeDataAccessFromDefaultBucket: false }),
    );
    json = synthJson(stack);
  });
  test('GCP-10 no exclusion; the sink records the opt-out as a suppression of GCP-10.default-bucket', () => {
    expect(json.resource.google_logging_project_exclusion).toBeUndefined();
    const sink = at(json, 'google_logging_project_sink', 'audit/sink');
    expect(sink['//'].secure_mlops.suppressions.map((x: any) => x.id)).toEqual([
      'GCP-10.default-bucket',
    ]);
    const findings = evaluate(stack, new GcpMlopsChecks()).findings.filter(
      (f) => f.ruleId === 'GCP-10.default-bucket',
    );
    expect(findings.map((f) => f.status)).toEqual(['SUPPRESSED']);
  });
  test('X-10 the opt-out must be a boolean', () => {
    const e = errorOf(
      () =>
        new SecureVertexPipeline(
          gcpStack(),
          'ml',
          baseProps({ auditLogExcludeDataAccessFromDefaultBucket: 'no' as any }),
        ),
    );
    expect(problemAt(e, 'auditLogExcludeDataAccessFromDefaultBucket').value).toBe('no');
  });
});

describe('performance', () => {
  test('X-01 1000 members synthesize in seconds', () => {
    const stack = gcpStack();
    const members = Array.from({ length: 1000 }, (_, i) => `user:user${i}@example.com`);
    const t0 = Date.now();
    new SecureVertexPipeline(
      stack,
      'ml',
      baseProps({ personas: { [Persona.DATA_SCIENTIST]: members } }),
    );
    const json = synthJson(stack);
    const ms = Date.now() - t0;
    expect(all(json, 'google_project_iam_member').length).toBeGreaterThan(2000);
    expect(ms).toBeLessThan(30000);
  });
});

void App;

describe('X-12 stable addresses', () => {
  const addresses = (extraTokensFirst: boolean): string[] => {
    const stack = gcpStack();
    if (extraTokensFirst) {
      const v = new TerraformVariable(stack, 'unrelated', { type: 'string' });
      for (let i = 0; i < 50; i++) void v.stringValue;
    }
    new SecureVertexPipeline(
      stack,
      'ml',
      baseProps({
        ciIdentity: {},
        workloadIdentity: {
          training: [{ namespace: 'ml', kubernetesServiceAccount: 'trainer' }],
          identityPoolExists: true,
        },
      }),
    );
    const json = synthJson(stack);
    const out: string[] = [];
    for (const [type, byName] of Object.entries<any>(json.resource))
      for (const name of Object.keys(byName)) out.push(`${type}.${name}`);
    return out.sort();
  };
  test('X-12 binding addresses do not depend on token numbering', () => {
    expect(addresses(true)).toEqual(addresses(false));
  });
});

describe('X-02 mlEngineersRunPipelines: registration (the pipeline SA) and approval (ML engineers) kept apart', () => {
  const WIF =
    'principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/ci/attribute.repository/acme/ml';
  // the two configurations, each synthesized once
  const synths = new Map<boolean, any>();
  const platformJson = (apart: boolean): any => {
    if (!synths.has(apart)) {
      const stack = gcpStack();
      new SecureVertexPipeline(stack, 'ml', {
        ...baseProps(),
        ...(apart
          ? { mlEngineersRunPipelines: false, ciIdentity: { federatedPrincipals: [WIF] } }
          : {}),
      });
      synths.set(apart, synthJson(stack));
    }
    return synths.get(apart);
  };
  const pipelineActors = (apart: boolean): string[] => {
    const json = platformJson(apart);
    const pipelineSa = Object.entries<any>(json.resource.google_service_account).find(
      ([, s]) => s.account_id === 'vertex-pipeline',
    )![0];
    return all(json, 'google_service_account_iam_member')
      .filter(
        (m: any) =>
          m.role === 'roles/iam.serviceAccountUser' &&
          m.service_account_id === `\${google_service_account.${pipelineSa}.name}`,
      )
      .map((m: any) => m.member);
  };
  const repositoryRoles = (apart: boolean): string[] =>
    all(platformJson(apart), 'google_artifact_registry_repository_iam_member')
      .filter((m: any) => m.member === 'group:ml-engineers@example.com')
      .map((m: any) => m.role);

  test('X-02 by default ML engineers act as the pipeline SA (they launch pipeline runs)', () => {
    expect(pipelineActors(false)).toContain('group:ml-engineers@example.com');
  });

  test('X-02 false: only the CI identity acts as the pipeline SA', () => {
    const actors = pipelineActors(true);
    expect(actors).not.toContain('group:ml-engineers@example.com');
    expect(actors).toHaveLength(1);
    expect(actors[0]).toMatch(/^\$\{google_service_account\..*\.member\}$/);
  });

  test('X-02 false: ML engineers read the repositories the CI pushes to (they cannot move a tag it launches)', () => {
    expect(repositoryRoles(false)).toContain('roles/artifactregistry.writer');
    const apart = repositoryRoles(true);
    expect(apart.length).toBeGreaterThan(0);
    expect(apart.every((r) => r === 'roles/artifactregistry.reader')).toBe(true);
  });

  test('X-02 false without a CI identity is refused: nobody could launch a pipeline', () => {
    const e = errorOf(
      () =>
        new SecureVertexPipeline(gcpStack(), 'ml', {
          ...baseProps(),
          mlEngineersRunPipelines: false,
        }),
    );
    expect(problemAt(e, 'mlEngineersRunPipelines')).toMatchObject({
      value: 'false',
      allowed: expect.stringContaining('together with a ciIdentity'),
    });
  });
});

describe('GCP-07 calls that cross an enforced perimeter', () => {
  const KMS_KEY = 'projects/acme-kms/locations/europe-west4/keyRings/central/cryptoKeys/gcs';
  const warnings = (perimeter: any, extra: any = {}): string => {
    const stack = gcpStack();
    new SecureVertexPipeline(
      stack,
      'ml',
      baseProps({
        perimeter: {
          accessPolicyId: '123456789012',
          deployerIdentities: ['serviceAccount:terraform@acme-seed.iam.gserviceaccount.com'],
          ...perimeter,
        },
        ...extra,
      }),
    );
    return stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.map((m) => String(m.data)))
      .join('\n');
  };
  const central = { encryption: { existingKeys: { STORAGE: KMS_KEY } } };

  test('keys of a central KMS project: an egress rule for Cloud KMS, or a warning', () => {
    expect(warnings({}, central)).toMatch(
      /GCP-07: keys of project\(s\) acme-kms lie outside the perimeter: .* cloudkms\.googleapis\.com/,
    );
    const egress = {
      egressRules: [
        {
          title: 'central keys',
          identityType: 'ANY_SERVICE_ACCOUNT',
          services: ['cloudkms.googleapis.com'],
          targetResources: ['projects/999999999999'],
        },
      ],
    };
    expect(warnings(egress, central)).not.toMatch(/keys of project/);
    // nothing crosses yet while the perimeter only dry-runs
    expect(warnings({ dryRun: true }, central)).not.toMatch(/keys of project/);
    expect(warnings({})).not.toMatch(/keys of project/);
  });

  test('a Shared VPC host outside the perimeter is named', () => {
    expect(
      warnings(
        {},
        {
          network: {
            existingNetworkId: 'projects/acme-host/global/networks/shared',
            existingSubnetworkId: 'projects/acme-host/regions/europe-west4/subnetworks/ml',
          },
        },
      ),
    ).toMatch(/GCP-07: the network is in project acme-host, outside the perimeter/);
  });
});
