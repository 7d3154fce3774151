import { readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { WorkspaceIndex } from '../core/index/workspaceIndex';
import { applyResult } from '../core/refactor/applyResult';
import { JobManager } from '../core/refactor/jobs';
import { RefactorWorkspace } from '../core/refactor/refactorWorkspace';
import { resolveOneSymbol, runRefactor, type RefactorRequest } from '../core/refactor/requests';
import { RefactorError, type RefactorResult } from '../core/refactor/types';
import { findUses, formatUses } from '../core/refactor/uses';
import { parseParamAdd } from '../core/refactor/signature';
import { parseRuleFile } from '../core/refactor/ruleFile';
import { UsageError, type CliArgs } from './args';

// `sparkgraph refactor …`: computes the change as a job, prints the patch (dry run) or writes
// every file at once (--apply), and can save the patch for `git apply`.

export interface RefactorIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

export const REFACTOR_EXIT = { ok: 0, refused: 1, usage: 2, internal: 4 } as const;

export function requestFromArgs(args: CliArgs): RefactorRequest | 'uses' {
  const [sub, ...rest] = args.positionals;
  const need = (n: number, what: string) => {
    if (rest.length < n) throw new UsageError(`refactor ${sub} needs ${what}`);
  };
  switch (sub) {
    case 'uses':
      need(1, '<symbol>');
      return 'uses';
    case 'rename':
      need(2, '<symbol> <newName>');
      return { kind: 'rename', symbol: rest[0], newName: rest[1], ...(args.keepExportNames ? { keepExportNames: true } : {}) };
    case 'signature': {
      need(1, '<symbol> and --add, --remove or --order');
      if (!args.add.length && !args.remove.length && !args.order) throw new UsageError('refactor signature needs --add name[=default][@index], --remove name or --order a,b,c');
      return { kind: 'signature', symbol: rest[0], change: { add: args.add.map(parseParamAdd), remove: args.remove, ...(args.order ? { order: args.order.split(',').map((s) => s.trim()) } : {}) } };
    }
    case 'move':
      need(2, '<symbol> <file>');
      return { kind: 'move', symbol: rest[0], to: rest[1] };
    case 'migrate': {
      if (!args.rule) throw new UsageError('refactor migrate needs --rule rule.yaml');
      let text: string;
      try {
        text = readFileSync(resolve(args.rule), 'utf8');
      } catch (e) {
        throw new UsageError(`cannot read the rule file ${args.rule}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      return { kind: 'migrate', rule: parseRuleFile(text, args.rule) };
    }
    default:
      throw new UsageError(`unknown refactor ${sub ?? ''}; use uses, rename, move, signature or migrate`);
  }
}

export async function runRefactorCommand(args: CliArgs, index: WorkspaceIndex, io: RefactorIo): Promise<number> {
  let req: RefactorRequest | 'uses';
  try {
    req = requestFromArgs(args);
  } catch (e) {
    if (e instanceof UsageError || e instanceof RefactorError) {
      io.err(`sparkgraph: ${e.message}`);
      return REFACTOR_EXIT.usage;
    }
    throw e;
  }
  const ws = new RefactorWorkspace(index);
  try {
    if (req === 'uses') {
      const report = await findUses(ws, resolveOneSymbol(ws, args.positionals[1]));
      io.out(args.json ? JSON.stringify(report, null, 2) : formatUses(report));
      return report.uses.length ? REFACTOR_EXIT.ok : REFACTOR_EXIT.refused;
    }
    const jobs = new JobManager();
    const request = req;
    const id = jobs.submit(request.kind, (ctx) => runRefactor(ws, request, ctx));
    const status = await jobs.wait(id);
    if (status.state !== 'done' || !status.result) {
      io.err(`sparkgraph: ${status.error ?? status.state}`);
      return status.error?.startsWith('internal error') ? REFACTOR_EXIT.internal : REFACTOR_EXIT.refused;
    }
    const result = status.result;
    if (args.patch) await writeAtomically(resolve(args.patch), result.patch);
    let written: string[] = [];
    if (args.apply) written = (await applyResult(index.root, result)).written;
    if (args.json) io.out(JSON.stringify({ ...result, applied: args.apply, written }, null, 2));
    else {
      if (!args.apply && result.patch) io.out(result.patch.replace(/\n$/, ''));
      io.err(summaryText(result, args.apply));
    }
    return REFACTOR_EXIT.ok;
  } catch (e) {
    if (e instanceof RefactorError) {
      io.err(`sparkgraph: ${e.message}`);
      return REFACTOR_EXIT.refused;
    }
    throw e;
  } finally {
    ws.dispose();
  }
}

function summaryText(r: RefactorResult, applied: boolean): string {
  const lines = [`${r.title}${applied ? ' (written)' : ' (dry run: nothing written; --apply writes it)'}`];
  if (r.matches) for (const m of r.matches) lines.push(`  match ${m.path}:${m.line}: ${m.lineText}`);
  for (const f of r.files) lines.push(`  ${f.path}: ${f.created ? 'new file' : `${f.edits} edits`}`);
  if (r.risky.length) {
    lines.push(`${r.risky.length} spots left unchanged that the graph cannot resolve:`);
    for (const s of r.risky) lines.push(`  ${s.path}:${s.range[0] + 1}:${s.range[1] + 1} [${s.kind}] ${s.lineText}`);
  }
  return lines.join('\n');
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
