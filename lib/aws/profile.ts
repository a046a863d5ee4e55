// The AWS profile: what core's tagging, residency and deprecated validators need to know about
// AWS. Registered with core when this module loads (the AWS entry point and constructs load it).
import { CloudProfile, registerCloudProfile } from '../core/cloud-profile';
import { AwsValidate } from './validate';

/** An availability zone (`eu-west-1a`) and its region. */
const AWS_AZ = /^([a-z]{2}(-gov|-iso|-isob)?-[a-z]+-\d{1,2})[a-z]$/;

/** The region of a KMS key ARN. */
const KMS_ARN = /arn:aws[a-z-]*:kms:([a-z0-9-]+):/g;

/** The AWS profile. */
export const AWS_PROFILE: CloudProfile = registerCloudProfile({
  name: 'aws',
  resourceTypePrefixes: ['aws_'],
  labelAttributeOf: () => 'tags',
  locationAttributes: ['region', 'availability_zone'],
  regionOfLocation: (location) => AWS_AZ.exec(location)?.[1],
  keyLocationsIn: (value) => [...value.matchAll(KMS_ARN)].map((m) => m[1]),
  validators: {
    bucketName: AwsValidate.bucketName,
    roleName: AwsValidate.roleName,
    region: AwsValidate.region,
    sagemakerName: AwsValidate.sagemakerName,
    accountId: AwsValidate.accountId,
    arn: AwsValidate.arn,
  },
});
