// A lazy loader for bundled reference data (gzipped JSON files shipped next to the compiled
// code). Cloud-neutral: each cloud's reference readers (lib/<cloud>/reference) build their
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
 * A lazy reader of a gzipped JSON file. `transform` turns the parsed JSON into the index the
 * caller needs (maps, sets); it runs once, on first use.
 */
export function lazyGzJson<R, T = R>(file: string, transform?: (raw: R) => T): LazyData<T> {
  let value: T | undefined;
  let loaded = false;
  let loadMs = 0;
  return {
    get(): T {
      if (!loaded) {
        const t0 = performance.now();
        let raw: R;
        try {
          raw = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as R;
        } catch (e) {
          throw new Error(`reference data ${file} cannot be read: ${(e as Error).message}`);
        }
        value = transform ? transform(raw) : (raw as unknown as T);
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
