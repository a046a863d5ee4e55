import { defineApplyRule } from '../../core/compliance/define-rule';
import { ResourceView } from '../../core/compliance/rule';
import {
  allOf,
  blocks,
  isExpression,
  isUnknown,
  unknown,
  Verdict,
} from '../../core/rules/attributes';

/** What EC2 accepts in security group names and descriptions and in rule descriptions. */
export const EC2_TEXT = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;

function text(label: string, value: any): Verdict {
  if (value === undefined || value === null) return undefined;
  if (isExpression(value)) return unknown(`${label} is ${value}`);
  const s = String(value);
  if (s.length > 255) return `${label} has ${s.length} characters (at most 255)`;
  const bad = [...new Set(s.replace(/[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]/g, ''))];
  return bad.length === 0 || `${label} contains ${bad.map((c) => `'${c}'`).join(' ')}`;
}

function inline(r: ResourceView, kind: 'ingress' | 'egress'): Verdict[] {
  const rules = blocks(r, kind);
  if (isUnknown(rules)) return [rules];
  return rules.map((x, i) => text(`${kind}[${i}].description`, x?.description));
}

/**
 * EC2 accepts only `a-zA-Z0-9`, spaces and `._-:/()#,@[]+=&;{}!$*` (at most 255 characters) in
 * security group names and descriptions and in security group rule descriptions. The provider
 * checks only the length of a group description, so `terraform plan` passes and the apply fails
 * with InvalidParameterValue.
 */
export const x10Ec2SgDescription = defineApplyRule(__filename, {
  source:
    'EC2 API CreateSecurityGroup GroupName/Description and IpRange/IpPermission Description: up to 255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html); terraform-provider-aws internal/service/ec2/vpc_security_group.go validates description with StringLenBetween(0, 255) only, and aws_vpc_security_group_ingress_rule/egress_rule descriptions not at all',
  description:
    'Security group names and descriptions and security group rule descriptions use only the characters EC2 accepts (a-zA-Z0-9, space and ._-:/()#,@[]+=&;{}!$*), at most 255',
  fixHint: 'Replace other characters (e.g. \' " é ?) in the name or description',
  resourceTypes: [
    'aws_security_group',
    'aws_default_security_group',
    'aws_security_group_rule',
    'aws_vpc_security_group_ingress_rule',
    'aws_vpc_security_group_egress_rule',
  ],
  check: (r) => {
    const verdicts: Verdict[] = [];
    if (r.type === 'aws_security_group' || r.type === 'aws_default_security_group') {
      if (r.type === 'aws_security_group') {
        verdicts.push(text('description', r.attributes.description));
        verdicts.push(text('name', r.attributes.name));
        verdicts.push(text('name_prefix', r.attributes.name_prefix));
      }
      verdicts.push(...inline(r, 'ingress'), ...inline(r, 'egress'));
    } else {
      verdicts.push(text('description', r.attributes.description));
    }
    return allOf(verdicts) ?? true;
  },
});
