import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { asList, isUnknown } from '../../core/rules/attributes';
import { actionCovers, allows, statements } from './policy-statements';

const CREATE = 'sagemaker:CreateModelPackage';
const APPROVE = 'sagemaker:UpdateModelPackage';
const STATUS = 'sagemaker:modelapprovalstatus';
const PENDING = 'PendingManualApproval';

/** The condition values of `key` (case-insensitive) under an operator, as a list. */
function valuesOf(block: any, key: string): string[] | undefined {
  if (block === null || typeof block !== 'object') return undefined;
  const k = Object.keys(block).find((x) => x.toLowerCase() === key);
  return k === undefined ? undefined : asList<string>(block[k]).map(String);
}

/** True when the statement names only the approval status key in its condition. */
function onlyStatusKey(condition: any): boolean {
  const keys = Object.values<any>(condition ?? {}).flatMap((b) =>
    b !== null && typeof b === 'object' ? Object.keys(b) : ['?'],
  );
  return keys.length > 0 && keys.every((k) => k.toLowerCase() === STATUS);
}

/**
 * A Deny of CreateModelPackage that matches every decided status: Approved under a positive
 * string operator, or anything but PendingManualApproval under a negated one.
 */
function deniesDecided(s: any): boolean {
  if (s?.Effect !== 'Deny' || !asList<string>(s.Action).some((a) => actionCovers(a, CREATE)))
    return false;
  if (!onlyStatusKey(s.Condition)) return false;
  const c = s.Condition;
  for (const [op, block] of Object.entries<any>(c)) {
    const v = valuesOf(block, STATUS);
    if (v === undefined) continue;
    const o = op.toLowerCase();
    if (/^string(equals|equalsignorecase|like)$/.test(o) && v.includes('Approved')) return true;
    if (/^stringnot(equals|equalsignorecase|like)(ifexists)?$/.test(o))
      return v.length === 1 && v[0] === PENDING;
  }
  return false;
}

/** An Allow of CreateModelPackage only while the status is PendingManualApproval or omitted. */
function allowsPendingOnly(s: any): boolean {
  const v = valuesOf(s.Condition?.StringEqualsIfExists, STATUS);
  return v !== undefined && v.length === 1 && v[0] === PENDING;
}

/**
 * AWS-24: an identity policy that lets its principal register model versions but not approve
 * them also keeps the principal from registering a version already decided (CreateModelPackage
 * takes ModelApprovalStatus), else the registering persona approves its own model.
 */
export const aws24RegisterPending = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Identity policies that allow sagemaker:CreateModelPackage but not sagemaker:UpdateModelPackage deny registering a version with a ModelApprovalStatus other than PendingManualApproval (no self-approval at registration)',
  fixHint:
    'Add a Deny of sagemaker:CreateModelPackage with StringNotEquals sagemaker:ModelApprovalStatus = PendingManualApproval and Null sagemaker:ModelApprovalStatus = false (or allow it under StringEqualsIfExists sagemaker:ModelApprovalStatus = PendingManualApproval)',
  resourceTypes: ['aws_iam_policy', 'aws_iam_role_policy'],
  check: (r, stack) => {
    const st = statements(r.attributes.policy, stack);
    if (st === undefined) return undefined;
    if (isUnknown(st)) return st;
    const allowing = st.filter((s) => allows(s, CREATE));
    if (allowing.length === 0) return undefined;
    // approvers (allowed UpdateModelPackage, not denied it outright) decide anyway
    const approvalDenied = st.some(
      (s) =>
        s.Effect === 'Deny' &&
        s.Condition === undefined &&
        asList<string>(s.Action).some((a) => actionCovers(a, APPROVE)),
    );
    if (!approvalDenied && st.some((s) => allows(s, APPROVE))) return undefined;
    const registering = allowing.filter((s) => !allowsPendingOnly(s));
    if (registering.length === 0) return true;
    if (st.some(deniesDecided)) return true;
    return `${registering.map((s) => s.Sid ?? '?').join(', ')}: registers model versions with any approval status (no deny of a decided sagemaker:ModelApprovalStatus)`;
  },
});
