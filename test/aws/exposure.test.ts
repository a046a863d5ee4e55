// Baseline exposure rules of the AWS pack on hand-written Terraform JSON (any stack, not only
// what the constructs emit): compliant, non-compliant, unresolved expression (UNKNOWN) and
// array/object block forms for each rule.
import { AwsMlopsChecks } from '../../lib/aws';
import { ComplianceStatus, RuleLevel } from '../../lib/core';
import { evaluateStack } from '../../lib/core/compliance/evaluate';

const pack = new AwsMlopsChecks();

/** Status (and detail) of one rule on one resource of a hand-written stack. */
function verdict(ruleId: string, json: any, address: string) {
  const report = evaluateStack('t', json, [pack], { includeCompliant: true });
  const f = report.findings.find((x) => x.ruleId === ruleId && x.address === address);
  return { status: f?.status ?? ComplianceStatus.NOT_APPLICABLE, reason: f?.reason ?? '' };
}

const one = (type: string, attrs: any, extra: any = {}) => ({
  resource: { [type]: { r: attrs }, ...(extra.resource ?? {}) },
  ...(extra.data ? { data: extra.data } : {}),
  ...(extra.variable ? { variable: extra.variable } : {}),
});

const policy = (...statements: any[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('X-05.sg-ingress: no ingress from the internet, in any of the three rule forms', () => {
  const id = 'X-05.sg-ingress';

  test('is an ERROR with the CIS items as source', () => {
    const rule = pack.rules.find((r) => r.id === id)!;
    expect(rule.level).toBe(RuleLevel.ERROR);
    expect(rule.source).toMatch(/CIS AWS Foundations Benchmark v3\.0\.0 5\.2, 5\.3/);
  });

  test('compliant: internal CIDR, security group reference, AWS-managed prefix list', () => {
    for (const attrs of [
      {
        ingress: [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.0.0.0/16'] }],
      },
      { ingress: [{ from_port: 443, to_port: 443, protocol: 'tcp', security_groups: ['sg-1'] }] },
      {
        ingress: [
          { from_port: 443, to_port: 443, protocol: 'tcp', prefix_list_ids: ['pl-6da54004'] },
        ],
      },
      {},
    ]) {
      expect(verdict(id, one('aws_security_group', attrs), 'aws_security_group.r').status).toBe(
        ComplianceStatus.COMPLIANT,
      );
    }
    expect(
      verdict(
        id,
        one('aws_vpc_security_group_ingress_rule', { cidr_ipv4: '10.1.0.0/16', ip_protocol: '-1' }),
        'aws_vpc_security_group_ingress_rule.r',
      ).status,
    ).toBe(ComplianceStatus.COMPLIANT);
  });

  test('non-compliant: inline ingress block (array form), naming SSH', () => {
    const v = verdict(
      id,
      one('aws_security_group', {
        ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }],
      }),
      'aws_security_group.r',
    );
    expect(v).toEqual({
      status: ComplianceStatus.NON_COMPLIANT,
      reason: 'ingress[0]: ingress from 0.0.0.0/0 on tcp 22 (includes SSH/RDP)',
    });
  });

  test('non-compliant: inline ingress block as a single object gives the same result', () => {
    const v = verdict(
      id,
      one('aws_security_group', {
        ingress: { from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] },
      }),
      'aws_security_group.r',
    );
    expect(v.reason).toBe('ingress[0]: ingress from 0.0.0.0/0 on tcp 22 (includes SSH/RDP)');
  });

  test('non-compliant: aws_security_group_rule with ::/0, aws_vpc_security_group_ingress_rule, default SG', () => {
    expect(
      verdict(
        id,
        one('aws_security_group_rule', {
          type: 'ingress',
          from_port: 3389,
          to_port: 3389,
          protocol: 'tcp',
          ipv6_cidr_blocks: ['::/0'],
          security_group_id: 'sg-1',
        }),
        'aws_security_group_rule.r',
      ).reason,
    ).toBe('ingress from ::/0 on tcp 3389 (includes SSH/RDP)');
    expect(
      verdict(
        id,
        one('aws_vpc_security_group_ingress_rule', {
          cidr_ipv4: '0.0.0.0/0',
          ip_protocol: 'tcp',
          from_port: 443,
          to_port: 443,
        }),
        'aws_vpc_security_group_ingress_rule.r',
      ).reason,
    ).toBe('ingress from 0.0.0.0/0 on tcp 443');
    expect(
      verdict(
        id,
        one('aws_default_security_group', {
          ingress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] }],
        }),
        'aws_default_security_group.r',
      ).status,
    ).toBe(ComplianceStatus.NON_COMPLIANT);
  });

  test('an egress rule is not ingress', () => {
    expect(
      verdict(
        id,
        one('aws_security_group_rule', {
          type: 'egress',
          cidr_blocks: ['0.0.0.0/0'],
          protocol: '-1',
        }),
        'aws_security_group_rule.r',
      ).status,
    ).toBe(ComplianceStatus.NOT_APPLICABLE);
  });

  test('UNKNOWN: a CIDR that is a variable without default, or a dynamic block', () => {
    expect(
      verdict(
        id,
        one('aws_vpc_security_group_ingress_rule', { cidr_ipv4: '${var.cidr}', ip_protocol: '-1' }),
        'aws_vpc_security_group_ingress_rule.r',
      ),
    ).toEqual({ status: ComplianceStatus.UNKNOWN, reason: 'CIDR is ${var.cidr}' });
    expect(
      verdict(
        id,
        one('aws_security_group', { ingress: '${dynamic.ingress}' }),
        'aws_security_group.r',
      ).status,
    ).toBe(ComplianceStatus.UNKNOWN);
  });

  test('references are resolved: a variable default of 0.0.0.0/0 fails, a VPC CIDR passes', () => {
    expect(
      verdict(
        id,
        one(
          'aws_vpc_security_group_ingress_rule',
          { cidr_ipv4: '${var.cidr}', ip_protocol: '-1' },
          { variable: { cidr: { default: '0.0.0.0/0' } } },
        ),
        'aws_vpc_security_group_ingress_rule.r',
      ).status,
    ).toBe(ComplianceStatus.NON_COMPLIANT);
    expect(
      verdict(
        id,
        one(
          'aws_vpc_security_group_ingress_rule',
          { cidr_ipv4: '${aws_vpc.main.cidr_block}', ip_protocol: '-1' },
          { resource: { aws_vpc: { main: { cidr_block: '10.0.0.0/16' } } } },
        ),
        'aws_vpc_security_group_ingress_rule.r',
      ).status,
    ).toBe(ComplianceStatus.COMPLIANT);
    // a VPC's IPv6 block is assigned by AWS (a /56): never the world
    expect(
      verdict(
        id,
        one(
          'aws_vpc_security_group_ingress_rule',
          { cidr_ipv6: '${aws_vpc.main.ipv6_cidr_block}', ip_protocol: '-1' },
          { resource: { aws_vpc: { main: { cidr_block: '10.0.0.0/16' } } } },
        ),
        'aws_vpc_security_group_ingress_rule.r',
      ).status,
    ).toBe(ComplianceStatus.COMPLIANT);
  });

  test('a customer-managed prefix list of the stack holding 0.0.0.0/0 fails', () => {
    const json = one(
      'aws_vpc_security_group_ingress_rule',
      { prefix_list_id: '${aws_ec2_managed_prefix_list.pl.id}', ip_protocol: '-1' },
      {
        resource: {
          aws_ec2_managed_prefix_list: {
            pl: {
              name: 'all',
              address_family: 'IPv4',
              max_entries: 5,
              entry: { cidr: '0.0.0.0/0' },
            },
          },
        },
      },
    );
    expect(verdict(id, json, 'aws_vpc_security_group_ingress_rule.r').reason).toBe(
      'ingress from prefix list ${aws_ec2_managed_prefix_list.pl.id} on all traffic (includes SSH/RDP)',
    );
    json.resource.aws_ec2_managed_prefix_list.pl.entry = [{ cidr: '10.0.0.0/8' }] as any;
    expect(verdict(id, json, 'aws_vpc_security_group_ingress_rule.r').status).toBe(
      ComplianceStatus.COMPLIANT,
    );
  });
});

