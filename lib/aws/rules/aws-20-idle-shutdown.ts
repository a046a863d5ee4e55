import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { attr, block } from './util';

/** AWS-20: idle shutdown of JupyterLab apps. */
export const aws20IdleShutdown = defineRule({
  id: 'AWS-20',
  level: RuleLevel.WARNING,
  description: 'Domains shut idle JupyterLab apps down (native idle settings)',
  fixHint:
    'Set default_user_settings.jupyter_lab_app_settings.app_lifecycle_management.idle_settings with lifecycle_management ENABLED and idle_timeout_in_minutes',
  resourceTypes: ['aws_sagemaker_domain'],
  check: (r) => {
    const s = block(
      attr(
        r,
        'default_user_settings.jupyter_lab_app_settings.app_lifecycle_management.idle_settings',
      ),
    );
    return (
      (s?.lifecycle_management === 'ENABLED' && s?.idle_timeout_in_minutes !== undefined) ||
      'no idle shutdown'
    );
  },
});
