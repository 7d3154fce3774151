import { execFile } from 'node:child_process';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { WorkspaceIndex } from '../core/index/workspaceIndex';
import { intentFromMessage, type ChatIntent } from '../core/refactor/chatIntent';
import { JobManager, type JobStatus } from '../core/refactor/jobs';
import { RefactorWorkspace } from '../core/refactor/refactorWorkspace';
import { resolveOneSymbol, runRefactor } from '../core/refactor/requests';
import { RefactorError, type RefactorResult } from '../core/refactor/types';
import { findUses } from '../core/refactor/uses';

// `sparkgraph serve`: the refactors over HTTP, in the shape users of repository-aware code
// models know. POST /v2/chat/completions/spark takes `messages` and a `repository_context` and
// answers with a job id; GET /v2/jobs/{id} reports status, progress and the result with its
// diff patch; DELETE /v2/jobs/{id} cancels. Loopback only by default, bearer token always;
// nothing is written to the repository (the patch is the answer).

const run = promisify(execFile);
const MAX_BODY = 16 * 2 ** 20;

export interface ServeOptions {
  host: string;
  port: number;
  token: string;
  /** Repository paths (and manifest files) must be inside one of these. */
  allowedRoots: string[];
  log?: (s: string) => void;
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface RepositoryContext {
  path?: string;
  files?: { path: string; content?: string }[];
  git_url?: string;
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export async function serve(options: ServeOptions): Promise<RunningServer> {
  const jobs = new JobManager(200);
  const indexes = new Map<string, Promise<WorkspaceIndex>>();
  const scratch: string[] = [];
  const allowed = options.allowedRoots.map((r) => realpathSync(resolve(r)));
  const expected = Buffer.from(`Bearer ${options.token}`);

  const authorized = (req: IncomingMessage): boolean => {
    const got = Buffer.from(req.headers.authorization ?? '');
    return got.length === expected.length && timingSafeEqual(got, expected);
  };

  const inside = (abs: string): boolean => allowed.some((root) => abs === root || abs.startsWith(root + sep));

  const indexFor = (root: string): Promise<WorkspaceIndex> => {
    let p = indexes.get(root);
    if (!p) {
      p = (async () => {
        const index = new WorkspaceIndex(root, { cache: false });
        await index.build();
        return index;
      })();
      p.catch(() => indexes.delete(root));
      indexes.set(root, p);
    }
    return p;
  };

  /** The folder to refactor in: an allowed local path, a manifest copied to a scratch folder, or a clone. */
  const workspaceOf = async (ctx: RepositoryContext): Promise<string> => {
    if (ctx.path !== undefined) {
      if (typeof ctx.path !== 'string') throw new HttpError(400, 'repository_context.path must be a string');
      let abs: string;
      try {
        abs = realpathSync(resolve(ctx.path));
      } catch {
        throw new HttpError(404, `repository_context.path ${ctx.path} does not exist`);
      }
      if (!inside(abs)) throw new HttpError(403, `repository_context.path ${ctx.path} is outside the allowed roots`);
      if (!statSync(abs).isDirectory()) throw new HttpError(400, `repository_context.path ${ctx.path} is not a folder`);
      return abs;
    }
    if (ctx.files !== undefined) {
      if (!Array.isArray(ctx.files) || ctx.files.length === 0) throw new HttpError(400, 'repository_context.files must be a non-empty list');
      const dir = mkdtempSync(join(tmpdir(), 'sparkgraph-serve-'));
      scratch.push(dir);
      for (const f of ctx.files) {
        if (!f || typeof f.path !== 'string') throw new HttpError(400, 'every manifest entry needs a path');
        if (typeof f.content === 'string') {
          // Inline content: the path is where it goes in the scratch workspace, never outside it.
          const target = resolve(dir, f.path);
          if (isAbsolute(f.path) || relative(dir, target).startsWith('..')) throw new HttpError(403, `manifest path ${f.path} is outside the repository`);
          mkdirSync(dirname(target), { recursive: true });
          writeFileSync(target, f.content);
        } else {
          // A local file: it must be inside an allowed root; it is copied under its path relative to that root.
          let abs: string;
          try {
            abs = realpathSync(resolve(f.path));
          } catch {
            throw new HttpError(404, `manifest file ${f.path} does not exist`);
          }
          const root = allowed.find((r) => abs.startsWith(r + sep));
          if (!root) throw new HttpError(403, `manifest file ${f.path} is outside the allowed roots`);
          const target = join(dir, relative(root, abs));
          mkdirSync(dirname(target), { recursive: true });
          writeFileSync(target, readFileSync(abs));
        }
      }
      return dir;
    }
    if (ctx.git_url !== undefined) {
      if (typeof ctx.git_url !== 'string' || /^-/.test(ctx.git_url)) throw new HttpError(400, 'repository_context.git_url must be a URL');
      const dir = mkdtempSync(join(tmpdir(), 'sparkgraph-serve-git-'));
      scratch.push(dir);
      try {
        await run('git', ['clone', '--depth', '1', '--', ctx.git_url, dir], { timeout: 120_000 });
      } catch (e) {
        throw new HttpError(422, `git could not clone ${ctx.git_url}: ${(e as Error).message.split('\n')[0]}`);
      }
      return dir;
    }
    throw new HttpError(400, 'repository_context needs path, files or git_url');
  };

  const submit = async (body: unknown): Promise<{ job_id: string }> => {
    const b = body as { messages?: { role?: string; content?: unknown }[]; repository_context?: RepositoryContext };
    if (!b || !Array.isArray(b.messages) || b.messages.length === 0) throw new HttpError(400, 'messages must be a non-empty list');
    const last = [...b.messages].reverse().find((m) => m && m.role === 'user');
    if (!last || typeof last.content !== 'string') throw new HttpError(400, 'messages needs a user message with text content');
    if (!b.repository_context || typeof b.repository_context !== 'object') throw new HttpError(400, 'repository_context is required');
    let intent: ChatIntent;
    try {
      intent = intentFromMessage(last.content);
    } catch (e) {
      throw new HttpError(422, (e as Error).message);
    }
    const root = await workspaceOf(b.repository_context);
    const jobId = jobs.submit(intent.kind, async (ctx) => {
      ctx.progress({ done: 0, total: 0, message: 'indexing' });
      const index = await indexFor(root);
      const ws = new RefactorWorkspace(index);
      try {
        if (intent.kind === 'uses') return usesResult(await findUses(ws, resolveOneSymbol(ws, intent.symbol), ctx.signal));
        return await runRefactor(ws, intent, ctx);
      } finally {
        ws.dispose();
      }
    });
    options.log?.(`job ${jobId}: ${intent.kind} in ${root}`);
    return { job_id: jobId };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!authorized(req)) throw new HttpError(401, 'a bearer token is required (Authorization: Bearer <token>)');
    if (url.pathname === '/v2/chat/completions/spark') {
      if (req.method !== 'POST') throw new HttpError(405, 'use POST');
      return send(res, 202, await submit(await readJson(req)));
    }
    const m = /^\/v2\/jobs\/([\w-]+)$/.exec(url.pathname);
    if (m) {
      const status = jobs.status(m[1]);
      if (!status) throw new HttpError(404, `no job ${m[1]}`);
      if (req.method === 'GET') return send(res, 200, jobView(status));
      if (req.method === 'DELETE') return send(res, 200, { id: m[1], cancelled: jobs.cancel(m[1]) });
      throw new HttpError(405, 'use GET or DELETE');
    }
    throw new HttpError(404, `no route ${req.method} ${url.pathname}`);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) send(res, e.status, { error: { message: e.message } });
      else if (e instanceof RefactorError) send(res, 422, { error: { message: e.message } });
      else {
        options.log?.(`internal error: ${(e as Error).stack ?? e}`);
        send(res, 500, { error: { message: 'internal error' } });
      }
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      for (const p of indexes.values()) await p.then((i) => i.dispose(), () => undefined);
      for (const d of scratch) rmSync(d, { recursive: true, force: true });
    },
  };
}

function usesResult(r: Awaited<ReturnType<typeof findUses>>): RefactorResult {
  return {
    kind: 'uses',
    title: `${r.uses.length} uses of ${r.symbol.qname}`,
    edits: [],
    patch: '',
    files: [],
    risky: r.risky,
    baseHashes: {},
    matches: r.uses.map((u) => ({ path: u.path, line: u.range[0] + 1, lineText: u.lineText.trim() })),
  };
}

function jobView(s: JobStatus): unknown {
  const r = s.result;
  return {
    id: s.id,
    object: 'sparkgraph.job',
    kind: s.kind,
    status: s.state,
    progress: s.progress,
    ...(s.error ? { error: { message: s.error } } : {}),
    ...(r
      ? {
          result: { title: r.title, patch: r.patch, files: r.files, edits: r.edits, risky: r.risky, baseHashes: r.baseHashes, ...(r.matches ? { matches: r.matches } : {}) },
          // The chat-completions shape: the answer is the summary and the patch.
          choices: [{ index: 0, message: { role: 'assistant', content: r.patch ? `${r.title}\n\n\`\`\`diff\n${r.patch}\`\`\`` : r.title }, finish_reason: 'stop' }],
        }
      : {}),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'request body too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'the body must be JSON');
  }
}
