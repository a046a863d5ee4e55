import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';

/** AWS-31: notebook instances without internet, root, outside the VPC or without CMK. */
export const aws31NotebookInstance = defineRule({
  id: 'AWS-31',
  level: RuleLevel.ERROR,
  description:
    'Notebook instances have no direct internet access, no root access, run in a VPC subnet and use a KMS key',
  fixHint:
    'Set direct_internet_access = "Disabled", root_access = "Disabled", subnet_id, security_groups and kms_key_id',
  resourceTypes: ['aws_sagemaker_notebook_instance'],
  check: (r) => {
    const a = r.attributes;
    const problems: string[] = [];
    if (a.direct_internet_access !== 'Disabled') problems.push('direct internet access');
    if (a.root_access !== 'Disabled') problems.push('root access');
    if (!a.subnet_id) problems.push('no subnet_id');
    if (!a.kms_key_id) problems.push('no kms_key_id');
    return problems.length === 0 || problems.join('; ');
  },
});
