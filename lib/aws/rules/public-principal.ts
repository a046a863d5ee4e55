// Reading resource-based and trust policies, and deciding whether a statement grants access to
// everyone: `Principal: "*"` (or `{"AWS": "*"}`) or `NotPrincipal` in an Allow statement that no
// condition narrows to fixed accounts, organizations, networks or source resources.
//
// Which condition keys narrow follows Amazon S3's definition of a non-public policy (S3 User
// Guide, "The meaning of 'public'", https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status):
// fixed values of aws:SourceIp (CIDRs), a principal key such as aws:PrincipalOrgID, aws:SourceArn,
// aws:SourceVpc, aws:SourceVpce, aws:SourceOwner, aws:SourceAccount, aws:userid outside
// "AROLEID:*", s3:DataAccessPointArn, s3:DataAccessPointAccount; EFS adds
// elasticfilesystem:AccessedViaMountTarget (EFS User Guide, "Blocking public access"); KMS key
// policies narrow `{"AWS": "*"}` with kms:CallerAccount (the default policy of AWS managed keys).
import { ResourceView } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { allOf, asList, isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { isWorldCidr, resolve, values } from '../../core/rules/exposure';

/** Attribute holding the policy document, by resource type. */
export const POLICY_ATTRIBUTES: { [type: string]: string } = {
  aws_iam_role: 'assume_role_policy',
  aws_s3_bucket: 'policy',
  aws_s3_bucket_policy: 'policy',
  aws_s3_access_point: 'policy',
  aws_kms_key: 'policy',
  aws_kms_key_policy: 'policy',
  aws_sns_topic: 'policy',
  aws_sns_topic_policy: 'policy',
  aws_sqs_queue: 'policy',
  aws_sqs_queue_policy: 'policy',
  aws_ecr_repository_policy: 'policy',
  aws_ecr_registry_policy: 'policy',
  aws_sagemaker_model_package_group_policy: 'resource_policy',
  aws_vpc_endpoint: 'policy',
  aws_vpc_endpoint_policy: 'policy',
  aws_backup_vault_policy: 'policy',
  aws_secretsmanager_secret: 'policy',
  aws_secretsmanager_secret_policy: 'policy',
  aws_glacier_vault: 'access_policy',
  aws_efs_file_system_policy: 'policy',
  aws_opensearch_domain: 'access_policies',
  aws_opensearch_domain_policy: 'access_policies',
  aws_elasticsearch_domain_policy: 'access_policies',
  aws_glue_resource_policy: 'policy',
  aws_cloudwatch_event_bus_policy: 'policy',
  aws_codeartifact_repository_permissions_policy: 'policy_document',
  aws_dynamodb_resource_policy: 'policy',
  aws_kinesis_resource_policy: 'policy',
};

/** VPC endpoint policies: a public principal is their normal form, narrowed by resources. */
const ENDPOINT_TYPES = ['aws_vpc_endpoint', 'aws_vpc_endpoint_policy'];

/** Condition keys whose fixed values narrow a public principal (lower case). */
const NARROWING_KEYS = new Set([
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceip',
  'aws:userid',
  'kms:calleraccount',
  's3:dataaccesspointarn',
  's3:dataaccesspointaccount',
  'elasticfilesystem:accessedviamounttarget',
]);

/** For endpoint policies also the resource side of a data perimeter (AWS data perimeter guide). */
const ENDPOINT_NARROWING_KEYS = new Set([
  'aws:resourceaccount',
  'aws:resourceorgid',
  'aws:resourceorgpaths',
]);

/**
 * Condition operators (lower case) that match only when the key is present with the value: not
 * `...IfExists`, not negated.
 */
export const PRESENT_VALUE_OPERATORS = [
  'stringequals',
  'stringequalsignorecase',
  'stringlike',
  'arnequals',
  'arnlike',
];

const POSITIVE_OPERATORS = new Set([...PRESENT_VALUE_OPERATORS, 'ipaddress', 'bool']);

/** A parsed policy: its statements, or the verdict that explains why they are not known. */
export type PolicyRead = { statements: any[] } | { verdict: Verdict };

/**
 * Reads the policy a resource carries: literal JSON (the loader has already rendered
 * `aws_iam_policy_document` data sources and `jsonencode(...)` of literals into it), or a
 * reference resolved to a literal of the stack.
 */
export function readPolicy(value: any, stack: StackView): PolicyRead | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'object') return { statements: asList(value.Statement) };
  if (typeof value !== 'string') return { verdict: unknown(`policy is ${String(value)}`) };
  // literal JSON; interpolations inside it (`"Resource": "${aws_s3_bucket.b.arn}"`) are values
  if (value.trim().startsWith('{')) {
    try {
      return { statements: asList(JSON.parse(value).Statement) };
    } catch {
      // not JSON: a template such as "${jsonencode({...})}" is handled below
    }
  }
  if (isExpression(value)) {
    const res = resolve(value, stack);
    if (!res.known || typeof res.value !== 'string') {
      return { verdict: unknown(`policy is ${value}`) };
    }
    return readPolicy(res.value, stack);
  }
  try {
    return { statements: asList(JSON.parse(value).Statement) };
  } catch {
    return { verdict: unknown('policy is not literal JSON') };
  }
}

