import { defineApplyRule } from '../../core/compliance/define-rule';
import { allConfigs } from './perimeter-config';
import { allOf, asList, isExpression, unknown } from '../../core/rules/attributes';

const MEMBER =
  /^(projects\/\d+|\/\/compute\.googleapis\.com\/projects\/[^/]+\/global\/networks\/[^/]+)$/;

/**
 * GCP-07 (apply): perimeter members are projects by number (projects/NUMBER) or VPC networks;
 * a project id (projects/my-project) plans and is rejected by Access Context Manager.
 */
export const gcp07Resources = defineApplyRule(__filename, {
  source:
    'provider docs website/docs/r/access_context_manager_service_perimeter.html.markdown (resources: "Currently only projects and VPCs are allowed. Project format: projects/{project_number}")',
  description: 'Perimeter resources are projects/NUMBER (project numbers, not ids) or VPC networks',
  fixHint: 'Use the project number: projects/${data.google_project.p.number}',
  resourceTypes: ['google_access_context_manager_service_perimeter'],
  check: (r) =>
    allOf(
      allConfigs(r).flatMap((cfg) => {
        if (isExpression(cfg?.resources)) return [unknown(`resources is ${cfg.resources}`)];
        return asList(cfg?.resources).map((m: any) =>
          isExpression(m)
            ? /^projects\/\$\{[^}]*\.number\}$/.test(m)
              ? true // a project number attribute
              : unknown(`resource ${m}`)
            : MEMBER.test(String(m)) || `resource '${m}' is not projects/NUMBER or a VPC network`,
        );
      }),
    ),
});
