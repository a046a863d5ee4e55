import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { requireProps, Validator } from '../core/errors';
import { uniqueName } from '../core/naming';
import { Persona, PersonaBinding, PersonaModel, SodException } from '../core/personas';
import { awsEnv, AwsEnv } from './env';
import { sagemakerTrustPolicy, trustPolicy } from './policy';
import { validatePersonas } from './props-validation';
import {
  accountId,
  AWS_PRINCIPAL_CANONICALIZER,
  awsValidator,
  iamPolicyArn,
  policyLength,
  TRUST_POLICY_MAX_CHARS,
} from './validation';

/** Props of {@link PersonaRoles}. */
export interface PersonaRolesProps {
  /**
   * Persona → principals allowed to assume that persona's role (IAM role/user ARNs or 12-digit
   * account ids). Keys are `Persona` values. A human persona's role is created only when it
   * has principals; workload roles are always created.
   * @default - no human persona roles
   */
  readonly personas?: { [persona: string]: string[] };
  /**
   * Reasoned exceptions to segregation of duties.
   * @default - none
   */
  readonly sodExceptions?: SodException[];
  /**
   * Prefix of role names.
   * @default 'mlops'
   */
  readonly namePrefix?: string;
  /**
   * Permissions boundary applied to every role.
   * @default - none
   */
  readonly permissionsBoundaryArn?: string;
  /**
   * Account id.
   * @default - the aws_caller_identity data source
   */
  readonly accountId?: string;
}

/** The slug of each persona in role names and construct ids. */
export const PERSONA_ROLE_SLUGS: { [p: string]: string } = {
  [Persona.PLATFORM_ADMIN]: 'ml-admin',
  [Persona.ML_ENGINEER]: 'ml-engineer',
  [Persona.DATA_SCIENTIST]: 'data-scientist',
  [Persona.DATA_ENGINEER]: 'data-engineer',
  [Persona.MODEL_VIEWER]: 'model-viewer',
  [Persona.AUDITOR]: 'auditor',
  [Persona.PIPELINE]: 'pipeline',
  [Persona.TRAINING]: 'execution',
  [Persona.DEPLOYMENT]: 'deployment',
  [Persona.MONITORING]: 'monitoring',
};

/**
 * The persona model on AWS (X-01, X-02, AWS-18): one IAM role per persona. Human roles trust
 * only the mapped principals (with `sts:TagSession` for the `studiouserid` session tag and
 * `sts:SetSourceIdentity`); workload roles trust SageMaker (same account only, with
 * `sts:SetSourceIdentity` for the user profile name a domain passes on), plus mapped CI
 * principals. Policies are attached with {@link attachPolicy}; no AWS managed policy is used.
 */
export class PersonaRoles extends Construct {
  /** Roles by persona. */
  public readonly roles: { [persona: string]: IamRole } = {};
  /** The validated persona bindings. */
  public readonly bindings: PersonaBinding[];
  private readonly env: AwsEnv;
  private readonly props: PersonaRolesProps;

  constructor(scope: Construct, id: string, props: PersonaRolesProps = {}) {
    super(scope, id);
    props = requireProps(this, props, false);
    this.props = props;
    const v = awsValidator(this);
    validatePersonas(v, this, 'personas', props.personas, props.sodExceptions);
    if (props.namePrefix !== undefined && v.string('namePrefix', props.namePrefix)) {
      if (v.literal('namePrefix', props.namePrefix))
        v.require(
          /^[\w+=,.@-]{1,40}$/.test(props.namePrefix),
          'namePrefix',
          props.namePrefix,
          "1-40 letters, digits and '+=,.@_-' (role names add a persona and a suffix, within IAM's 64)",
        );
    }
    iamPolicyArn(v, 'permissionsBoundaryArn', props.permissionsBoundaryArn);
    accountId(v, 'accountId', props.accountId);
    v.throwIfInvalid();
    this.env = awsEnv(this, props.accountId);
    this.bindings = PersonaModel.validate(
      this,
      'personas',
      props.personas,
      props.sodExceptions,
      AWS_PRINCIPAL_CANONICALIZER,
    );

    for (const persona of Object.values(Persona)) {
      const principals = this.principalsOf(persona);
      if (PersonaModel.isWorkload(persona)) {
        this.roles[persona] = this.createRole(
          persona,
          // a domain with execution_role_identity_config USER_PROFILE_NAME passes the user
          // profile name as source identity to every role SageMaker assumes for the user's jobs,
          // pipelines, models and schedules (sts:SetSourceIdentity, AWS-09)
          sagemakerTrustPolicy(this.env.account, principals),
        );
      } else if (principals.length > 0) {
        this.roles[persona] = this.createRole(persona, trustPolicy({ awsPrincipals: principals }));
      }
    }
  }

  /** The role of a persona, if created. */
  public role(persona: Persona): IamRole | undefined {
    return this.roles[persona];
  }

  /** The role ARN of a persona, if created. */
  public roleArn(persona: Persona): string | undefined {
    return this.roles[persona]?.arn;
  }

  /** Attaches an inline policy (JSON) to a persona's role; no-op when the role does not exist. */
  public attachPolicy(
    persona: Persona,
    name: string,
    policyJson: string,
  ): IamRolePolicy | undefined {
    const role = this.roles[persona];
    if (!role) return undefined;
    return new IamRolePolicy(this, `${PERSONA_ROLE_SLUGS[persona]}-${name}`, {
      role: role.id,
      name,
      policy: policyJson,
    });
  }

  /** Attaches a customer managed policy to a persona's role; no-op when the role does not exist. */
  public attachManagedPolicy(persona: Persona, id: string, policyArn: string): void {
    const role = this.roles[persona];
    if (!role) return;
    new IamRolePolicyAttachment(this, `${PERSONA_ROLE_SLUGS[persona]}-${id}`, {
      role: role.name,
      policyArn,
    });
  }

  private principalsOf(persona: Persona): string[] {
    return this.bindings
      .filter((b) => b.persona === persona)
      .map((b) =>
        /^\d{12}$/.test(b.principal)
          ? `arn:${this.env.partition}:iam::${b.principal}:root`
          : b.principal,
      );
  }

  private createRole(persona: Persona, assumeRolePolicy: string): IamRole {
    // IAM refuses a trust policy over its quota at apply (LimitExceeded); the principals of one
    // persona are listed in three statements (assume, tag session, source identity)
    const length = policyLength(assumeRolePolicy);
    if (length > TRUST_POLICY_MAX_CHARS) {
      const v = new Validator(this);
      v.add(
        `personas.${persona}`,
        `${this.principalsOf(persona).length} principals (a trust policy of ${length} characters)`,
        `principals whose trust policy fits IAM's quota of ${TRUST_POLICY_MAX_CHARS} characters (role trust policy length, adjustable to 4096 in Service Quotas): map fewer principals to the persona, e.g. one group role`,
      );
      v.throwIfInvalid();
    }
    return new IamRole(this, PERSONA_ROLE_SLUGS[persona], {
      name: uniqueName(this, {
        prefix: `${this.props.namePrefix ?? 'mlops'}-${PERSONA_ROLE_SLUGS[persona]}`,
        maxLength: 64,
        lowercase: false,
      }),
      description: `secure-mlops ${persona} persona role`,
      assumeRolePolicy,
      permissionsBoundary: this.props.permissionsBoundaryArn,
      maxSessionDuration: PersonaModel.isWorkload(persona) ? undefined : 3600,
      tags: { persona },
    });
  }
}
