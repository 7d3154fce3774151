// Command-line parsing without a framework: commands, positional arguments and a few typed
// flags, with errors a person can act on.

export const COMMANDS = ['index', 'stats', 'symbols', 'callers', 'callees', 'chain', 'ask', 'export', 'deps', 'refactor', 'serve'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliArgs {
  command: Command;
  positionals: string[];
  json: boolean;
  root?: string;
  cache: boolean;
  maxFileSize?: number;
  ignore: string[];
  workers?: number;
  format: 'json' | 'graphml';
  out?: string;
  limit?: number;
  maxLength?: number;
  k?: number;
  quiet: boolean;
  /** refactor: write the change (default is a dry run that prints the patch). */
  apply: boolean;
  /** refactor: also write the patch to this file. */
  patch?: string;
  /** refactor signature: --add name[=default][@index] (repeatable), --remove name (repeatable), --order a,b,c */
  add: string[];
  remove: string[];
  order?: string;
  rule?: string;
  /** refactor rename: named re-exports keep their public name, as TypeScript's rename does. */
  keepExportNames: boolean;
  /** serve: where to listen, the bearer token, the folders repositories may come from. */
  host?: string;
  port?: number;
  token?: string;
  allow: string[];
  /** refactor: compute on a running `sparkgraph serve` instead of in this process. */
  server?: string;
}

export class UsageError extends Error {}

export const USAGE = `usage: sparkgraph <command> [options]

commands:
  index [dir]                 index a folder (default: the current one) and print a summary
  stats                       what is indexed: files per language, nodes, edges, skipped files
  symbols <query>             find classes, functions, methods by name
  callers <symbol>            who calls a symbol (e.g. handleLogin, Repo.save, express.Router)
  callees <symbol>            what a symbol calls
  chain <from> <to>           shortest call chains from one symbol to another, across files
  ask "<question>" [--k N]    answer a plain-language question with ranked places in the code
  export [--format json|graphml] [--out file]
                              the whole graph: nodes with file and range, edges with call sites
  deps [dir]                  imports no manifest declares, with the install command for this
                              project's tooling; declared dependencies nothing uses (exit 1 if
                              something is missing)
  refactor uses <symbol>      every use of a symbol (file:line and the line) before rewriting it
  refactor rename <symbol> <newName> [--keep-export-names]
                              rename across the workspace (definition, imports, re-exports, uses);
                              --keep-export-names keeps re-exported names (export { new as old })
  refactor move <symbol> <file>
                              move a function or class to another file, updating every importer
  refactor signature <symbol> --add name[=default][@index] | --remove name | --order a,b,c
                              change parameters and every call site
  refactor migrate --rule rule.yaml
                              structural search-and-replace over syntax trees
    refactor options: --dry-run (default: print the patch), --apply (write it, all files or none),
                      --patch out.diff (also save the patch), --json,
                      --server <url> [--token T] (computed by a running sparkgraph serve)
  serve [--port 8787] [--host 127.0.0.1] [--token T] [--allow dir]...
                              HTTP API: POST /v2/chat/completions/spark, GET|DELETE /v2/jobs/{id}
                              (bearer token required: --token or SPARKGRAPH_TOKEN, else one is printed;
                              repositories only from --allow folders, default the current one)

options:
  -C, --root <dir>            workspace folder for every command (default: current folder)
  --json                      machine-readable output
  --no-cache                  ignore and do not write the persistent index
  --max-file-size <bytes>     skip larger files (default 1 MiB; accepts 512k, 2m)
  --ignore <glob>             extra ignore pattern, gitignore syntax (repeatable)
  --workers <n>               parse workers (default: CPU count; 0 = main thread)
  --limit <n>                 maximum results (symbols, callers, callees)
  --max-length <n>            longest chain searched (chain; default 8)
  --k <n>                     how many places an answer lists (ask; default 10)
  -q, --quiet                 no progress bar

exit codes: 0 ok, 1 nothing found (deps: something is missing), 2 usage error, 3 workspace folder missing or unreadable, 4 internal error`;

export function parseArgs(argv: readonly string[]): CliArgs {
  const positionals: string[] = [];
  const args: Omit<CliArgs, 'command' | 'positionals'> = { json: false, cache: true, ignore: [], format: 'json', quiet: false, apply: false, add: [], remove: [], keepExportNames: false, allow: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--json':
        args.json = true;
        break;
      case '-C':
      case '--root':
        args.root = value();
        break;
      case '--no-cache':
        args.cache = false;
        break;
      case '--max-file-size':
        args.maxFileSize = parseSize(value());
        break;
      case '--ignore':
        args.ignore.push(value());
        break;
      case '--workers':
        args.workers = parseCount(a, value());
        break;
      case '--limit':
        args.limit = parseCount(a, value());
        break;
      case '--max-length':
        args.maxLength = parseCount(a, value());
        break;
      case '--k':
        args.k = parseCount(a, value());
        if (args.k === 0) throw new UsageError('--k needs at least 1');
        break;
      case '--format': {
        const f = value();
        if (f !== 'json' && f !== 'graphml') throw new UsageError(`--format must be json or graphml, not ${f}`);
        args.format = f;
        break;
      }
      case '--out':
      case '-o':
        args.out = value();
        break;
      case '--dry-run':
        args.apply = false;
        break;
      case '--apply':
        args.apply = true;
        break;
      case '--host':
        args.host = value();
        break;
      case '--port':
        args.port = parseCount(a, value());
        break;
      case '--token':
        args.token = value();
        break;
      case '--server':
        args.server = value();
        break;
      case '--allow':
        args.allow.push(value());
        break;
      case '--keep-export-names':
        args.keepExportNames = true;
        break;
      case '--patch':
        args.patch = value();
        break;
      case '--add':
        args.add.push(value());
        break;
      case '--remove':
        args.remove.push(value());
        break;
      case '--order':
        args.order = value();
        break;
      case '--rule':
        args.rule = value();
        break;
      case '-q':
      case '--quiet':
        args.quiet = true;
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        positionals.push(a);
    }
  }
  const command = positionals.shift();
  if (!command) throw new UsageError('no command given');
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`unknown command ${command}`);
  const need: Partial<Record<Command, [number, string]>> = {
    symbols: [1, '<query>'],
    callers: [1, '<symbol>'],
    callees: [1, '<symbol>'],
    chain: [2, '<from> <to>'],
    ask: [1, '"<question>"'],
    refactor: [1, 'a subcommand: uses, rename, move, signature or migrate'],
  };
  const req = need[command as Command];
  if (req && positionals.length < req[0]) throw new UsageError(`${command} needs ${req[1]}`);
  return { command: command as Command, positionals, ...args };
}

function parseCount(flag: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} needs a whole number, not ${v}`);
  return n;
}

export function parseSize(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?)?$/i.exec(v.trim());
  if (!m) throw new UsageError(`--max-file-size needs a size like 1048576, 512k or 2m, not ${v}`);
  const unit = (m[2] ?? '').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.round(Number(m[1]) * mult);
}
