import { ComplianceStatus, RuleCategory, RuleLevel, RuleProfile } from '../../lib/core';
import { x15GcpPermission } from '../../lib/gcp/rules/x-15.gcp-permission';
import { x15GcpRole } from '../../lib/gcp/rules/x-15.gcp-role';
import { x15GcpService } from '../../lib/gcp/rules/x-15.gcp-service';
import { x15GcpVpcscService } from '../../lib/gcp/rules/x-15.gcp-vpcsc-service';
import { run } from './helpers';

const { COMPLIANT, NON_COMPLIANT, UNKNOWN, NOT_APPLICABLE } = ComplianceStatus;

describe('X-15 GCP reference rules', () => {
  test('X-15 the GCP reference rules are ERROR reference rules of the security profile citing their data set', () => {
    for (const rule of [x15GcpRole, x15GcpPermission, x15GcpService, x15GcpVpcscService]) {
      expect(rule.category).toBe(RuleCategory.REFERENCE);
      expect(rule.level).toBe(RuleLevel.ERROR);
      expect(rule.profile).toBe(RuleProfile.SECURITY);
      expect(rule.source).toBeTruthy();
    }
  });

  describe('X-15.gcp-role', () => {
    test('existing predefined roles and custom roles are compliant', () => {
      expect(
        run(x15GcpRole, 'google_project_iam_member', { role: 'roles/aiplatform.user' }).status,
      ).toBe(COMPLIANT);
      expect(
        run(x15GcpRole, 'google_storage_bucket_iam_binding', { role: 'roles/storage.objectViewer' })
          .status,
      ).toBe(COMPLIANT);
      expect(
        run(x15GcpRole, 'google_project_iam_member', { role: 'projects/p/roles/modelDeployer' })
          .status,
      ).toBe(NOT_APPLICABLE);
      expect(
        run(x15GcpRole, 'google_project_iam_member', {
          role: '${google_project_iam_custom_role.deployer.name}',
        }).status,
      ).toBe(NOT_APPLICABLE);
    });

    test('a missing role, a deprecated role and a bare name fail', () => {
      const missing = run(x15GcpRole, 'google_project_iam_member', {
        role: 'roles/aiplatform.usr',
      });
      expect(missing.status).toBe(NON_COMPLIANT);
      expect(missing.detail).toContain('"roles/aiplatform.usr" is not a predefined role');
      expect(missing.detail).toContain('roles/aiplatform.user');
      const deprecated = run(x15GcpRole, 'google_project_iam_member', {
        role: 'roles/servicebroker.admin',
      });
      expect(deprecated.status).toBe(NON_COMPLIANT);
      expect(deprecated.detail).toContain('deprecated');
      expect(run(x15GcpRole, 'google_project_iam_member', { role: 'aiplatform.user' }).status).toBe(
        NON_COMPLIANT,
      );
    });

    test('the bindings of an IAM policy resource are checked', () => {
      const policy_data = JSON.stringify({
        bindings: [
          { role: 'roles/viewer', members: ['group:a@example.com'] },
          { role: 'roles/bigquery.dataEditorr', members: ['group:a@example.com'] },
        ],
      });
      const r = run(x15GcpRole, 'google_project_iam_policy', { policy_data });
      expect(r.status).toBe(NON_COMPLIANT);
      expect(r.detail).toContain('roles/bigquery.dataEditorr');
    });

    test('a role or policy that is an expression is UNKNOWN', () => {
      expect(run(x15GcpRole, 'google_project_iam_member', { role: '${var.role}' }).status).toBe(
        UNKNOWN,
      );
      expect(
        run(x15GcpRole, 'google_project_iam_policy', {
          policy_data: '${data.google_iam_policy.p.policy_data}',
        }).status,
      ).toBe(UNKNOWN);
    });
  });

  describe('X-15.gcp-permission', () => {
    test('existing permissions are compliant', () => {
      const r = run(x15GcpPermission, 'google_project_iam_custom_role', {
        permissions: ['aiplatform.endpoints.deploy', 'aiplatform.models.upload'],
      });
      expect(r.status).toBe(COMPLIANT);
    });

    test('a misspelt permission fails', () => {
      const r = run(x15GcpPermission, 'google_organization_iam_custom_role', {
        permissions: ['aiplatform.endpoints.deploy', 'aiplatform.endpoint.deploy'],
      });
      expect(r.status).toBe(NON_COMPLIANT);
      expect(r.detail).toContain('"aiplatform.endpoint.deploy" is not an IAM permission');
    });

    test('permissions from an expression are UNKNOWN', () => {
      expect(
        run(x15GcpPermission, 'google_project_iam_custom_role', {
          permissions: '${var.permissions}',
        }).status,
      ).toBe(UNKNOWN);
    });
  });

  describe('X-15.gcp-service', () => {
    test('known services are compliant; names the data does not cover are not judged', () => {
      expect(
        run(x15GcpService, 'google_project_service', { service: 'aiplatform.googleapis.com' })
          .status,
      ).toBe(COMPLIANT);
      expect(
        run(x15GcpService, 'google_project_service', {
          service: 'myapi.endpoints.my-project.cloud.goog',
        }).status,
      ).toBe(NOT_APPLICABLE);
    });

    test('a near miss of a known service fails and names it', () => {
      const r = run(x15GcpService, 'google_project_service', {
        service: 'aiplatfrom.googleapis.com',
      });
      expect(r.status).toBe(NON_COMPLIANT);
      expect(r.detail).toContain('aiplatform.googleapis.com');
    });

    test('a service from an expression is UNKNOWN', () => {
      expect(
        run(x15GcpService, 'google_project_service_identity', { service: '${each.value}' }).status,
      ).toBe(UNKNOWN);
    });
  });

  describe('X-15.gcp-vpcsc-service', () => {
    test('supported services (and RESTRICTED-SERVICES in allowed services) are compliant', () => {
      const r = run(x15GcpVpcscService, 'google_access_context_manager_service_perimeter', {
        status: [
          {
            restricted_services: ['aiplatform.googleapis.com', 'storage.googleapis.com'],
            vpc_accessible_services: [
              { enable_restriction: true, allowed_services: ['RESTRICTED-SERVICES'] },
            ],
          },
        ],
      });
      expect(r.status).toBe(COMPLIANT);
    });

    test('an unsupported service in status or spec fails', () => {
      const r = run(x15GcpVpcscService, 'google_access_context_manager_service_perimeter', {
        status: { restricted_services: ['storage.googleapis.com'] },
        spec: { restricted_services: ['aiplatfrom.googleapis.com'] },
      });
      expect(r.status).toBe(NON_COMPLIANT);
      expect(r.detail).toContain('spec.restricted_services: "aiplatfrom.googleapis.com"');
      const plural = run(x15GcpVpcscService, 'google_access_context_manager_service_perimeters', {
        service_perimeters: [{ status: { restricted_services: ['maps.googleapis.com'] } }],
      });
      expect(plural.status).toBe(NON_COMPLIANT);
    });

    test('services from an expression are UNKNOWN', () => {
      const r = run(x15GcpVpcscService, 'google_access_context_manager_service_perimeter', {
        status: { restricted_services: '${var.restricted_services}' },
      });
      expect(r.status).toBe(UNKNOWN);
    });
  });
});
