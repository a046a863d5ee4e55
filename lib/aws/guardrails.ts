import { Construct } from 'constructs';
import { Annotations, TerraformOutput } from 'cdktf';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { STUDIO_USER_TAG } from './defaults';
import {
  ResolvedGuardrailPoliciesProps,
  resolveGuardrailPoliciesProps,
} from './guardrails-resolve';
import {
  denyOnAnyResource,
  denyAppImageConfigChanges,
  denyWithout,
  policyDocument,
  Statement,
} from './policy';

/** Props of {@link GuardrailPolicies}. */
export interface GuardrailPoliciesProps {
  /**
   * Instance types Studio apps may use (AWS-12). `system` is always added (the default Jupyter
   * Server / system apps need it).
   * @default ['ml.t3.medium', 'ml.t3.large', 'ml.m5.large', 'ml.m5.xlarge']
   */
  readonly allowedInstanceTypes?: string[];
  /**
   * Image ARNs (patterns allowed) Studio apps may use (AWS-13). Include the SageMaker-provided
   * images your users need (e.g. `arn:aws:sagemaker:eu-west-1:*:image/sagemaker-distribution-*`,
   * `arn:aws:sagemaker:eu-west-1:*:image/jupyter-server-3`) and your own custom images.
   * @default - no image restriction (AWS-13 is off until a list is given; SageMaker's image
   * ARNs differ by region and app type, so no safe default list exists)
   */
  readonly approvedImageArns?: string[];
  /** Subnet ids jobs must run in (AWS-17). */
  readonly subnetIds: string[];
  /** Security group ids jobs must use (AWS-17). */
  readonly securityGroupIds: string[];
  /**
   * Require network isolation on training/processing jobs (AWS-17 opt).
   * @default false
   */
  readonly requireNetworkIsolation?: boolean;
  /**
   * The key training and tuning jobs must name for their output, in the identity policies
   * (AWS-16): a job that names another key is denied when it is created rather than failing
   * when it writes its model artifacts to a bucket that takes only this key. Jobs name it by
   * its ARN (the condition key holds an ARN).
   * @default - any key (the SCP, which several platforms of one account share, only requires
   * that a key is named)
   */
  readonly outputKmsKeyArn?: string;
  /**
   * Tag keys required on CreateTrainingJob, CreateProcessingJob and
   * CreateHyperParameterTuningJob by users (AWS-15).
   * @default ['studiouserid']
   */
  readonly requiredJobTagKeys?: string[];
  /**
   * Principal ARN patterns exempt from the admin-only AppImageConfig rule in the SCP (AWS-19).
   * Use a pattern that covers every platform's admin role when several platforms (tenants)
   * share an account, so that their SCPs compose.
   * @default - none (the SCP then denies everybody; the platform passes its admin role pattern)
   */
  readonly adminPrincipalArns?: string[];
  /**
   * Principals that run Terraform, exempt in the SCP from two rules: that every UpdateDomain
   * carries the sharing key (Terraform sends only the settings that changed), and that only
   * the admins change app image configs (AWS-19: the stack manages those of `customImages`).
   * @default - none
   */
  readonly deployerPrincipalArns?: string[];
  /**
   * Emit the SCP documents as Terraform outputs (`<id>-scp-*`).
   * @default true
   */
  readonly emitScpOutputs?: boolean;
}

/** SCP size limit (characters, whitespace excluded). */
const SCP_MAX_CHARS = 5120;
/** Customer managed policy size limit. */
const POLICY_MAX_CHARS = 6144;

/** The jobs whose output (model artifacts) must be written under the platform key (AWS-16). */
const TRAINING_OUTPUT_ACTIONS = [
  'sagemaker:CreateTrainingJob',
  'sagemaker:CreateHyperParameterTuningJob',
];

const JOB_ACTIONS = [
  'sagemaker:CreateTrainingJob',
  'sagemaker:CreateProcessingJob',
  'sagemaker:CreateHyperParameterTuningJob',
];

/**
 * The s004 guardrails as policy documents (AWS-12 … AWS-17, AWS-19): each is attached as an
 * identity policy (customer managed `aws_iam_policy`) and also emitted as an SCP JSON output
 * for the organisation's management account. All are Deny statements, so they only narrow.
 */
