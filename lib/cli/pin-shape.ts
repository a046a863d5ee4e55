// The plan shape of a stack: its resource addresses and, for the resource types in
// REPLACEMENT_ATTRIBUTES, the values of the attributes whose change makes Terraform replace the
// resource (destroy, then create). An attribute inside a nested block is named by its dot path
// (`domain_settings.security_group_ids`). Comparing two shapes tells what `terraform plan` would
// destroy, create or replace because of a change in the code, without state or credentials.
// Used by `cdktf-secure-mlops pin` and by this project's own pinned example addresses (X-12).

import { referenceGraph } from '../core/rules/references';

/** Provider source folders the entries of REPLACEMENT_ATTRIBUTES were checked against. */
const AWS = 'hashicorp/terraform-provider-aws internal/service/';
const GOOGLE = 'hashicorp/terraform-provider-google v6.50.0 google/services/';
const GOOGLE_BETA = 'hashicorp/terraform-provider-google-beta v6.50.0 google-beta/services/';
const AZURERM = 'hashicorp/terraform-provider-azurerm v4.55.0 internal/services/';

/**
 * The replacement-forcing attributes a GCP resource placed by name, project and location has
 * (copied into each entry, so that no two entries share a list).
 */
const GCP_PLACED = ['name', 'location', 'project'];

/**
 * The replacement-forcing attributes an Azure resource placed by name, resource group and
 * location has (copied into each entry).
 */
const ARM_PLACED = ['name', 'resource_group_name', 'location'];

/** One REPLACEMENT_ATTRIBUTES entry. */
export interface ReplacementEntry {
  /** Attribute names; a dot path names an attribute inside a nested block. */
  readonly attributes: string[];
  /** The provider source file declaring them (see forceNew). */
  readonly source: string;
  /**
   * Attributes whose change forces replacement only in some cases (the provider's
   * `ForceNewIfChange` / `CustomizeDiff`), with the case, as the change report words it.
   */
  readonly conditions?: { readonly [attribute: string]: string };
}

/**
 * One REPLACEMENT_ATTRIBUTES entry: the attributes, and the provider source `file` (under `root`)
 * declaring them, with the schema helpers it declares them through where that is not plain.
 * `conditions` lists the attributes of `attributes` that force replacement only in some cases.
 */
function forceNew(
  root: string,
  file: string,
  attributes: string[],
  conditions?: { [attribute: string]: string },
): ReplacementEntry {
  return conditions
    ? { attributes, source: root + file, conditions }
    : { attributes, source: root + file };
}

/**
 * Attributes that force a new resource (`ForceNew: true` in the provider schema), for the resource
 * types this library emits whose replacement loses data, identity or history. Checked against
 * the provider sources of the versions the library is built for (AWS 6.25, google 6.50,
 * azurerm 4.55); attributes not listed here may force replacement too. A nested attribute is
 * listed by its dot path only when it is `ForceNew` itself (a block pinned whole, such as
 * `gce_setup.vm_image`, is `ForceNew` and so is every attribute inside it): a `ForceNew` list
 * block (SDKv2) replaces the resource when the block is added or removed, not when an attribute
 * inside it changes.
 */
