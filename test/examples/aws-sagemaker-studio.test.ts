import { awsSageMakerStudioExample } from '../../examples/aws-sagemaker-studio';
import { ComplianceStatus } from '../../lib/core';
import { synthExample } from '../helpers';

describe('examples/aws-sagemaker-studio', () => {
  let json: any;
  let report: any;
  let addresses: string[];
  beforeAll(() => {
    ({ json, report, addresses } = synthExample(awsSageMakerStudioExample));
  });

  test('snapshot', () => {
    expect(json).toMatchSnapshot();
  });

  test('X-12 resource addresses are pinned (a diff here means destroy-and-recreate)', () => {
    expect(addresses).toMatchSnapshot();
  });

  test('passes AwsMlopsChecks with zero findings and zero suppressions', () => {
    expect(report.findings.filter((f: any) => f.status !== ComplianceStatus.COMPLIANT)).toEqual([]);
    expect(report.summary.suppressed).toBe(0);
  });

  test('one SSO VpcOnly domain with CMK, three users, registry and backup', () => {
    const domain: any = Object.values(json.resource.aws_sagemaker_domain)[0];
    expect(domain).toMatchObject({ auth_mode: 'SSO', app_network_access_type: 'VpcOnly' });
    const users = Object.values<any>(json.resource.aws_sagemaker_user_profile);
    expect(
      users.map((u) => [
        u.user_profile_name,
        u.single_sign_on_user_identifier,
        u.single_sign_on_user_value,
      ]),
    ).toEqual([
      ['alice', 'UserName', 'alice@example.com'],
      ['bruno', 'UserName', 'bruno@example.com'],
      ['chen', 'UserName', 'chen@example.com'],
    ]);
    expect(Object.keys(json.resource.aws_backup_plan)).toHaveLength(1);
  });
});
