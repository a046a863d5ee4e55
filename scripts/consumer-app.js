// A consumer of the packed library: only the public entry point `cdktf-secure-mlops` is used.
const path = require('path');
const fs = require('fs');
const { App, TerraformStack } = require('cdktf');
const { AwsProvider } = require('@cdktf/provider-aws/lib/provider');
const { S3Bucket } = require('@cdktf/provider-aws/lib/s3-bucket');
const lib = require('cdktf-secure-mlops');

const outdir = process.argv[2];
const app = new App({ outdir });
const stack = new TerraformStack(app, 'consumer');
new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
new S3Bucket(stack, 'bucket', { bucket: 'consumer-bucket' });
lib.Tagging.apply(stack, 'dev', { owner: 'consumer' });
lib.DataResidency.enforce(stack, ['eu-west-1']);
lib.Compliance.of(app);
app.synth();

const tf = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'consumer', 'cdk.tf.json'), 'utf8'));
if (tf.resource.aws_s3_bucket.bucket.tags.owner !== 'consumer') {
  throw new Error('consumer synth did not apply the library');
}