describe('X-05.sg-egress: egress to the internet is a WARNING', () => {
  const id = 'X-05.sg-egress';

  test('is a WARNING', () => {
    expect(pack.rules.find((r) => r.id === id)!.level).toBe(RuleLevel.WARNING);
  });

  test('compliant: egress to the VPC CIDR and to a security group', () => {
    expect(
      verdict(
        id,
        one('aws_security_group', {
          egress: [
            { protocol: 'tcp', from_port: 2049, to_port: 2049, cidr_blocks: ['10.0.0.0/16'] },
            { protocol: 'tcp', from_port: 443, to_port: 443, security_groups: ['sg-2'] },
          ],
        }),
        'aws_security_group.r',
      ).status,
    ).toBe(ComplianceStatus.COMPLIANT);
  });

  test('non-compliant: egress to 0.0.0.0/0, array and object block forms alike', () => {
    const block = { protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] };
    for (const egress of [[block], block]) {
      expect(verdict(id, one('aws_security_group', { egress }), 'aws_security_group.r')).toEqual({
        status: ComplianceStatus.NON_COMPLIANT,
        reason: 'egress[0]: egress to 0.0.0.0/0 on all traffic',
      });
    }
    expect(
      verdict(
        id,
        one('aws_vpc_security_group_egress_rule', { cidr_ipv6: '::/0', ip_protocol: '-1' }),
        'aws_vpc_security_group_egress_rule.r',
      ).status,
    ).toBe(ComplianceStatus.NON_COMPLIANT);
  });

  test('UNKNOWN: a CIDR list that is an expression', () => {
    expect(
      verdict(
        id,
        one('aws_security_group_rule', {
          type: 'egress',
          cidr_blocks: '${var.cidrs}',
          protocol: '-1',
        }),
        'aws_security_group_rule.r',
      ).status,
    ).toBe(ComplianceStatus.UNKNOWN);
  });
});

