import { Construct } from 'constructs';
import { SagemakerModelPackageGroup } from '@cdktf/provider-aws/lib/sagemaker-model-package-group';
import { SagemakerModelPackageGroupPolicy } from '@cdktf/provider-aws/lib/sagemaker-model-package-group-policy';
import { requireProps, Validator } from '../core/errors';
import { claimName } from '../core/name-claims';
import { applyRemovalPolicy, RemovalPolicy } from '../core/removal-policy';
import { awsEnv, AwsEnv } from './env';
import { policyDocument } from './policy';
import {
  accountId,
  accountRegionScope,
  awsValidator,
  awsRegion,
  objectListOf,
  removalPolicy,
  sagemakerName,
  stringListOf,
  UniqueNames,
} from './validation';

/** A model package group of the registry. */
export interface ModelPackageGroupSpec {
  /** Group name (SageMaker name rules). */
  readonly name: string;
  /**
   * Description.
   * @default - none
   */
  readonly description?: string;
  /**
   * Accounts (12-digit ids) that may read and deploy the group's packages (cross-account dev → prod).
   * @default - none
   */
  readonly consumerAccounts?: string[];
}

/** Props of {@link ModelRegistry}. */
export interface ModelRegistryProps {
  /** The model package groups. */
  readonly groups: ModelPackageGroupSpec[];
  /**
   * Account id.
   * @default - the aws_caller_identity data source
   */
  readonly accountId?: string;
  /**
   * Region.
   * @default - the stack's AWS provider region, else the aws_region data source
   */
  readonly region?: string;
  /**
   * What happens to the groups on destroy.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Internal: checks one model package group spec at `at` (name, description, consumer
 * accounts), adding its name to `names`.
 */
export function checkModelPackageGroupSpec(
  v: Validator,
  at: string,
  g: ModelPackageGroupSpec,
  names: UniqueNames,
): void {
  if (sagemakerName(v, `${at}.name`, g.name, { literal: true })) names.add(`${at}.name`, g.name);
  if (
    g.description !== undefined &&
    v.string(`${at}.description`, g.description, { allowEmpty: true })
  )
    v.require(
      g.description.length <= 1024,
      `${at}.description`,
      g.description,
      'at most 1024 characters',
    );
  for (const a of stringListOf(v, `${at}.consumerAccounts`, g.consumerAccounts, {
    unique: true,
  }))
    accountId(v, a.at, a.value, false);
}

/**
 * The SageMaker model registry (AWS-24): model package groups, each with a resource policy
 * admitting only the named consumer accounts to describe/list its packages. Who may register
 * (data scientists, pipelines) and approve (ML engineers only) is set on the persona roles.
 */
export class ModelRegistry extends Construct {
  /** Groups by name. */
  public readonly groups: { [name: string]: SagemakerModelPackageGroup } = {};
  /** Resource policies by group name. */
  public readonly policies: { [name: string]: SagemakerModelPackageGroupPolicy } = {};
  /** ARNs of all groups (literal ARNs built from name, account and region). */
  public readonly groupArns: string[] = [];
  /** Consumer accounts across all groups. */
  public readonly consumerAccounts: string[] = [];
  private readonly env: AwsEnv;

  constructor(scope: Construct, id: string, props: ModelRegistryProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const v = awsValidator(this);
    const names = new UniqueNames(v, 'group names', true);
    for (const { value: g, at } of objectListOf(v, 'groups', props.groups, { optional: false })) {
      checkModelPackageGroupSpec(v, at, g, names);
    }
    accountId(v, 'accountId', props.accountId);
    if (props.region !== undefined) awsRegion(v, 'region', props.region, { literal: true });
    removalPolicy(v, 'removalPolicy', props.removalPolicy);
    v.throwIfInvalid();
    this.env = awsEnv(this, props.accountId, props.region);
    const scopeKey = accountRegionScope(this, this.env.account, this.env.region);
    for (const g of props.groups) {
      // model package group names are unique in an account and Region (CreateModelPackageGroup)
      claimName(this, 'SageMaker model package group', scopeKey, g.name.toLowerCase(), 'groups');
      const group = new SagemakerModelPackageGroup(this, g.name, {
        modelPackageGroupName: g.name,
        modelPackageGroupDescription: g.description,
      });
      applyRemovalPolicy(group, props.removalPolicy);
      this.groups[g.name] = group;
      const groupArn = this.groupArn(g.name);
      this.groupArns.push(groupArn);
      const consumers = g.consumerAccounts ?? [];
      consumers.forEach((a) => this.consumerAccounts.includes(a) || this.consumerAccounts.push(a));
      if (consumers.length > 0) {
        this.policies[g.name] = new SagemakerModelPackageGroupPolicy(this, `${g.name}-policy`, {
          modelPackageGroupName: group.modelPackageGroupName,
          resourcePolicy: policyDocument([
            {
              Sid: 'AWS24ConsumerAccountsRead',
              Effect: 'Allow',
              Principal: { AWS: consumers.map((a) => `arn:${this.env.partition}:iam::${a}:root`) },
              Action: [
                'sagemaker:DescribeModelPackageGroup',
                'sagemaker:DescribeModelPackage',
                'sagemaker:ListModelPackages',
              ],
              Resource: [
                groupArn,
                `arn:${this.env.partition}:sagemaker:${this.env.region}:${this.env.account}:model-package/${g.name.toLowerCase()}/*`,
              ],
            },
          ]),
        });
      }
    }
  }

  /** ARN of a group by name (SageMaker lower-cases resource names in ARNs). */
  public groupArn(name: string): string {
    return `arn:${this.env.partition}:sagemaker:${this.env.region}:${this.env.account}:model-package-group/${name.toLowerCase()}`;
  }
}
