import { awsSageMakerStudioExample } from '../../examples/aws-sagemaker-studio';
import { synthExample } from '../helpers';

describe('examples/aws-sagemaker-studio', () => {
  let json: any;
  beforeAll(() => {
    ({ json } = synthExample(awsSageMakerStudioExample));
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
