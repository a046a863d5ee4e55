import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { requireProps } from '../core/errors';
import { memberId } from './common';
import {
  checkDuplicates,
  checkKnownKeys,
  checkList,
  checkNonEmptyList,
  checkObjectList,
  checkPattern,
  openProjectValidation,
} from './validation';

/** One Kubernetes service account bound to a platform SA (GCP-17). */
export interface GcpKubernetesBinding {
  /** Kubernetes namespace. */
  readonly namespace: string;
  /** Kubernetes service account name. */
  readonly kubernetesServiceAccount: string;
}

/** Props of {@link GcpWorkloadIdentity}. */
export interface GcpWorkloadIdentityProps {
  /** Workload pool project (PROJECT.svc.id.goog). */
  readonly projectId: string;
  /** The Google service account the KSAs impersonate. */
  readonly serviceAccount: ServiceAccount;
  /** Kubernetes service accounts. */
  readonly bindings: GcpKubernetesBinding[];
  /**
   * What creates the project's workload identity pool (PROJECT.svc.id.goog): the GKE cluster
   * with Workload Identity, as a `google_container_cluster` resource or data source. The pool
   * exists only once such a cluster exists; a binding made before fails with "Identity Pool does
   * not exist". Leave empty only when the cluster is known to exist already.
   * @default - none (the pool must exist before apply)
   */
  readonly dependsOn?: ITerraformDependable[];
}

const BINDING_KEYS: { [K in keyof Required<GcpKubernetesBinding>]: true } = {
  namespace: true,
  kubernetesServiceAccount: true,
};
const PROPS_KEYS: { [K in keyof Required<GcpWorkloadIdentityProps>]: true } = {
  projectId: true,
  serviceAccount: true,
  bindings: true,
  dependsOn: true,
};

/**
 * Workload Identity for GKE workloads (GCP-17): binds Kubernetes service accounts to a platform
 * service account with `roles/iam.workloadIdentityUser`; no keys are ever created. The
 * bindings wait for the cluster that creates the workload identity pool (`dependsOn`).
 */
export class GcpWorkloadIdentity extends Construct {
  /** The bindings. */
  public readonly members: ServiceAccountIamMember[] = [];

  constructor(scope: Construct, id: string, props: GcpWorkloadIdentityProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const v = openProjectValidation(this, props, PROPS_KEYS);
    if (!(props.serviceAccount instanceof ServiceAccount))
      v.add(
        'serviceAccount',
        props.serviceAccount,
        'a google_service_account (ServiceAccount) construct',
      );
    const k8s = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
    if (
      checkNonEmptyList(
        v,
        'bindings',
        props.bindings,
        '{ namespace, kubernetesServiceAccount }',
        'at least one { namespace, kubernetesServiceAccount }',
        checkObjectList,
      )
    ) {
      props.bindings.forEach((b, i) => {
        checkKnownKeys(v, `bindings[${i}]`, b, BINDING_KEYS);
        checkPattern(
          v,
          `bindings[${i}].namespace`,
          b.namespace,
          k8s,
          'a Kubernetes namespace name (RFC 1123 label)',
          { literal: 'it forms the binding construct id' },
        );
        checkPattern(
          v,
          `bindings[${i}].kubernetesServiceAccount`,
          b.kubernetesServiceAccount,
          /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/,
          'a Kubernetes service account name (RFC 1123 subdomain)',
          { literal: 'it forms the binding construct id' },
        );
      });
      checkDuplicates(
        v,
        'bindings',
        props.bindings,
        (b) => `${b.namespace}/${b.kubernetesServiceAccount}`,
        'a Kubernetes service account',
      );
    }
    checkList(v, 'dependsOn', props.dependsOn, 'resources');
    v.throwIfInvalid();
    for (const b of props.bindings) {
      const member = `serviceAccount:${props.projectId}.svc.id.goog[${b.namespace}/${b.kubernetesServiceAccount}]`;
      this.members.push(
        new ServiceAccountIamMember(
          this,
          memberId('wi', `${b.namespace}/${b.kubernetesServiceAccount}`),
          {
            serviceAccountId: props.serviceAccount.name,
            role: 'roles/iam.workloadIdentityUser',
            member,
            dependsOn: props.dependsOn,
          },
        ),
      );
    }
  }
}