export const REPLACEMENT_ATTRIBUTES: { readonly [type: string]: ReplacementEntry } = {
  aws_s3_bucket: forceNew(AWS, 's3/bucket.go', ['bucket', 'bucket_prefix', 'object_lock_enabled']),
  aws_kms_key: forceNew(AWS, 'kms/key.go', ['customer_master_key_spec', 'key_usage']),
  aws_sagemaker_domain: forceNew(AWS, 'sagemaker/domain.go', [
    'domain_name',
    'auth_mode',
    'vpc_id',
    'subnet_ids',
    'kms_key_id',
    'app_network_access_type',
    'retention_policy',
    'domain_settings.security_group_ids',
  ]),
  aws_sagemaker_user_profile: forceNew(AWS, 'sagemaker/user_profile.go', [
    'domain_id',
    'user_profile_name',
    'single_sign_on_user_identifier',
    'single_sign_on_user_value',
  ]),
  aws_subnet: forceNew(AWS, 'ec2/vpc_subnet.go', ['vpc_id', 'cidr_block', 'availability_zone']),
  aws_security_group: forceNew(AWS, 'ec2/vpc_security_group.go', ['vpc_id', 'description']),
  google_storage_bucket: forceNew(GOOGLE, 'storage/resource_storage_bucket.go', [
    ...GCP_PLACED,
    'enable_object_retention',
  ]),
  google_kms_key_ring: forceNew(GOOGLE, 'kms/resource_kms_key_ring.go', [...GCP_PLACED]),
  google_kms_crypto_key: forceNew(GOOGLE, 'kms/resource_kms_crypto_key.go', [
    'name',
    'key_ring',
    'purpose',
    'import_only',
    'destroy_scheduled_duration',
    'version_template.protection_level',
  ]),
  google_bigquery_dataset: forceNew(GOOGLE, 'bigquery/resource_bigquery_dataset.go', [
    'dataset_id',
    'location',
    'project',
  ]),
  google_compute_network: forceNew(GOOGLE, 'compute/resource_compute_network.go', [
    'name',
    'auto_create_subnetworks',
    'project',
  ]),
  google_compute_subnetwork: forceNew(GOOGLE, 'compute/resource_compute_subnetwork.go', [
    'name',
    'network',
    'region',
    'project',
  ]),
  google_service_account: forceNew(GOOGLE, 'resourcemanager/resource_google_service_account.go', [
    'account_id',
    'project',
  ]),
  google_artifact_registry_repository: forceNew(
    GOOGLE,
    'artifactregistry/resource_artifact_registry_repository.go',
    ['repository_id', 'location', 'format', 'mode', 'kms_key_name', 'project'],
  ),
  google_project_iam_custom_role: forceNew(
    GOOGLE,
    'resourcemanager/resource_google_project_iam_custom_role.go',
    ['role_id', 'project'],
  ),
  google_workbench_instance: forceNew(GOOGLE, 'workbench/resource_workbench_instance.go', [
    ...GCP_PLACED,
    'instance_owners',
    'disable_proxy_access',
    'gce_setup.vm_image',
    'gce_setup.service_accounts',
    'gce_setup.network_interfaces',
    'gce_setup.disable_public_ip',
    'gce_setup.enable_ip_forwarding',
    'gce_setup.boot_disk.disk_type',
    'gce_setup.boot_disk.disk_encryption',
    'gce_setup.boot_disk.kms_key',
    'gce_setup.data_disks.disk_type',
    'gce_setup.data_disks.disk_encryption',
    'gce_setup.data_disks.kms_key',
  ]),
  google_vertex_ai_metadata_store: forceNew(
    GOOGLE_BETA,
    'vertexai/resource_vertex_ai_metadata_store.go (beta-only resource; no Update)',
    ['name', 'region', 'project', 'description', 'encryption_spec.kms_key_name'],
  ),
  google_vertex_ai_endpoint: forceNew(GOOGLE, 'vertexai/resource_vertex_ai_endpoint.go', [
    'name',
    'location',
    'region',
    'project',
    'network',
    'encryption_spec.kms_key_name',
    'private_service_connect_config.enable_private_service_connect',
  ]),
  google_vertex_ai_tensorboard: forceNew(GOOGLE, 'vertexai/resource_vertex_ai_tensorboard.go', [
    'region',
    'project',
    'encryption_spec.kms_key_name',
  ]),
  google_logging_project_bucket_config: forceNew(
    GOOGLE,
    'logging/resource_logging_project_bucket_config.go',
    ['bucket_id', 'location', 'project'],
  ),
  azurerm_resource_group: forceNew(
    AZURERM,
    'resource/resource_group_resource.go (commonschema.ResourceGroupName, commonschema.Location)',
    ['name', 'location'],
  ),
  azurerm_storage_account: forceNew(
    AZURERM,
    'storage/storage_account_resource.go (account_replication_type: ForceNewIfChange; ' +
      'account_kind: CustomizeDiff, both conditional)',
    [
      ...ARM_PLACED,
      'account_tier',
      'is_hns_enabled',
      'infrastructure_encryption_enabled',
      'queue_encryption_key_type',
      'table_encryption_key_type',
      'account_replication_type',
      'account_kind',
    ],
    {
      account_replication_type:
        'replaced only when it moves between zone-redundant (ZRS, GZRS, RAGZRS) and ' +
        'non-zone-redundant (LRS, GRS, RAGRS) replication; within a group it is updated in place',
      account_kind: 'replaced unless it changes from Storage to StorageV2',
    },
  ),
  azurerm_key_vault: forceNew(AZURERM, 'keyvault/key_vault_resource.go', [...ARM_PLACED]),
  azurerm_key_vault_key: forceNew(AZURERM, 'keyvault/key_vault_key_resource.go', [
    'name',
    'key_vault_id',
    'key_type',
    'key_size',
    'curve',
  ]),
  azurerm_machine_learning_workspace: forceNew(
    AZURERM,
    'machinelearning/machine_learning_workspace_resource.go',
    [
      ...ARM_PLACED,
      'application_insights_id',
      'key_vault_id',
      'storage_account_id',
      'container_registry_id',
      'high_business_impact',
      'managed_network.provision_on_creation_enabled',
    ],
  ),
  azurerm_virtual_network: forceNew(AZURERM, 'network/virtual_network_resource.go', [
    ...ARM_PLACED,
  ]),
  azurerm_subnet: forceNew(AZURERM, 'network/subnet_resource.go', [
    'name',
    'resource_group_name',
    'virtual_network_name',
  ]),
  azurerm_container_registry: forceNew(AZURERM, 'containers/container_registry_resource.go', [
    ...ARM_PLACED,
    'zone_redundancy_enabled',
  ]),
  azurerm_log_analytics_workspace: forceNew(
    AZURERM,
    'loganalytics/log_analytics_workspace_resource.go',
    [...ARM_PLACED],
  ),
  azurerm_user_assigned_identity: forceNew(
    AZURERM,
    'managedidentity/user_assigned_identity_resource.go',
    [...ARM_PLACED],
  ),
  azurerm_application_insights: forceNew(
    AZURERM,
    'applicationinsights/application_insights_resource.go',
    [...ARM_PLACED, 'application_type'],
  ),
  azurerm_private_endpoint: forceNew(AZURERM, 'network/private_endpoint_resource.go', [
    ...ARM_PLACED,
    'subnet_id',
  ]),
};

