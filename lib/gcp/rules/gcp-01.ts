import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import {
  allOf,
  asList,
  attr,
  block,
  isExpression,
  unknown,
  Verdict,
} from '../../core/rules/attributes';
import { referenceOf } from '../../core/rules/references';
import { iamMembers, memberKind } from './iam-members';

const DEFAULT_COMPUTE_SA = /-compute@developer\.gserviceaccount\.com/;

/** Verdict on the service account emails an instance runs as. */
function emailsVerdict(emails: any[], unset: string): Verdict {
  if (emails.length === 0) return unset;
  return allOf(
    emails.map((e) => {
      if (e === undefined || e === null || e === '') return unset;
      if (isExpression(e)) {
        if (DEFAULT_COMPUTE_SA.test(e)) return 'runs as the default compute SA';
        const ref = referenceOf(e);
        return ref?.type === 'google_service_account' || unknown(`service account is ${e}`);
      }
      return !DEFAULT_COMPUTE_SA.test(String(e)) || 'runs as the default compute SA';
    }),
  );
}

/** GCP-01: the default compute service account is never used, nor granted roles. */
export const gcp01DefaultComputeSa = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Workloads run as dedicated service accounts; the default compute SA is never used or granted roles',
  fixHint:
    'Create a dedicated google_service_account per function and use it instead of PROJECT_NUMBER-compute@developer.gserviceaccount.com',
  resourceTypes: [
    'google_workbench_instance',
    'google_notebooks_instance',
    'google_project_iam_member',
    'google_project_iam_binding',
    'google_compute_instance',
  ],
  check: (r) => {
    if (r.type === 'google_workbench_instance') {
      const setup = attr(r, 'gce_setup');
      if (isExpression(setup)) return unknown(`gce_setup is ${setup}`);
      const sas = block(setup)?.service_accounts;
      if (isExpression(sas)) return unknown(`gce_setup.service_accounts is ${sas}`);
      return emailsVerdict(
        asList(sas).map((s: any) => s?.email),
        'gce_setup.service_accounts not set: the instance runs as the default compute SA',
      );
    }
    if (r.type === 'google_notebooks_instance') {
      return emailsVerdict(
        [r.attributes.service_account],
        'service_account not set: the instance runs as the default compute SA',
      );
    }
    if (r.type === 'google_compute_instance') {
      const sa = r.attributes.service_account;
      if (isExpression(sa)) return unknown(`service_account is ${sa}`);
      return emailsVerdict(
        asList(sa).map((s: any) => s?.email),
        'service_account not set: the instance runs as the default compute SA',
      );
    }
    const members = iamMembers(r);
    return allOf(
      members.map((m) =>
        isExpression(m) && !DEFAULT_COMPUTE_SA.test(m)
          ? memberKind(m) === 'serviceAccount' || unknown(`member is ${m}`)
          : !DEFAULT_COMPUTE_SA.test(String(m)) || 'grants a role to the default compute SA',
      ),
    );
  },
});
