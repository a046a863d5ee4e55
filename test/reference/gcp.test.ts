import { ComplianceStatus, RuleCategory, RuleLevel, RuleProfile } from '../../lib/core';
import { GcpMlopsChecks } from '../../lib/gcp';
import { describeRules, ruleOf } from '../rule-harness';
import { onSubject } from './helpers';

const { COMPLIANT, NON_COMPLIANT, UNKNOWN, NOT_APPLICABLE } = ComplianceStatus;
const pack = new GcpMlopsChecks();
const IDS = ['X-15.gcp-role', 'X-15.gcp-permission', 'X-15.gcp-service', 'X-15.gcp-vpcsc-service'];
const PERIMETER = 'google_access_context_manager_service_perimeter';

test('X-15 the GCP reference rules are ERROR reference rules of the security profile citing their data set', () => {
  for (const rule of IDS.map((id) => ruleOf(pack, id))) {
    expect(rule.category).toBe(RuleCategory.REFERENCE);
    expect(rule.level).toBe(RuleLevel.ERROR);
    expect(rule.profile).toBe(RuleProfile.SECURITY);
    expect(rule.source).toBeTruthy();
  }
});

describeRules('X-15 GCP reference rules', pack, [
  ...onSubject(
    'X-15.gcp-role',
    'a predefined role',
    'google_project_iam_member',
    { role: 'roles/aiplatform.user' },
    COMPLIANT,
  ),
  ...onSubject(
    'X-15.gcp-role',
    'a predefined role on a bucket',
    'google_storage_bucket_iam_binding',
    { role: 'roles/storage.objectViewer' },
    COMPLIANT,
  ),
  ...onSubject(
    'X-15.gcp-role',
    'a custom role is not judged',
    'google_project_iam_member',
    { role: 'projects/p/roles/modelDeployer' },
    NOT_APPLICABLE,
  ),
  ...onSubject(
    'X-15.gcp-role',
    'a custom role of the stack is not judged',
    'google_project_iam_member',
    { role: '${google_project_iam_custom_role.deployer.name}' },
    NOT_APPLICABLE,
  ),
  ...onSubject(
    'X-15.gcp-role',
    'a missing role fails and names the nearest',
    'google_project_iam_member',
    { role: 'roles/aiplatform.usr' },
    NON_COMPLIANT,
    ['"roles/aiplatform.usr" is not a predefined role', 'roles/aiplatform.user'],
  ),
  ...onSubject(
    'X-15.gcp-role',
    'a deprecated role fails',
    'google_project_iam_member',
    { role: 'roles/servicebroker.admin' },
    NON_COMPLIANT,
    ['deprecated'],
  ),
  ...onSubject(
    'X-15.gcp-role',
    'a bare role name fails',
    'google_project_iam_member',
    { role: 'aiplatform.user' },
    NON_COMPLIANT,
  ),
  ...onSubject(
    'X-15.gcp-role',
    'the bindings of an IAM policy resource are checked',
    'google_project_iam_policy',
    {
      policy_data: JSON.stringify({
        bindings: [
          { role: 'roles/viewer', members: ['group:a@example.com'] },
          { role: 'roles/bigquery.dataEditorr', members: ['group:a@example.com'] },
        ],
      }),
    },
    NON_COMPLIANT,
    ['roles/bigquery.dataEditorr'],
  ),
  ...onSubject(
    'X-15.gcp-role',
    'a role from an expression',
    'google_project_iam_member',
    { role: '${var.role}' },
    UNKNOWN,
  ),
  ...onSubject(
    'X-15.gcp-role',
    'a policy from an expression',
    'google_project_iam_policy',
    { policy_data: '${data.google_iam_policy.p.policy_data}' },
    UNKNOWN,
  ),

  ...onSubject(
    'X-15.gcp-permission',
    'existing permissions',
    'google_project_iam_custom_role',
    { permissions: ['aiplatform.endpoints.deploy', 'aiplatform.models.upload'] },
    COMPLIANT,
  ),
  ...onSubject(
    'X-15.gcp-permission',
    'a misspelt permission fails',
    'google_organization_iam_custom_role',
    { permissions: ['aiplatform.endpoints.deploy', 'aiplatform.endpoint.deploy'] },
    NON_COMPLIANT,
    ['"aiplatform.endpoint.deploy" is not an IAM permission'],
  ),
  ...onSubject(
    'X-15.gcp-permission',
    'permissions from an expression',
    'google_project_iam_custom_role',
    { permissions: '${var.permissions}' },
    UNKNOWN,
  ),

  ...onSubject(
    'X-15.gcp-service',
    'a known service',
    'google_project_service',
    { service: 'aiplatform.googleapis.com' },
    COMPLIANT,
  ),
  ...onSubject(
    'X-15.gcp-service',
    'a name the data does not cover is not judged',
    'google_project_service',
    { service: 'myapi.endpoints.my-project.cloud.goog' },
    NOT_APPLICABLE,
  ),
  ...onSubject(
    'X-15.gcp-service',
    'a near miss of a known service fails and names it',
    'google_project_service',
    { service: 'aiplatfrom.googleapis.com' },
    NON_COMPLIANT,
    ['aiplatform.googleapis.com'],
  ),
  ...onSubject(
    'X-15.gcp-service',
    'a service from an expression',
    'google_project_service_identity',
    { service: '${each.value}' },
    UNKNOWN,
  ),

  ...onSubject(
    'X-15.gcp-vpcsc-service',
    'supported services, and RESTRICTED-SERVICES in allowed services',
    PERIMETER,
    {
      status: [
        {
          restricted_services: ['aiplatform.googleapis.com', 'storage.googleapis.com'],
          vpc_accessible_services: [
            { enable_restriction: true, allowed_services: ['RESTRICTED-SERVICES'] },
          ],
        },
      ],
    },
    COMPLIANT,
  ),
  ...onSubject(
    'X-15.gcp-vpcsc-service',
    'an unsupported service in spec fails',
    PERIMETER,
    {
      status: { restricted_services: ['storage.googleapis.com'] },
      spec: { restricted_services: ['aiplatfrom.googleapis.com'] },
    },
    NON_COMPLIANT,
    ['spec.restricted_services: "aiplatfrom.googleapis.com"'],
  ),
  ...onSubject(
    'X-15.gcp-vpcsc-service',
    'an unsupported service in a perimeter of a perimeters resource fails',
    'google_access_context_manager_service_perimeters',
    { service_perimeters: [{ status: { restricted_services: ['maps.googleapis.com'] } }] },
    NON_COMPLIANT,
  ),
  ...onSubject(
    'X-15.gcp-vpcsc-service',
    'services from an expression',
    PERIMETER,
    { status: { restricted_services: '${var.restricted_services}' } },
    UNKNOWN,
  ),
]);
