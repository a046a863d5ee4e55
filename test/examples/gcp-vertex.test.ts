import { gcpVertexExample } from '../../examples/gcp-vertex';
import { synthExample } from '../helpers';

describe('examples/gcp-vertex', () => {
  let json: any;
  beforeAll(() => {
    ({ json } = synthExample(gcpVertexExample));
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

  test('GCP-07 enforced perimeter with the CI ingress rule', () => {
    const p: any = Object.values(json.resource.google_access_context_manager_service_perimeter)[0];
    expect(p.use_explicit_dry_run_spec).toBe(false);
    const services = (i: number) =>
      p.status.ingress_policies[i].ingress_to.operations.map((o: any) => o.service_name);
    // the federated CI principal exchanges its token and impersonates the CI service account
    expect(p.status.ingress_policies[0].ingress_from.identities[0]).toMatch(/^principalSet:\/\//);
    expect(services(0)).toEqual(['sts.googleapis.com', 'iamcredentials.googleapis.com']);
    // then deploys as that service account
    expect(services(1)).toContain('aiplatform.googleapis.com');
  });

  test('GCP-06 every key rotates within 90 days and is protected', () => {
    for (const k of Object.values<any>(json.resource.google_kms_crypto_key)) {
      expect(k.rotation_period).toBe('7776000s');
      expect(k.lifecycle.prevent_destroy).toBe(true);
    }
  });
});
