import { Construct } from 'constructs';
import { ITerraformDependable, dependable } from 'cdktf';
import { Project } from '@cdktf/provider-google/lib/project';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { requireProps } from '../core/errors';
import { RemovalPolicy, applyRemovalPolicy } from '../core/removal-policy';
import { PLATFORM_APIS } from './defaults';
import {
  checkKnownKeys,
  checkList,
  checkPattern,
  checkProjectId,
  checkRemovalPolicy,
  claim,
  openValidation,
} from './validation';

/** Creates the platform project under a folder with a billing account (optional). */
export interface GcpProjectCreationProps {
  /** Folder id (digits, or `folders/123`) the project is created under. */
  readonly folderId: string;
  /** Billing account id, e.g. 012345-6789AB-CDEF01. */
  readonly billingAccount: string;
  /**
   * Display name.
   * @default - the project id
   */
  readonly name?: string;
}

/** Props of {@link GcpProject}. */
export interface GcpProjectProps {
  /** Project id (existing, or the id of the project to create). */
  readonly projectId: string;
  /**
   * Create the project instead of using an existing one.
   * @default - the project exists
   */
  readonly create?: GcpProjectCreationProps;
  /**
   * APIs to enable (never disabled on destroy).
   * @default - the platform APIs (aiplatform, storage, bigquery, cloudkms, ...)
   */
  readonly apis?: string[];
  /**
   * Removal policy of a created project (RETAIN: deletion_policy PREVENT + prevent_destroy).
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

const PROPS_KEYS: { [K in keyof Required<GcpProjectProps>]: true } = {
  projectId: true,
  create: true,
  apis: true,
  removalPolicy: true,
};
const CREATE_KEYS: { [K in keyof Required<GcpProjectCreationProps>]: true } = {
  folderId: true,
  billingAccount: true,
  name: true,
};

/**
 * The platform project: an existing one (looked up for its number) or a new one under a folder
 * with billing, plus the enabled APIs.
 */
export class GcpProject extends Construct {
  /** The project id. */
  public readonly projectId: string;
  /** The project number (a token). */
  public readonly projectNumber: string;
  /** The created project, when `create` is given. */
  public readonly project?: Project;
  /** The project lookup, when the project exists. */
  public readonly lookup?: DataGoogleProject;
  /** Enabled APIs by service name. */
  public readonly services: { [api: string]: ProjectService } = {};

  constructor(scope: Construct, id: string, props: GcpProjectProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const v = openValidation(this, props, PROPS_KEYS);
    checkKnownKeys(v, 'create', props.create, CREATE_KEYS);
    checkProjectId(v, 'projectId', props.projectId);
    checkRemovalPolicy(v, 'removalPolicy', props.removalPolicy);
    if (v.object('create', props.create) && props.create !== undefined) {
      checkPattern(
        v,
        'create.folderId',
        props.create.folderId,
        /^(folders\/)?\d+$/,
        'a folder id such as 123456789012 or folders/123456789012',
      );
      checkPattern(
        v,
        'create.billingAccount',
        props.create.billingAccount,
        /^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/,
        'a billing account id such as 012345-6789AB-CDEF01 (upper-case hex)',
      );
      checkPattern(
        v,
        'create.name',
        props.create.name,
        /^[A-Za-z0-9 '"!-]{4,30}$/,
        '4-30 letters, digits, spaces and \'"!-',
        { optional: true },
      );
      // a project id is unique across Google Cloud
      if (!v.hasProblems) claim(this, 'project', 'Google Cloud', props.projectId, 'projectId');
    }
    if (checkList(v, 'apis', props.apis, 'service names')) {
      (props.apis ?? []).forEach((api, i) =>
        checkPattern(
          v,
          `apis[${i}]`,
          api,
          /^[a-z0-9-]+(\.[a-z0-9-]+)*\.googleapis\.com$/,
          'a service name such as aiplatform.googleapis.com',
        ),
      );
    }
    v.throwIfInvalid();

    let deps: ITerraformDependable[] = [];
    if (props.create) {
      this.project = new Project(this, 'project', {
        projectId: props.projectId,
        name: props.create.name ?? props.projectId,
        folderId: props.create.folderId.replace(/^folders\//, ''),
        billingAccount: props.create.billingAccount,
        autoCreateNetwork: false,
        deletionPolicy:
          (props.removalPolicy ?? RemovalPolicy.RETAIN) === RemovalPolicy.RETAIN
            ? 'PREVENT'
            : 'DELETE',
      });
      applyRemovalPolicy(this.project, props.removalPolicy);
      this.projectId = this.project.projectId;
      this.projectNumber = this.project.number;
      deps = [this.project];
    } else {
      this.lookup = new DataGoogleProject(this, 'lookup', { projectId: props.projectId });
      this.projectId = props.projectId;
      this.projectNumber = this.lookup.number;
    }
    for (const api of [...new Set(props.apis ?? PLATFORM_APIS)].sort()) {
      this.services[api] = new ProjectService(this, `api-${api.split('.')[0]}`, {
        project: this.projectId,
        service: api,
        disableOnDestroy: false,
        disableDependentServices: false,
        dependsOn: deps,
      });
    }
  }

  /**
   * Makes the enablement of `service` wait for `dependencies` (e.g. compute.googleapis.com for
   * the org policy that stops the default compute service account's Editor grant, GCP-01).
   * No effect when the service is not enabled here.
   */
  public enableAfter(service: string, dependencies: ITerraformDependable[]): void {
    const s = this.services[service];
    if (!s) return;
    const deps = [...(s.dependsOn ?? [])];
    for (const d of dependencies) {
      const ref = dependable(d);
      if (!deps.includes(ref)) deps.push(ref);
    }
    s.dependsOn = deps;
  }

  /** The enabled-API resource of one service (e.g. 'cloudkms.googleapis.com'), as a depends_on list. */
  public api(service: string): ITerraformDependable[] {
    const s = this.services[service];
    return s ? [s] : [];
  }

  /** The enabled-API resources, for depends_on. */
  public get apiDependencies(): ITerraformDependable[] {
    return Object.values(this.services);
  }
}
