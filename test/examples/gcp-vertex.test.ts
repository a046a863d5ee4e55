import { Testing } from 'cdktf';
import { gcpVertexExample } from '../../examples/gcp-vertex';
import { ComplianceStatus } from '../../lib/core';
import { synthExample, synthJson } from '../helpers';

describe('examples/gcp-vertex', () => {
  let json: any;
  let report: any;
  let addresses: string[];
  beforeAll(() => {
    ({ json, report, addresses } = synthExample(gcpVertexExample));
  });

  test('snapshot', () => {
    expect(json).toMatchSnapshot();
  });

  test('X-12 resource addresses are pinned (a diff here means destroy-and-recreate)', () => {
    expect(addresses).toMatchSnapshot();
  });

  test('X-11 passes GcpMlopsChecks with zero findings and zero suppressions', () => {
    expect(report.packs).toContain('GcpMlopsChecks');
    expect(
      report.findings.filter(
        (f: any) =>
          f.status !== ComplianceStatus.COMPLIANT && f.status !== ComplianceStatus.NOT_APPLICABLE,
      ),
    ).toEqual([]);
    expect(report.summary.suppressed).toBe(0);
  });

  test('X-14 GCS backend with a CMEK; google and google-beta providers in the platform region', () => {
    expect(json.terraform.backend.gcs).toMatchObject({
      bucket: 'acme-tfstate-111111',
      prefix: 'gcp-vertex/prod',
    });
    expect(json.terraform.backend.gcs.kms_encryption_key).toContain('/locations/europe-west4/');
    expect(json.provider.google[0]).toMatchObject({
      project: 'acme-ml-prod-111111',
      region: 'europe-west4',
    });
    expect(json.provider['google-beta'][0].region).toBe('europe-west4');
  });

  test('X-12 two synths of the example are byte-identical', () => {
    const again = Testing.app();
    const [stack] = gcpVertexExample(again);
    expect(JSON.stringify(synthJson(stack))).toBe(JSON.stringify(json));
  });

  test('GCP-07 enforced perimeter with the CI ingress rule', () => {
    const p: any = Object.values(json.resource.google_access_context_manager_service_perimeter)[0];
    expect(p.use_explicit_dry_run_spec).toBe(false);
    expect(
      p.status.ingress_policies[0].ingress_to.operations.map((o: any) => o.service_name),
    ).toContain('aiplatform.googleapis.com');
  });

  test('GCP-06 every key rotates within 90 days and is protected', () => {
    for (const k of Object.values<any>(json.resource.google_kms_crypto_key)) {
      expect(k.rotation_period).toBe('7776000s');
      expect(k.lifecycle.prevent_destroy).toBe(true);
    }
  });
});