/**
 * Whether a principal value is everyone: true for `*`, false for a fixed principal (an ARN, an
 * account, a service, or a reference to another resource's attribute), unknown for a variable.
 */
function principalValueIsPublic(v: any, stack: StackView): boolean | Verdict {
  if (v === '*') return true;
  if (!isExpression(v)) return false;
  const res = resolve(v, stack);
  if (res.known) return values(res.value).includes('*');
  const ref = res.reference;
  if (
    ref &&
    (ref.kind === 'resource' || ref.kind === 'data') &&
    ref.type !== 'terraform_remote_state'
  )
    return false;
  // text around the interpolation ("arn:aws:iam::${var.account}:root") is never "*"
  if (!ref) return false;
  return unknown(`principal is ${v}`);
}

function principalIsPublic(principal: any, stack: StackView): boolean | Verdict {
  if (principal === undefined) return false;
  if (typeof principal === 'string') return principalValueIsPublic(principal, stack);
  const all = Object.values(principal ?? {}).flatMap((x) => values(x));
  const verdicts = all.map((v) => principalValueIsPublic(v, stack));
  if (verdicts.some((v) => v === true)) return true;
  const u = verdicts.find((v) => v !== false);
  return u === undefined ? false : u;
}

/** Whether one condition value is fixed (narrows): true, false or unknown. */
function fixedValue(op: string, key: string, v: any, stack: StackView): boolean | Verdict {
  if (v === undefined || v === null || v === '') return false;
  const like = op === 'stringlike' || op === 'arnlike';
  let value = v;
  if (isExpression(v)) {
    const res = resolve(v, stack);
    if (!res.known) {
      const ref = res.reference;
      // "StringEquals" compares literally: any single value narrows. A reference to another
      // resource's attribute (an ARN, an id) is a fixed value as well.
      if (!like && key !== 'aws:sourceip') return true;
      if (ref && (ref.kind === 'resource' || ref.kind === 'data')) return true;
      if (!ref) return true; // text around the interpolation is literal
      return unknown(`condition ${key} is ${v}`);
    }
    value = res.value;
  }
  if (typeof value === 'boolean') value = String(value);
  if (typeof value !== 'string') return false;
  if (key === 'aws:sourceip') return op === 'ipaddress' && !isWorldCidr(value);
  if (key === 'elasticfilesystem:accessedviamounttarget') return op === 'bool' && value === 'true';
  if (op === 'bool' || op === 'ipaddress') return false;
  if (key === 'aws:userid' && /^[A-Z0-9]+:\*$/.test(value)) return false;
  if (!like || !/[*?]/.test(value)) return true;
  // ARN patterns with a fixed account ("arn:aws:sagemaker:*:111111111111:*") still narrow
  if (key === 'aws:sourcearn' || key === 'aws:principalarn') {
    return /^arn:[^:]+:[^:]*:[^:]*:\d{12}:/.test(value);
  }
  return false;
}

