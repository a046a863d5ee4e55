import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { allOf, check } from '../../core/rules/attributes';

const DISABLED = (v: any) => v === 'Disabled';

/** AWS-31: notebook instances without internet, root, outside the VPC or without CMK. */
export const aws31NotebookInstance = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Notebook instances have no direct internet access, no root access, run in a VPC subnet and use a KMS key',
  fixHint:
    'Set direct_internet_access = "Disabled", root_access = "Disabled", subnet_id, security_groups and kms_key_id',
  resourceTypes: ['aws_sagemaker_notebook_instance'],
  check: (r) => {
    const present = (path: string, problem: string) => {
      const raw = r.attributes[path];
      return raw === undefined || raw === '' ? problem : true;
    };
    return allOf([
      check(r, 'direct_internet_access', DISABLED, () => 'direct internet access'),
      check(r, 'root_access', DISABLED, () => 'root access'),
      present('subnet_id', 'no subnet_id'),
      present('kms_key_id', 'no kms_key_id'),
    ]);
  },
});
