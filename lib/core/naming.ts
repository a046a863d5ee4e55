import { createHash } from 'crypto';
import { IConstruct } from 'constructs';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A stable short suffix derived from the construct path: the same path always gives the same
 * suffix, so globally unique and soft-deleted names (S3, GCS, Key Vault, storage accounts) stay
 * stable across synths while differing between stacks and environments.
 */
export function uniqueSuffix(scope: IConstruct, length = 6): string {
  const digest = createHash('sha256').update(scope.node.path).digest();
  let out = '';
  for (let i = 0; i < length; i++) {
    out += ALPHABET[digest[i % digest.length] % ALPHABET.length];
  }
  return out;
}

/** Options for {@link uniqueName}. */
export interface UniqueNameOptions {
  /** Human-readable part of the name, truncated to fit. */
  readonly prefix: string;
  /** Maximum total length of the name. */
  readonly maxLength: number;
  /**
   * Separator between prefix and suffix.
   * @default '-'
   */
  readonly separator?: string;
  /**
   * Lowercase the result.
   * @default true
   */
  readonly lowercase?: boolean;
  /**
   * Strip every character that is not a letter or digit (e.g. Azure storage accounts).
   * @default false
   */
  readonly alphanumericOnly?: boolean;
  /**
   * Length of the stable suffix.
   * @default 6
   */
  readonly suffixLength?: number;
}

/** A name of at most `maxLength` characters: a (truncated) prefix plus a stable suffix. */
export function uniqueName(scope: IConstruct, options: UniqueNameOptions): string {
  const lowercase = options.lowercase ?? true;
  const alnum = options.alphanumericOnly ?? false;
  const separator = alnum ? '' : (options.separator ?? '-');
  const suffix = uniqueSuffix(scope, options.suffixLength ?? 6);
  let prefix = lowercase ? options.prefix.toLowerCase() : options.prefix;
  prefix = alnum
    ? prefix.replace(/[^a-zA-Z0-9]/g, '')
    : prefix.replace(/[^a-zA-Z0-9-]/g, '-').replace(/-{2,}/g, '-');
  const room = options.maxLength - suffix.length - separator.length;
  prefix = prefix.slice(0, Math.max(0, room)).replace(/-+$/, '');
  return prefix.length > 0 ? `${prefix}${separator}${suffix}` : suffix;
}
