import { RulePack } from '../../core/compliance/rule';
import { AWS_FRAMEWORKS } from './frameworks';
import './policy-document';
import { preventDestroyRule, requiredTagsRule } from '../../core/rules';
import { aws01VpcOnlyDomain } from './aws-01';
import { aws02Endpoints } from './aws-02.endpoints';
import { aws02PrivateDns } from './aws-02.private-dns';
import { aws02S3GatewayPolicy } from './aws-02.s3-gateway-policy';
import { aws04UserSecurityGroup } from './aws-04';
import { aws05DomainCmk } from './aws-05';
import { aws05KeyRotation } from './aws-05.key';
import { aws05KeyServicePrincipals } from './aws-05.service-principals';
import { aws06SharingSettings } from './aws-06';
import { aws07BucketEncryption } from './aws-07.encryption';
import { aws07BucketLifecycle } from './aws-07.lifecycle';
import { aws07BucketLogging } from './aws-07.logging';
import { aws07BucketOwnership } from './aws-07.ownership';
import { aws07BucketPublicAccess } from './aws-07.public-access';
import { aws07BucketTls } from './aws-07.tls';
import { aws07BucketVersioning } from './aws-07.versioning';
import { aws08AuthMode } from './aws-08';
import { aws09ProfileTag } from './aws-09';
import { aws09SourceIdentity } from './aws-09.source-identity';
import { aws10PresignedUrl } from './aws-10';
import { aws12InstanceTypes } from './aws-12';
import { aws16EndpointEncryption } from './aws-16';
import { aws19ImageNonRoot } from './aws-19';
import { aws20IdleShutdown } from './aws-20';
import { aws21LogGroups } from './aws-21';
import { aws22CloudTrail } from './aws-22';
import { aws23SnsEncryption } from './aws-23';
import { aws24RegistryPolicy } from './aws-24';
import { aws24RegisterPending } from './aws-24.register-pending';
import { aws26EfsRetention } from './aws-26';
import { aws27FlowLogs } from './aws-27';
import { aws31NotebookInstance } from './aws-31';
import { x03LeastPrivilege } from './x-03';
import { x03PublicAcl } from './x-03.public-acl';
import { x03PublicPrincipal } from './x-03.public-principal';
import { x05SgEgress } from './x-05.sg-egress';
import { x05SgIngress } from './x-05.sg-ingress';
import { x06TrailLogging } from './x-06.trail-logging';
import { x08ForceDestroy } from './x-08.force-destroy';
import { x10CloudTrailBucketPolicy } from './x-10.cloudtrail-bucket-policy';
import { x10CloudTrailCloudWatchLogs } from './x-10.cloudtrail-cloudwatch-logs';
import { x10CloudTrailKmsKeyPolicy } from './x-10.cloudtrail-kms-key-policy';
import { x10Ec2EndpointPrivateDns } from './x-10.ec2-endpoint-private-dns';
import { x10Ec2SgDescription } from './x-10.ec2-sg-description';
import { x10Ec2SubnetCidr } from './x-10.ec2-subnet-cidr';
import { x10IamPolicySize } from './x-10.iam-policy-size';
import { x10IamRoleAttachments } from './x-10.iam-role-attachments';
import { x10KmsKeyPolicy } from './x-10.kms-key-policy';
import { x10LogsKmsKeyPolicy } from './x-10.logs-kms-key-policy';
import { x10LogsMetricFilterOrder } from './x-10.logs-metric-filter-order';
import { x10S3BucketName } from './x-10.s3-bucket-name';
import { x10S3ObjectLock } from './x-10.s3-object-lock';
import { x10SagemakerName } from './x-10.sagemaker-name';
import { x10SagemakerNotebookSubnet } from './x-10.sagemaker-notebook-subnet';
import { x10SagemakerSourceIdentity } from './x-10.sagemaker-source-identity';
import { x10SagemakerUserProfileSso } from './x-10.sagemaker-user-profile-sso';
import { x10Tags } from './x-10.tags';
import { x15AwsAction } from './x-15.aws-action';
import { x15AwsConditionKey } from './x-15.aws-condition-key';
import { x15AwsManagedPolicy } from './x-15.aws-managed-policy';
import { x15AwsResourceArn } from './x-15.aws-resource-arn';
import { aws02S3GatewayBuckets } from './aws-02.s3-gateway-buckets';
import { aws02StudioReachability } from './aws-02.studio-reachability';
import { aws23SnsKeyPublishers } from './aws-23.key-publishers';
import { x10BackupVaultKmsKeyPolicy } from './x-10.backup-vault-kms-key-policy';
import { x15AwsActionResource } from './x-15.aws-action-resource';

