// Plain-JSON IAM policy documents built in TypeScript: no data sources, so synth needs no
// credentials, and reviewers read the exact JSON that reaches AWS.

/** One IAM policy statement (internal). */
export interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: any;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
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

/** A trust policy for service principals and/or AWS principals. */
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
    statements.push({
      Sid: 'TrustPrincipals',
      Effect: 'Allow',
      Principal: {
        AWS: opts.awsPrincipals.length === 1 ? opts.awsPrincipals[0] : opts.awsPrincipals,
      },
      Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
    });
  }
  return policyDocument(statements);
}
