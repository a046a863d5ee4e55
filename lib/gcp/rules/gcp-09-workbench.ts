import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { blocks, isTrue } from './util';

/** GCP-09: Workbench instances are hardened. */
export const gcp09Workbench = defineRule({
  id: 'GCP-09',
  level: RuleLevel.ERROR,
  description:
    'Workbench instances: no public IP, root disabled, Shielded VM (secure boot, vTPM, integrity monitoring)',
  fixHint:
    "Set gce_setup.disable_public_ip = true, metadata notebook-disable-root = 'true' and a shielded_instance_config with all three on",
  resourceTypes: ['google_workbench_instance'],
  check: (r) => {
    const setup = blocks(r.attributes.gce_setup)[0];
    if (!setup) return 'no gce_setup';
    if (setup.disable_public_ip !== true) return 'disable_public_ip is not true';
    if (!isTrue(setup.metadata?.['notebook-disable-root']))
      return "metadata notebook-disable-root is not 'true'";
    const sh = blocks(setup.shielded_instance_config)[0];
    if (
      !sh ||
      sh.enable_secure_boot !== true ||
      sh.enable_vtpm !== true ||
      sh.enable_integrity_monitoring !== true
    ) {
      return 'shielded_instance_config does not enable secure boot, vTPM and integrity monitoring';
    }
    return true;
  },
});