/** Stateful AWS resource types that must carry prevent_destroy. */
export const AWS_STATEFUL_TYPES = [
  'aws_kms_key',
  'aws_s3_bucket',
  'aws_sagemaker_domain',
  'aws_cloudwatch_log_group',
  'aws_sagemaker_model_package_group',
  'aws_backup_vault',
  'aws_sagemaker_notebook_instance',
];

/** Taggable AWS resource types that must carry the platform tags. */
export const AWS_TAGGABLE_TYPES = [
  'aws_kms_key',
  'aws_s3_bucket',
  'aws_sagemaker_domain',
  'aws_sagemaker_user_profile',
  'aws_vpc',
  'aws_subnet',
  'aws_vpc_endpoint',
  'aws_security_group',
  'aws_iam_role',
  'aws_cloudwatch_log_group',
  'aws_cloudtrail',
  'aws_sns_topic',
  'aws_sagemaker_model_package_group',
];

/**
 * The AWS rule pack: one rule per control that can be checked on any Terraform JSON
 * (rule ids = control ids, facets suffixed). Run it on your own stacks with
 * `Compliance.of(app).addPack(new AwsMlopsChecks())`.
 */
export class AwsMlopsChecks extends RulePack {
  constructor() {
    // prettier-ignore
    super('AwsMlopsChecks', [
      aws01VpcOnlyDomain,
      aws02Endpoints,
      aws02PrivateDns,
      aws02S3GatewayPolicy,
      aws02S3GatewayBuckets,
      aws02StudioReachability,
      aws04UserSecurityGroup,
      aws05DomainCmk,
      aws05KeyRotation,
      aws05KeyServicePrincipals,
      aws06SharingSettings,
      aws07BucketEncryption,
      aws07BucketVersioning,
      aws07BucketPublicAccess,
      aws07BucketOwnership,
      aws07BucketTls,
      aws07BucketLogging,
      aws07BucketLifecycle,
      aws08AuthMode,
      aws09ProfileTag,
      aws09SourceIdentity,
      aws10PresignedUrl,
      aws12InstanceTypes,
      aws16EndpointEncryption,
      aws19ImageNonRoot,
      aws20IdleShutdown,
      aws21LogGroups,
      aws22CloudTrail,
      aws23SnsEncryption,
      aws23SnsKeyPublishers,
      aws24RegistryPolicy,
      aws24RegisterPending,
      aws26EfsRetention,
      aws27FlowLogs,
      aws31NotebookInstance,
      x03LeastPrivilege,
      x03PublicPrincipal,
      x03PublicAcl,
      x05SgIngress,
      x05SgEgress,
      x06TrailLogging,
      x08ForceDestroy,
      // apply contract: what the AWS APIs reject although `terraform plan` accepts it
      x10Ec2SgDescription,
      x10Ec2SubnetCidr,
      x10Ec2EndpointPrivateDns,
      x10KmsKeyPolicy,
      x10LogsKmsKeyPolicy,
      x10LogsMetricFilterOrder,
      x10CloudTrailBucketPolicy,
      x10CloudTrailKmsKeyPolicy,
      x10CloudTrailCloudWatchLogs,
      x10BackupVaultKmsKeyPolicy,
      x10IamPolicySize,
      x10IamRoleAttachments,
      x10SagemakerName,
      x10SagemakerUserProfileSso,
      x10SagemakerSourceIdentity,
      x10SagemakerNotebookSubnet,
      x10S3BucketName,
      x10S3ObjectLock,
      x10Tags,
      // reference data: names that must exist in the AWS Service Authorization Reference
      x15AwsAction,
      x15AwsConditionKey,
      x15AwsResourceArn,
      x15AwsActionResource,
      x15AwsManagedPolicy,
      preventDestroyRule(AWS_STATEFUL_TYPES),
      requiredTagsRule('aws_', 'tags', AWS_TAGGABLE_TYPES, [
        { provider: 'aws', path: 'default_tags.tags' },
      ]),
    ], AWS_FRAMEWORKS);
  }
}
