import { AwsMlopsChecks } from '../../lib/aws';
import { casesOf, describeRules, Row, Status, tf } from '../rule-harness';

// AWS-24.register-pending: who registers model versions but may not approve them cannot
// register a version already decided (CreateModelPackage takes ModelApprovalStatus).

const pack = new AwsMlopsChecks();
const RULE = 'AWS-24.register-pending';

const doc = (...statements: any[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
const register = (extra: any = {}) => ({
  Sid: 'Register',
  Effect: 'Allow',
  Action: ['sagemaker:CreateModelPackage', 'sagemaker:DescribeModelPackage'],
  Resource: 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/*',
  ...extra,
});
const denyDecided = {
  Effect: 'Deny',
  Action: 'sagemaker:CreateModelPackage',
  Resource: '*',
  Condition: {
    StringNotEquals: { 'sagemaker:ModelApprovalStatus': 'PendingManualApproval' },
    Null: { 'sagemaker:ModelApprovalStatus': 'false' },
  },
};
const denyApproval = {
  Effect: 'Deny',
  Action: 'sagemaker:UpdateModelPackage',
  Resource: '*',
};

const rows = (
  [
    ['registers, decided statuses denied', [register(), denyDecided], 'COMPLIANT'],
    [
      'registers, Approved denied',
      [
        register(),
        {
          ...denyDecided,
          Condition: { StringEquals: { 'sagemaker:ModelApprovalStatus': 'Approved' } },
        },
      ],
      'COMPLIANT',
    ],
    [
      'registers only pending (allow under StringEqualsIfExists)',
      [
        register({
          Condition: {
            StringEqualsIfExists: { 'sagemaker:ModelApprovalStatus': 'PendingManualApproval' },
          },
        }),
      ],
      'COMPLIANT',
    ],
    ['registers with any status', [register(), denyApproval], 'NON_COMPLIANT'],
    [
      'registers with sagemaker:Create*',
      [register({ Action: 'sagemaker:Create*' })],
      'NON_COMPLIANT',
    ],
    [
      'a deny that also needs another key does not protect',
      [
        register(),
        {
          ...denyDecided,
          Condition: {
            ...denyDecided.Condition,
            StringEquals: { 'aws:RequestedRegion': 'eu-west-1' },
          },
        },
      ],
      'NON_COMPLIANT',
    ],
    [
      'denying only Rejected does not protect',
      [
        register(),
        {
          ...denyDecided,
          Condition: { StringEquals: { 'sagemaker:ModelApprovalStatus': 'Rejected' } },
        },
      ],
      'NON_COMPLIANT',
    ],
    [
      'an approver registers decided versions',
      [register({ Action: ['sagemaker:CreateModelPackage', 'sagemaker:UpdateModelPackage'] })],
      'NOT_APPLICABLE',
    ],
    [
      'sagemaker:* with approval denied is no approver',
      [register({ Action: 'sagemaker:*' }), denyApproval],
      'NON_COMPLIANT',
    ],
    ['no registration', [denyApproval], 'NOT_APPLICABLE'],
  ] as Array<[string, any[], Status]>
).flatMap(([title, st, expected]): Row[] => [
  [
    `${title} (aws_iam_policy)`,
    tf({ aws_iam_policy: { x: { policy: doc(...st) } } }),
    'aws_iam_policy.x',
    expected,
  ],
  [
    `${title} (aws_iam_role_policy)`,
    tf({ aws_iam_role_policy: { x: { role: 'r', policy: doc(...st) } } }),
    'aws_iam_role_policy.x',
    expected,
  ],
]);

describeRules(
  RULE,
  pack,
  casesOf(RULE, [
    ...rows,
    [
      'a policy from an expression',
      tf({ aws_iam_policy: { x: { policy: '${var.policy}' } } }),
      'aws_iam_policy.x',
      'UNKNOWN',
    ],
    [
      'the detail names the registering statement',
      tf({ aws_iam_policy: { x: { policy: doc(register()) } } }),
      'aws_iam_policy.x',
      'NON_COMPLIANT',
      /^Register: registers model versions with any approval status/,
    ],
  ]),
);
