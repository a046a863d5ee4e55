import * as fs from 'fs';
import * as path from 'path';
import { ComplianceStatus, RuleCategory, RuleLevel } from '../../lib/core';
import { GcpMlopsChecks } from '../../lib/gcp';
import { GUARDRAIL_CONSTRAINTS, JOB_SERVICE_ACCOUNT_CONSTRAINTS } from '../../lib/gcp/defaults';
import {
  GCP_ORG_CONSTRAINTS_FILE,
  gcpOrgConstraints,
} from '../../lib/gcp/reference/org-constraints';
import { describeRules, ruleOf, Status } from '../rule-harness';
import { onSubject } from './helpers';

const { COMPLIANT, NON_COMPLIANT, UNKNOWN, NOT_APPLICABLE } = ComplianceStatus;
/**
 * A quoted constraint id of the services whose constraints the library sets (not a value inside
 * a log filter, such as methodName="storage.setIamPermissions").
 */
const CONSTRAINT_LITERAL =
  /(?<![=:])['"`](?:constraints\/)?((?:ainotebooks|compute|gcp|iam|storage)\.[A-Za-z]+)['"`]/g;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse } = require('../../scripts/reference-data/gcp-org-constraints');

const RULE = 'X-15.gcp-org-constraint';
const pack = new GcpMlopsChecks();
/** Cases of a `google_org_policy_policy` with the name. */
const policy = (title: string, name: any, expected: Status, details: (string | RegExp)[] = []) =>
  onSubject(
    RULE,
    title,
    'google_org_policy_policy',
    { name, parent: 'projects/p' },
    expected,
    details,
  );
/** Cases of a legacy organization-policy resource of the type with the constraint. */
const legacy = (
  title: string,
  type: string,
  constraint: any,
  expected: Status,
  details: (string | RegExp)[] = [],
) =>
  onSubject(
    RULE,
    title,
    type,
    { constraint, project: 'p', boolean_policy: { enforced: true } },
    expected,
    details,
  );
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

describe('X-15.gcp-org-constraint', () => {
  test('X-15 is an ERROR reference rule of the GCP pack citing its data set', () => {
    const rule = ruleOf(pack, RULE);
    expect(rule.category).toBe(RuleCategory.REFERENCE);
    expect(rule.level).toBe(RuleLevel.ERROR);
    expect(rule.source).toContain('constraints.list');
  });

  test('every constraint the library sets is in the data (custom ones are not judged)', () => {
    const ref = gcpOrgConstraints();
    for (const c of GUARDRAIL_CONSTRAINTS) expect([c, ref.has(c)]).toEqual([c, true]);
    // and every constraint id written anywhere in lib/gcp (defaults, org-policies, the rules)
    const ids = new Set<string>();
    const visit = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) visit(p);
        else if (e.name.endsWith('.ts')) {
          const text = fs.readFileSync(p, 'utf8');
          for (const m of text.matchAll(CONSTRAINT_LITERAL)) ids.add(m[1]);
        }
      }
    };
    visit(path.join(__dirname, '../../lib/gcp'));
    expect(ids.size).toBeGreaterThanOrEqual(GUARDRAIL_CONSTRAINTS.length);
    expect([...ids].filter((c) => !ref.has(c))).toEqual([]);
    expect(ref.meta.source).toContain('Cyclenerd/google-cloud-org-policies');
    expect(ref.names.length).toBeGreaterThan(150);
  });

  describeRules('constraint names', pack, [
    ...Object.keys(JOB_SERVICE_ACCOUNT_CONSTRAINTS).flatMap((c) =>
      policy(
        `the library's custom constraint ${c} is not judged`,
        `projects/p/policies/${c}`,
        NOT_APPLICABLE,
      ),
    ),
    ...policy(
      'an existing constraint',
      'projects/p/policies/compute.vmExternalIpAccess',
      COMPLIANT,
    ),
    ...policy(
      'an existing constraint of an organization',
      'organizations/123/policies/iam.allowedPolicyMemberDomains',
      COMPLIANT,
    ),
    ...policy(
      'an existing constraint under a parent from an expression',
      '${data.google_organization.org.name}/policies/gcp.resourceLocations',
      COMPLIANT,
    ),
    ...policy(
      'an unknown constraint fails with the nearest known one',
      'projects/p/policies/compute.requireOsLogins',
      NON_COMPLIANT,
      [
        exactly(
          '"compute.requireOsLogins" is not a predefined organization policy constraint (did you mean compute.requireOsLogin?)',
        ),
      ],
    ),
    ...policy(
      'a name in the wrong case fails',
      'folders/1/policies/storage.uniformbucketlevelaccess',
      NON_COMPLIANT,
      ['did you mean storage.uniformBucketLevelAccess?'],
    ),
    ...legacy(
      'a name far from every known one is unknown (it may be newer than the bundled list)',
      'google_project_organization_policy',
      'constraints/compute.disableSerialPort',
      UNKNOWN,
      ['not in the bundled list'],
    ),
    ...policy(
      'a future managed constraint',
      'projects/p/policies/iam.managed.someFutureConstraint',
      UNKNOWN,
    ),
    ...legacy(
      'a project policy without constraints/',
      'google_project_organization_policy',
      'compute.requireOsLogin',
      COMPLIANT,
    ),
    ...legacy(
      'a folder policy with constraints/',
      'google_folder_organization_policy',
      'constraints/iam.disableServiceAccountKeyCreation',
      COMPLIANT,
    ),
    ...legacy(
      'a custom constraint of an organization policy is not judged',
      'google_organization_policy',
      'constraints/custom.myConstraint',
      NOT_APPLICABLE,
    ),
    ...legacy(
      'a misspelt constraint of an organization policy fails',
      'google_organization_policy',
      'iam.disableServiceAcountKeyCreation',
      NON_COMPLIANT,
    ),
    ...policy(
      'a custom constraint is not judged',
      'projects/p/policies/custom.requireLabels',
      NOT_APPLICABLE,
    ),
    ...policy(
      "the stack's custom constraint is not judged",
      'projects/p/policies/${google_org_policy_custom_constraint.c.name}',
      NOT_APPLICABLE,
    ),
    ...policy('a constraint from an expression', 'projects/p/policies/${var.constraint}', UNKNOWN),
    ...policy('a name from an expression', '${var.policy_name}', UNKNOWN),
    ...legacy(
      'a legacy constraint from an expression',
      'google_project_organization_policy',
      '${var.constraint}',
      UNKNOWN,
    ),
  ]);

  test('the extraction script reads quoted and prefixed ids and rejects other lines', () => {
    expect([...parse('"compute.requireOsLogin"\nconstraints/gcp.resourceLocations\n\n')]).toEqual([
      'compute.requireOsLogin',
      'gcp.resourceLocations',
    ]);
    expect(() => parse('not a constraint')).toThrow(/not a constraint id/);
    expect(fs.existsSync(GCP_ORG_CONSTRAINTS_FILE)).toBe(true);
    const provenance = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../scripts/reference-data/provenance.json'), 'utf8'),
    );
    expect(provenance.otherFiles.map((f: any) => f.file)).toContain(
      'lib/gcp/reference/data/org-constraints.json.gz',
    );
  });
});
