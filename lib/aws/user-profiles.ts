import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { SagemakerUserProfile } from '@cdktf/provider-aws/lib/sagemaker-user-profile';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { uniqueName } from '../core/naming';
import { Persona, PersonaModel } from '../core/personas';
import { STUDIO_USER_TAG } from './defaults';
import { sagemakerTrustPolicy } from './policy';
import {
  accountId,
  awsValidator,
  checkedProps,
  ec2Id,
  enumOf,
  iamPolicyArn,
  sagemakerName,
  stringListOf,
} from './validation';
import { isUnresolved } from '../core/errors';

/** Which execution role a user profile runs with (AWS-09). */
export enum ExecutionRoleMode {
  /** The team-level execution role shared by the domain (the TRAINING persona role). */
  TEAM = 'TEAM',
  /** A dedicated execution role for this user. */
  OWN = 'OWN',
}

/** Studio authentication mode (AWS-08): immutable after the domain is created. */
export enum AuthMode {
  /** IAM federation: users open Studio through presigned URLs. */
  IAM = 'IAM',
  /** IAM Identity Center (SSO). */
  SSO = 'SSO',
}

/** One Studio user. */
export interface UserProfileSpec {
  /** Profile name (SageMaker rules: 1-63 letters, digits and hyphens); also the `studiouserid` tag. */
  readonly name: string;
  /** The user's persona (a human persona). */
  readonly persona: Persona;
  /**
   * Execution role of the profile.
   * @default ExecutionRoleMode.TEAM
   */
  readonly executionRole?: ExecutionRoleMode;
  /**
   * IAM Identity Center user name (SSO domains only).
   * @default - the profile name
   */
  readonly ssoUserName?: string;
}

/** Props of {@link StudioUserProfile}. */
export interface StudioUserProfileProps {
  /** The user. */
  readonly spec: UserProfileSpec;
  /** Domain id. */
  readonly domainId: string;
  /** Auth mode of the domain. */
  readonly authMode: AuthMode;
  /** VPC of the domain (for the user's security group). */
  readonly vpcId: string;
  /** Shared Studio security group (egress to endpoints, admitted by the endpoint security group). */
  readonly studioSecurityGroupId: string;
  /** Team execution role ARN (the Studio execution role of the user's persona). */
  readonly teamExecutionRoleArn: string;
  /** Policies attached to a dedicated execution role (execution permissions + guardrails). */
  readonly ownRolePolicyArns: string[];
  /**
   * IAM path prefix of dedicated execution roles; a user's role lives under
   * `<ownRolePath><profile name>/`, so policies can address exactly the caller's own role
   * (`role<ownRolePath>${aws:PrincipalTag/studiouserid}/*`).
   * @default '/'
   */
  readonly ownRolePath?: string;
  /**
   * Account id for the execution role trust condition.
   */
  readonly accountId: string;
  /**
   * Permissions boundary of a dedicated execution role.
   * @default - none
   */
  readonly permissionsBoundaryArn?: string;
}

/**
 * A Studio user profile (AWS-04, AWS-09): tagged `studiouserid` = its name, its own security
 * group (only its own apps may talk to each other) plus the shared Studio group, and either
 * the team execution role or a dedicated one.
 */
export class StudioUserProfile extends Construct {
  /** The profile. */
  public readonly profile: SagemakerUserProfile;
  /** The user's own security group. */
  public readonly securityGroup: SecurityGroup;
  /** The dedicated execution role, when `executionRole` is OWN. */
  public readonly executionRole?: IamRole;
  /** The execution role ARN in use. */
  public readonly executionRoleArn: string;

  constructor(scope: Construct, id: string, props: StudioUserProfileProps) {
    super(scope, id);
    props = checkedProps(this, props, true, validateProfileProps);
    const spec = props.spec;
    this.securityGroup = new SecurityGroup(this, 'sg', {
      vpcId: props.vpcId,
      // EC2 accepts only a-z A-Z 0-9 space and ._-:/()#,@[]+=&;{}!$* in descriptions.
      description: `Studio user ${spec.name}: traffic between the apps of this user only`,
      revokeRulesOnDelete: true,
      tags: { [STUDIO_USER_TAG]: spec.name },
    });
    // read each attribute token once: every token read captures a stack trace (synth speed)
    const sgId = this.securityGroup.id;
    const betweenApps = {
      securityGroupId: sgId,
      referencedSecurityGroupId: sgId,
      ipProtocol: 'tcp',
      fromPort: 0,
      toPort: 65535,
      description: 'Between the apps of this user',
    };
    new VpcSecurityGroupIngressRule(this, 'self-ingress', betweenApps);
    new VpcSecurityGroupEgressRule(this, 'self-egress', betweenApps);

    if ((spec.executionRole ?? ExecutionRoleMode.TEAM) === ExecutionRoleMode.OWN) {
      this.executionRole = new IamRole(this, 'execution-role', {
        name: uniqueName(this, { prefix: `sm-${spec.name}`, maxLength: 64, lowercase: false }),
        path: `${props.ownRolePath ?? '/'}${spec.name}/`,
        description: `SageMaker execution role of Studio user ${spec.name}`,
        assumeRolePolicy: sagemakerTrustPolicy(props.accountId),
        permissionsBoundary: props.permissionsBoundaryArn,
        tags: { [STUDIO_USER_TAG]: spec.name, persona: spec.persona },
      });
      const roleName = this.executionRole.name;
      props.ownRolePolicyArns.forEach((arn, i) => {
        new IamRolePolicyAttachment(this, `execution-policy-${i}`, {
          role: roleName,
          policyArn: arn,
        });
      });
      this.executionRoleArn = this.executionRole.arn;
    } else {
      this.executionRoleArn = props.teamExecutionRoleArn;
    }

    this.profile = new SagemakerUserProfile(this, 'profile', {
      domainId: props.domainId,
      userProfileName: spec.name,
      singleSignOnUserIdentifier: props.authMode === AuthMode.SSO ? 'UserName' : undefined,
      singleSignOnUserValue:
        props.authMode === AuthMode.SSO ? (spec.ssoUserName ?? spec.name) : undefined,
      userSettings: {
        executionRole: this.executionRoleArn,
        securityGroups: [props.studioSecurityGroupId, sgId],
      },
      tags: { [STUDIO_USER_TAG]: spec.name, persona: spec.persona },
    });
  }
}

