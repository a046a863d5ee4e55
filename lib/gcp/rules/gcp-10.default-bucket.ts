import { defineRule, Verdict } from '../../core/compliance/define-rule';
import { ResourceView, RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { asList, isExpression, isTrue, unknown, UnknownVerdict } from '../../core/rules/attributes';

/** The sinks Cloud Logging creates in every project; they are not the audit sink. */
const BUILT_IN_SINKS = ['_Default', '_Required'];

/** A filter that names the Data Access audit log (`…/logs/cloudaudit.googleapis.com%2Fdata_access`). */
const DATA_ACCESS = /cloudaudit\.googleapis\.com(\/|%2F)data_access/i;
/** A filter that names Cloud Audit Logs without naming one audit log. */
const ALL_AUDIT = /cloudaudit\.googleapis\.com(?!\/|%2F)/i;

/** True when a sink filter (or no filter: every entry) routes Data Access audit logs. */
function routesDataAccess(filter: unknown): boolean {
  if (filter === undefined || filter === null || filter === '') return true;
  const f = String(filter);
  return DATA_ACCESS.test(f) || ALL_AUDIT.test(f);
}

/** An exclusion (a resource, or a block of a `_Default` sink) that keeps Data Access audit logs out. */
function excludes(e: any): Verdict {
  if (isExpression(e?.filter)) return unknown(`exclusion filter is ${e.filter}`);
  if (!DATA_ACCESS.test(String(e?.filter ?? ''))) return undefined;
  if (isExpression(e?.disabled)) return unknown(`exclusion disabled is ${e.disabled}`);
  return !isTrue(e?.disabled) || 'the exclusion of Data Access audit logs is disabled';
}

/** The same project, or unknown when either side is an expression that differs. */
function sameProject(a: unknown, b: unknown): boolean | undefined {
  if (a === b) return true;
  if (isExpression(a) || isExpression(b)) return undefined;
  return false;
}

/** Whether the stack keeps Data Access audit logs of `project` out of the `_Default` bucket. */
function defaultBucketExcluded(project: unknown, stack: StackView): Verdict {
  let open: string | undefined;
  const consider = (p: unknown, v: Verdict, what: string): boolean => {
    const same = sameProject(project, p);
    if (same === false || v === undefined || typeof v === 'string' || v === false) return false;
    if (same === true && v === true) return true;
    open ??=
      same === undefined
        ? `${what} is for project ${String(p)}`
        : `${what}: ${(v as UnknownVerdict).detail}`;
    return false;
  };
  for (const e of stack.resources('google_logging_project_exclusion'))
    if (consider(e.attributes.project, excludes(e.attributes), e.address)) return true;
  for (const s of stack.resources('google_logging_project_sink')) {
    if (s.attributes.name !== '_Default') continue;
    const off = isTrue(s.attributes.disabled) || undefined;
    if (consider(s.attributes.project, off, s.address)) return true;
    for (const x of asList(s.attributes.exclusions))
      if (consider(s.attributes.project, excludes(x), s.address)) return true;
  }
  return open !== undefined ? unknown(open) : false;
}

/**
 * GCP-10 / X-06: Data Access audit logs routed to the audit destination are kept out of the
 * project's `_Default` log bucket (not encrypted with the platform key; retention in the project
 * owner's hands): an enabled exclusion of `cloudaudit.googleapis.com/data_access` on the
 * `_Default` sink (google_logging_project_exclusion, or the `_Default` sink's exclusions).
 */
export const gcp10DefaultBucket = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    "Data Access audit logs routed by an audit sink are excluded from the project's _Default log bucket",
  fixHint:
    'Add a google_logging_project_exclusion with filter LOG_ID("cloudaudit.googleapis.com/data_access") (GcpAuditLogging does by default), or suppress with the reason a copy in _Default is wanted',
  resourceTypes: ['google_logging_project_sink', 'google_logging_project_exclusion'],
  check: (r: ResourceView, stack: StackView) => {
    if (r.type === 'google_logging_project_exclusion') return excludes(r.attributes);
    const { name, filter, disabled } = r.attributes;
    if (isExpression(name)) return unknown(`name is ${name}`);
    if (BUILT_IN_SINKS.includes(name)) return undefined;
    if (isTrue(disabled)) return undefined;
    if (isExpression(filter)) return unknown(`filter is ${filter}`);
    if (!routesDataAccess(filter)) return undefined;
    const v = defaultBucketExcluded(r.attributes.project, stack);
    if (v === false)
      return "Data Access audit logs also land in the project's _Default log bucket: no enabled exclusion of cloudaudit.googleapis.com/data_access on the _Default sink";
    return v;
  },
});
