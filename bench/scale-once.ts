// One scaling run: a platform with N units on one cloud, synthesized in-process.
// Units: aws = SageMaker user profiles, with the AWS rule pack (the network is sized for at most
// 1000 concurrent users: 5000 users need a /15, beyond the /16 AWS allows for a VPC);
// gcp = persona members, with the GCP rule pack; azure = persona role assignments (N data
// scientists, each bound by RBAC) plus N/10 compute clusters, with the Azure rule pack.
// Prints {wallMs, constructMs, synthMs, rssMb, heapMb, resources}.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { AuthMode, AwsMlopsChecks, SageMakerStudioDomain } from '../lib/aws';
import { GcpMlopsChecks, SecureVertexPipeline } from '../lib/gcp';
import { AzapiProvider, AzureMLWorkspace, AzureMlopsChecks } from '../lib/azure';
import { Compliance, Persona } from '../lib/core';
import { peakRssMb } from './lib';

const [cloud, nText] = process.argv.slice(2);
const n = Number(nText);
const hex = (i: number) => i.toString(16).padStart(12, '0');

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scale-'));
const t0 = performance.now();
const app = new App({ outdir });
const stack = new TerraformStack(app, `scale-${cloud}-${n}`);
if (cloud === 'aws') {
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new SageMakerStudioDomain(stack, 'studio', {
    environment: 'bench',
    authMode: AuthMode.IAM,
    accountId: '111111111111',
    network: { vpcCidr: '10.0.0.0/16', expectedUsers: Math.min(Math.max(n, 10), 1000) },
    userProfiles: Array.from({ length: n }, (_, i) => ({
      name: `user-${i}`,
      persona: Persona.DATA_SCIENTIST,
    })),
  });
  Compliance.of(app).addPack(new AwsMlopsChecks());
} else if (cloud === 'gcp') {
  new GoogleProvider(stack, 'google', { project: 'bench-project-1', region: 'europe-west4' });
  new SecureVertexPipeline(stack, 'vertex', {
    environment: 'bench',
    projectId: 'bench-project-1',
    region: 'europe-west4',
    organizationId: '123456789012',
    personas: {
      [Persona.DATA_SCIENTIST]: Array.from({ length: n }, (_, i) => `user:ds${i}@example.com`),
    },
  });
  // the GCP rules run too: every rule must be linear in the resources it reads
  Compliance.of(app).addPack(new GcpMlopsChecks());
} else if (cloud === 'azure') {
  // The provider configuration AzureMLWorkspace requires (as in examples/azure-ml.ts), and the
  // Azure rule pack, so every Azure rule is measured with the construct.
  new AzurermProvider(stack, 'azurerm', {
    features: [{ storage: [{ dataPlaneAvailable: false }] }],
    subscriptionId: '11111111-1111-1111-1111-111111111111',
    storageUseAzuread: true,
  });
  new AzapiProvider(stack, 'azapi', { subscriptionId: '11111111-1111-1111-1111-111111111111' });
  new TimeProvider(stack, 'time');
  new AzureMLWorkspace(stack, 'aml', {
    environment: 'bench',
    location: 'westeurope',
    encryption: { cosmosDbPrincipalObjectId: '66666666-0000-0000-0000-000000000001' },
    personas: {
      [Persona.DATA_SCIENTIST]: Array.from(
        { length: n },
        (_, i) => `00000000-0000-0000-0000-${hex(i)}`,
      ),
    },
    computeClusters: Array.from({ length: Math.max(1, Math.floor(n / 10)) }, (_, i) => ({
      name: `cluster-${i}`,
    })),
  });
  Compliance.of(app).addPack(new AzureMlopsChecks());
} else {
  throw new Error(`unknown cloud ${cloud}`);
}
const t1 = performance.now();
app.synth();
const t2 = performance.now();
const tf = JSON.parse(
  fs.readFileSync(path.join(outdir, 'stacks', `scale-${cloud}-${n}`, 'cdk.tf.json'), 'utf8'),
);
const resources = Object.values<any>(tf.resource ?? {}).reduce(
  (k, byName) => k + Object.keys(byName).length,
  0,
);
fs.rmSync(outdir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    wallMs: Math.round(t2 - t0),
    constructMs: Math.round(t1 - t0),
    synthMs: Math.round(t2 - t1),
    rssMb: peakRssMb(),
    heapMb: Math.round(process.memoryUsage().heapUsed / 1048576),
    resources,
  }),
);