/** Address -> replacement-forcing attribute -> value (canonical text), for one stack. */
export interface StackShape {
  readonly [address: string]: { readonly [attribute: string]: string };
}

/** The pinned shapes of several stacks (the pin file). */
export interface PlanShape {
  readonly stacks: { readonly [stack: string]: StackShape };
  /**
   * The attributes pinned per resource type when the shape was taken. An attribute unset in a
   * pin that did not track it is not a change: a newer release pins more attributes, and the
   * first comparison after an upgrade would otherwise report each of them as a replacement.
   * Absent in pins written before it existed: then only attributes the pin holds are compared.
   */
  readonly tracked?: { readonly [type: string]: string[] };
}

/** The attributes pinned for the resource types of a shape (sorted, for the pin file). */
export function trackedAttributes(stacks: PlanShape['stacks']): { [type: string]: string[] } {
  const types = new Set<string>();
  for (const shape of Object.values(stacks))
    for (const address of Object.keys(shape)) types.add(address.split('.')[0]);
  const out: { [type: string]: string[] } = {};
  for (const t of [...types].sort()) {
    const attrs = REPLACEMENT_ATTRIBUTES[t]?.attributes;
    if (attrs) out[t] = [...attrs].sort();
  }
  return out;
}

/** One difference between a pinned and a current shape. */
export interface ShapeChange {
  readonly stack: string;
  /** destroy, create, replace, or move (a `moved` block carries the state over). */
  readonly kind: 'destroy' | 'create' | 'replace' | 'move';
  readonly address: string;
  /** For a move: the new address. For a replace: what changed. */
  readonly detail?: string;
}

