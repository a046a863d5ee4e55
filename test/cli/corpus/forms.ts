// Terraform JSON written two ways: the object form (what cdktf writes) and the array form
// (arrays at every block level, what hcl2json writes). Both must give identical findings.

/**
 * Attributes of map type that appear in the corpus and the examples: these stay objects. Every
 * other nested object is a block, written as an array of blocks.
 */
const MAPS = new Set([
  '//',
  'tags',
  'tags_all',
  'labels',
  'user_labels',
  'default_labels',
  'resource_labels',
  'metadata',
  'triggers',
  'parameters',
  'environment',
  'environment_variables',
  'variables',
  'annotations',
  'properties',
  'condition_expression',
  'for_each',
  'config',
]);

function nested(body: any): any {
  if (Array.isArray(body)) return body.map(nested);
  if (body === null || typeof body !== 'object') return body;
  const out: any = {};
  for (const [k, v] of Object.entries(body)) {
    if (!MAPS.has(k) && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = [nested(v)];
    } else out[k] = MAPS.has(k) ? v : nested(v);
  }
  return out;
}

/** The array form of an object-form configuration. */
export function arrayForm(json: any): any {
  const out: any = {};
  for (const [key, value] of Object.entries<any>(json)) {
    if (key === 'resource' || key === 'data') {
      out[key] = Object.entries<any>(value).map(([type, names]) => ({
        [type]: Object.entries<any>(names).map(([name, body]) => ({ [name]: [nested(body)] })),
      }));
    } else if (key === 'variable' || key === 'output' || key === 'module') {
      out[key] = Object.entries<any>(value).map(([name, body]) => ({ [name]: [body] }));
    } else if (key === 'provider') {
      // cdktf already writes each provider as an array of configurations
      out[key] = [
        Object.fromEntries(
          Object.entries<any>(value).map(([n, b]) => [n, Array.isArray(b) ? b : [b]]),
        ),
      ];
    } else if (key === 'locals') {
      out[key] = [value];
    } else out[key] = value;
  }
  return out;
}
