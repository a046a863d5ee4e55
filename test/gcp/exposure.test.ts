// Baseline exposure rules of the GCP pack on hand-written Terraform JSON (any stack):
// compliant, non-compliant, unresolved expression (UNKNOWN) and array/object block forms.
import { ComplianceStatus, RuleLevel } from '../../lib/core';
import { evaluateStack } from '../../lib/core/compliance/evaluate';
import { GcpMlopsChecks } from '../../lib/gcp';

const pack = new GcpMlopsChecks();

function verdict(ruleId: string, json: any, address: string) {
  const report = evaluateStack('t', json, [pack], { includeCompliant: true });
  const f = report.findings.find((x) => x.ruleId === ruleId && x.address === address);
  return { status: f?.status ?? ComplianceStatus.NOT_APPLICABLE, reason: f?.reason ?? '' };
}

const one = (type: string, attrs: any, extra: any = {}) => ({
  resource: { [type]: { r: attrs }, ...(extra.resource ?? {}) },
  ...(extra.data ? { data: extra.data } : {}),
  ...(extra.variable ? { variable: extra.variable } : {}),
});

describe('X-03.public-member: nothing is granted to allUsers or allAuthenticatedUsers', () => {
  const id = 'X-03.public-member';

  test('is an ERROR citing CIS GCP 1.9, 5.1, 7.1', () => {
    const rule = pack.rules.find((r) => r.id === id)!;
    expect(rule.level).toBe(RuleLevel.ERROR);
    expect(rule.source).toMatch(/v3\.0\.0 1\.9 .*5\.1 .*7\.1/);
  });

  test('compliant: named members, service account references, typed templates', () => {
    for (const member of [
      'group:ml@acme.example',
      '${google_service_account.sa.member}',
      'serviceAccount:${google_service_account.sa.email}',
    ]) {
      expect(
        verdict(
          id,
          one('google_storage_bucket_iam_member', {
            bucket: 'b',
            role: 'roles/storage.objectViewer',
            member,
          }),
          'google_storage_bucket_iam_member.r',
        ).status,
      ).toBe(ComplianceStatus.COMPLIANT);
    }
  });

  test('non-compliant: any *_iam_member, *_iam_binding (list), storage ACL entity', () => {
    expect(
      verdict(
        id,
        one('google_storage_bucket_iam_member', {
          bucket: 'b',
          role: 'roles/storage.objectViewer',
          member: 'allUsers',
        }),
        'google_storage_bucket_iam_member.r',
      ),
    ).toEqual({ status: ComplianceStatus.NON_COMPLIANT, reason: 'member grants allUsers' });
    expect(
      verdict(
        id,
        one('google_kms_crypto_key_iam_binding', {
          crypto_key_id: 'k',
          role: 'roles/cloudkms.cryptoKeyDecrypter',
          members: ['group:a@acme.example', 'allAuthenticatedUsers'],
        }),
        'google_kms_crypto_key_iam_binding.r',
      ).reason,
    ).toBe('members grants allAuthenticatedUsers');
    expect(
      verdict(
        id,
        one('google_cloud_run_v2_service_iam_member', {
          name: 's',
          role: 'roles/run.invoker',
          member: 'allUsers',
        }),
        'google_cloud_run_v2_service_iam_member.r',
      ).status,
    ).toBe(ComplianceStatus.NON_COMPLIANT);
    expect(
      verdict(
        id,
        one('google_storage_bucket_access_control', {
          bucket: 'b',
          role: 'READER',
          entity: 'allUsers',
        }),
        'google_storage_bucket_access_control.r',
      ).status,
    ).toBe(ComplianceStatus.NON_COMPLIANT);
    expect(
      verdict(
        id,
        one('google_storage_bucket_acl', {
          bucket: 'b',
          role_entity: ['OWNER:user-a@acme.example', 'READER:allUsers'],
        }),
        'google_storage_bucket_acl.r',
      ).reason,
    ).toBe('role_entity grants allUsers');
    expect(
      verdict(
        id,
        one('google_storage_object_acl', {
          bucket: 'b',
          object: 'o',
          predefined_acl: 'publicRead',
        }),
        'google_storage_object_acl.r',
      ).reason,
    ).toBe("predefined_acl 'publicRead'");
  });

  test('non-compliant: *_iam_policy policy_data, literal JSON or a google_iam_policy data source', () => {
    const literal = JSON.stringify({ bindings: [{ role: 'roles/viewer', members: ['allUsers'] }] });
    expect(
      verdict(
        id,
        one('google_project_iam_policy', { project: 'p', policy_data: literal }),
        'google_project_iam_policy.r',
      ).status,
    ).toBe(ComplianceStatus.NON_COMPLIANT);
    for (const binding of [
      [{ role: 'roles/storage.objectViewer', members: ['allUsers'] }],
      { role: 'roles/storage.objectViewer', members: ['allUsers'] },
    ]) {
      expect(
        verdict(
          id,
          one(
            'google_storage_bucket_iam_policy',
            { bucket: 'b', policy_data: '${data.google_iam_policy.p.policy_data}' },
            { data: { google_iam_policy: { p: { binding } } } },
          ),
          'google_storage_bucket_iam_policy.r',
        ).reason,
      ).toBe('policy_data member grants allUsers');
    }
  });

  test('non-compliant: BigQuery dataset access blocks, list or object form, and dataset access resources', () => {
    for (const access of [
      [{ role: 'READER', special_group: 'allAuthenticatedUsers' }],
      { role: 'READER', iam_member: 'allUsers' },
    ]) {
      expect(
        verdict(
          id,
          one('google_bigquery_dataset', { dataset_id: 'd', access }),
          'google_bigquery_dataset.r',
        ).status,
      ).toBe(ComplianceStatus.NON_COMPLIANT);
    }
    expect(
      verdict(
        id,
        one('google_bigquery_dataset', {
          dataset_id: 'd',
          access: [{ role: 'OWNER', special_group: 'projectOwners' }],
        }),
        'google_bigquery_dataset.r',
      ).status,
    ).toBe(ComplianceStatus.COMPLIANT);
    expect(
      verdict(
        id,
        one('google_bigquery_dataset_access', {
          dataset_id: 'd',
          role: 'READER',
          iam_member: 'allUsers',
        }),
        'google_bigquery_dataset_access.r',
      ).status,
    ).toBe(ComplianceStatus.NON_COMPLIANT);
  });

  test('UNKNOWN: a member that is a variable without default; resolved when it has one', () => {
    const json = one('google_storage_bucket_iam_member', {
      bucket: 'b',
      role: 'roles/storage.objectViewer',
      member: '${var.who}',
    });
    expect(verdict(id, json, 'google_storage_bucket_iam_member.r')).toEqual({
      status: ComplianceStatus.UNKNOWN,
      reason: 'member is ${var.who}',
    });
    (json as any).variable = { who: { default: 'allUsers' } };
    expect(verdict(id, json, 'google_storage_bucket_iam_member.r').status).toBe(
      ComplianceStatus.NON_COMPLIANT,
    );
  });

  test('the *_iam_member_remove resources (which take a member away) are not checked', () => {
    expect(
      verdict(
        id,
        one('google_project_iam_member_remove', {
          project: 'p',
          role: 'roles/viewer',
          member: 'allUsers',
        }),
        'google_project_iam_member_remove.r',
      ).status,
    ).toBe(ComplianceStatus.NOT_APPLICABLE);
  });
});

