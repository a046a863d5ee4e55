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

/** True when the value is, or contains, an unresolved cdktf token. */
export function isUnresolved(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string' || typeof value === 'number' || Array.isArray(value)) {
    return Token.isUnresolved(value);
  }
  return false;
}
