import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { blocks } from './util';

const DEFAULT_COMPUTE_SA = /-compute@developer\.gserviceaccount\.com/;

/** GCP-01: the default compute service account is never used, nor granted roles. */
export const gcp01DefaultComputeSa = defineRule({
  id: 'GCP-01',
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
    const a = r.attributes;
    if (r.type === 'google_workbench_instance') {
      const emails = blocks(
        a.gce_setup?.service_accounts ?? blocks(a.gce_setup)[0]?.service_accounts,
      ).map((s: any) => s?.email);
      if (emails.length === 0)
        return 'gce_setup.service_accounts not set: the instance runs as the default compute SA';
      return (
        emails.every((e: any) => !DEFAULT_COMPUTE_SA.test(String(e))) ||
        'runs as the default compute SA'
      );
    }
    if (r.type === 'google_notebooks_instance') {
      if (!a.service_account)
        return 'service_account not set: the instance runs as the default compute SA';
      return (
        !DEFAULT_COMPUTE_SA.test(String(a.service_account)) || 'runs as the default compute SA'
      );
    }
    if (r.type === 'google_compute_instance') {
      const emails = blocks(a.service_account).map((s: any) => s?.email);
      return (
        emails.every((e: any) => e !== undefined && !DEFAULT_COMPUTE_SA.test(String(e))) ||
        'runs as the default compute SA'
      );
    }
    const members: string[] =
      r.type === 'google_project_iam_member' ? [a.member] : (a.members ?? []);
    return (
      members.every((m) => !DEFAULT_COMPUTE_SA.test(String(m))) ||
      'grants a role to the default compute SA'
    );
  },
});
