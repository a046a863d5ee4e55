// The harness puts Token.asString({ Ref: 'unknown' }) where a mutation says "a token": it
// synthesizes as a JSON object, which no Terraform attribute holds. The GCP subjects replace it
// with what a real unresolved value synthesizes as, a Terraform expression string
// (`${var.unknown}`), so that the rules judge it as they judge real tokens (UNKNOWN).
import { Lazy, Token, Tokenization } from 'cdktf';

function isHarnessToken(value: unknown): boolean {
  if (typeof value !== 'string' || !Token.isUnresolved(value)) return false;
  const tokens = Tokenization.reverseString(value).tokens;
  if (tokens.length !== 1) return false;
  const resolved = (tokens[0] as any).resolve?.({});
  return resolved !== null && typeof resolved === 'object' && resolved.Ref === 'unknown';
}

/** A copy of `props` with the harness's token replaced by an expression token (objects and lists descended). */
export function realisticTokens<P>(props: P): P {
  const visit = (v: any): any => {
    if (isHarnessToken(v)) return Lazy.stringValue({ produce: () => '${var.unknown}' });
    if (Array.isArray(v)) return v.map(visit);
    if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const out: any = {};
      for (const [k, x] of Object.entries(v)) out[k] = visit(x);
      return out;
    }
    return v;
  };
  return visit(props);
}