export class GuardrailPolicies extends Construct {
  /** AWS-12, AWS-13, AWS-19: Studio app guardrails (instance types, images, app image configs). */
  public readonly studioAppsDocument: string;
  /** AWS-14, AWS-15 (profiles), AWS-16: domain-level guardrails. */
  public readonly domainDocument: string;
  /** AWS-16 (endpoints, monitoring), AWS-17: job guardrails. */
  public readonly jobsDocument: string;
  /** AWS-15 (jobs): tags required on jobs created by users (attached to user execution roles). */
  public readonly jobTagsDocument: string;
  /** The same guardrails, without AWS-19, for the platform admin. */
  public readonly adminStudioAppsDocument: string;
  /** SCP form (organisation level; AWS-14 VpcOnly domains, AWS-16, AWS-19 with admin exemption, AWS-12). */
  public readonly scpDocument: string;
  /** Identity policy for every non-admin role. */
  public readonly studioAppsPolicy: IamPolicy;
  /** Identity policy for the admin role. */
  public readonly adminStudioAppsPolicy: IamPolicy;
  /** Identity policy with the domain guardrails. */
  public readonly domainPolicy: IamPolicy;
  /** Identity policy with the job guardrails (attached to execution and workload roles). */
  public readonly jobsPolicy: IamPolicy;
  /** Identity policy with the job tag guardrails (attached to user execution roles). */
  public readonly jobTagsPolicy: IamPolicy;
  /** Instance types in force (with `system`). */
  public readonly allowedInstanceTypes: string[];

  constructor(scope: Construct, id: string, props: GuardrailPoliciesProps) {
    super(scope, id);
    const r = resolveGuardrailPoliciesProps(this, props);
    this.allowedInstanceTypes = r.allowedInstanceTypes;
    const docs = guardrailDocuments(r);
    this.studioAppsDocument = docs.studioApps;
    this.adminStudioAppsDocument = docs.adminStudioApps;
    this.domainDocument = docs.domain;
    this.jobsDocument = docs.jobs;
    this.jobTagsDocument = docs.jobTags;
    this.scpDocument = docs.scp;
    const policy = (pid: string, description: string, document: string): IamPolicy =>
      new IamPolicy(this, pid, { description, policy: document });
    this.studioAppsPolicy = policy(
      'studio-apps',
      'AWS-12/13/19 Studio app guardrails',
      this.studioAppsDocument,
    );
    this.adminStudioAppsPolicy = policy(
      'admin-studio-apps',
      'AWS-12/13 Studio app guardrails (admin)',
      this.adminStudioAppsDocument,
    );
    this.domainPolicy = policy('domain', 'AWS-14/15/16 domain guardrails', this.domainDocument);
    this.jobsPolicy = policy('jobs', 'AWS-16/17 job guardrails', this.jobsDocument);
    this.jobTagsPolicy = policy('job-tags', 'AWS-15 job tag guardrails', this.jobTagsDocument);

    for (const [name, doc, max] of [
      ['studio-apps', this.studioAppsDocument, POLICY_MAX_CHARS],
      ['domain', this.domainDocument, POLICY_MAX_CHARS],
      ['jobs', this.jobsDocument, POLICY_MAX_CHARS],
      ['scp', this.scpDocument, SCP_MAX_CHARS],
    ] as Array<[string, string, number]>) {
      if (doc.length > max) {
        Annotations.of(this).addWarning(
          `${name} guardrail document is ${doc.length} characters before token resolution; AWS limits it to ${max}`,
        );
      }
    }
    if (r.emitScpOutputs) {
      new TerraformOutput(this, 'scp', {
        value: this.scpDocument,
        description:
          'Service control policy (JSON) with the SageMaker guardrails, to attach in the organisation management account',
      });
    }
  }
}

/** The guardrail documents (identity policies and SCP) of a resolved configuration. */
interface GuardrailDocuments {
  readonly studioApps: string;
  readonly adminStudioApps: string;
  readonly domain: string;
  readonly jobs: string;
  readonly jobTags: string;
  readonly scp: string;
}

