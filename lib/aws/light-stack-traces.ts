/**
 * Runs `fn` with trivial stack-trace formatting. cdktf captures a full stack trace for every
 * token it creates (its creation stack, shown only when a token fails to resolve), and each
 * provider resource creates dozens of tokens; under source-mapped runtimes (tsx, ts-node, jest)
 * formatting those traces dominates synth time for large user lists. V8 formats lazily, so
 * errors thrown inside `fn` and read later still get their normal stack.
 */
export function withLightStackTraces<T>(fn: () => T): T {
  const E = Error as any;
  const previous = E.prepareStackTrace;
  E.prepareStackTrace = () => '';
  try {
    return fn();
  } finally {
    E.prepareStackTrace = previous;
  }
}
