import { TerraformStack, Testing, Fn } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { DataResidency } from '../../lib';

function awsStack(providerRegion: string) {
  const stack = new TerraformStack(Testing.app(), 'aws');
  new AwsProvider(stack, 'aws', { region: providerRegion });
  const platform = new Construct(stack, 'ml');
  return { stack, platform };
}

describe('X-07 data residency', () => {
  test('X-07 everything inside the allowed set synthesizes', () => {
    const { stack, platform } = awsStack('eu-west-1');
    new S3Bucket(platform, 'b', { bucket: 'b' });
    new CloudwatchLogGroup(platform, 'lg', {
      name: 'x',
      kmsKeyId: 'arn:aws:kms:eu-west-1:111111111111:key/abc',
    });
    DataResidency.enforce(platform, ['eu-west-1']);
    expect(() => Testing.synth(stack)).not.toThrow();
  });

  test('X-07 a provider region outside the set fails synth', () => {
    const { stack, platform } = awsStack('us-east-1');
    DataResidency.enforce(platform, ['eu-west-1', 'eu-central-1']);
    expect(() => Testing.synth(stack)).toThrow(
      /aws\/aws \(provider aws\).region: got 'us-east-1'; allowed: a location in allowedRegions \[eu-west-1, eu-central-1\]/,
    );
  });

  test('X-07 a resource-level region and a key ARN region outside the set are both reported', () => {
    const { stack, platform } = awsStack('eu-west-1');
    new S3Bucket(platform, 'b', { bucket: 'b', region: 'us-west-2' });
    new CloudwatchLogGroup(platform, 'lg', {
      name: 'x',
      kmsKeyId: 'arn:aws:kms:ap-south-1:111111111111:key/abc',
    });
    DataResidency.enforce(platform, ['eu-west-1']);
    expect(() => Testing.synth(stack)).toThrow(
      /aws\/ml\/b.region: got 'us-west-2'[\s\S]*aws\/ml\/lg.kms_key_id: got 'ap-south-1'/,
    );
  });

  test('X-07 GCP multi-regions count only when allowed explicitly', () => {
    const build = (allowed: string[]) => {
      const stack = new TerraformStack(Testing.app(), 'gcp');
      new GoogleProvider(stack, 'google', { project: 'p', region: 'europe-west4' });
      const platform = new Construct(stack, 'ml');
      new StorageBucket(platform, 'b', { name: 'b', location: 'EU' });
      DataResidency.enforce(platform, allowed);
      return stack;
    };
    expect(() => Testing.synth(build(['europe-west4']))).toThrow(
      /location: got 'EU'.*multi-regions count only when listed explicitly/,
    );
    expect(() => Testing.synth(build(['europe-west4', 'EU']))).not.toThrow();
  });

  test('X-07 GCP key ring location and key paths are checked', () => {
    const stack = new TerraformStack(Testing.app(), 'gcp');
    new GoogleProvider(stack, 'google', { project: 'p', region: 'europe-west4' });
    const platform = new Construct(stack, 'ml');
    new KmsKeyRing(platform, 'ring', { name: 'r', location: 'global' });
    new StorageBucket(platform, 'b', {
      name: 'b',
      location: 'europe-west4',
      encryption: { defaultKmsKeyName: 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k' },
    });
    DataResidency.enforce(platform, ['europe-west4']);
    expect(() => Testing.synth(stack)).toThrow(
      /ring.location: got 'global'[\s\S]*encryption.default_kms_key_name: got 'us-central1'/,
    );
  });

  test('X-07 Azure display names are normalized', () => {
    const stack = new TerraformStack(Testing.app(), 'az');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const platform = new Construct(stack, 'ml');
    new ResourceGroup(platform, 'rg', { name: 'rg', location: 'West Europe' });
    new ResourceGroup(platform, 'rg2', { name: 'rg2', location: 'eastus' });
    DataResidency.enforce(platform, ['westeurope']);
    expect(() => Testing.synth(stack)).toThrow(/rg2.location: got 'eastus'/);
  });

  test('X-07 unresolved tokens are skipped', () => {
    const { stack, platform } = awsStack('eu-west-1');
    new S3Bucket(platform, 'b', { bucket: 'b', region: Fn.lower('EU-WEST-9') });
    DataResidency.enforce(platform, ['eu-west-1']);
    expect(() => Testing.synth(stack)).not.toThrow();
  });
});

describe('X-07 data residency in a stack of two clouds', () => {
  test("X-07 a platform checks its own cloud's provider regions only when told which", () => {
    const build = (providerTypes?: string[]) => {
      const { stack, platform } = awsStack('eu-west-1');
      new AzurermProvider(stack, 'azurerm', { features: [{}] });
      new GoogleProvider(stack, 'google', { region: 'us-central1' });
      new S3Bucket(platform, 'b', { bucket: 'b' });
      DataResidency.enforce(platform, ['eu-west-1'], providerTypes);
      return stack;
    };
    expect(() => Testing.synth(build())).toThrow(/provider google\)\.region: got 'us-central1'/);
    expect(() => Testing.synth(build(['aws']))).not.toThrow();
  });
});
