import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startServer } from '../test/helpers/lspClient';

// The language server as an editor meets it: time from `initialize` to the index being ready,
// request latencies on real positions, and the server's memory once it has indexed.

export interface LspNumbers {
  readyMs: number;
  hover: number[];
  references: number[];
  callHierarchy: number[];
  rssMB: number;
  peakRssMB: number;
}

function procStatusMB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export async function measureLsp(root: string, positions: { file: string; line: number; character: number }[]): Promise<LspNumbers> {
  const t0 = performance.now();
  const lsp = await startServer([root]);
  try {
    await lsp.waitForStatus((s) => s.state === 'ready', 600_000);
    const readyMs = performance.now() - t0;
    const pid = lsp.process.pid!;
    const rssMB = procStatusMB(pid, 'VmRSS');
    const peakRssMB = procStatusMB(pid, 'VmHWM');
    const hover: number[] = [];
    const references: number[] = [];
    const callHierarchy: number[] = [];
    const time = async (into: number[], fn: () => Promise<unknown>) => {
      const s = performance.now();
      await fn();
      into.push(performance.now() - s);
    };
    for (const p of positions) {
      const params = { textDocument: { uri: lsp.uri(root, p.file) }, position: { line: p.line, character: p.character } };
      await time(hover, () => lsp.connection.sendRequest('textDocument/hover', params));
      await time(references, () => lsp.connection.sendRequest('textDocument/references', { ...params, context: { includeDeclaration: false } }));
      await time(callHierarchy, async () => {
        const items = await lsp.connection.sendRequest<unknown[]>('textDocument/prepareCallHierarchy', params);
        if (items?.[0]) await lsp.connection.sendRequest('callHierarchy/incomingCalls', { item: items[0] });
      });
    }
    return { readyMs, hover, references, callHierarchy, rssMB, peakRssMB };
  } finally {
    await lsp.close();
  }
}