function entries(json: any, block: 'resource' | 'data'): [string, string, any][] {
  const out: [string, string, any][] = [];
  const levels = Array.isArray(json?.[block]) ? json[block] : [json?.[block] ?? {}];
  for (const level of levels) {
    for (const [type, byName] of Object.entries<any>(level ?? {})) {
      if (type === '//') continue;
      const named = Array.isArray(byName) ? byName : [byName];
      for (const n of named) {
        for (const [name, body] of Object.entries<any>(n ?? {})) {
          if (name !== '//') out.push([type, name, Array.isArray(body) ? body[0] : body]);
        }
      }
    }
  }
  return out;
}

/** Terraform addresses of a stack's resources (and data sources when asked), sorted. */
export function addressesOf(json: any, options: { dataSources?: boolean } = {}): string[] {
  const out = entries(json, 'resource').map(([type, name]) => `${type}.${name}`);
  if (options.dataSources) {
    out.push(...entries(json, 'data').map(([type, name]) => `data.${type}.${name}`));
  }
  return out.sort();
}

/** JSON text with object keys sorted, so that equal values print equally on every machine. */
export function canonical(value: unknown): string {
  const sort = (v: any): any => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .filter((k) => k !== '//')
          .sort()
          .map((k) => [k, sort(v[k])]),
      );
    }
    return v;
  };
  return typeof value === 'string' ? value : JSON.stringify(sort(value));
}

/**
 * The value at an attribute's dot path in a resource body, or undefined when unset. Terraform
 * JSON writes a nested block as an object or as a list of one object; both are read. A path
 * crosses single blocks only (a list of several blocks is not read). A string met before the
 * path ends is an expression standing for the whole block, and is the value.
 */
function valueAt(body: any, path: string): unknown {
  let v = body;
  for (const key of path.split('.')) {
    if (Array.isArray(v) && v.length === 1) v = v[0];
    if (typeof v === 'string') return v;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = v[key];
  }
  return v;
}

/** The plan shape of one stack's Terraform JSON. */
/**
 * The attributes a resource's `lifecycle.ignore_changes` lists, as dot paths (`a[0].b` is `a.b`),
 * or 'all'.
 */
function ignoredChanges(body: any): Array<{ path: string; element: boolean }> | 'all' {
  const lifecycle = Array.isArray(body?.lifecycle) ? body.lifecycle[0] : body?.lifecycle;
  const list = lifecycle?.ignore_changes;
  if (list === 'all' || (Array.isArray(list) && list.includes('all'))) return 'all';
  if (!Array.isArray(list)) return [];
  return list
    .filter((x: any) => typeof x === 'string')
    .map((x: string) => {
      // `a["k"]` is `a.k`; an index into a nested block (`a[0].b`) is the block
      const path = x.replace(/\["([^"\]]+)"\]/g, '.$1').replace(/\[\d+\](?=\.)/g, '');
      // a trailing index (`ids[0]`, `block[0]`) is one element: the block's attributes when
      // the path is a block, one element of a list otherwise (the rest of the list stays pinned)
      const m = /^(.*)\[\d+\]$/.exec(path);
      return m ? { path: m[1], element: true } : { path, element: false };
    });
}

/** Whether an ignore entry covers a pinned attribute (a dot path). */
function covers(i: { path: string; element: boolean }, attr: string): boolean {
  return attr.startsWith(`${i.path}.`) || (!i.element && attr === i.path);
}

/**
 * The key under which a resource's shape lists the pinned attributes it ignores: a pin taken
 * before they were ignored holds their values, and an ignored attribute replaces nothing.
 */
export const IGNORED_KEY = '//ignore_changes';

