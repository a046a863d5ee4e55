import { awsMultiTenantExample } from '../../examples/aws-multi-tenant';
import { synthExample } from '../helpers';

describe('examples/aws-multi-tenant', () => {
  let json: any;
  beforeAll(() => {
    ({ json } = synthExample(awsMultiTenantExample));
  });

  test('AWS-30 one domain per tenant, one shared VPC and trail, tenant-tagged and tag-isolated', () => {
    const domains = Object.values<any>(json.resource.aws_sagemaker_domain);
    expect(domains.map((d) => `${d.domain_name}:${d.tags.tenant}`).sort()).toEqual([
      'marketing-prod:marketing',
      'retail-prod:retail',
      'risk-prod:risk',
    ]);
    expect(Object.keys(json.resource.aws_vpc)).toHaveLength(1);
    expect(Object.keys(json.resource.aws_cloudtrail)).toHaveLength(1);
    expect(new Set(domains.map((d) => d.vpc_id)).size).toBe(1);
    const isolation = Object.values<any>(json.resource.aws_iam_policy).filter((p) =>
      String(p.description).startsWith('AWS-30'),
    );
    expect(isolation).toHaveLength(3);
    for (const p of isolation) {
      const st = JSON.parse(p.policy).Statement[0];
      expect(st.Effect).toBe('Deny');
      expect(Object.keys(st.Condition.StringNotEquals)).toEqual(['aws:ResourceTag/tenant']);
    }
  });
});
