// Plain-JSON IAM policy documents built in TypeScript: no data sources, so synth needs no
// credentials, and reviewers read the exact JSON that reaches AWS.
import { STUDIO_USER_TAG } from './defaults';

/** One IAM policy statement (internal). */
export interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: any;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Condition?: { [op: string]: { [key: string]: string | string[] | boolean } };
}

/**
 * An IAM policy variable such as `${aws:PrincipalTag/studiouserid}`, escaped for Terraform
 * (`$${...}`) so Terraform passes it through literally instead of interpolating it.
 */
export function iamVar(name: string): string {
  return `$\${${name}}`;
}

/** A policy document as a JSON string. */
export function policyDocument(statements: Statement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/**
 * The trust policy of a role SageMaker assumes for a Studio user, in `account` only
 * (`aws:SourceAccount`): `sts:AssumeRole` and `sts:SetSourceIdentity`, which a domain with
 * `execution_role_identity_config = USER_PROFILE_NAME` needs on every such role (AWS-09); plus
 * `awsPrincipals` (e.g. CI roles) with the principal statements of {@link trustPolicy}.
 */
export function sagemakerTrustPolicy(account: string, awsPrincipals?: string[]): string {
  return trustPolicy({
    services: ['sagemaker.amazonaws.com'],
    actions: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
    conditions: { StringEquals: { 'aws:SourceAccount': account } },
    awsPrincipals,
  });
}

/**
 * A trust policy for service principals and/or AWS principals.
 *
 * AWS principals may assume the role and carry their identity into the session, but cannot
 * forge it: `sts:TagSession` only with the `studiouserid` tag set to the caller's own
 * `studiouserid` principal tag (set by the identity provider or on the IAM user, and
 * transitive through role chaining), and `sts:SetSourceIdentity` only with that same value.
 * Presigned-URL policies (AWS-10) compare the profile's tag with this session tag.
 */
export function trustPolicy(opts: {
  services?: string[];
  awsPrincipals?: string[];
  actions?: string[];
  conditions?: Statement['Condition'];
}): string {
  const statements: Statement[] = [];
  if (opts.services && opts.services.length > 0) {
    statements.push({
      Sid: 'TrustService',
      Effect: 'Allow',
      Principal: { Service: opts.services.length === 1 ? opts.services[0] : opts.services },
      Action: opts.actions ?? ['sts:AssumeRole'],
      ...(opts.conditions ? { Condition: opts.conditions } : {}),
    });
  }
  if (opts.awsPrincipals && opts.awsPrincipals.length > 0) {
    const principal = {
      AWS: opts.awsPrincipals.length === 1 ? opts.awsPrincipals[0] : opts.awsPrincipals,
    };
    const own = iamVar(`aws:PrincipalTag/${STUDIO_USER_TAG}`);
    statements.push(
      { Sid: 'TrustPrincipals', Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' },
      {
        Sid: 'TrustPrincipalsOwnSessionTag',
        Effect: 'Allow',
        Principal: principal,
        Action: 'sts:TagSession',
        Condition: {
          StringEquals: { [`aws:RequestTag/${STUDIO_USER_TAG}`]: own },
          'ForAllValues:StringEquals': { 'aws:TagKeys': [STUDIO_USER_TAG] },
        },
      },
      {
        Sid: 'TrustPrincipalsOwnSourceIdentity',
        Effect: 'Allow',
        Principal: principal,
        Action: 'sts:SetSourceIdentity',
        Condition: { StringEquals: { 'sts:SourceIdentity': own } },
      },
    );
  }
  return policyDocument(statements);
}

/** A Deny statement on every resource (`Resource: "*"`), under `condition` when one is given. */
export function denyOnAnyResource(
  sid: string,
  action: string | string[],
  condition?: Statement['Condition'],
): Statement {
  return {
    Sid: sid,
    Effect: 'Deny',
    Action: action,
    Resource: '*',
    ...(condition ? { Condition: condition } : {}),
  };
}

/** A Deny statement on every resource when the request lacks the condition key `key`. */
export function denyWithout(sid: string, action: string | string[], key: string): Statement {
  return denyOnAnyResource(sid, action, { Null: { [key]: 'true' } });
}

/** Denies creating, updating and deleting SageMaker app image configs on every resource (AWS-19). */
export function denyAppImageConfigChanges(sid: string): Statement {
  return denyOnAnyResource(sid, [
    'sagemaker:CreateAppImageConfig',
    'sagemaker:UpdateAppImageConfig',
    'sagemaker:DeleteAppImageConfig',
  ]);
}

/** The ARNs of the versions of a model package group (`model-package/<group>/<version>`). */
export function modelVersionArns(groupArn: string): string {
  return groupArn.replace(':model-package-group/', ':model-package/') + '/*';
}
