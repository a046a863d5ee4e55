// The contract every platform construct shares: the props each cloud's platform extends, and
// one helper that validates them, so that `environment`, regions, personas, tags and the removal
// policy mean the same thing and fail the same way on every cloud.
import { Validator } from './errors';
import { SodException } from './personas';
import { RemovalPolicy } from './removal-policy';
import { PlatformTags } from './tags';

/**
 * The props every platform construct takes (`SageMakerStudioDomain`, `SecureVertexPipeline`,
 * `AzureMLWorkspace`); each cloud's props extend them.
 */
export interface PlatformCommonProps {
  /**
   * Environment name (dev, staging, prod...). It forms resource names on every cloud, so it is
   * a literal of 1-16 lowercase letters, digits and hyphens that starts with a letter and ends
   * with a letter or digit (the rule the strictest name it forms needs: Azure storage accounts
   * and Key Vaults, GCS buckets, S3 buckets).
   */
  readonly environment: string;

  /**
   * Regions (locations) the platform may place resources and keys in: AWS Regions (the
   * stack's AWS provider region among them), GCP regions and, listed explicitly, multi-regions
   * such as EU (the platform region among them), Azure locations (the workspace location among
   * them). Every provider of the platform's cloud in the stack must be in one of them.
   * @default - the platform's own region / location only
   */
  readonly allowedRegions?: string[];

  /**
   * Persona name (DATA_SCIENTIST, ML_ENGINEER, ...) to the principals that hold it:
   * IAM ARNs or account ids that may assume the persona's role on AWS; members (`user:`,
   * `group:`, `serviceAccount:`) of human personas on GCP; Entra object ids on Azure.
   * @default - no human principals are bound (on Azure the training identity the workspace
   * creates is always bound as TRAINING)
   */
  readonly personas?: { [persona: string]: string[] };

  /**
   * Documented segregation-of-duties exceptions.
   * @default - none
   */
  readonly sodExceptions?: SodException[];

  /**
   * Platform tags merged into every taggable resource. On GCP they are written as
   * labels: keys and values must be valid labels (lowercase letters, digits, `_` and `-`).
   * @default - platform tags from the construct id and environment
   */
  readonly tags?: PlatformTags;

  /**
   * What `terraform destroy` may do to stateful resources.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** The one `environment` rule of every platform. */
export const ENVIRONMENT_PATTERN = /^[a-z]([a-z0-9-]{0,14}[a-z0-9])?$/;

/** An e-mail address of an alert receiver (name@domain.tld), on every cloud. */
export const EMAIL_ADDRESS_PATTERN = /^[^@\s:]+@[^@\s]+\.[^@\s]+$/;

/** What `ENVIRONMENT_PATTERN` allows, in the words of an error message. */
export const ENVIRONMENT_ALLOWED =
  '1-16 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit';

/** What a cloud brings to the validation of the common props. */
export interface PlatformCommonValidation {
  /** Validates `removalPolicy` in the cloud's words (else the generic check of its values). */
  readonly removalPolicy?: (v: Validator, prop: string, value: unknown) => void;
  /**
   * Validates `allowedRegions` (present) with the cloud's region names. Left out, the cloud
   * checks the prop itself (e.g. next to the location it resolves).
   */
  readonly allowedRegions?: (v: Validator, prop: string, value: unknown) => void;
  /** Validates `personas` and `sodExceptions` with the cloud's principal formats (else the cloud does). */
  readonly personas?: (v: Validator, personas: unknown, sodExceptions: unknown) => void;
  /** Validates `tags` (present) with the cloud's tag (label) rules (else the cloud does). */
  readonly tags?: (v: Validator, prop: string, tags: unknown) => void;
}

/**
 * Checks `environment` against the one rule of every platform ({@link ENVIRONMENT_PATTERN}):
 * a required literal string. True when it is a literal string, matching or not.
 */
export function checkPlatformEnvironment(v: Validator, value: unknown): boolean {
  return v.literalName(
    'environment',
    value,
    'it is part of every resource name',
    ENVIRONMENT_PATTERN,
    ENVIRONMENT_ALLOWED,
  );
}

/**
 * Validates the common props of a platform on `v` (problems are recorded, not thrown): the one
 * `environment` rule, the removal policy's values, and the cloud's checks of regions, personas
 * and tags.
 */
export function validatePlatformCommonProps(
  v: Validator,
  props: PlatformCommonProps,
  cloud: PlatformCommonValidation = {},
): void {
  checkPlatformEnvironment(v, props.environment);
  if (cloud.removalPolicy) cloud.removalPolicy(v, 'removalPolicy', props.removalPolicy);
  else v.enumValue('removalPolicy', props.removalPolicy, Object.values(RemovalPolicy));
  if (props.allowedRegions !== undefined && cloud.allowedRegions)
    cloud.allowedRegions(v, 'allowedRegions', props.allowedRegions);
  if (cloud.personas) cloud.personas(v, props.personas, props.sodExceptions);
  if (props.tags !== undefined && cloud.tags) cloud.tags(v, 'tags', props.tags);
}
