import { awsMultiTenantExample } from '../../examples/aws-multi-tenant';
import { ComplianceStatus } from '../../lib/core';
import { synthExample } from '../helpers';

describe('examples/aws-multi-tenant', () => {
  let json: any;
  let report: any;
  let addresses: string[];
  beforeAll(() => {
    ({ json, report, addresses } = synthExample(awsMultiTenantExample));
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
