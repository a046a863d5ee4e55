import { IConstruct } from 'constructs';
import { Token } from 'cdktf';

/**
 * One problem found while validating a construct's input.
 */
export interface ValidationProblem {
  /** The prop (dot path) that holds the bad value. */
  readonly prop: string;
  /** The bad value, rendered as a string. */
  readonly value: string;
  /** What is allowed instead. */
  readonly allowed: string;
}

/**
 * Raised at synth time when a construct receives invalid input.
 *
 * One error lists every problem of a construct: the construct path, each prop, its bad value
 * and what is allowed.
 */
export class ValidationError extends Error {
  /** Path of the construct whose input is invalid. */
  public readonly constructPath: string;
  /** Every problem found. */
  public readonly problems: ValidationProblem[];

  constructor(constructPath: string, problems: ValidationProblem[]) {
    super(ValidationError.format(constructPath, problems));
    this.name = 'ValidationError';
    this.constructPath = constructPath;
    this.problems = problems;
    Object.setPrototypeOf(this, ValidationError.prototype);
  }

  private static format(constructPath: string, problems: ValidationProblem[]): string {
    const lines = problems.map((p) => `  - ${p.prop}: got '${p.value}'; allowed: ${p.allowed}`);
    return `Invalid input for ${constructPath}:\n${lines.join('\n')}`;
  }
}

/** Renders any value for an error message, short. */
export function renderValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return value;
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
}

/**
 * Collects the validation problems of one construct and throws them as one ValidationError.
 *
 * Values that are unresolved tokens are never reported: they are only known at apply time.
 */
export class Validator {
  private readonly found: ValidationProblem[] = [];

  constructor(private readonly scope: IConstruct) {}

  /** Records a problem when `problem` (as returned by a `Validate.*` function) is defined. */
  public check(prop: string, value: unknown, problem: string | undefined): this {
    if (problem !== undefined && !isUnresolved(value)) {
      this.add(prop, value, problem);
    }
    return this;
  }

  /** Records a problem when `ok` is false. */
  public require(ok: boolean, prop: string, value: unknown, allowed: string): this {
    if (!ok && !isUnresolved(value)) {
      this.add(prop, value, allowed);
    }
    return this;
  }

  /**
   * Records a problem unless `value` is one of `allowed` (an enum's values; compared exactly, so
   * `'retain'` is not `RETAIN`). Returns true when the value is allowed (or absent and optional).
   */
  public enumValue(prop: string, value: unknown, allowed: string[], optional = true): boolean {
    if (value === undefined && optional) return true;
    if (typeof value === 'string' && allowed.includes(value)) return true;
    if (isUnresolved(value)) {
      this.add(
        prop,
        value,
        `one of ${allowed.join(', ')} (a literal: a token is only known at apply)`,
      );
      return false;
    }
    const near =
      typeof value === 'string'
        ? allowed.find((a) => a.toLowerCase() === value.toLowerCase())
        : undefined;
    this.add(
      prop,
      value,
      `one of ${allowed.join(', ')}${near ? ` (values are case-sensitive: did you mean ${near}?)` : ''}`,
    );
    return false;
  }

  /**
   * Records a problem unless `value` is a string (non-empty unless `allowEmpty`). Returns true
   * when it is (or is absent and optional).
   */
  public string(
    prop: string,
    value: unknown,
    opts: { optional?: boolean; allowEmpty?: boolean } = {},
  ): boolean {
    if (value === undefined && (opts.optional ?? true)) return true;
    if (typeof value === 'string' && (opts.allowEmpty || value.trim() !== '')) return true;
    this.add(prop, value, opts.allowEmpty ? 'a string' : 'a non-empty string');
    return false;
  }

  /**
   * Records one problem unless `value` is a list of strings (a string where a list belongs is
   * one problem, not one per character). Returns true when it is (or is absent and optional).
   */
  public stringList(prop: string, value: unknown, opts: { optional?: boolean } = {}): boolean {
    if (value === undefined && (opts.optional ?? true)) return true;
    if (Array.isArray(value)) {
      if (isUnresolved(value)) return true;
      const bad = value.findIndex((x) => typeof x !== 'string' || x.trim() === '');
      if (bad < 0) return true;
      this.add(`${prop}[${bad}]`, value[bad], 'a non-empty string');
      return false;
    }
    // a list token is an array (Token.asList); a string token stands for one string
    this.add(
      prop,
      value,
      typeof value === 'string'
        ? `a list of strings (got one string: write [${JSON.stringify(value)}])`
        : 'a list of strings',
    );
    return false;
  }

