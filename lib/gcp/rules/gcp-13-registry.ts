import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { blocks } from './util';

/** GCP-13: Artifact Registry repositories have cleanup policies and scanning is not disabled. */
export const gcp13Registry = defineRule({
  id: 'GCP-13',
  level: RuleLevel.ERROR,
  description:
    'Artifact Registry repositories have cleanup policies (not in dry run) and vulnerability scanning is not disabled',
  fixHint:
    "Add cleanup_policies, set cleanup_policy_dry_run = false, leave vulnerability_scanning_config.enablement_config 'INHERITED'",
  resourceTypes: ['google_artifact_registry_repository'],
  check: (r) => {
    const a = r.attributes;
    if (a.mode && a.mode !== 'STANDARD_REPOSITORY') return undefined;
    if (blocks(a.cleanup_policies).length === 0) return 'no cleanup_policies';
    if (a.cleanup_policy_dry_run === true) return 'cleanup_policy_dry_run is true';
    if (
      a.format === 'DOCKER' &&
      blocks(a.vulnerability_scanning_config)[0]?.enablement_config === 'DISABLED'
    )
      return 'vulnerability scanning disabled';
    return true;
  },
});
