// A consumer of the packed library: only the public entry point `cdktf-secure-mlops` is used,
// with the three platform constructs and their rule packs.
const path = require('path');
const fs = require('fs');
const { App, TerraformStack } = require('cdktf');
const { AwsProvider } = require('@cdktf/provider-aws/lib/provider');
const { GoogleProvider } = require('@cdktf/provider-google/lib/provider');
const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
const { TimeProvider } = require('@cdktf/provider-time/lib/provider');
const lib = require('cdktf-secure-mlops');

const outdir = process.argv[2];
const app = new App({ outdir });

const aws = new TerraformStack(app, 'consumer-aws');
new AwsProvider(aws, 'aws', { region: 'eu-west-1' });
new lib.SageMakerStudioDomain(aws, 'studio', {
  environment: 'dev',
  authMode: lib.AuthMode.IAM,
  accountId: '111111111111',
  userProfiles: [{ name: 'alice', persona: lib.Persona.DATA_SCIENTIST }],
});

const gcp = new TerraformStack(app, 'consumer-gcp');
new GoogleProvider(gcp, 'google', { project: 'consumer-project', region: 'europe-west4' });
new lib.SecureVertexPipeline(gcp, 'vertex', {
  environment: 'dev',
  projectId: 'consumer-project',
  region: 'europe-west4',
  // defines the job-service-account constraints at the organization (GCP-01)
  organizationId: '111111111111',
  personas: { [lib.Persona.DATA_SCIENTIST]: ['group:ds@example.com'] },
});

const azure = new TerraformStack(app, 'consumer-azure');
new AzurermProvider(azure, 'azurerm', {
  // the storage accounts are private: no data-plane polling after create (AZ-04.data-plane)
  features: [{ storage: [{ dataPlaneAvailable: false }] }],
  subscriptionId: '11111111-1111-1111-1111-111111111111',
  storageUseAzuread: true,
});
// the CMK is created through ARM (azapi); the RBAC propagation waits use the time provider
new lib.AzapiProvider(azure, 'azapi', {
  subscriptionId: '11111111-1111-1111-1111-111111111111',
});
new TimeProvider(azure, 'time');
new lib.AzureMLWorkspace(azure, 'aml', {
  environment: 'dev',
  location: 'westeurope',
  // object id of the Azure Cosmos DB service principal in the tenant
  encryption: { cosmosDbPrincipalObjectId: '66666666-0000-0000-0000-000000000001' },
});

lib.Compliance.of(app)
  .addPack(new lib.AwsMlopsChecks())
  .addPack(new lib.GcpMlopsChecks())
  .addPack(new lib.AzureMlopsChecks());
app.synth();

for (const stack of ['consumer-aws', 'consumer-gcp', 'consumer-azure']) {
  const dir = path.join(outdir, 'stacks', stack);
  const tf = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8'));
  const report = JSON.parse(fs.readFileSync(path.join(dir, 'compliance-report.json'), 'utf8'));
  const resources = Object.values(tf.resource).reduce(
    (n, byName) => n + Object.keys(byName).length,
    0,
  );
  if (resources < 10 || report.summary.errors !== 0) {
    throw new Error(`${stack}: ${resources} resources, ${report.summary.errors} compliance errors`);
  }
  console.log(`${stack}: ${resources} resources, compliance ${JSON.stringify(report.summary)}`);
}