/** The props of a StudioUserProfile used on its own (e.g. in a tenant stack). */
function validateProfileProps(scope: Construct, props: StudioUserProfileProps): void {
  const v = awsValidator(scope);
  const authOk = enumOf(v, 'authMode', props.authMode, Object.values(AuthMode), {
    optional: false,
    allowed: 'AuthMode.IAM or AuthMode.SSO (the auth mode of the domain)',
  });
  if (v.object('spec', props.spec, { optional: false })) {
    const spec = props.spec as any;
    sagemakerName(v, 'spec.name', spec.name, { literal: true });
    enumOf(v, 'spec.persona', spec.persona, PersonaModel.HUMAN as string[], {
      optional: false,
      allowed: `a human persona: ${PersonaModel.HUMAN.join(', ')}`,
    });
    enumOf(v, 'spec.executionRole', spec.executionRole, Object.values(ExecutionRoleMode));
    if (spec.ssoUserName !== undefined && v.string('spec.ssoUserName', spec.ssoUserName)) {
      if (authOk && props.authMode !== AuthMode.SSO)
        v.add('spec.ssoUserName', spec.ssoUserName, 'only with authMode SSO');
      v.require(
        spec.ssoUserName.length <= 256,
        'spec.ssoUserName',
        spec.ssoUserName,
        'an Identity Center user name of at most 256 characters',
      );
    }
  }
  for (const k of ['domainId', 'vpcId', 'studioSecurityGroupId', 'teamExecutionRoleArn'] as const)
    v.string(k, props[k], { optional: false });
  if (typeof props.domainId === 'string' && !isUnresolved(props.domainId))
    v.require(
      /^d-(-*[a-z0-9]){1,61}$/.test(props.domainId),
      'domainId',
      props.domainId,
      'a SageMaker domain id such as d-xxxxxxxxxxxx (or a reference)',
    );
  if (typeof props.vpcId === 'string') ec2Id(v, 'vpcId', props.vpcId, 'vpc');
  if (typeof props.studioSecurityGroupId === 'string')
    ec2Id(v, 'studioSecurityGroupId', props.studioSecurityGroupId, 'sg');
  if (typeof props.teamExecutionRoleArn === 'string' && !isUnresolved(props.teamExecutionRoleArn))
    v.require(
      /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(props.teamExecutionRoleArn),
      'teamExecutionRoleArn',
      props.teamExecutionRoleArn,
      'an IAM role ARN such as arn:aws:iam::111111111111:role/studio-data-scientist',
    );
  for (const a of stringListOf(v, 'ownRolePolicyArns', props.ownRolePolicyArns, {
    optional: false,
    unique: true,
  }))
    iamPolicyArn(v, a.at, a.value);
  if (
    Array.isArray(props.ownRolePolicyArns) &&
    props.ownRolePolicyArns.length > 10 &&
    props.spec?.executionRole === ExecutionRoleMode.OWN
  )
    v.add(
      'ownRolePolicyArns',
      `${props.ownRolePolicyArns.length} policies`,
      'at most 10 managed policies (IAM attaches at most 10 to a role by default)',
    );
  if (props.ownRolePath !== undefined && v.string('ownRolePath', props.ownRolePath))
    v.require(
      /^\/([\x21-\x7E]*\/)?$/.test(props.ownRolePath) && props.ownRolePath.length <= 400,
      'ownRolePath',
      props.ownRolePath,
      "an IAM path: '/' or '/a/b/', printable ASCII, at most 400 characters (the profile name is added)",
    );
  accountId(v, 'accountId', props.accountId, false);
  iamPolicyArn(v, 'permissionsBoundaryArn', props.permissionsBoundaryArn);
  v.throwIfInvalid();
}