export function stackShapeOf(json: any): StackShape {
  const shape: { [address: string]: { [attribute: string]: string } } = {};
  const rows = entries(json, 'resource').sort(([t1, n1], [t2, n2]) =>
    `${t1}.${n1}` < `${t2}.${n2}` ? -1 : 1,
  );
  for (const [type, name, body] of rows) {
    const attrs: { [attribute: string]: string } = {};
    const ignored = ignoredChanges(body);
    const skipped: string[] = [];
    for (const attr of REPLACEMENT_ATTRIBUTES[type]?.attributes ?? []) {
      // Terraform plans no change of an ignored attribute, so it replaces nothing
      if (ignored === 'all' || ignored.some((i) => covers(i, attr))) {
        skipped.push(attr);
        continue;
      }
      const v = valueAt(body, attr);
      if (v !== undefined && v !== null) attrs[attr] = canonical(v);
    }
    if (skipped.length > 0) attrs[IGNORED_KEY] = canonical(skipped);
    shape[`${type}.${name}`] = attrs;
  }
  return shape;
}

/** `moved` blocks of a stack's Terraform JSON: old address -> new address. */
export function movesOf(json: any): Map<string, string> {
  const moves = new Map<string, string>();
  const blocks =
    json?.moved === undefined ? [] : Array.isArray(json.moved) ? json.moved : [json.moved];
  for (const b of blocks) {
    if (typeof b?.from === 'string' && typeof b?.to === 'string') moves.set(b.from, b.to);
  }
  return moves;
}

function quoted(v: string | undefined): string {
  return v === undefined ? '(unset)' : JSON.stringify(v);
}

function attributeChanges(
  address: string,
  before: StackShape[string],
  after: StackShape[string],
  tracked: PlanShape['tracked'],
): string[] {
  const ignored: string[] = after[IGNORED_KEY] ? JSON.parse(after[IGNORED_KEY]) : [];
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((a) => a !== IGNORED_KEY && !ignored.includes(a))
    .sort();
  const type = address.split('.')[0];
  const conditions = REPLACEMENT_ATTRIBUTES[type]?.conditions ?? {};
  // unset in the pin: a change only if the pin tracked the attribute
  const comparable = (a: string) => before[a] !== undefined || (tracked?.[type] ?? []).includes(a);
  return names
    .filter((a) => before[a] !== after[a] && comparable(a))
    .map((a) => {
      const expr = [before[a], after[a]].some((v) => v !== undefined && v.includes('${'));
      const note = expr
        ? ' (an expression: replaced if its value changes)'
        : before[a] === undefined
          ? ' (was unset: replaced unless the value the provider computed equals it)'
          : '';
      const condition = conditions[a] === undefined ? '' : ` (${conditions[a]})`;
      return `${a}: ${quoted(before[a])} -> ${quoted(after[a])}${note}${condition}`;
    });
}

/**
 * Attributes a pin could not compare: set now, absent from a pin that did not track them (a
 * release that pins more attributes than the one that wrote the pin). Whether they changed is
 * not known: `terraform plan` tells. One line per resource, `stack: address: attributes`.
 */
export function uncomparedAttributes(pinned: PlanShape, current: PlanShape): string[] {
  const lines: string[] = [];
  for (const stack of Object.keys(current.stacks).sort()) {
    const before = pinned.stacks[stack];
    if (!before) continue;
    for (const address of Object.keys(current.stacks[stack]).sort()) {
      const old = before[address];
      if (!old) continue;
      const type = address.split('.')[0];
      const attrs = Object.keys(current.stacks[stack][address]).filter(
        (a) =>
          a !== IGNORED_KEY && old[a] === undefined && !(pinned.tracked?.[type] ?? []).includes(a),
      );
      if (attrs.length > 0) lines.push(`${stack}: ${address}: ${attrs.sort().join(', ')}`);
    }
  }
  return lines;
}

/**
 * What Terraform would do to get from the pinned shape to the current one, per stack: resources
 * no longer at their address are destroyed (unless a `moved` block carries them to a new
 * address), new addresses are created, and a changed replacement-forcing attribute replaces.
 */
