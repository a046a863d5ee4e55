import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { asList, isUnknown } from '../../core/rules/attributes';
import { actionCovers, statements } from './policy-statements';
import { PRESENT_VALUE_OPERATORS } from './public-principal';

/** Condition keys that pin a service principal's use to resources of the account (lower case). */
const SOURCE_KEYS = new Set([
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
]);

/** Operators that require the key to be present with the value (not *IfExists, not negated). */
const POSITIVE_OPERATORS = new Set(PRESENT_VALUE_OPERATORS);

/** Actions that read key metadata only: no cryptographic use, no grant. */
const METADATA_ACTIONS = ['kms:DescribeKey', 'kms:GetPublicKey'];

/** The service principals of a statement. */
function servicePrincipals(s: any): string[] {
  const p = s?.Principal;
  if (!p || typeof p !== 'object') return [];
  return asList(p.Service).filter((x: any) => typeof x === 'string');
}

/** True when the statement allows more than reading key metadata. */
function usesKey(s: any): boolean {
  if (s.NotAction !== undefined) return true;
  return asList(s.Action).some(
    (a: any) => typeof a !== 'string' || !METADATA_ACTIONS.some((m) => actionCovers(m, a)),
  );
}

/**
 * True when a condition pins the call to this account's resources: a source key (aws:SourceArn,
 * aws:SourceAccount...) or an encryption-context key (kms:EncryptionContext:<key>), under a
 * positive operator, with values other than a bare wildcard.
 */
function pinned(condition: any): boolean {
  if (!condition || typeof condition !== 'object') return false;
  for (const [rawOp, block] of Object.entries<any>(condition)) {
    let op = rawOp.toLowerCase();
    if (op.startsWith('forallvalues:')) continue; // true when the key is absent
    if (op.startsWith('foranyvalue:')) op = op.slice('foranyvalue:'.length);
    if (!POSITIVE_OPERATORS.has(op)) continue; // *IfExists and negations admit other sources
    for (const [rawKey, vals] of Object.entries<any>(block ?? {})) {
      const key = rawKey.toLowerCase();
      if (!SOURCE_KEYS.has(key) && !key.startsWith('kms:encryptioncontext:')) continue;
      const list = asList(vals);
      if (list.length > 0 && list.every((v: any) => typeof v === 'string' && !/^[*?]+$/.test(v)))
        return true;
    }
  }
  return false;
}

/**
 * AWS-05 (service principals): a key policy statement that lets an AWS service principal use the
 * key is pinned to this account's resources, by a source condition (aws:SourceArn,
 * aws:SourceAccount) or an encryption-context condition. Without one, the service uses the key
 * for any customer that names it (the cross-service confused deputy): e.g. any trail of any
 * account could have CloudTrail encrypt with, or decrypt its S3 Bucket Key under, the key.
 */
export const aws05KeyServicePrincipals = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'KMS key policies let AWS service principals use the key only for this account’s resources (aws:SourceArn / aws:SourceAccount or an encryption-context condition)',
  fixHint:
    'Add a condition to each key policy statement with a Service principal: StringEquals aws:SourceArn (e.g. the trail ARN) and/or aws:SourceAccount, or an encryption-context condition such as kms:EncryptionContext:aws:logs:arn; see the IAM User Guide, "The confused deputy problem"',
  resourceTypes: ['aws_kms_key', 'aws_kms_key_policy'],
  check: (r, stack) => {
    // a key whose policy an aws_kms_key_policy of the stack replaces is judged there
    if (r.type === 'aws_kms_key' && stack.referencing('aws_kms_key_policy', 'key_id', r).length > 0)
      return undefined;
    const st = statements(r.attributes.policy, stack);
    if (st === undefined) return undefined;
    if (isUnknown(st)) return st;
    const problems: string[] = [];
    st.forEach((s: any, i: number) => {
      if (!s || s.Effect !== 'Allow') return;
      const services = servicePrincipals(s);
      if (services.length === 0 || !usesKey(s) || pinned(s.Condition)) return;
      problems.push(
        `statement ${s.Sid ? `'${s.Sid}'` : `#${i}`} lets ${services.join(', ')} use the key with no aws:SourceArn, aws:SourceAccount or encryption-context condition`,
      );
    });
    return problems.length === 0 || problems.join('; ');
  },
});
