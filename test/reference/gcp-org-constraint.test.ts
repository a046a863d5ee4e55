import * as fs from 'fs';
import * as path from 'path';
import { ComplianceStatus, RuleCategory, RuleLevel } from '../../lib/core';
import { GcpMlopsChecks } from '../../lib/gcp';
import { GUARDRAIL_CONSTRAINTS, JOB_SERVICE_ACCOUNT_CONSTRAINTS } from '../../lib/gcp/defaults';
import {
  GCP_ORG_CONSTRAINTS_FILE,
  gcpOrgConstraints,
} from '../../lib/gcp/reference/org-constraints';
import { x15GcpOrgConstraint } from '../../lib/gcp/rules/x-15.gcp-org-constraint';
import { run } from './helpers';

const { COMPLIANT, NON_COMPLIANT, UNKNOWN, NOT_APPLICABLE } = ComplianceStatus;
/** A quoted constraint id of the services whose constraints the library sets. */
const CONSTRAINT_LITERAL =
  /['"`](?:constraints\/)?((?:ainotebooks|compute|gcp|iam|storage)\.[A-Za-z]+)['"`]/g;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse } = require('../../scripts/reference-data/gcp-org-constraints');

const policy = (name: any) =>
  run(x15GcpOrgConstraint, 'google_org_policy_policy', { name, parent: 'projects/p' });
const legacy = (type: string, constraint: any) =>
  run(x15GcpOrgConstraint, type, { constraint, project: 'p', boolean_policy: { enforced: true } });

describe('X-15.gcp-org-constraint', () => {
  test('X-15 is an ERROR reference rule of the GCP pack citing its data set', () => {
    expect(x15GcpOrgConstraint.category).toBe(RuleCategory.REFERENCE);
    expect(x15GcpOrgConstraint.level).toBe(RuleLevel.ERROR);
    expect(x15GcpOrgConstraint.source).toContain('constraints.list');
    expect(new GcpMlopsChecks().rules.map((r) => r.id)).toContain('X-15.gcp-org-constraint');
  });

  test('every constraint the library sets is in the data (custom ones are not judged)', () => {
    const ref = gcpOrgConstraints();
    for (const c of GUARDRAIL_CONSTRAINTS) expect([c, ref.has(c)]).toEqual([c, true]);
    for (const c of Object.keys(JOB_SERVICE_ACCOUNT_CONSTRAINTS)) {
      expect(policy(`projects/p/policies/${c}`).status).toBe(NOT_APPLICABLE);
    }
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

  test('google_org_policy_policy names of existing constraints are compliant', () => {
    expect(policy('projects/p/policies/compute.vmExternalIpAccess').status).toBe(COMPLIANT);
    expect(policy('organizations/123/policies/iam.allowedPolicyMemberDomains').status).toBe(
      COMPLIANT,
    );
    expect(
      policy('${data.google_organization.org.name}/policies/gcp.resourceLocations').status,
    ).toBe(COMPLIANT);
  });

  test('an unknown constraint fails with the nearest known one', () => {
    const typo = policy('projects/p/policies/compute.requireOsLogins');
    expect(typo.status).toBe(NON_COMPLIANT);
    expect(typo.detail).toBe(
      '"compute.requireOsLogins" is not a predefined organization policy constraint (did you mean compute.requireOsLogin?)',
    );
    expect(policy('folders/1/policies/storage.uniformbucketlevelaccess').detail).toContain(
      'did you mean storage.uniformBucketLevelAccess?',
    );
  });

  test('a name far from every known one is unknown (it may be newer than the bundled list)', () => {
    const far = legacy(
      'google_project_organization_policy',
      'constraints/compute.disableSerialPort',
    );
    expect(far.status).toBe(ComplianceStatus.UNKNOWN);
    expect(far.detail).toContain('not in the bundled list');
    expect(policy('projects/p/policies/iam.managed.someFutureConstraint').status).toBe(
      ComplianceStatus.UNKNOWN,
    );
  });

  test('google_project/folder/organization_policy constraints with or without constraints/', () => {
    expect(legacy('google_project_organization_policy', 'compute.requireOsLogin').status).toBe(
      COMPLIANT,
    );
    expect(
      legacy(
        'google_folder_organization_policy',
        'constraints/iam.disableServiceAccountKeyCreation',
      ).status,
    ).toBe(COMPLIANT);
    expect(legacy('google_organization_policy', 'constraints/custom.myConstraint').status).toBe(
      NOT_APPLICABLE,
    );
    expect(legacy('google_organization_policy', 'iam.disableServiceAcountKeyCreation').status).toBe(
      NON_COMPLIANT,
    );
  });

  test('custom constraints are not judged; expressions are UNKNOWN', () => {
    expect(policy('projects/p/policies/custom.requireLabels').status).toBe(NOT_APPLICABLE);
    expect(policy('projects/p/policies/${google_org_policy_custom_constraint.c.name}').status).toBe(
      NOT_APPLICABLE,
    );
    expect(policy('projects/p/policies/${var.constraint}').status).toBe(UNKNOWN);
    expect(policy('${var.policy_name}').status).toBe(UNKNOWN);
    expect(legacy('google_project_organization_policy', '${var.constraint}').status).toBe(UNKNOWN);
  });

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
