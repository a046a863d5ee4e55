// The one reader of Terraform JSON configurations. It follows Terraform's JSON syntax
// (https://developer.hashicorp.com/terraform/language/syntax/json): every block level may be an
// object or an array of objects; the files of a module are merged, override files
// (`override.tf.json`, `*_override.tf.json`) last, with Terraform's override rules. What it
// cannot read is reported as a problem naming the file and the JSON path.

/** A shape the loader could not read. */
export interface LoadProblem {
  /**
   * The file.
   * @default - the configuration was given in memory
   */
  readonly file?: string;
  /** JSON path of the bad value, e.g. `resource.random_id.data`. */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
}

/** A Terraform configuration with every block level in object form. */
export interface NormalizedConfig {
  /** Stack-level metadata (cdktf's `//`). */
  readonly meta: { [key: string]: any };
  /** type -> name -> body. */
  readonly resource: { [type: string]: { [name: string]: any } };
  /** type -> name -> body. */
  readonly data: { [type: string]: { [name: string]: any } };
  /** name -> body. */
  readonly variable: { [name: string]: any };
  /** name -> expression. */
  readonly locals: { [name: string]: any };
  /** name -> body. */
  readonly output: { [name: string]: any };
  /** name -> body. */
  readonly module: { [name: string]: any };
  /** provider name -> configurations (several with `alias`). */
  readonly provider: { [name: string]: any[] };
  /** The `terraform` blocks. */
  readonly terraform: any[];
}

/** Marks a configuration merged by the loader (its value: the loader's problems). */
export const CONFIG_BRAND = Symbol.for('cdktf-secure-mlops.normalized-config');

/** Marks a configuration merged by the loader, so that a StackView takes it as it is. */
export function brandConfig(config: NormalizedConfig, problems: LoadProblem[]): NormalizedConfig {
  return Object.assign(config, { [CONFIG_BRAND]: problems });
}

const TWO_LABELS = ['resource', 'data'];
const ONE_LABEL = ['variable', 'output', 'module'];
const KNOWN = new Set([
  ...TWO_LABELS,
  ...ONE_LABEL,
  'locals',
  'provider',
  'terraform',
  '//',
  'moved',
  'import',
  'check',
  'removed',
  'ephemeral',
]);

function isPlainObject(v: any): v is { [k: string]: any } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** An empty configuration. */
export function emptyConfig(): NormalizedConfig {
  return {
    meta: {},
    resource: {},
    data: {},
    variable: {},
    locals: {},
    output: {},
    module: {},
    provider: {},
    terraform: [],
  };
}

class Normalizer {
  public readonly problems: LoadProblem[] = [];

  constructor(private readonly file: string | undefined) {}

  public problem(path: string, message: string): void {
    this.problems.push({ file: this.file, path, message });
  }

  /** The objects of a block level: one object, or an array of objects. */
  public objects(value: any, path: string): { [k: string]: any }[] {
    if (isPlainObject(value)) return [value];
    if (Array.isArray(value)) {
      const out: { [k: string]: any }[] = [];
      value.forEach((v, i) => {
        if (isPlainObject(v)) out.push(v);
        else this.problem(`${path}[${i}]`, `expected an object, found ${describe(v)}`);
      });
      return out;
    }
    this.problem(path, `expected an object or an array of objects, found ${describe(value)}`);
    return [];
  }

  /** A labelled body: an object, or an array holding the block(s). */
  public body(value: any, path: string): any | undefined {
    const list = this.objects(value, path);
    if (list.length === 0) return undefined;
    if (list.length > 1) {
      this.problem(
        path,
        `${list.length} blocks with the same labels (Terraform rejects duplicates)`,
      );
    }
    return normalizeBody(list[0]);
  }
}

