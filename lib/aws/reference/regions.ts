// AWS Regions, bundled so that synth needs no network.
//
// Source: the partitions of the AWS SDK endpoint rules, as @aws-sdk/util-endpoints 3.910.0
// bundles them (aws/aws-sdk-js-v3, packages/util-endpoints/src/lib/aws/partitions.json): every
// Region of the partitions aws, aws-cn, aws-us-gov, aws-eusc, aws-iso, aws-iso-b, aws-iso-e and
// aws-iso-f, without the pseudo-Regions `aws-global`, `aws-cn-global`... that name no Region.
// A Region launched later needs an update of this list.

/** AWS Region name -> partition. */
export const AWS_REGIONS: ReadonlyMap<string, string> = new Map([
  ['af-south-1', 'aws'],
  ['ap-east-1', 'aws'],
  ['ap-east-2', 'aws'],
  ['ap-northeast-1', 'aws'],
  ['ap-northeast-2', 'aws'],
  ['ap-northeast-3', 'aws'],
  ['ap-south-1', 'aws'],
  ['ap-south-2', 'aws'],
  ['ap-southeast-1', 'aws'],
  ['ap-southeast-2', 'aws'],
  ['ap-southeast-3', 'aws'],
  ['ap-southeast-4', 'aws'],
  ['ap-southeast-5', 'aws'],
  ['ap-southeast-6', 'aws'],
  ['ap-southeast-7', 'aws'],
  ['ca-central-1', 'aws'],
  ['ca-west-1', 'aws'],
  ['eu-central-1', 'aws'],
  ['eu-central-2', 'aws'],
  ['eu-north-1', 'aws'],
  ['eu-south-1', 'aws'],
  ['eu-south-2', 'aws'],
  ['eu-west-1', 'aws'],
  ['eu-west-2', 'aws'],
  ['eu-west-3', 'aws'],
  ['il-central-1', 'aws'],
  ['me-central-1', 'aws'],
  ['me-south-1', 'aws'],
  ['mx-central-1', 'aws'],
  ['sa-east-1', 'aws'],
  ['us-east-1', 'aws'],
  ['us-east-2', 'aws'],
  ['us-west-1', 'aws'],
  ['us-west-2', 'aws'],
  ['cn-north-1', 'aws-cn'],
  ['cn-northwest-1', 'aws-cn'],
  ['us-gov-east-1', 'aws-us-gov'],
  ['us-gov-west-1', 'aws-us-gov'],
  ['eusc-de-east-1', 'aws-eusc'],
  ['us-iso-east-1', 'aws-iso'],
  ['us-iso-west-1', 'aws-iso'],
  ['us-isob-east-1', 'aws-iso-b'],
  ['eu-isoe-west-1', 'aws-iso-e'],
  ['us-isof-east-1', 'aws-iso-f'],
  ['us-isof-south-1', 'aws-iso-f'],
]);
