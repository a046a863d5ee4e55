import { defineRule } from '../../core/compliance/define-rule';
import { ResourceView, RuleCategory, RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { actionCovers, allows, statements } from './policy-statements';
import { asList as list, isExpression, isUnknown, unknown } from '../../core/rules/attributes';
import { referenced } from '../../core/rules/references';

/** What the caller of CreateBackupVault needs on a customer managed key (AWS Backup guide). */
const BACKUP_VAULT_ACTIONS = [
  'kms:CreateGrant',
  'kms:DescribeKey',
  'kms:RetireGrant',
  'kms:Decrypt',
  'kms:GenerateDataKey',
];

/**
 * The statements of the policy in force on a key of the stack: an `aws_kms_key_policy` of the
 * stack that references the key replaces the key's own `policy` argument. Undefined when the
 * key has the default key policy.
 */
export function keyPolicyStatements(
  stack: StackView,
  key: ResourceView,
): any[] | ReturnType<typeof unknown> | undefined {
  const separate = stack.referencing('aws_kms_key_policy', 'key_id', key)[0];
  return statements((separate ?? key).attributes.policy, stack);
}

/** The region of the stack's default AWS provider, when literal. */
function providerRegion(stack: StackView): string | undefined {
  const region = stack.providers('aws').find((p) => p.alias === undefined)?.region;
  return typeof region === 'string' && !isExpression(region) ? region : undefined;
}

/**
 * Whether a statement's `kms:ViaService` condition (if any) admits requests that `service`
 * makes on the caller's behalf: true, false, or unknown when a value is an expression.
 */
export function viaServiceAdmits(
  s: any,
  service: string,
  region: string | undefined,
): boolean | ReturnType<typeof unknown> {
  const target = region ? `${service}.${region}.amazonaws.com` : undefined;
  const matches = (v: string) =>
    target ? actionCovers(v, target) : new RegExp(`^${service}\\.[^.]+\\.amazonaws\\.com`).test(v);
  for (const [operator, block] of Object.entries<any>(s?.Condition ?? {})) {
    for (const [key, raw] of Object.entries<any>(block ?? {})) {
      if (key.toLowerCase() !== 'kms:viaservice') continue;
      const values = list<string>(raw);
      const expr = values.find((v) => isExpression(v));
      if (expr !== undefined) return unknown(`kms:ViaService is ${expr}`);
      const hit = values.some((v) => typeof v === 'string' && matches(v));
      const negated = /Not/.test(operator);
      if (negated ? hit : !hit) return false;
    }
  }
  return true;
}

const ROOT = /^(arn:aws[a-z-]*:iam::(\d{12}|\$\{[^}]+\}):root|\d{12})$/;

/** AWS principals of a statement (`*` included). */
function awsPrincipals(s: any): string[] {
  const p = s?.Principal;
  if (p === '*') return ['*'];
  if (p === undefined || typeof p !== 'object') return [];
  return list<string>(p.AWS);
}

/** A statement that only delegates to the account's IAM policies: root principals, no condition. */
function bareRootDelegation(s: any): boolean {
  const p = awsPrincipals(s);
  return p.length > 0 && p.every((x) => ROOT.test(String(x))) && s.Condition === undefined;
}

/**
 * X-10 (apply): a backup vault encrypted with a key of the stack uses a key whose policy lets
 * the caller of CreateBackupVault use it through AWS Backup.
 */
export const x10BackupVaultKmsKeyPolicy = defineRule(__filename, {
  level: RuleLevel.ERROR,
  category: RuleCategory.APPLY,
  source:
    'AWS Backup Developer Guide, backup vault creation (https://docs.aws.amazon.com/aws-backup/latest/devguide/create-a-vault.html): creating a vault with a KMS key requires kms:CreateGrant, kms:DescribeKey, kms:RetireGrant, kms:Decrypt and kms:GenerateDataKey on the key; AWS re:Post Knowledge Center "Access Denied when I create an AWS Backup vault" (https://repost.aws/knowledge-center/backup-vault-access-denied); a key policy grants them only to the principals it names or, through the account root, to IAM policies (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html)',
  description:
    'Backup vaults encrypted with a KMS key of the stack use a key whose policy allows an AWS principal kms:CreateGrant, DescribeKey, RetireGrant, Decrypt and GenerateDataKey through backup.<region>.amazonaws.com, so CreateBackupVault is not denied',
  fixHint:
    'Add a key policy statement for the deploying principal with kms:CreateGrant, kms:DescribeKey, kms:RetireGrant, kms:Decrypt and kms:GenerateDataKey* under kms:ViaService backup.<region>.amazonaws.com (PlatformKey deployerPrincipalArns)',
  resourceTypes: ['aws_backup_vault'],
  check: (r, stack) => {
    const key = referenced(stack, r.attributes.kms_key_arn, 'aws_kms_key');
    if (!key) return undefined; // no key, the AWS managed key, or a key of another stack
    const st = keyPolicyStatements(stack, key);
    if (st === undefined)
      return unknown(
        `${key.address} has the default key policy: only the deployer's IAM policies can grant the AWS Backup permissions`,
      );
    if (isUnknown(st)) return st;
    const region = providerRegion(stack);
    const missing: string[] = [];
    const viaIamOnly: string[] = [];
    const unknowns: string[] = [];
    for (const action of BACKUP_VAULT_ACTIONS) {
      const candidates = st.filter((s) => awsPrincipals(s).length > 0 && allows(s, action));
      const admitting = candidates.filter((s) => viaServiceAdmits(s, 'backup', region) === true);
      if (admitting.some((s) => !bareRootDelegation(s))) continue;
      if (candidates.some((s) => isUnknown(viaServiceAdmits(s, 'backup', region))))
        unknowns.push(action);
      else if (admitting.length > 0) viaIamOnly.push(action);
      else missing.push(action);
    }
    if (missing.length > 0)
      return `${key.address} allows no AWS principal ${missing.join(', ')} through backup.${region ?? '<region>'}.amazonaws.com (CreateBackupVault fails with AccessDenied)`;
    if (unknowns.length > 0)
      return unknown(`kms:ViaService of the statements allowing ${unknowns.join(', ')}`);
    if (viaIamOnly.length > 0)
      return unknown(
        `${key.address} delegates ${viaIamOnly.join(', ')} to the account's IAM policies only: whether the deployer holds them is not in the stack`,
      );
    return true;
  },
});
