import { runCli } from '../lib/cli/main';

/** Runs the scanner CLI in-process; returns its exit status, standard output and standard error. */
export function runCliCaptured(args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(
    args,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}
