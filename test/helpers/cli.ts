import { run } from '../../server/src/cli/main';

/** The CLI driven in-process, its output captured line by line, as a terminal-less caller sees it. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n'), isTTY: false });
  return { code, out, err };
}
