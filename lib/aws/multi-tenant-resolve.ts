// Validation and defaults of MultiTenantStudio: props in, the resolved configuration out.
import { Construct } from 'constructs';
import { PlatformTags } from '../core/tags';
import { defaultRoleNamePrefix, platformRoleNamePatterns } from './defaults';
import { providerRegion } from './env';
import type { MultiTenantStudioProps, TenantSpec } from './multi-tenant';
import { validateNetworkProps, startPlatformValidation } from './props-validation';
import {
  accountId,
  checkedProps,
  DEPLOYER_NOT_ROOT,
  iamPrincipalList,
  objectListOf,
  organizationId,
  organizationTrailArn,
  studioInstanceTypeList,
  UniqueNames,
} from './validation';

/** The configuration of a MultiTenantStudio: its validated props with every default applied. */
export interface ResolvedMultiTenantStudioProps {
  /** The validated props, as given. */
  readonly props: MultiTenantStudioProps;
  /** Role name patterns of the tenants' roles, watched by the shared audit. */
  readonly platformRoleNamePatterns: string[];
  /** Tags of the shared parts. */
  readonly sharedTags: PlatformTags;
  /** Regions the shared parts may use, when known. */
  readonly allowedRegions?: string[];
}

/** The props MultiTenantStudio knows (a misspelt prop is an error, not silently ignored). */
const TENANT_STUDIO_PROPS = [
  'environment',
  'authMode',
  'tenants',
  'network',
  'allowedInstanceTypes',
  'tags',
  'allowedRegions',
  'removalPolicy',
  'allowReplacement',
  'auditRemovalPolicy',
  'accountId',
  'organizationTrailArn',
  'deployerPrincipalArns',
  'organizationId',
];

/** The props of a tenant. */
const TENANT_SPEC_PROPS = [
  'tenantId',
  'personas',
  'sodExceptions',
  'userProfiles',
  'modelPackageGroups',
  'costCenter',
];

/** Validates the props of a MultiTenantStudio (one error for every problem) and applies the defaults. */
export function resolveMultiTenantStudioProps(
  scope: Construct,
  id: string,
  props: MultiTenantStudioProps,
): ResolvedMultiTenantStudioProps {
  props = checkedProps(scope, props, true, validateMultiTenantStudioProps);
  const region = providerRegion(scope);
  return {
    props,
    platformRoleNamePatterns: platformRoleNamePatterns(defaultRoleNamePrefix(props.environment)),
    sharedTags: { ...(props.tags ?? {}), platform: props.tags?.platform ?? id },
    allowedRegions: props.allowedRegions ?? (region ? [region] : undefined),
  };
}

/** The domain name of a tenant: `<tenantId>-<environment>`, within SageMaker's 63 characters. */
export function tenantDomainName(tenant: TenantSpec, environment: string): string {
  return `${tenant.tenantId}-${environment}`.slice(0, 63);
}

/** Validates the props of a MultiTenantStudio: throws one ValidationError listing every problem. */
export function validateMultiTenantStudioProps(
  scope: Construct,
  props: MultiTenantStudioProps,
): void {
  const { v, region } = startPlatformValidation(
    scope,
    props,
    'MultiTenantStudio',
    TENANT_STUDIO_PROPS,
  );
  const p = props as any;
  const ids = new UniqueNames(v, 'tenant ids');
  const seen: Array<{ id: string; at: string }> = [];
  for (const { value: t, at } of objectListOf(v, 'tenants', p.tenants, {
    optional: false,
    minLength: 1,
    what: 'a list of tenants',
  })) {
    if (v.literal(`${at}.tenantId`, t.tenantId, "it names and tags the tenant's resources")) {
      if (typeof t.tenantId === 'string' && /^[a-z0-9][a-z0-9-]{0,30}$/.test(t.tenantId)) {
        ids.add(`${at}.tenantId`, t.tenantId);
        // a tenant's models and job log streams are confined by name, `<tenant id>-…` (AWS-30):
        // no id may be another's followed by a hyphen, or its names would be the other's too
        for (const o of seen) {
          const [short, long] =
            o.id.length <= t.tenantId.length
              ? [o, { id: t.tenantId, at }]
              : [{ id: t.tenantId, at }, o];
          if (long.id.startsWith(`${short.id}-`))
            v.add(
              `${long.at}.tenantId`,
              long.id,
              `an id that does not start with another tenant's id and a hyphen ('${short.id}-', ${short.at}.tenantId): tenant names are confined by the prefix '<tenant id>-'`,
            );
        }
        seen.push({ id: t.tenantId, at });
      } else v.add(`${at}.tenantId`, t.tenantId, '1-31 lowercase letters, digits and hyphens');
    }
    if (t.costCenter !== undefined) v.string(`${at}.costCenter`, t.costCenter);
    for (const k of Object.keys(t))
      if (!TENANT_SPEC_PROPS.includes(k))
        v.add(`${at}.${k}`, t[k], `a prop of a tenant (${TENANT_SPEC_PROPS.join(', ')})`);
  }
  validateNetworkProps(v, 'network', p.network, region);
  if (p.allowedInstanceTypes !== undefined)
    studioInstanceTypeList(v, 'allowedInstanceTypes', p.allowedInstanceTypes);
  accountId(v, 'accountId', p.accountId);
  organizationTrailArn(v, 'organizationTrailArn', p.organizationTrailArn);
  iamPrincipalList(v, 'deployerPrincipalArns', p.deployerPrincipalArns, {
    minLength: 1,
    notRoot: DEPLOYER_NOT_ROOT,
  });
  organizationId(v, 'organizationId', p.organizationId);
  v.throwIfInvalid();
}