  /** Records a problem unless `value` is a number within the bounds (tokens are skipped). */
  public number(
    prop: string,
    value: unknown,
    opts: { optional?: boolean; min?: number; max?: number; integer?: boolean } = {},
  ): boolean {
    if (value === undefined && (opts.optional ?? true)) return true;
    // a number token is a number (Token.asNumber); a string token is not
    if (typeof value === 'number' && isUnresolved(value)) return true;
    const bounds = [
      opts.integer ? 'an integer' : 'a number',
      opts.min !== undefined ? `>= ${opts.min}` : undefined,
      opts.max !== undefined ? `<= ${opts.max}` : undefined,
    ]
      .filter((x) => x)
      .join(' ');
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (!opts.integer || Number.isInteger(value)) &&
      (opts.min === undefined || value >= opts.min) &&
      (opts.max === undefined || value <= opts.max);
    if (!ok) this.add(prop, value, bounds);
    return ok;
  }

  /** Records a problem unless `value` is a boolean. */
  public boolean(prop: string, value: unknown, opts: { optional?: boolean } = {}): boolean {
    if (value === undefined && (opts.optional ?? true)) return true;
    // a boolean token is an IResolvable (TerraformVariable.booleanValue); a string token is not
    if (typeof value === 'boolean' || (typeof value === 'object' && isUnresolved(value))) {
      return true;
    }
    this.add(prop, value, 'true or false');
    return false;
  }

  /** Records a problem unless `value` is a plain object (a props struct or a map). */
  public object(prop: string, value: unknown, opts: { optional?: boolean } = {}): boolean {
    if (value === undefined && (opts.optional ?? true)) return true;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return true;
    this.add(prop, value, 'an object');
    return false;
  }

  /**
   * Records a problem when `value` is an unresolved token: for props that form resource names,
   * which must be known (and checked) at synth.
   */
  public literal(prop: string, value: unknown, why = 'it forms resource names'): boolean {
    if (!isUnresolved(value)) return true;
    this.add(
      prop,
      value,
      `a literal value known at synth (${why}); a token is only known at apply`,
    );
    return false;
  }

  /**
   * A required name that forms resource names or construct ids: a string (else `allowed`,
   * required, is recorded), literal (`why` says what it forms, see {@link literal}) and matching
   * `pattern` (else `allowed` is recorded). True when it is a literal string, matching or not
   * (callers may then check it is unique).
   */
  public literalName(
    prop: string,
    value: unknown,
    why: string,
    pattern: RegExp,
    allowed: string,
  ): boolean {
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(prop, value, `${allowed} (required)`);
      return false;
    }
    if (!this.literal(prop, value, why)) return false;
    this.require(pattern.test(value as string), prop, value, allowed);
    return true;
  }

  /** Records a problem unconditionally. */
  public add(prop: string, value: unknown, allowed: string): this {
    this.found.push({ prop, value: renderValue(value), allowed });
    return this;
  }

  /** True when at least one problem was recorded. */
  public get hasProblems(): boolean {
    return this.found.length > 0;
  }

  /** The problems recorded so far. */
  public get problems(): ValidationProblem[] {
    return [...this.found];
  }

  /** Throws one ValidationError listing every recorded problem, if any. */
  public throwIfInvalid(): void {
    if (this.found.length > 0) {
      throw new ValidationError(this.scope.node.path || '<root>', this.found);
    }
  }
}

/**
 * The props of a construct as an object: a missing or non-object props value (from untyped
 * callers: JavaScript, YAML-driven configs, jsii languages) is one ValidationError, not a
 * TypeError later.
 */
export function requireProps<T>(scope: IConstruct, props: T | undefined, required: boolean): T {
  if (props === undefined && !required) return {} as T;
  if (props === null || typeof props !== 'object' || Array.isArray(props)) {
    throw new ValidationError(scope.node.path || '<root>', [
      {
        prop: 'props',
        value: renderValue(props),
        allowed: required ? 'a props object (required)' : 'a props object',
      },
    ]);
  }
  return props;
}

/** True when the value is, or contains, an unresolved cdktf token. */
export function isUnresolved(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string' || typeof value === 'number' || Array.isArray(value)) {
    return Token.isUnresolved(value);
  }
  // an IResolvable, e.g. TerraformVariable.booleanValue
  return typeof value === 'object' && typeof (value as any).resolve === 'function';
}