describe('X-03.public-principal: no trust or resource policy grants everyone', () => {
  const id = 'X-03.public-principal';
  const allowAll = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' };
  const trust = (...s: any[]) => one('aws_iam_role', { assume_role_policy: policy(...s) });

  test('compliant: named principals, services, Deny statements, no policy', () => {
    expect(
      verdict(
        id,
        trust({
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111111111111:root' },
          Action: 'sts:AssumeRole',
        }),
        'aws_iam_role.r',
      ).status,
    ).toBe(ComplianceStatus.COMPLIANT);
    expect(
      verdict(
        id,
        one('aws_s3_bucket_policy', {
          policy: policy({
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: '*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        }),
        'aws_s3_bucket_policy.r',
      ).status,
    ).toBe(ComplianceStatus.COMPLIANT);
    expect(verdict(id, one('aws_kms_key', { description: 'k' }), 'aws_kms_key.r').status).toBe(
      ComplianceStatus.NOT_APPLICABLE,
    );
  });

  test('non-compliant: a trust policy with {"AWS": "*"} and no condition', () => {
    expect(verdict(id, trust({ ...allowAll, Sid: 'Anyone' }), 'aws_iam_role.r')).toEqual({
      status: ComplianceStatus.NON_COMPLIANT,
      reason:
        'statement \'Anyone\' allows Principal "*" sts:AssumeRole with no condition narrowing it to an account, organization, network or source',
    });
  });

  test('non-compliant: sts:ExternalId, *IfExists and ForAllValues do not narrow; NotPrincipal is public', () => {
    for (const Condition of [
      { StringEquals: { 'sts:ExternalId': 'secret' } },
      { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } },
      { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': ['o-abc123'] } },
      { StringNotEquals: { 'aws:PrincipalAccount': '111111111111' } },
      { StringLike: { 'aws:PrincipalOrgID': '*' } },
    ]) {
      expect(verdict(id, trust({ ...allowAll, Condition }), 'aws_iam_role.r').status).toBe(
        ComplianceStatus.NON_COMPLIANT,
      );
    }
    expect(
      verdict(
        id,
        trust({
          Effect: 'Allow',
          NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' },
          Action: 'sts:AssumeRole',
        }),
        'aws_iam_role.r',
      ).reason,
    ).toContain('NotPrincipal (everyone else)');
  });

  test('compliant: narrowed by organization, account, source ARN pattern, VPC endpoint, caller account', () => {
    for (const Condition of [
      { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
      { StringEquals: { 'aws:PrincipalAccount': ['111111111111', '222222222222'] } },
      { ArnLike: { 'aws:SourceArn': 'arn:aws:sagemaker:*:111111111111:*' } },
      { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
      {
        StringEquals: {
          'kms:CallerAccount': '111111111111',
          'kms:ViaService': 's3.eu-west-1.amazonaws.com',
        },
      },
      { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgPaths': ['o-a/r-b/ou-c/'] } },
    ]) {
      expect(verdict(id, trust({ ...allowAll, Condition }), 'aws_iam_role.r').status).toBe(
        ComplianceStatus.COMPLIANT,
      );
    }
    // condition keys are case-insensitive (the SNS default policy writes AWS:SourceOwner)
    expect(
      verdict(
        id,
        one('aws_sns_topic_policy', {
          policy: policy({
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: 'SNS:Publish',
            Resource: '*',
            Condition: { StringEquals: { 'AWS:SourceOwner': '111111111111' } },
          }),
        }),
        'aws_sns_topic_policy.r',
      ).status,
    ).toBe(ComplianceStatus.COMPLIANT);
  });

  test('aws:SourceIp narrows with a CIDR, not with 0.0.0.0/0', () => {
    const bucket = (cidr: string) =>
      one('aws_s3_bucket_policy', {
        policy: policy({
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
          Condition: { IpAddress: { 'aws:SourceIp': cidr } },
        }),
      });
    expect(verdict(id, bucket('198.51.100.0/24'), 'aws_s3_bucket_policy.r').status).toBe(
      ComplianceStatus.COMPLIANT,
    );
    expect(verdict(id, bucket('0.0.0.0/0'), 'aws_s3_bucket_policy.r').status).toBe(
      ComplianceStatus.NON_COMPLIANT,
    );
  });

  test('a Statement written as one object gives the same result as a list', () => {
    const json = one('aws_sqs_queue_policy', {
      policy: JSON.stringify({
        Statement: { Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage' },
      }),
    });
    expect(verdict(id, json, 'aws_sqs_queue_policy.r').status).toBe(ComplianceStatus.NON_COMPLIANT);
  });

  test('VPC endpoint policies: "*" is narrowed by named resources, not by Resource "*"', () => {
    const endpoint = (Resource: any) =>
      one('aws_vpc_endpoint', {
        vpc_endpoint_type: 'Gateway',
        policy: policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource }),
      });
    expect(verdict(id, endpoint(['arn:aws:s3:::data/*']), 'aws_vpc_endpoint.r').status).toBe(
      ComplianceStatus.COMPLIANT,
    );
    expect(verdict(id, endpoint('*'), 'aws_vpc_endpoint.r').status).toBe(
      ComplianceStatus.NON_COMPLIANT,
    );
  });

  test('UNKNOWN: a policy or a principal that is a variable', () => {
    expect(
      verdict(id, one('aws_iam_role', { assume_role_policy: '${var.trust}' }), 'aws_iam_role.r'),
    ).toEqual({ status: ComplianceStatus.UNKNOWN, reason: 'policy is ${var.trust}' });
    expect(
      verdict(
        id,
        trust({
          Effect: 'Allow',
          Principal: { AWS: '${var.principal}' },
          Action: 'sts:AssumeRole',
        }),
        'aws_iam_role.r',
      ).status,
    ).toBe(ComplianceStatus.UNKNOWN);
    // a reference to another resource's ARN is a fixed principal
    expect(
      verdict(
        id,
        trust({
          Effect: 'Allow',
          Principal: { AWS: '${aws_iam_role.other.arn}' },
          Action: 'sts:AssumeRole',
        }),
        'aws_iam_role.r',
      ).status,
    ).toBe(ComplianceStatus.COMPLIANT);
  });

  test('an aws_iam_policy_document data source is read, statement blocks in list or object form', () => {
    const doc = (statement: any) =>
      one(
        'aws_iam_role',
        { assume_role_policy: '${data.aws_iam_policy_document.trust.json}' },
        { data: { aws_iam_policy_document: { trust: { statement } } } },
      );
    const open = {
      actions: ['sts:AssumeRole'],
      principals: [{ type: 'AWS', identifiers: ['*'] }],
    };
    expect(verdict(id, doc([open]), 'aws_iam_role.r').status).toBe(ComplianceStatus.NON_COMPLIANT);
    expect(verdict(id, doc(open), 'aws_iam_role.r').status).toBe(ComplianceStatus.NON_COMPLIANT);
    expect(
      verdict(
        id,
        doc({
          ...open,
          condition: [{ test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-1'] }],
        }),
        'aws_iam_role.r',
      ).status,
    ).toBe(ComplianceStatus.COMPLIANT);
  });

  test('aws_lambda_permission: principal "*" needs source_arn, source_account or principal_org_id', () => {
    const perm = (attrs: any) =>
      verdict(
        id,
        one('aws_lambda_permission', {
          action: 'lambda:InvokeFunction',
          function_name: 'f',
          ...attrs,
        }),
        'aws_lambda_permission.r',
      );
    expect(perm({ principal: '*' }).status).toBe(ComplianceStatus.NON_COMPLIANT);
    expect(perm({ principal: '*', function_url_auth_type: 'NONE' }).reason).toContain(
      'function URL without auth',
    );
    expect(perm({ principal: '*', source_arn: '${aws_s3_bucket.b.arn}' }).status).toBe(
      ComplianceStatus.COMPLIANT,
    );
    expect(perm({ principal: 's3.amazonaws.com' }).status).toBe(ComplianceStatus.COMPLIANT);
    expect(perm({ principal: '${var.who}' }).status).toBe(ComplianceStatus.UNKNOWN);
  });
});

describe('X-03.public-acl: no S3 ACL grants AllUsers or AuthenticatedUsers', () => {
  const id = 'X-03.public-acl';
  const allUsers = (type = 'Group') => ({
    grantee: { type, uri: 'http://acs.amazonaws.com/groups/global/AllUsers' },
    permission: 'READ',
  });

  test('compliant: private canned ACL, grants to a canonical user', () => {
    expect(
      verdict(id, one('aws_s3_bucket_acl', { bucket: 'b', acl: 'private' }), 'aws_s3_bucket_acl.r')
        .status,
    ).toBe(ComplianceStatus.COMPLIANT);
    expect(
      verdict(
        id,
        one('aws_s3_bucket_acl', {
          bucket: 'b',
          access_control_policy: {
            grant: [{ grantee: { type: 'CanonicalUser', id: 'abc' }, permission: 'READ' }],
            owner: { id: 'abc' },
          },
        }),
        'aws_s3_bucket_acl.r',
      ).status,
    ).toBe(ComplianceStatus.COMPLIANT);
  });

  test('non-compliant: public canned ACLs on the ACL resource, the legacy bucket and objects', () => {
    expect(
      verdict(
        id,
        one('aws_s3_bucket_acl', { bucket: 'b', acl: 'public-read' }),
        'aws_s3_bucket_acl.r',
      ),
    ).toEqual({ status: ComplianceStatus.NON_COMPLIANT, reason: "canned ACL 'public-read'" });
    expect(
      verdict(
        id,
        one('aws_s3_bucket', { bucket: 'b', acl: 'authenticated-read' }),
        'aws_s3_bucket.r',
      ).status,
    ).toBe(ComplianceStatus.NON_COMPLIANT);
    expect(
      verdict(
        id,
        one('aws_s3_object', { bucket: 'b', key: 'k', acl: 'public-read-write' }),
        'aws_s3_object.r',
      ).status,
    ).toBe(ComplianceStatus.NON_COMPLIANT);
  });

  test('non-compliant: a grant to AllUsers, in list or object form', () => {
    for (const grant of [[allUsers()], allUsers()]) {
      expect(
        verdict(
          id,
          one('aws_s3_bucket_acl', {
            bucket: 'b',
            access_control_policy: [{ grant, owner: { id: 'abc' } }],
          }),
          'aws_s3_bucket_acl.r',
        ),
      ).toEqual({ status: ComplianceStatus.NON_COMPLIANT, reason: 'grant[0] to AllUsers' });
    }
    expect(
      verdict(
        id,
        one('aws_s3_bucket', {
          bucket: 'b',
          grant: [
            {
              type: 'Group',
              uri: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
              permissions: ['READ'],
            },
          ],
        }),
        'aws_s3_bucket.r',
      ).reason,
    ).toBe('grant[0] to AuthenticatedUsers');
  });

  test('UNKNOWN: an ACL that is a variable', () => {
    expect(
      verdict(
        id,
        one('aws_s3_bucket_acl', { bucket: 'b', acl: '${var.acl}' }),
        'aws_s3_bucket_acl.r',
      ).status,
    ).toBe(ComplianceStatus.UNKNOWN);
  });
});

describe('X-06.trail-logging: trails are logging', () => {
  const id = 'X-06.trail-logging';
  const trail = (attrs: any, extra?: any) =>
    one('aws_cloudtrail', { name: 't', s3_bucket_name: 'b', ...attrs }, extra);

  test('compliant: enable_logging absent (default true) or true', () => {
    expect(verdict(id, trail({}), 'aws_cloudtrail.r').status).toBe(ComplianceStatus.COMPLIANT);
    expect(verdict(id, trail({ enable_logging: true }), 'aws_cloudtrail.r').status).toBe(
      ComplianceStatus.COMPLIANT,
    );
  });

  test('non-compliant: enable_logging false, also as a string or through a variable default', () => {
    for (const [attrs, extra] of [
      [{ enable_logging: false }, undefined],
      [{ enable_logging: 'false' }, undefined],
      [{ enable_logging: '${var.on}' }, { variable: { on: { default: false } } }],
    ]) {
      expect(verdict(id, trail(attrs, extra), 'aws_cloudtrail.r')).toEqual({
        status: ComplianceStatus.NON_COMPLIANT,
        reason: 'enable_logging is false (the trail is stopped)',
      });
    }
  });

  test('event selectors in list or object form do not change the verdict', () => {
    const selector = { read_write_type: 'All', include_management_events: true };
    for (const event_selector of [[selector], selector]) {
      expect(
        verdict(id, trail({ enable_logging: false, event_selector }), 'aws_cloudtrail.r').status,
      ).toBe(ComplianceStatus.NON_COMPLIANT);
      expect(verdict(id, trail({ event_selector }), 'aws_cloudtrail.r').status).toBe(
        ComplianceStatus.COMPLIANT,
      );
    }
  });

  test('UNKNOWN: enable_logging is a variable without default', () => {
    expect(verdict(id, trail({ enable_logging: '${var.on}' }), 'aws_cloudtrail.r').status).toBe(
      ComplianceStatus.UNKNOWN,
    );
  });
});

describe('X-08.force-destroy: stateful resources keep their data on destroy', () => {
  const id = 'X-08.force-destroy';

  test('compliant: force_destroy false or absent', () => {
    expect(
      verdict(id, one('aws_s3_bucket', { bucket: 'b', force_destroy: false }), 'aws_s3_bucket.r')
        .status,
    ).toBe(ComplianceStatus.COMPLIANT);
    expect(verdict(id, one('aws_backup_vault', { name: 'v' }), 'aws_backup_vault.r').status).toBe(
      ComplianceStatus.COMPLIANT,
    );
  });

  test('non-compliant: buckets, backup vaults, ECR, secrets without recovery window, databases', () => {
    const cases: Array<[string, any, string]> = [
      [
        'aws_s3_bucket',
        { force_destroy: true },
        'force_destroy = true: destroying the bucket deletes every object and version in it',
      ],
      [
        'aws_backup_vault',
        { force_destroy: 'true' },
        'force_destroy = "true": destroying the vault deletes every recovery point in it',
      ],
      [
        'aws_ecr_repository',
        { force_delete: true },
        'force_delete = true: destroying the repository deletes every image in it',
      ],
      [
        'aws_secretsmanager_secret',
        { recovery_window_in_days: 0 },
        'recovery_window_in_days = 0: the secret is deleted at once, without the 7-30 day recovery window',
      ],
      [
        'aws_db_instance',
        { skip_final_snapshot: true },
        'skip_final_snapshot = true: no final snapshot is taken when it is destroyed',
      ],
    ];
    for (const [type, attrs, reason] of cases) {
      expect(verdict(id, one(type, attrs), `${type}.r`)).toEqual({
        status: ComplianceStatus.NON_COMPLIANT,
        reason,
      });
    }
  });

  test('legacy inline blocks in list or object form do not change the verdict', () => {
    const versioning = { enabled: true };
    for (const v of [[versioning], versioning]) {
      expect(
        verdict(
          id,
          one('aws_s3_bucket', { bucket: 'b', versioning: v, force_destroy: true }),
          'aws_s3_bucket.r',
        ).status,
      ).toBe(ComplianceStatus.NON_COMPLIANT);
    }
  });

  test('UNKNOWN: force_destroy is a variable without default', () => {
    expect(
      verdict(id, one('aws_s3_bucket', { force_destroy: '${var.fd}' }), 'aws_s3_bucket.r').status,
    ).toBe(ComplianceStatus.UNKNOWN);
  });

  test('an X-08 suppression (removalPolicy DESTROY) covers the facet', () => {
    const json = one('aws_s3_bucket', {
      force_destroy: true,
      '//': {
        secure_mlops: {
          suppressions: [{ id: 'X-08', reason: 'removalPolicy DESTROY set explicitly' }],
        },
      },
    });
    expect(verdict(id, json, 'aws_s3_bucket.r').status).toBe(ComplianceStatus.SUPPRESSED);
  });
});

describe('X-03 broad AWS managed policies, through every attachment form', () => {
  const id = 'X-03';
  const admin = 'arn:aws:iam::aws:policy/AdministratorAccess';

  test('non-compliant: each attachment resource and managed_policy_arns (list form)', () => {
    const cases: Array<[string, any]> = [
      ['aws_iam_role_policy_attachment', { role: 'r', policy_arn: admin }],
      [
        'aws_iam_policy_attachment',
        { name: 'a', roles: ['r'], policy_arn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
      ],
      [
        'aws_iam_user_policy_attachment',
        { user: 'u', policy_arn: 'arn:aws:iam::aws:policy/IAMFullAccess' },
      ],
      [
        'aws_iam_group_policy_attachment',
        { group: 'g', policy_arn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' },
      ],
      [
        'aws_iam_role_policy_attachments_exclusive',
        { role_name: 'r', policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess', admin] },
      ],
      ['aws_iam_role', { assume_role_policy: policy(), managed_policy_arns: [admin] }],
    ];
    for (const [type, attrs] of cases) {
      const v = verdict(id, one(type, attrs), `${type}.r`);
      expect([type, v.status]).toEqual([type, ComplianceStatus.NON_COMPLIANT]);
      expect(v.reason).toMatch(/^attaches arn:aws:iam::aws:policy\//);
    }
  });

  test('compliant: narrow managed policies, customer policies (even with an AWS name), references', () => {
    for (const arn of [
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
      'arn:aws:iam::111111111111:policy/AdministratorAccess',
      '${aws_iam_policy.mine.arn}',
    ]) {
      expect(
        verdict(
          id,
          one('aws_iam_role_policy_attachment', { role: 'r', policy_arn: arn }),
          'aws_iam_role_policy_attachment.r',
        ).status,
      ).toBe(ComplianceStatus.COMPLIANT);
    }
  });

  test('an aws_iam_policy data source is read by name; a variable is UNKNOWN', () => {
    expect(
      verdict(
        id,
        one(
          'aws_iam_role_policy_attachment',
          { role: 'r', policy_arn: '${data.aws_iam_policy.admin.arn}' },
          { data: { aws_iam_policy: { admin: { name: 'AdministratorAccess' } } } },
        ),
        'aws_iam_role_policy_attachment.r',
      ).status,
    ).toBe(ComplianceStatus.NON_COMPLIANT);
    expect(
      verdict(
        id,
        one('aws_iam_role_policy_attachment', { role: 'r', policy_arn: '${var.arn}' }),
        'aws_iam_role_policy_attachment.r',
      ).status,
    ).toBe(ComplianceStatus.UNKNOWN);
  });
});