/** The guardrail statements (all Deny) as identity-policy and SCP documents. */
function guardrailDocuments(r: ResolvedGuardrailPoliciesProps): GuardrailDocuments {
  // A space's settings carry the default instance type and images of the apps it starts: an app
  // created without naming them may carry no sagemaker:InstanceTypes / ImageArns, so the space
  // calls are held to the same lists (their condition keys in the Service Authorization
  // Reference).
  const appCalls = ['sagemaker:CreateApp', 'sagemaker:CreateSpace', 'sagemaker:UpdateSpace'];
  const instanceTypes = denyOnAnyResource('AWS12LimitInstanceTypes', appCalls, {
    'ForAnyValue:StringNotLike': { 'sagemaker:InstanceTypes': r.allowedInstanceTypes },
  });
  const imageArns: Statement[] =
    r.approvedImageArns.length > 0
      ? [
          denyOnAnyResource('AWS13ApprovedImagesOnly', appCalls, {
            'ForAnyValue:StringNotLike': { 'sagemaker:ImageArns': r.approvedImageArns },
          }),
        ]
      : [];
  const appImageConfig = denyAppImageConfigChanges('AWS19AppImageConfigAdminOnly');
  const vpcOnly: Statement[] = [
    denyOnAnyResource('AWS14DomainVpcOnly', 'sagemaker:CreateDomain', {
      StringNotEquals: { 'sagemaker:AppNetworkAccessType': 'VpcOnly' },
    }),
    denyWithout('AWS14DomainSubnets', 'sagemaker:CreateDomain', 'sagemaker:VpcSubnets'),
    denyWithout(
      'AWS14DomainSecurityGroups',
      'sagemaker:CreateDomain',
      'sagemaker:VpcSecurityGroupIds',
    ),
  ];
  const profileTags = denyWithout(
    'AWS15UserProfileTagged',
    'sagemaker:CreateUserProfile',
    `aws:RequestTag/${STUDIO_USER_TAG}`,
  );
  const jobTagStatements: Statement[] = r.requiredJobTagKeys.map((k, i) =>
    denyWithout(
      `AWS15JobsTagged${i}`,
      // a tuning job's training jobs carry the tuning job's tags
      JOB_ACTIONS,
      `aws:RequestTag/${k}`,
    ),
  );
  // The monitoring job's cluster and output are set where the job is defined: in a job
  // definition (Create*JobDefinition, the form of the SageMaker Python SDK monitors and of
  // aws_sagemaker_monitoring_schedule), or inline in the schedule. A schedule that names a job
  // definition carries no cluster (no sagemaker:InstanceTypes) and no keys: only inline
  // definitions are held to the keys there.
  const monitoringJobs = [
    'sagemaker:CreateMonitoringSchedule',
    'sagemaker:UpdateMonitoringSchedule',
    'sagemaker:CreateDataQualityJobDefinition',
    'sagemaker:CreateModelQualityJobDefinition',
    'sagemaker:CreateModelBiasJobDefinition',
    'sagemaker:CreateModelExplainabilityJobDefinition',
  ];
  const monitoringKey = (sid: string, key: string): Statement =>
    denyOnAnyResource(sid, monitoringJobs, {
      Null: { [key]: 'true', 'sagemaker:InstanceTypes': 'false' },
    });
  const encryption: Statement[] = [
    denyWithout(
      'AWS16EndpointConfigKms',
      'sagemaker:CreateEndpointConfig',
      'sagemaker:VolumeKmsKeyArn',
    ),
    monitoringKey('AWS16MonitoringVolumeKms', 'sagemaker:VolumeKmsKeyArn'),
    monitoringKey('AWS16MonitoringOutputKms', 'sagemaker:OutputKmsKeyArn'),
    // A training job's output goes to S3 with the output key, and without one SageMaker asks S3
    // for the account's AWS managed key (aws/s3): the model artifacts would leave the platform
    // key. Training always has an output config; a processing job may have none, so it is not
    // held to the key here (the data bucket refuses writes under another key, AWS-07).
    denyWithout('AWS16TrainingOutputKms', TRAINING_OUTPUT_ACTIONS, 'sagemaker:OutputKmsKeyArn'),
  ];
  // Condition keys of the Service Authorization Reference (the `...KmsKey` keys without `Arn`
  // are deprecated and no longer defined for these actions): CreateDomain carries
  // VolumeKmsKeyArn and DomainSharingOutputKmsKeyArn, UpdateDomain DomainSharingOutputKmsKeyArn.
  const sharingKey = 'sagemaker:DomainSharingOutputKmsKeyArn';
  const domainEncryption: Statement[] = [
    denyWithout('AWS16DomainVolumeKms', 'sagemaker:CreateDomain', 'sagemaker:VolumeKmsKeyArn'),
    denyWithout(
      'AWS16DomainSharingKms',
      ['sagemaker:CreateDomain', 'sagemaker:UpdateDomain'],
      sharingKey,
    ),
  ];
  const deployers = r.deployerPrincipalArns;
  const scpDomainEncryption: Statement[] =
    deployers.length === 0
      ? domainEncryption
      : [
          domainEncryption[0],
          denyWithout('AWS16DomainSharingKms', 'sagemaker:CreateDomain', sharingKey),
          denyOnAnyResource('AWS16DomainUpdateSharingKms', 'sagemaker:UpdateDomain', {
            Null: { [sharingKey]: 'true' },
            ArnNotLike: { 'aws:PrincipalArn': deployers },
          }),
        ];
  const jobsVpc: Statement[] = [
    denyWithout('AWS17JobsInVpc', JOB_ACTIONS, 'sagemaker:VpcSubnets'),
    denyOnAnyResource('AWS17JobsPlatformSubnets', JOB_ACTIONS, {
      'ForAnyValue:StringNotEquals': { 'sagemaker:VpcSubnets': r.subnetIds },
    }),
    denyOnAnyResource('AWS17JobsPlatformSecurityGroups', JOB_ACTIONS, {
      'ForAnyValue:StringNotEquals': { 'sagemaker:VpcSecurityGroupIds': r.securityGroupIds },
    }),
    denyOnAnyResource('AWS17InterContainerEncryption', JOB_ACTIONS, {
      // IfExists: a request that leaves the setting out (off by default) is denied too, whether
      // or not SageMaker puts the key in the request context then
      BoolIfExists: { 'sagemaker:InterContainerTrafficEncryption': 'false' },
    }),
  ];
  if (r.requireNetworkIsolation) {
    jobsVpc.push(
      denyOnAnyResource('AWS17NetworkIsolation', JOB_ACTIONS, {
        BoolIfExists: { 'sagemaker:NetworkIsolation': 'false' },
      }),
    );
  }

  // the deployer creates, updates and deletes the app image configs of `customImages`
  const appImageManagers = [...r.adminPrincipalArns, ...deployers];
  const scpAppImage: Statement = {
    ...appImageConfig,
    ...(appImageManagers.length > 0
      ? { Condition: { ArnNotLike: { 'aws:PrincipalArn': appImageManagers } } }
      : {}),
  };
  const scp = policyDocument([
    instanceTypes,
    scpAppImage,
    ...vpcOnly,
    ...scpDomainEncryption,
    ...encryption,
  ]);
  // AWS-16: the platform key only, by ARN (the condition key is ARN-typed), in the identity
  // policies; the SCP keeps the Null form above
  const platformOutputKey: Statement[] =
    r.outputKmsKeyArn === undefined
      ? []
      : [
          denyOnAnyResource('AWS16TrainingPlatformKey', TRAINING_OUTPUT_ACTIONS, {
            ArnNotEquals: { 'sagemaker:OutputKmsKeyArn': r.outputKmsKeyArn },
          }),
        ];
  return {
    studioApps: policyDocument([instanceTypes, ...imageArns, appImageConfig]),
    adminStudioApps: policyDocument([instanceTypes, ...imageArns]),
    domain: policyDocument([...vpcOnly, profileTags, ...domainEncryption]),
    jobs: policyDocument([...encryption, ...platformOutputKey, ...jobsVpc]),
    jobTags: policyDocument(jobTagStatements),
    scp,
  };
}
