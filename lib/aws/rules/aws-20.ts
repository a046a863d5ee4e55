import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { isUnknown, readValue } from '../../core/rules/attributes';

const IDLE =
  'default_user_settings.jupyter_lab_app_settings.app_lifecycle_management.idle_settings';

/** AWS-20: idle shutdown of JupyterLab apps. */
export const aws20IdleShutdown = defineRule(__filename, {
  level: RuleLevel.WARNING,
  description: 'Domains shut idle JupyterLab apps down (native idle settings)',
  fixHint:
    'Set default_user_settings.jupyter_lab_app_settings.app_lifecycle_management.idle_settings with lifecycle_management ENABLED and idle_timeout_in_minutes',
  resourceTypes: ['aws_sagemaker_domain'],
  check: (r) => {
    const management = readValue(r, `${IDLE}.lifecycle_management`);
    if (isUnknown(management)) return management;
    const timeout = readValue(r, `${IDLE}.idle_timeout_in_minutes`);
    if (management !== 'ENABLED' || timeout === undefined) return 'no idle shutdown';
    return isUnknown(timeout) ? timeout : true;
  },
});
