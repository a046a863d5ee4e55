import { defineReferenceRule } from '../../core/compliance/define-rule';
import { RuleProfile } from '../../core/compliance/rule';
import { isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { gcpReference } from '../reference';

/**
 * The verdict on one service name. The reference lists the APIs of Google's discovery service
 * and of VPC Service Controls, not every service Service Usage can enable; so a name it does not
 * know fails only when it is a near miss (edit distance 1 or 2) of a known one.
 */
export function checkService(service: any): Verdict {
  if (typeof service !== 'string') return undefined;
  if (isExpression(service)) return unknown(`service ${service}`);
  const m = /^([a-z0-9-]+)\.googleapis\.com$/.exec(service);
  if (!m) return undefined;
  const ref = gcpReference();
  if (ref.hasService(m[1])) return true;
  const similar = ref.similarServices(m[1], 2);
  if (similar.length === 0) return undefined;
  return `"${service}" is not a Google API (did you mean ${similar.map((s) => `${s}.googleapis.com`).join(', ')}?)`;
}

/** X-15 (GCP services): the services a stack enables are Google APIs (no misspelt names). */
export const x15GcpService = defineReferenceRule(__filename, {
  profile: RuleProfile.SECURITY,
  source:
    'Google API names (iann0036/iam-dataset gcp/map.json, VPC Service Controls supported services; scripts/reference-data/provenance.json)',
  description:
    'Every service enabled with google_project_service (or named by google_project_service_identity) is a Google API, not a misspelling of one',
  fixHint:
    'Use the service name as `gcloud services list --available` prints it (name.googleapis.com)',
  resourceTypes: ['google_project_service', 'google_project_service_identity'],
  check: (r) => checkService(r.attributes.service),
});
