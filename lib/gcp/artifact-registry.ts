import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { ArtifactRegistryRepository } from '@cdktf/provider-google/lib/artifact-registry-repository';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { requireProps } from '../core/errors';
import { RemovalPolicy } from '../core/removal-policy';
import { GcpIamGrant, bindOnce, bindingId, checkCmekKey, finishGrantingPart } from './common';
import { REGISTRY_DEFAULTS } from './defaults';
import {
  checkNumber,
  checkPattern,
  checkRegion,
  claim,
  closePartValidation,
  literal,
  openProjectValidation,
  projectScope,
} from './validation';

/** Props of {@link GcpArtifactRegistry}. */
export interface GcpArtifactRegistryProps {
  /** Project. */
  readonly projectId: string;
  /** Region. */
  readonly location: string;
  /** CMEK key id (same location). */
  readonly kmsKeyName: string;
  /**
   * Docker repository id.
   * @default 'mlops-containers'
   */
  readonly dockerRepositoryId?: string;
  /**
   * KFP (pipeline templates) repository id.
   * @default 'mlops-pipelines'
   */
  readonly kfpRepositoryId?: string;
  /**
   * Number of most recent versions kept by the cleanup policy.
   * @default 10
   */
  readonly keepRecentVersions?: number;
  /**
   * Resources the repositories wait for (the Artifact Registry agent's key grant, GCP-05).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Removal policy.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Bindings made when the part is created, in order (the same as calling grant() for each).
   * @default - none
   */
  readonly grants?: GcpIamGrant[];
}

const PROPS_KEYS: { [K in keyof Required<GcpArtifactRegistryProps>]: true } = {
  projectId: true,
  location: true,
  kmsKeyName: true,
  dockerRepositoryId: true,
  kfpRepositoryId: true,
  keepRecentVersions: true,
  dependsOn: true,
  removalPolicy: true,
  grants: true,
};

/**
 * Artifact Registry for the platform (GCP-13): a Docker repository (immutable tags,
 * vulnerability scanning inherited from the enabled Container Scanning API) and a KFP
 * repository for pipeline templates, both CMEK-encrypted with cleanup policies.
 */
export class GcpArtifactRegistry extends Construct {
  /** Docker repository. */
  public readonly docker: ArtifactRegistryRepository;
  /** KFP repository. */
  public readonly kfp: ArtifactRegistryRepository;
  /** Bindings made through grant(). */
  public readonly bindings: ArtifactRegistryRepositoryIamMember[] = [];
  private readonly refs: Array<{ project: string; location: string; name: string }>;

  constructor(scope: Construct, id: string, props: GcpArtifactRegistryProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const dockerId = props.dockerRepositoryId ?? 'mlops-containers';
    const kfpId = props.kfpRepositoryId ?? 'mlops-pipelines';
    const keep = props.keepRecentVersions ?? REGISTRY_DEFAULTS.keepRecentVersions;
    const v = openProjectValidation(this, props, PROPS_KEYS);
    // Artifact Registry locations: a region, or the us, europe and asia multi-regions
    if (!(typeof props.location === 'string' && ['us', 'europe', 'asia'].includes(props.location)))
      checkRegion(v, 'location', props.location);
    checkCmekKey(
      v,
      'kmsKeyName',
      props.kmsKeyName,
      props.location,
      'a Cloud KMS key id projects/P/locations/L/keyRings/R/cryptoKeys/K in the registry location',
    );
    for (const [p, val] of [
      ['dockerRepositoryId', dockerId],
      ['kfpRepositoryId', kfpId],
    ]) {
      checkPattern(
        v,
        p,
        val,
        /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/,
        'lowercase letters, digits and hyphens, starting with a letter, at most 63',
        { literal: 'it names the repository' },
      );
    }
    if (literal(dockerId) !== undefined && dockerId === kfpId)
      v.add(
        'kfpRepositoryId',
        kfpId,
        `a repository id other than dockerRepositoryId ('${dockerId}')`,
      );
    checkNumber(v, 'keepRecentVersions', keep, 1, 2147483647); // keepCount is an int32
    closePartValidation(v, props);
    // repository ids are unique in their project and location
    const scopeKey = projectScope(props.projectId, ` location ${props.location}`);
    claim(this, 'Docker or KFP repository', scopeKey, dockerId, 'dockerRepositoryId');
    claim(this, 'Docker or KFP repository', scopeKey, kfpId, 'kfpRepositoryId');

    const cleanup = [
      { id: 'keep-recent', action: 'KEEP', mostRecentVersions: { keepCount: keep } },
      {
        id: 'delete-old-untagged',
        action: 'DELETE',
        condition: { tagState: 'UNTAGGED', olderThan: REGISTRY_DEFAULTS.untaggedOlderThan },
      },
    ];
    this.docker = new ArtifactRegistryRepository(this, 'docker', {
      project: props.projectId,
      location: props.location,
      repositoryId: dockerId,
      format: 'DOCKER',
      description: 'MLOps training and serving images (GCP-13)',
      kmsKeyName: props.kmsKeyName,
      dockerConfig: { immutableTags: true },
      vulnerabilityScanningConfig: { enablementConfig: 'INHERITED' },
      cleanupPolicies: cleanup,
      cleanupPolicyDryRun: false,
      dependsOn: props.dependsOn,
    });
    this.kfp = new ArtifactRegistryRepository(this, 'kfp', {
      project: props.projectId,
      location: props.location,
      repositoryId: kfpId,
      format: 'KFP',
      description: 'MLOps Kubeflow pipeline templates (GCP-13)',
      kmsKeyName: props.kmsKeyName,
      cleanupPolicies: cleanup,
      cleanupPolicyDryRun: false,
      dependsOn: props.dependsOn,
    });
    this.refs = [this.docker, this.kfp].map((r) => ({
      project: r.project,
      location: r.location,
      name: r.name,
    }));
    finishGrantingPart(this, [this.docker, this.kfp], props);
  }

  /**
   * Grants a role on both repositories (resource-level bindings, GCP-03). Idempotent per role and key.
   * @param key stable key of the member for the construct id (required when member is a token)
   */
  public grant(role: string, member: string, key?: string): ArtifactRegistryRepositoryIamMember[] {
    return this.refs.map((repo, i) =>
      bindOnce(
        this,
        `${i === 0 ? 'docker' : 'kfp'}-${bindingId(role, member, key)}`,
        this.bindings,
        (cid) =>
          new ArtifactRegistryRepositoryIamMember(this, cid, {
            project: repo.project,
            location: repo.location,
            repository: repo.name,
            role,
            member,
          }),
      ),
    );
  }
}