/** Whether a Condition block narrows a public principal: true, false or unknown. */
function narrowedByCondition(
  condition: any,
  stack: StackView,
  endpoint: boolean,
): boolean | Verdict {
  if (condition === undefined || condition === null) return false;
  if (isExpression(condition)) return unknown(`Condition is ${condition}`);
  const found: Verdict[] = [];
  for (const [rawOp, block] of Object.entries<any>(condition)) {
    let op = rawOp.toLowerCase();
    if (op.startsWith('forallvalues:')) continue; // true when the key is absent
    if (op.startsWith('foranyvalue:')) op = op.slice('foranyvalue:'.length);
    if (op.endsWith('ifexists')) continue; // true when the key is absent (anonymous callers)
    if (!POSITIVE_OPERATORS.has(op)) continue;
    for (const [rawKey, vals] of Object.entries<any>(block ?? {})) {
      const key = rawKey.toLowerCase();
      if (!NARROWING_KEYS.has(key) && !(endpoint && ENDPOINT_NARROWING_KEYS.has(key))) continue;
      const list = values(vals);
      if (list.length === 0) continue;
      const each = list.map((v) => fixedValue(op, key, v, stack));
      if (each.every((x) => x === true)) return true;
      if (each.some((x) => x === false)) continue;
      found.push(allOf(each as Verdict[]));
    }
  }
  const u = found.find((v) => v !== true && v !== undefined);
  return u === undefined ? false : u;
}

/** True when a VPC endpoint statement names resources (not `*` or a whole-service wildcard). */
function scopedResources(s: any): boolean {
  if (s.NotResource !== undefined) return false;
  const list = values(s.Resource);
  if (list.length === 0) return false;
  return list.every(
    (r) => typeof r === 'string' && r !== '*' && !/^arn:[^:]+:[^:]+:[^:]*:[^:]*:\*$/.test(r),
  );
}

/**
 * Verdict of one statement: a string (public, with what) when it grants everyone access, true
 * when it does not, unknown when that depends on an unresolved value.
 */
function statementVerdict(s: any, i: number, stack: StackView, endpoint: boolean): Verdict {
  if (!s || typeof s !== 'object') return true;
  const effect = isExpression(s.Effect)
    ? resolve(s.Effect, stack)
    : { known: true, value: s.Effect };
  if (!effect.known) return unknown(`Effect is ${s.Effect}`);
  if (String(effect.value ?? 'Allow') !== 'Allow') return true;
  const sid = s.Sid ? `'${s.Sid}'` : `#${i}`;
  let who: string;
  if (s.NotPrincipal !== undefined) {
    who = 'NotPrincipal (everyone else)';
  } else {
    const pub = principalIsPublic(s.Principal, stack);
    if (pub === false) return true;
    if (pub !== true) return pub;
    who = 'Principal "*"';
  }
  if (endpoint && scopedResources(s)) return true;
  const narrowed = narrowedByCondition(s.Condition, stack, endpoint);
  if (narrowed === true) return true;
  if (narrowed !== false) return narrowed;
  const actions = values(s.Action).slice(0, 3).join(', ');
  return `statement ${sid} allows ${who}${actions ? ` ${actions}` : ''} with no condition narrowing it to an account, organization, network or source`;
}

/** Verdict of a whole policy document (see {@link statementVerdict}). */
export function policyVerdict(r: ResourceView, stack: StackView): Verdict {
  const attribute = POLICY_ATTRIBUTES[r.type];
  if (!attribute) return undefined;
  const read = readPolicy(r.attributes[attribute], stack);
  if (read === undefined) return undefined;
  if ('verdict' in read) return read.verdict;
  const endpoint = ENDPOINT_TYPES.includes(r.type);
  return allOf(read.statements.map((s, i) => statementVerdict(s, i, stack, endpoint))) ?? true;
}
