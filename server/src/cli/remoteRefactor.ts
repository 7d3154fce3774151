import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyResult } from '../core/refactor/applyResult';
import { RefactorError, type RefactorResult } from '../core/refactor/types';
import { UsageError, type CliArgs } from './args';

// `sparkgraph refactor … --server <url>`: the same refactor computed by a running
// `sparkgraph serve`. The job is submitted as a chat message, then polled with exponential
// backoff; --apply writes the returned edits here, with the same all-or-nothing check.

export interface RemoteIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Waits between polls; tests pass a recorder. */
  sleep?: (ms: number) => Promise<void>;
}

export function messageFor(args: CliArgs): string {
  const [sub, ...rest] = args.positionals;
  const need = (n: number, what: string) => {
    if (rest.length < n) throw new UsageError(`refactor ${sub} needs ${what}`);
  };
  switch (sub) {
    case 'rename':
      need(2, '<symbol> <newName>');
      return `rename ${rest[0]} to ${rest[1]}`;
    case 'move':
      need(2, '<symbol> <file>');
      return `move ${rest[0]} to ${rest[1]}`;
    case 'uses':
      need(1, '<symbol>');
      return `find every use of ${rest[0]}`;
    case 'signature': {
      need(1, '<symbol>');
      const ops = [...args.add.map((a) => `add ${a}`), ...args.remove.map((r) => `remove ${r}`), ...(args.order ? [`order ${args.order}`] : [])];
      if (ops.length !== 1) throw new UsageError('with --server, refactor signature takes exactly one --add, --remove or --order');
      return `change signature of ${rest[0]}: ${ops[0]}`;
    }
    case 'migrate': {
      if (!args.rule) throw new UsageError('refactor migrate needs --rule rule.yaml');
      const text = readFileSync(resolve(args.rule), 'utf8');
      const get = (k: string) => new RegExp(`^${k}:\\s*(.*)$`, 'm').exec(text)?.[1]?.trim().replace(/^(['"])(.*)\\1$/, '$2');
      const pattern = get('pattern');
      const rewrite = get('rewrite') ?? '';
      if (!pattern || pattern === '|' || rewrite === '|') throw new UsageError('with --server, a rule needs one-line pattern and rewrite values');
      return `migrate \`${pattern}\` to \`${rewrite}\` in ${get('language') ?? 'typescript'}`;
    }
    default:
      throw new UsageError(`unknown refactor ${sub ?? ''}; use uses, rename, move, signature or migrate`);
  }
}

export async function runRemoteRefactor(args: CliArgs, io: RemoteIo): Promise<number> {
  let message: string;
  try {
    message = messageFor(args);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`sparkgraph: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const server = args.server!.replace(/\/$/, '');
  const token = args.token ?? process.env.SPARKGRAPH_TOKEN;
  if (!token) {
    io.err('sparkgraph: --server needs a token (--token or SPARKGRAPH_TOKEN)');
    return 2;
  }
  const root = resolve(args.root ?? '.');
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const sleep = io.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  try {
    const submitted = await fetch(`${server}/v2/chat/completions/spark`, { method: 'POST', headers, body: JSON.stringify({ messages: [{ role: 'user', content: message }], repository_context: { path: root } }) });
    const first = (await submitted.json()) as { job_id?: string; error?: { message: string } };
    if (!submitted.ok || !first.job_id) {
      io.err(`sparkgraph: the server refused: ${first.error?.message ?? submitted.status}`);
      return submitted.status === 401 || submitted.status === 403 ? 2 : 1;
    }
    let job: { status: string; error?: { message: string }; result?: Pick<RefactorResult, 'title' | 'patch' | 'files' | 'edits' | 'risky' | 'matches'> };
    // Exponential backoff: 100 ms doubling to at most 2 s between polls.
    for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
      const res = await fetch(`${server}/v2/jobs/${first.job_id}`, { headers });
      job = (await res.json()) as typeof job;
      if (job.status !== 'queued' && job.status !== 'running') break;
      await sleep(delay);
    }
    if (job.status !== 'done' || !job.result) {
      io.err(`sparkgraph: ${job.error?.message ?? job.status}`);
      return 1;
    }
    const r = job.result;
    if (args.json) io.out(JSON.stringify(r, null, 2));
    else {
      if (r.patch && !args.apply) io.out(r.patch.replace(/\n$/, ''));
      for (const m of r.matches ?? []) io.out(`  ${m.path}:${m.line}: ${m.lineText}`);
      io.err(r.title);
    }
    if (args.apply && r.edits.length) {
      const baseHashes = (job.result as RefactorResult).baseHashes;
      const { written } = await applyResult(root, { kind: 'remote', title: r.title, edits: r.edits, patch: r.patch, files: r.files, risky: r.risky, baseHashes });
      io.err(`wrote ${written.length} files`);
    }
    return 0;
  } catch (e) {
    if (e instanceof RefactorError) {
      io.err(`sparkgraph: ${e.message}`);
      return 1;
    }
    io.err(`sparkgraph: cannot reach ${server}: ${(e as Error).message}`);
    return 3;
  }
}
