import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { allOf, attr, block, isExpression, isTrue, unknown } from '../../core/rules/attributes';

/** Three-valued: true when the value is (literally) true. */
function on(value: any, what: string) {
  if (isExpression(value)) return unknown(`${what} is ${value}`);
  return isTrue(value) || `${what} is not true`;
}

/** GCP-09: Workbench instances are hardened. */
export const gcp09Workbench = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Workbench instances: no public IP, root disabled, Shielded VM (secure boot, vTPM, integrity monitoring)',
  fixHint:
    "Set gce_setup.disable_public_ip = true, metadata notebook-disable-root = 'true' and a shielded_instance_config with all three on",
  resourceTypes: ['google_workbench_instance'],
  check: (r) => {
    const raw = attr(r, 'gce_setup');
    if (isExpression(raw)) return unknown(`gce_setup is ${raw}`);
    const setup = block(raw);
    if (!setup) return 'no gce_setup';
    const metadata = setup.metadata;
    const sh = setup.shielded_instance_config;
    if (isExpression(sh)) return unknown(`shielded_instance_config is ${sh}`);
    const s = block(sh);
    return allOf([
      on(setup.disable_public_ip, 'disable_public_ip'),
      isExpression(metadata)
        ? unknown(`metadata is ${metadata}`)
        : on(metadata?.['notebook-disable-root'], 'metadata notebook-disable-root'),
      s
        ? allOf([
            on(s.enable_secure_boot, 'shielded_instance_config.enable_secure_boot'),
            on(s.enable_vtpm, 'shielded_instance_config.enable_vtpm'),
            on(
              s.enable_integrity_monitoring,
              'shielded_instance_config.enable_integrity_monitoring',
            ),
          ])
        : 'no shielded_instance_config (secure boot, vTPM, integrity monitoring)',
    ]);
  },
});
