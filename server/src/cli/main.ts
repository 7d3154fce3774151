import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { WorkspaceError } from '../core/discovery';
import { WorkspaceIndex, type IndexProgress } from '../core/index/workspaceIndex';
import { callees, callersThroughAlias, shortestChains } from '../core/query/callGraph';
import { exportGraphml, exportJson } from '../core/query/exportGraph';
import { findSymbols } from '../core/query/findSymbols';
import { resolveSymbolQuery } from '../core/query/resolveSymbolQuery';
import { textCallSites } from '../core/query/textCallSites';
import { askCommand } from './ask';
import { parseArgs, UsageError, USAGE, type CliArgs } from './args';
import { requestFromArgs, runRefactorCommand } from './refactorCommand';
import { newToken, serve } from './serve';
import { runRemoteRefactor } from './remoteRefactor';
import { describe, formatCallLinks, formatChain, formatSummary, location } from './format';
import { formatDependencyReport } from './formatDeps';
import { dependencyReport } from '../core/deps/dependencyReport';

// `sparkgraph`: the engine without an editor, for CI and scripts. Every command indexes (warm
// from the persistent cache when nothing changed) and then answers from the graph.

export const EXIT = { ok: 0, notFound: 1, usage: 2, workspace: 3, internal: 4 } as const;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

const processIo: Io = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  isTTY: !!process.stderr.isTTY,
};

