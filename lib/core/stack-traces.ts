/**
 * Runs `fn` with trivial stack-trace formatting.
 *
 * cdktf captures a full stack trace for every token it creates (its "creation stack", shown only
 * when a token later fails to resolve), and every provider resource creates dozens of tokens,
 * at construction and again while synthesizing. Under source-mapped runtimes (tsx, ts-node,
 * jest) formatting those traces is most of the synth time of a large platform. V8 formats a
 * stack lazily, on first read, so errors thrown inside `fn` and read later keep their normal
 * stack; only the creation stacks of tokens made inside `fn` are empty.
 *
 * Set `SECURE_MLOPS_TOKEN_STACK_TRACES=full` to keep full creation stacks when debugging a
 * token that does not resolve.
 */
export function withLightStackTraces<T>(fn: () => T): T {
  if (process.env.SECURE_MLOPS_TOKEN_STACK_TRACES === 'full') return fn();
  const E = Error as any;
  const previous = E.prepareStackTrace;
  E.prepareStackTrace = () => '';
  try {
    return fn();
  } finally {
    E.prepareStackTrace = previous;
  }
}

/**
 * Starts light stack-trace formatting (see {@link withLightStackTraces}) and returns the function
 * that restores the previous formatting; call it in a `finally`.
 */
export function lightStackTraces(): () => void {
  if (process.env.SECURE_MLOPS_TOKEN_STACK_TRACES === 'full') return () => undefined;
  const E = Error as any;
  const previous = E.prepareStackTrace;
  E.prepareStackTrace = () => '';
  return () => {
    E.prepareStackTrace = previous;
  };
}
