import { defineApplyRule } from '../../core/compliance/define-rule';
import { isUnknown, readValue } from '../../core/rules/attributes';

/** DirectInternetAccess Disabled needs a subnet: CreateNotebookInstance fails otherwise. */
export const x10SagemakerNotebookSubnet = defineApplyRule(__filename, {
  source:
    'Amazon SageMaker API CreateNotebookInstance DirectInternetAccess (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateNotebookInstance.html): Disabled can be set only together with a SubnetId',
  description: 'Notebook instances without direct internet access are placed in a subnet',
  fixHint: 'Set subnet_id (and security_groups) when direct_internet_access = "Disabled"',
  resourceTypes: ['aws_sagemaker_notebook_instance'],
  check: (r) => {
    const access = readValue(r, 'direct_internet_access');
    if (isUnknown(access)) return access;
    if (access !== 'Disabled') return undefined;
    const subnet = r.attributes.subnet_id;
    return (
      (subnet !== undefined && subnet !== '') ||
      'direct_internet_access is Disabled without subnet_id'
    );
  },
});