export async function run(argv: readonly string[], io: Io = processIo): Promise<number> {
  let args: CliArgs;
  try {
    if (argv.includes('--help') || argv.includes('-h') || argv.length === 0) {
      io.out(USAGE);
      return argv.length === 0 ? EXIT.usage : EXIT.ok;
    }
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`sparkgraph: ${e.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    throw e;
  }
  if (args.command === 'serve') return runServe(args, io);
  if (args.command === 'refactor' && args.server) return runRemoteRefactor(args, io);
  if (args.command === 'refactor') {
    // Bad arguments are reported before the workspace is indexed.
    try {
      requestFromArgs(args);
    } catch (e) {
      io.err(`sparkgraph: ${(e as Error).message}`);
      return EXIT.usage;
    }
  }
  const root = resolve((args.command === 'index' || args.command === 'deps') && args.positionals[0] ? args.positionals[0] : (args.root ?? '.'));
  const index = new WorkspaceIndex(root, {
    cache: args.cache,
    maxFileSize: args.maxFileSize,
    extraIgnores: args.ignore,
    workers: args.workers,
  });
  try {
    const progress = args.quiet || args.json || !io.isTTY ? undefined : progressBar((s) => process.stderr.write(s));
    const summary = await index.build(progress);
    if (progress) process.stderr.write('\r\x1b[K');
    return await dispatch(args, index, summary, io);
  } catch (e) {
    if (e instanceof WorkspaceError) {
      io.err(`sparkgraph: ${e.message}`);
      return EXIT.workspace;
    }
    io.err(`sparkgraph: internal error: ${(e as Error).stack ?? e}`);
    return EXIT.internal;
  } finally {
    await index.dispose();
  }
}

async function dispatch(args: CliArgs, index: WorkspaceIndex, summary: Awaited<ReturnType<WorkspaceIndex['build']>>, io: Io): Promise<number> {
  const graph = index.graph.graph;
  const print = (json: unknown, text: () => string) => io.out(args.json ? JSON.stringify(json, null, 2) : text());
  switch (args.command) {
    case 'index':
      print(summary, () => formatSummary(summary));
      return EXIT.ok;
    case 'stats':
      print(summary, () => formatSummary(summary, 'index of'));
      return EXIT.ok;
    case 'symbols': {
      const matches = findSymbols(graph, args.positionals.join(' '), args.limit ?? 50);
      print(
        matches.map((m) => ({ id: m.id, ...m.attrs })),
        () => (matches.length ? matches.map((m) => `${describe(m.attrs)}${m.attrs.signature ? `\n    ${m.attrs.signature}` : ''}`).join('\n') : `no symbols match "${args.positionals.join(' ')}"`),
      );
      return matches.length ? EXIT.ok : EXIT.notFound;
    }
    case 'callers':
    case 'callees': {
      const query = args.positionals[0];
      const { matches, suggestions } = resolveSymbolQuery(graph, query);
      const dir = args.command;
      if (matches.length === 0) {
        // A call on a value of unknown type is still findable by its text.
        const sites = dir === 'callers' && query.includes('.') ? textCallSites(index.allFacts(), query, args.limit ?? 200) : [];
        if (sites.length) {
          print({ symbol: query, resolved: [], textMatches: sites }, () =>
            [`no definition of ${query} in the graph; call sites that read "${query}(…)" (receiver type unknown):`, ...sites.map((s) => `  ${s.file}:${s.range[0] + 1}:${s.range[1] + 1} in ${s.caller ?? '<module>'}`)].join('\n'),
          );
          return EXIT.ok;
        }
        print({ symbol: query, matches: [], suggestions: suggestions.map((s) => ({ id: s.id, ...s.attrs })) }, () =>
          suggestions.length ? `no symbol named ${query}; did you mean:\n${suggestions.map((s) => `  ${describe(s.attrs)}`).join('\n')}` : `no symbol named ${query}`,
        );
        return EXIT.notFound;
      }
      const results = matches.map((m) => {
        const { links: all, alias } = dir === 'callers' ? callersThroughAlias(graph, m.id) : { links: callees(graph, m.id), alias: undefined };
        const links = all.slice(0, args.limit ?? 500);
        const aliasOf = alias ? { id: alias, ...graph.getNodeAttributes(alias) } : undefined;
        return { symbol: { id: m.id, ...m.attrs }, ...(aliasOf ? { aliasOf } : {}), [dir]: links.map((l) => ({ id: l.id, ...l.attrs, edge: l.edge })), links, attrs: m.attrs, aliasAttrs: aliasOf };
      });
      print(
        results.map(({ links: _l, attrs: _a, aliasAttrs: _aa, ...r }) => r),
        () =>
          results
            .map((r) => formatCallLinks(`${dir} of ${describe(r.attrs)}${r.aliasAttrs ? `, an alias of ${describe(r.aliasAttrs)}` : ''}`, r.links, dir === 'callers' ? 'from' : 'to'))
            .join('\n\n'),
      );
      return EXIT.ok;
    }
    case 'chain': {
      const [fromQ, toQ] = args.positionals;
      const from = resolveSymbolQuery(graph, fromQ);
      const to = resolveSymbolQuery(graph, toQ);
      for (const [q, r] of [
        [fromQ, from],
        [toQ, to],
      ] as const) {
        if (r.matches.length === 0) {
          io.err(`no symbol named ${q}${r.suggestions.length ? `; did you mean: ${r.suggestions.map((s) => s.attrs.qname).join(', ')}` : ''}`);
          return EXIT.notFound;
        }
      }
      const result = shortestChains(
        graph,
        from.matches.map((m) => m.id),
        to.matches.map((m) => m.id),
        { maxLength: args.maxLength ?? 8, maxChains: args.limit ?? 5, timeBudgetMs: 5000 },
      );
      print(
        { from: fromQ, to: toQ, truncated: result.truncated, chains: result.chains.map((c) => c.map((s) => ({ id: s.id, qname: s.attrs.qname, file: s.attrs.file, location: location(s.attrs), via: s.via }))) },
        () =>
          result.chains.length
            ? result.chains.map((c, i) => `chain ${i + 1} (${c.length - 1} calls):\n${formatChain(c)}`).join('\n\n') + (result.truncated ? '\n(search cut short by its time budget)' : '')
            : `no call chain from ${fromQ} to ${toQ} within ${args.maxLength ?? 8} calls`,
      );
      return result.chains.length ? EXIT.ok : EXIT.notFound;
    }
    case 'ask':
      return askCommand(index, args.positionals.join(' '), { json: args.json, k: args.k }, io.out);
    case 'deps': {
      const report = await dependencyReport(index);
      print(report, () => formatDependencyReport(report));
      return report.missing.length ? EXIT.notFound : EXIT.ok;
    }
    case 'refactor':
      return runRefactorCommand(args, index, io);
    case 'serve':
      return runServe(args, io);
    case 'export': {
      const write = args.out ? await fileWriter(args.out) : { write: (s: string) => void process.stdout.write(s), done: async () => undefined };
      if (args.format === 'graphml') for (const chunk of exportGraphml(graph, index.root)) write.write(chunk);
      else write.write(JSON.stringify(exportJson(graph, index.root)) + '\n');
      await write.done();
      if (args.out) io.err(`wrote ${args.format} graph (${graph.order} nodes, ${graph.size} edges) to ${args.out}`);
      return EXIT.ok;
    }
  }
}

/** Writes to a temporary file and renames it into place, so a failed export leaves no half file. */
async function fileWriter(path: string): Promise<{ write: (s: string) => void; done: () => Promise<void> }> {
  const tmp = `${path}.${process.pid}.tmp`;
  const stream = createWriteStream(tmp);
  const failed = new Promise<never>((_, reject) => stream.on('error', reject));
  failed.catch(() => undefined);
  return {
    write: (s) => void stream.write(s),
    done: async () => {
      try {
        await Promise.race([new Promise<void>((r) => stream.end(r)), failed]);
        await rename(tmp, path);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
    },
  };
}

/** Runs the HTTP API until the process is interrupted. */
async function runServe(args: CliArgs, io: Io): Promise<number> {
  const host = args.host ?? '127.0.0.1';
  const token = args.token ?? process.env.SPARKGRAPH_TOKEN ?? newToken();
  const allowedRoots = args.allow.length ? args.allow : [args.root ?? '.'];
  let running: Awaited<ReturnType<typeof serve>>;
  try {
    running = await serve({ host, port: args.port ?? 8787, token, allowedRoots, log: (s) => io.err(s) });
  } catch (e) {
    io.err(`sparkgraph: cannot serve on ${host}:${args.port ?? 8787}: ${(e as Error).message}`);
    return EXIT.workspace;
  }
  io.err(`sparkgraph: serving ${running.url} (repositories under ${allowedRoots.map((r) => resolve(r)).join(', ')})`);
  if (!args.token && !process.env.SPARKGRAPH_TOKEN) io.err(`sparkgraph: bearer token ${token}`);
  if (!/^(127\.|::1$|localhost$)/.test(host)) io.err(`sparkgraph: warning: listening on ${host}, not loopback; anyone with the token can read the allowed folders`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await running.close();
  return EXIT.ok;
}

function progressBar(write: (s: string) => void): (p: IndexProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 80 && p.done !== p.total) return;
    last = now;
    const width = 30;
    const frac = p.total ? p.done / p.total : 0;
    const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
    const label = p.phase === 'parse' ? `${p.done}/${p.total} files` : p.phase === 'link' ? `linking ${p.done}/${p.total}` : p.phase;
    write(`\r\x1b[Kindexing ${bar} ${Math.round(frac * 100)}% ${label}`);
  };
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`sparkgraph: internal error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = EXIT.internal;
    },
  );
}
