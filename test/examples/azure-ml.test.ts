import { azureMlExample } from '../../examples/azure-ml';
import { synthExample } from '../helpers';

describe('examples/azure-ml', () => {
  let json: any;
  let report: any;
  beforeAll(() => {
    ({ json, report } = synthExample(azureMlExample));
  });

  test('X-14 azurerm remote backend with Entra auth; provider configured for azurerm 4', () => {
    expect(json.terraform.backend.azurerm).toMatchObject({
      use_azuread_auth: true,
      key: 'azure-ml/prod.tfstate',
    });
    const provider = json.provider.azurerm[0];
    expect(provider).toMatchObject({
      subscription_id: '11111111-1111-1111-1111-111111111111',
      storage_use_azuread: true,
    });
    expect(provider.features[0].machine_learning[0].purge_soft_deleted_workspace_on_destroy).toBe(
      false,
    );
    expect(provider.features[0].storage[0].data_plane_available).toBe(false);
    expect(json.terraform.required_providers.azapi.source).toBe('Azure/azapi');
    expect(json.terraform.required_providers.time.source).toBe('hashicorp/time');
  });

  test('X-11 every apply rule decides on the example (no finding is left UNKNOWN)', () => {
    expect(report.summary.unknown).toBe(0);
    expect(
      report.findings.filter((f: any) => f.ruleId === 'AZ-09.propagation').length,
    ).toBeGreaterThan(3);
  });

  test('one private HBI workspace with CMK, two clusters, one instance, outbound rules', () => {
    const ws: any = Object.values(json.resource.azurerm_machine_learning_workspace)[0];
    expect(ws).toMatchObject({
      public_network_access_enabled: false,
      high_business_impact: true,
      image_build_compute_name: 'cpu-cluster',
    });
    expect(Object.keys(json.resource.azurerm_machine_learning_compute_cluster)).toHaveLength(2);
    expect(Object.keys(json.resource.azurerm_machine_learning_compute_instance)).toHaveLength(1);
    expect(
      Object.keys(json.resource.azurerm_machine_learning_workspace_network_outbound_rule_fqdn),
    ).toHaveLength(2);
    expect(
      Object.values<any>(json.resource.azapi_resource).filter((r) =>
        r.type.startsWith('Microsoft.MachineLearningServices/workspaces/datastores@'),
      ),
    ).toHaveLength(2);
  });
});
