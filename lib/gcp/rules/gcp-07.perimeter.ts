import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { isExpression, unknown } from '../../core/rules/attributes';

/** GCP-07: a stack that enables Vertex AI says so when it has no service perimeter. */
export const gcp07Present = defineRule(__filename, {
  level: RuleLevel.WARNING,
  description:
    'A stack that enables Vertex AI declares a VPC Service Controls perimeter (or explains, with a suppression, which perimeter protects the project)',
  fixHint:
    'Give the platform a perimeter (perimeter: { accessPolicyId, deployerIdentities }), or suppress GCP-07.perimeter with the name of the perimeter that protects the project',
  resourceTypes: ['google_project_service'],
  check: (r, stack) => {
    const service = r.attributes.service;
    if (isExpression(service)) return unknown(`service is ${service}`);
    if (service !== 'aiplatform.googleapis.com') return undefined;
    return (
      stack.resources('google_access_context_manager_service_perimeter').length > 0 ||
      'Vertex AI is enabled but no service perimeter protects the project in this stack'
    );
  },
});
