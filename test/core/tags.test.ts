import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Tagging } from '../../lib';
import { labelAttributeOf } from '../../lib/core/tags';
import { resourceAt, synthJson } from '../helpers';

describe('X-09 tags and labels on every taggable resource', () => {
  let json: any;
  let resolved: { [k: string]: string };
  beforeAll(() => {
    const stack = new TerraformStack(Testing.app(), 'tags');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new GoogleProvider(stack, 'google', { project: 'p', region: 'europe-west4' });
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const platform = new Construct(stack, 'ml');
    new S3Bucket(platform, 'bucket', { bucket: 'b', tags: { owner: 'data-team' } });
    new IamRolePolicyAttachment(platform, 'attach', {
      role: 'r',
      policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    });
    new StorageBucket(platform, 'gcs', { name: 'g', location: 'EUROPE-WEST4' });
    new ResourceGroup(platform, 'rg', { name: 'rg', location: 'westeurope' });
    new MonitoringNotificationChannel(platform, 'channel', {
      type: 'email',
      displayName: 'on-call',
      labels: { email_address: 'oncall@example.com' },
    });
    new MonitoringAlertPolicy(platform, 'alert', {
      displayName: 'a',
      combiner: 'OR',
      conditions: [{ displayName: 'c', conditionAbsent: { filter: 'x', duration: '60s' } }],
    });
    new S3Bucket(stack, 'outside', { bucket: 'o' });
    resolved = Tagging.apply(platform, 'prod', {
      platform: 'ml-platform',
      costCenter: 'CC 1234/ML',
      extra: { 'team:name': 'Vision Team' },
    });
    json = synthJson(stack);
  });

  test('X-09 resolved map has the five required keys with defaults', () => {
    expect(resolved).toEqual({
      platform: 'ml-platform',
      environment: 'prod',
      owner: 'platform-team',
      'data-classification': 'confidential',
      'cost-center': 'CC 1234/ML',
      'team:name': 'Vision Team',
    });
  });

  test('X-09 AWS resources get tags; explicit resource tags win', () => {
    expect(resourceAt(json, 'aws_s3_bucket', 'ml/bucket').tags).toEqual({
      ...resolved,
      owner: 'data-team',
    });
  });

  test('X-09 Azure resources get tags', () => {
    expect(resourceAt(json, 'azurerm_resource_group', 'ml/rg').tags).toEqual(resolved);
  });

  test('X-09 GCP resources get labels sanitized to label rules', () => {
    expect(resourceAt(json, 'google_storage_bucket', 'ml/gcs').labels).toEqual({
      platform: 'ml-platform',
      environment: 'prod',
      owner: 'platform-team',
      'data-classification': 'confidential',
      'cost-center': 'cc_1234_ml',
      team_name: 'vision_team',
    });
  });

  test('X-09 a notification channel keeps its descriptor labels; platform labels go to user_labels', () => {
    const channel = resourceAt(json, 'google_monitoring_notification_channel', 'ml/channel');
    expect(channel.labels).toEqual({ email_address: 'oncall@example.com' });
    expect(channel.user_labels).toMatchObject({ platform: 'ml-platform', environment: 'prod' });
  });

  test('X-09 alert policies get the platform labels in user_labels', () => {
    const alert = resourceAt(json, 'google_monitoring_alert_policy', 'ml/alert');
    expect(alert.user_labels).toMatchObject({ platform: 'ml-platform', environment: 'prod' });
    expect(alert.labels).toBeUndefined();
  });

  test('X-09 the label attribute per resource type', () => {
    expect(labelAttributeOf('google_storage_bucket')).toBe('labels');
    expect(labelAttributeOf('google_monitoring_notification_channel')).toBe('user_labels');
    expect(labelAttributeOf('aws_s3_bucket')).toBe('tags');
    expect(labelAttributeOf('azurerm_resource_group')).toBe('tags');
    expect(labelAttributeOf('kubernetes_namespace')).toBeUndefined();
  });

  test('X-09 resources without a tags argument are left alone', () => {
    expect(resourceAt(json, 'aws_iam_role_policy_attachment', 'ml/attach').tags).toBeUndefined();
  });

  test('X-09 only resources under the scope are tagged', () => {
    expect(resourceAt(json, 'aws_s3_bucket', 'outside').tags).toBeUndefined();
  });

  test('X-10 invalid tag keys fail with one error', () => {
    const stack = new TerraformStack(Testing.app(), 'bad');
    expect(() =>
      Tagging.apply(stack, 'prod', { extra: { 'aws:reserved': 'x', ok: 'bad<value>' } }),
    ).toThrow(
      /tags.aws:reserved: got 'aws:reserved'; allowed: tag keys[\s\S]*tags.ok: got 'bad<value>'; allowed: tag values/,
    );
  });
});

describe('X-09 tags from untyped callers', () => {
  test('X-10 tags and tags.extra must be objects', () => {
    const scope = new TerraformStack(new App(), 't');
    expect(() => Tagging.resolve(scope, 'prod', 'team-a' as any)).toThrow(
      /tags: got 'team-a'; allowed: an object/,
    );
    expect(() => Tagging.resolve(scope, 'prod', { extra: ['x'] } as any)).toThrow(
      /tags.extra: got '\["x"\]'; allowed: an object/,
    );
  });
});
