import { defineApplyRule } from '../../core/compliance/define-rule';
import { isUnknown, readValue } from '../../core/rules/attributes';
import { waitsFor } from '../../core/rules/references';

/**
 * A metric filter on a log group created in the same stack waits for it (a reference or
 * depends_on). Without the dependency Terraform creates both at once and PutMetricFilter fails
 * with ResourceNotFoundException on the first apply.
 */
export const x10LogsMetricFilterOrder = defineApplyRule(__filename, {
  source:
    'Amazon CloudWatch Logs API PutMetricFilter (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html): ResourceNotFoundException when the log group does not exist; Terraform orders resources only by references and depends_on',
  description:
    'Metric filters on a log group of the same stack reference it or depend on it, so the group exists first',
  fixHint:
    'Set log_group_name to the log group resource name attribute (a reference) or add depends_on',
  resourceTypes: ['aws_cloudwatch_log_metric_filter'],
  check: (r, stack) => {
    const name = readValue(r, 'log_group_name');
    if (isUnknown(name))
      // a reference to a log group of the stack orders the apply; other expressions are unknown
      return /\$\{aws_cloudwatch_log_group\./.test(String(r.attributes.log_group_name)) || name;
    // indexed by literal name: linear over the stack
    const group = stack
      .named('aws_cloudwatch_log_group', 'name', name)
      .find((g) => g.attributes.name === name);
    if (!group) return undefined;
    return (
      waitsFor(r, group) ||
      `does not wait for ${group.address}, which creates the log group ${name}`
    );
  },
});