export function compareShapes(
  pinned: PlanShape,
  current: PlanShape,
  moves: { [stack: string]: Map<string, string> } = {},
): ShapeChange[] {
  const changes: ShapeChange[] = [];
  const stacks = [
    ...new Set([...Object.keys(pinned.stacks), ...Object.keys(current.stacks)]),
  ].sort();
  for (const stack of stacks) {
    const before = pinned.stacks[stack] ?? {};
    const after = current.stacks[stack] ?? {};
    const moved = moves[stack] ?? new Map<string, string>();
    const arrivals = new Set<string>();
    for (const address of Object.keys(before).sort()) {
      if (address in after) {
        const diff = attributeChanges(address, before[address], after[address], pinned.tracked);
        if (diff.length > 0)
          changes.push({ stack, kind: 'replace', address, detail: diff.join('; ') });
        continue;
      }
      const to = moved.get(address);
      if (to !== undefined && to in after && !(to in before)) {
        arrivals.add(to);
        const diff = attributeChanges(to, before[address], after[to], pinned.tracked);
        changes.push({ stack, kind: 'move', address, detail: to });
        if (diff.length > 0)
          changes.push({ stack, kind: 'replace', address: to, detail: diff.join('; ') });
        continue;
      }
      changes.push({ stack, kind: 'destroy', address });
    }
    for (const address of Object.keys(after).sort()) {
      if (!(address in before) && !arrivals.has(address))
        changes.push({ stack, kind: 'create', address });
    }
  }
  return changes;
}

const SIGN = { destroy: '-', create: '+', replace: '-/+', move: '~' };

/** A readable report of the changes, grouped by stack, destructive ones first. */
export function formatChanges(changes: ShapeChange[]): string {
  const order = { destroy: 0, replace: 1, move: 2, create: 3 };
  const byStack = new Map<string, ShapeChange[]>();
  for (const c of changes) byStack.set(c.stack, [...(byStack.get(c.stack) ?? []), c]);
  const lines: string[] = [];
  for (const [stack, list] of byStack) {
    const count = (k: ShapeChange['kind']) => list.filter((c) => c.kind === k).length;
    lines.push(
      `stack ${stack}: Terraform would destroy ${count('destroy')}, replace ${count('replace')}, ` +
        `move ${count('move')} and create ${count('create')} resource(s)`,
    );
    for (const c of [...list].sort((a, b) => order[a.kind] - order[b.kind])) {
      const what =
        c.kind === 'destroy'
          ? 'destroy (no longer at this address: a renamed construct id, a removed construct or a changed stack)'
          : c.kind === 'replace'
            ? `replace (${c.detail})`
            : c.kind === 'move'
              ? `moved to ${c.detail} (a moved block keeps the resource)`
              : 'create';
      lines.push(`  ${SIGN[c.kind].padEnd(3)} ${c.address}: ${what}`);
    }
  }
  return lines.join('\n');
}

/** True when a change loses a resource (destroy or replace). */
export function isDestructive(c: ShapeChange): boolean {
  return c.kind === 'destroy' || c.kind === 'replace';
}

/**
 * The longest chain of dependencies (references and depends_on) between the stack's resources
 * and data sources: a lower bound on the number of sequential steps of an apply.
 */
export function longestDependencyChain(json: any): string[] {
  const nodes = new Map<string, any>();
  for (const [type, name, attrs] of entries(json, 'resource')) nodes.set(`${type}.${name}`, attrs);
  for (const [type, name, attrs] of entries(json, 'data')) nodes.set(`data.${type}.${name}`, attrs);
  const deps = referenceGraph(nodes);
  const memo = new Map<string, string[]>();
  const visiting = new Set<string>();
  const chain = (addr: string): string[] => {
    const known = memo.get(addr);
    if (known) return known;
    if (visiting.has(addr)) throw new Error(`dependency cycle through ${addr}`);
    visiting.add(addr);
    let best: string[] = [];
    for (const d of [...(deps.get(addr) ?? [])].sort()) {
      const c = chain(d);
      if (c.length > best.length) best = c;
    }
    visiting.delete(addr);
    const result = [...best, addr];
    memo.set(addr, result);
    return result;
  };
  let longest: string[] = [];
  for (const addr of [...nodes.keys()].sort()) {
    const c = chain(addr);
    if (c.length > longest.length) longest = c;
  }
  return longest;
}
