import type { RefactorWorkspace } from './refactorWorkspace';
import { findSymbolSites, type SymbolSite } from './symbolSites';
import type { RiskySpot } from './types';

// "Find every use of X" before rewriting anything: the same sites a rename would edit, plus
// the spots it would only report.

export interface UsesReport {
  symbol: { id: string; qname: string; path: string; line: number };
  uses: SymbolSite[];
  risky: RiskySpot[];
}

export async function findUses(ws: RefactorWorkspace, id: string, signal?: AbortSignal, onProgress?: (done: number, total: number) => void): Promise<UsesReport> {
  const found = await findSymbolSites(ws, id, { signal, onFile: onProgress });
  const def = found.definition;
  return { symbol: { id: found.id, qname: def.symbol.qname, path: def.path, line: def.symbol.selection[0] + 1 }, uses: found.sites, risky: found.risky };
}

export function formatUses(r: UsesReport): string {
  const lines = [`${r.uses.length} uses of ${r.symbol.qname} (${r.symbol.path}:${r.symbol.line}):`];
  for (const u of r.uses) lines.push(`  ${u.path}:${u.range[0] + 1}:${u.range[1] + 1} [${u.role}] ${u.lineText.trim()}`);
  if (r.risky.length) {
    lines.push(`${r.risky.length} spots the graph cannot resolve:`);
    for (const s of r.risky) lines.push(`  ${s.path}:${s.range[0] + 1}:${s.range[1] + 1} [${s.kind}] ${s.lineText}`);
  }
  return lines.join('\n');
}
