import type { StatusParams } from '../../shared/protocol';

// What the status bar item says for each index state; plain data so it can be tested.

export interface StatusView {
  text: string;
  tooltip: string;
}

const count = (n: number) => n.toLocaleString('en-US');

export function statusView(s: StatusParams): StatusView {
  switch (s.state) {
    case 'starting':
      return { text: '$(sync~spin) SparkGraph: starting', tooltip: 'SparkGraph is starting its language server' };
    case 'indexing': {
      const percent = Math.max(0, Math.min(100, Math.round(s.percent ?? 0)));
      return { text: `$(sync~spin) SparkGraph: indexing ${percent}%`, tooltip: `SparkGraph is indexing the workspace (${percent}%)` };
    }
    case 'ready': {
      const files = s.files ?? 0;
      const parts = [`${count(files)} ${files === 1 ? 'file' : 'files'}`];
      if (s.nodes !== undefined) parts.push(`${count(s.nodes)} nodes`);
      if (s.edges !== undefined) parts.push(`${count(s.edges)} edges`);
      return { text: `$(graph) SparkGraph: ready · ${parts[0]}`, tooltip: `SparkGraph index ready: ${parts.join(', ')}. Click for index stats.` };
    }
    case 'error':
      return { text: '$(error) SparkGraph: error', tooltip: `SparkGraph: ${s.message?.trim() || 'unknown error'}. Click for index stats; see "SparkGraph: Open Logs" for details.` };
  }
}
