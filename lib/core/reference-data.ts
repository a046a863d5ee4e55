// A lazy loader for bundled reference data (gzipped JSON or text files shipped next to the
// compiled code). Cloud-neutral: each cloud's reference readers (lib/<cloud>/reference) build their
// indexes on top of it. Nothing is read at import time; the first call reads, inflates and
// parses the file, and every later call returns the same value.
import * as fs from 'fs';
import * as zlib from 'zlib';

/** A memoized reader of one data file: `get()` loads it on first use. */
export interface LazyData<T> {
  /** The data, loaded (and transformed) on the first call. */
  get(): T;
  /** True once the file has been read. */
  readonly loaded: boolean;
  /** Milliseconds the first load took (read + inflate + parse + transform); 0 before it. */
  readonly loadMs: number;
}

/**
 * A lazy reader of a gzipped text file (for large tables whose rows are parsed only when looked
 * up, which is much faster than parsing them all as one JSON document).
 */
export function lazyGzText<T>(file: string, transform: (text: string) => T): LazyData<T> {
  return lazyGz(file, (buffer) => transform(buffer.toString('utf8')));
}

/**
 * A lazy reader of a gzipped JSON file. `transform` turns the parsed JSON into the index the
 * caller needs (maps, sets); it runs once, on first use.
 */
export function lazyGzJson<R, T = R>(file: string, transform?: (raw: R) => T): LazyData<T> {
  return lazyGz(file, (buffer) => {
    const raw = JSON.parse(buffer.toString('utf8')) as R;
    return transform ? transform(raw) : (raw as unknown as T);
  });
}

function lazyGz<T>(file: string, decode: (buffer: Buffer) => T): LazyData<T> {
  let value: T | undefined;
  let loaded = false;
  let loadMs = 0;
  return {
    get(): T {
      if (!loaded) {
        const t0 = performance.now();
        let buffer: Buffer;
        try {
          buffer = zlib.gunzipSync(fs.readFileSync(file));
        } catch (e) {
          throw new Error(`reference data ${file} cannot be read: ${(e as Error).message}`);
        }
        try {
          value = decode(buffer);
        } catch (e) {
          throw new Error(`reference data ${file} is malformed: ${(e as Error).message}`);
        }
        loaded = true;
        loadMs = performance.now() - t0;
      }
      return value as T;
    },
    get loaded() {
      return loaded;
    },
    get loadMs() {
      return loadMs;
    },
  };
}

/**
 * Levenshtein distance between two reference names, bounded: returns max + 1 when larger (for
 * the near-miss hints of the reference rules).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(
        prev[j] + 1,
        cur[j - 1] + 1,
        prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}
