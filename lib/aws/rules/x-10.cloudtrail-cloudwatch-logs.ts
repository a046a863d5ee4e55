import { defineApplyRule } from '../../core/compliance/define-rule';
import { isExpression, isUnknown, readValue, unknown } from '../../core/rules/attributes';
import { referenced, waitsFor } from '../../core/rules/references';

/**
 * A trail delivering to CloudWatch Logs names the group ARN with the `:*` log-stream wildcard,
 * gives the role CloudTrail assumes, and waits for that role's permissions: CloudTrail checks
 * them at CreateTrail (InvalidCloudWatchLogsLogGroupArnException,
 * InvalidCloudWatchLogsRoleArnException).
 */
export const x10CloudTrailCloudWatchLogs = defineApplyRule(__filename, {
  source:
    'AWS CloudTrail API CreateTrail, CloudWatchLogsLogGroupArn / CloudWatchLogsRoleArn and InvalidCloudWatchLogsLogGroupArnException, InvalidCloudWatchLogsRoleArnException (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html); terraform-provider-aws website/docs/r/cloudtrail.html.markdown: cloud_watch_logs_group_arn needs the log-stream wildcard (:*)',
  description:
    'Trails that deliver to CloudWatch Logs give the log group ARN with ":*", the role ARN, and wait for the role policy of a role of the stack',
  fixHint:
    'Set cloud_watch_logs_group_arn = "<group arn>:*", cloud_watch_logs_role_arn, and depends_on the role policy',
  resourceTypes: ['aws_cloudtrail'],
  check: (r, stack) => {
    const group = readValue(r, 'cloud_watch_logs_group_arn');
    const raw = r.attributes.cloud_watch_logs_group_arn;
    if (raw === undefined || raw === '') return undefined;
    if (isUnknown(group) && !String(raw).endsWith(':*')) return group;
    if (!String(raw).endsWith(':*'))
      return `cloud_watch_logs_group_arn ${raw} does not end with the log-stream wildcard :*`;
    const roleArn = r.attributes.cloud_watch_logs_role_arn;
    if (!roleArn) return 'cloud_watch_logs_group_arn without cloud_watch_logs_role_arn';
    const role = referenced(stack, roleArn, 'aws_iam_role');
    if (!role)
      return isExpression(roleArn) && !/\$\{aws_iam_role\./.test(roleArn)
        ? unknown(`cloud_watch_logs_role_arn is ${roleArn}`)
        : true;
    const grants = [
      ...stack.referencing('aws_iam_role_policy', 'role', role),
      ...stack.referencing('aws_iam_role_policy_attachment', 'role', role),
    ];
    if (grants.length === 0) return `${role.address} has no policy to write the log group`;
    return (
      grants.some((g) => waitsFor(r, g)) ||
      `does not depend on the policy of ${role.address} (CloudTrail checks it at CreateTrail)`
    );
  },
});
