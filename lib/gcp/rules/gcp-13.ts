import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { allOf, asList, block, isExpression, isTrue, unknown } from '../../core/rules/attributes';

/** GCP-13: Artifact Registry repositories have cleanup policies and scanning is not disabled. */
export const gcp13Registry = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Artifact Registry repositories have cleanup policies (not in dry run) and vulnerability scanning is not disabled',
  fixHint:
    "Add cleanup_policies, set cleanup_policy_dry_run = false, leave vulnerability_scanning_config.enablement_config 'INHERITED'",
  resourceTypes: ['google_artifact_registry_repository'],
  check: (r) => {
    const a = r.attributes;
    for (const k of ['mode', 'format', 'cleanup_policies', 'cleanup_policy_dry_run'])
      if (isExpression(a[k])) return unknown(`${k} is ${a[k]}`);
    if (a.mode && a.mode !== 'STANDARD_REPOSITORY') return undefined;
    const scanning = block(a.vulnerability_scanning_config)?.enablement_config;
    return allOf([
      asList(a.cleanup_policies).length > 0 || 'no cleanup_policies',
      !isTrue(a.cleanup_policy_dry_run) || 'cleanup_policy_dry_run is true',
      a.format !== 'DOCKER'
        ? true
        : isExpression(scanning)
          ? unknown(`enablement_config is ${scanning}`)
          : scanning !== 'DISABLED' || 'vulnerability scanning disabled',
    ]);
  },
});
