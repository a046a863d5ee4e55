import { ResourceView } from './rule';

/** Reads a dot path ('a.b.0.c') out of a JSON value; arrays are indexed or searched. */
export function getPath(value: any, path: string): any {
  let cur = value;
  for (const part of path.split('.')) {
    if (cur === undefined || cur === null) return undefined;
    if (Array.isArray(cur) && !/^\d+$/.test(part)) {
      // blocks synthesize as single-element arrays or objects; look through a single element
      cur = cur.length > 0 ? cur[0]?.[part] : undefined;
    } else {
      cur = cur[part];
    }
  }
  return cur;
}

/** The whole synthesized stack (Terraform JSON), for rules that look across resources. */
export class StackView {
  /** True when `value` (deeply) references `target` (a `${type.name...}` expression). */
  public static refersTo(value: any, target: ResourceView): boolean {
    const needle = `${target.type}.${target.name}`;
    const search = (v: any, depth: number): boolean => {
      if (v === null || v === undefined || depth > 10) return false;
      if (typeof v === 'string') {
        if (!v.includes('${')) return false;
        let idx = v.indexOf(needle);
        while (idx >= 0) {
          const after = v.charAt(idx + needle.length);
          const before = v.charAt(idx - 1);
          if (!/[A-Za-z0-9_-]/.test(after) && !/[A-Za-z0-9_.-]/.test(before)) return true;
          idx = v.indexOf(needle, idx + 1);
        }
        return false;
      }
      if (Array.isArray(v)) return v.some((x) => search(x, depth + 1));
      if (typeof v === 'object') {
        return Object.entries(v).some(([k, x]) => k !== '//' && search(x, depth + 1));
      }
      return false;
    };
    return search(value, 0);
  }

  /** Name of the stack. */
  public readonly stackName: string;
  /** The synthesized Terraform JSON. */
  public readonly json: any;
  private readonly all: ResourceView[];
  private readonly byType: Map<string, ResourceView[]>;

  constructor(stackName: string, json: any) {
    this.stackName = stackName;
    this.json = json ?? {};
    this.all = [];
    this.byType = new Map();
    const resources = this.json.resource ?? {};
    for (const type of Object.keys(resources).sort()) {
      const list: ResourceView[] = [];
      for (const name of Object.keys(resources[type]).sort()) {
        const attributes = resources[type][name] ?? {};
        const view: ResourceView = {
          type,
          name,
          address: `${type}.${name}`,
          constructPath: attributes?.['//']?.metadata?.path,
          attributes,
        };
        list.push(view);
        this.all.push(view);
      }
      this.byType.set(type, list);
    }
  }

  /** Resources, optionally of one type. */
  public resources(type?: string): ResourceView[] {
    return type === undefined ? this.all : (this.byType.get(type) ?? []);
  }

  /** The provider blocks of a provider (e.g. 'aws'): a list of their attribute maps. */
  public providers(type: string): any[] {
    const p = this.json.provider?.[type];
    if (p === undefined) return [];
    return Array.isArray(p) ? p : [p];
  }

  /** Resources of `resourceType` whose attribute at `attr` (dot path) references `target`. */
  public referencing(resourceType: string, attr: string, target: ResourceView): ResourceView[] {
    return this.resources(resourceType).filter((r) =>
      StackView.refersTo(getPath(r.attributes, attr), target),
    );
  }
}