describe('X-08.force-destroy (GCP): buckets and datasets keep their data on destroy', () => {
  const id = 'X-08.force-destroy';

  test('compliant: false or absent', () => {
    expect(
      verdict(
        id,
        one('google_storage_bucket', { name: 'b', force_destroy: false }),
        'google_storage_bucket.r',
      ).status,
    ).toBe(ComplianceStatus.COMPLIANT);
    expect(
      verdict(id, one('google_bigquery_dataset', { dataset_id: 'd' }), 'google_bigquery_dataset.r')
        .status,
    ).toBe(ComplianceStatus.COMPLIANT);
  });

  test('non-compliant: force_destroy and delete_contents_on_destroy', () => {
    expect(
      verdict(
        id,
        one('google_storage_bucket', { name: 'b', force_destroy: true }),
        'google_storage_bucket.r',
      ),
    ).toEqual({
      status: ComplianceStatus.NON_COMPLIANT,
      reason: 'force_destroy = true: destroying the bucket deletes every object in it',
    });
    expect(
      verdict(
        id,
        one('google_bigquery_dataset', { dataset_id: 'd', delete_contents_on_destroy: true }),
        'google_bigquery_dataset.r',
      ).reason,
    ).toBe('delete_contents_on_destroy = true: destroying the dataset deletes every table in it');
  });

  test('UNKNOWN: an expression', () => {
    expect(
      verdict(
        id,
        one('google_storage_bucket', { name: 'b', force_destroy: '${var.fd}' }),
        'google_storage_bucket.r',
      ).status,
    ).toBe(ComplianceStatus.UNKNOWN);
  });

  test('array form: a block-valued neighbour does not change the verdict', () => {
    for (const lifecycle_rule of [
      [{ action: { type: 'Delete' }, condition: { age: 30 } }],
      { action: { type: 'Delete' }, condition: { age: 30 } },
    ]) {
      expect(
        verdict(
          id,
          one('google_storage_bucket', { name: 'b', force_destroy: true, lifecycle_rule }),
          'google_storage_bucket.r',
        ).status,
      ).toBe(ComplianceStatus.NON_COMPLIANT);
    }
  });
});