function describe(v: any): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.slice(0, 40))}`;
  return `a ${typeof v}`;
}

/**
 * A block body with Terraform's meta blocks in one shape: `lifecycle` as one object, `dynamic`
 * as name -> list of dynamic blocks. Where a `dynamic` block generates nested blocks, the marker
 * `${dynamic.NAME}` stands in for (or is appended to) the static blocks of that name, so rules
 * see a value known only at plan time.
 */
export function normalizeBody(body: { [k: string]: any }): { [k: string]: any } {
  const out: { [k: string]: any } = { ...body };
  if (Array.isArray(out.lifecycle)) {
    out.lifecycle = Object.assign({}, ...out.lifecycle.filter(isPlainObject));
  }
  if (out.dynamic !== undefined) {
    const dyn: { [name: string]: any[] } = {};
    for (const part of Array.isArray(out.dynamic) ? out.dynamic : [out.dynamic]) {
      if (!isPlainObject(part)) continue;
      for (const [name, spec] of Object.entries(part)) {
        (dyn[name] ??= []).push(...(Array.isArray(spec) ? spec : [spec]));
      }
    }
    out.dynamic = dyn;
    for (const name of Object.keys(dyn)) {
      const marker = `\${dynamic.${name}}`;
      const existing = out[name];
      if (existing === undefined) out[name] = marker;
      else out[name] = [...(Array.isArray(existing) ? existing : [existing]), marker];
    }
  }
  return out;
}

/** Normalizes one Terraform JSON document (one file). */
export function normalizeConfig(
  json: any,
  file?: string,
): { config: NormalizedConfig; problems: LoadProblem[] } {
  const n = new Normalizer(file);
  const config = emptyConfig();
  if (!isPlainObject(json)) {
    n.problem('', `the top level must be an object, found ${describe(json)}`);
    return { config, problems: n.problems };
  }
  for (const [key, value] of Object.entries(json)) {
    if (key === '//') {
      if (isPlainObject(value)) Object.assign(config.meta, value);
      continue;
    }
    if (!KNOWN.has(key)) {
      n.problem(key, `unknown top-level block type '${key}'`);
      continue;
    }
    if (value === null) continue;
    if (TWO_LABELS.includes(key)) {
      const target = (config as any)[key] as { [t: string]: { [n: string]: any } };
      for (const level of n.objects(value, key)) {
        for (const [type, names] of Object.entries(level)) {
          if (type === '//') continue;
          if (names === null) {
            n.problem(`${key}.${type}`, 'expected an object of named blocks, found null');
            continue;
          }
          for (const byName of n.objects(names, `${key}.${type}`)) {
            for (const [name, raw] of Object.entries(byName)) {
              if (name === '//') continue;
              const path = `${key}.${type}.${name}`;
              const body = n.body(raw, path);
              if (body === undefined) continue;
              const bucket = (target[type] ??= {});
              if (name in bucket) n.problem(path, 'declared twice');
              else bucket[name] = body;
            }
          }
        }
      }
    } else if (ONE_LABEL.includes(key)) {
      const target = (config as any)[key] as { [n: string]: any };
      for (const level of n.objects(value, key)) {
        for (const [name, raw] of Object.entries(level)) {
          if (name === '//') continue;
          const body = n.body(raw, `${key}.${name}`);
          if (body === undefined) continue;
          if (name in target) n.problem(`${key}.${name}`, 'declared twice');
          else target[name] = body;
        }
      }
    } else if (key === 'locals') {
      for (const level of n.objects(value, key)) {
        for (const [name, v] of Object.entries(level)) {
          if (name === '//') continue;
          if (name in config.locals) n.problem(`locals.${name}`, 'declared twice');
          else config.locals[name] = v;
        }
      }
    } else if (key === 'provider') {
      for (const level of n.objects(value, key)) {
        for (const [name, raw] of Object.entries(level)) {
          if (name === '//') continue;
          for (const body of n.objects(raw, `provider.${name}`)) {
            (config.provider[name] ??= []).push(body);
          }
        }
      }
    } else if (key === 'terraform') {
      config.terraform.push(...n.objects(value, key));
    }
  }
  return { config, problems: n.problems };
}

/** True for Terraform override file names. */
export function isOverrideFile(fileName: string): boolean {
  const base = fileName.replace(/^.*[\\/]/, '');
  return base === 'override.tf.json' || base.endsWith('_override.tf.json');
}

function mergeBodyOverride(base: any, override: any): any {
  const out = { ...base };
  for (const [k, v] of Object.entries(override)) {
    if (k === 'lifecycle' && isPlainObject(out.lifecycle) && isPlainObject(v)) {
      out.lifecycle = { ...out.lifecycle, ...v };
    } else out[k] = v;
  }
  return out;
}

/**
 * Merges the files of one module as Terraform does: the ordinary files together (a block
 * declared in two files is a problem), then each override file in lexical order, replacing
 * arguments and nested blocks of the blocks it names (`lifecycle` merged argument by argument).
 */
export function mergeModule(files: { file: string; json: any }[]): {
  config: NormalizedConfig;
  problems: LoadProblem[];
} {
  const problems: LoadProblem[] = [];
  const merged = emptyConfig();
  const sorted = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const ordinary = sorted.filter((f) => !isOverrideFile(f.file));
  const overrides = sorted.filter((f) => isOverrideFile(f.file));
  for (const f of ordinary) {
    const { config, problems: p } = normalizeConfig(f.json, f.file);
    problems.push(...p);
    Object.assign(merged.meta, config.meta);
    for (const key of ['resource', 'data'] as const) {
      for (const [type, names] of Object.entries(config[key])) {
        const bucket = (merged[key][type] ??= {});
        for (const [name, body] of Object.entries(names)) {
          if (name in bucket) {
            problems.push({
              file: f.file,
              path: `${key}.${type}.${name}`,
              message: 'declared twice',
            });
          } else bucket[name] = body;
        }
      }
    }
    for (const key of ['variable', 'output', 'module', 'locals'] as const) {
      for (const [name, body] of Object.entries(config[key])) {
        if (name in merged[key]) {
          problems.push({ file: f.file, path: `${key}.${name}`, message: 'declared twice' });
        } else merged[key][name] = body;
      }
    }
    for (const [name, list] of Object.entries(config.provider)) {
      (merged.provider[name] ??= []).push(...list);
    }
    merged.terraform.push(...config.terraform);
  }
  for (const f of overrides) {
    const { config, problems: p } = normalizeConfig(f.json, f.file);
    problems.push(...p);
    for (const key of ['resource', 'data'] as const) {
      for (const [type, names] of Object.entries(config[key])) {
        for (const [name, body] of Object.entries(names)) {
          const base = merged[key][type]?.[name];
          if (base === undefined) {
            problems.push({
              file: f.file,
              path: `${key}.${type}.${name}`,
              message: 'override for a block that no other file declares',
            });
          } else merged[key][type][name] = mergeBodyOverride(base, body);
        }
      }
    }
    for (const key of ['variable', 'output', 'module'] as const) {
      for (const [name, body] of Object.entries(config[key])) {
        const base = merged[key][name];
        if (base === undefined) {
          problems.push({
            file: f.file,
            path: `${key}.${name}`,
            message: 'override for a block that no other file declares',
          });
        } else merged[key][name] = { ...base, ...body };
      }
    }
    Object.assign(merged.locals, config.locals);
    for (const [name, list] of Object.entries(config.provider)) {
      const targets = (merged.provider[name] ??= []);
      for (const body of list) {
        const i = targets.findIndex((t) => (t.alias ?? '') === (body.alias ?? ''));
        if (i < 0) targets.push(body);
        else targets[i] = { ...targets[i], ...body };
      }
    }
    for (const t of config.terraform) {
      if (merged.terraform.length === 0) merged.terraform.push(t);
      else merged.terraform[0] = { ...merged.terraform[0], ...t };
    }
  }
  return { config: merged, problems };
}
