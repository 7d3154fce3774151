import type { IndexStats } from '../../../../shared/protocol';
import type { ServerState } from '../serverState';

export function stats(state: ServerState): IndexStats {
  const folders = [...state.folders.values()];
  const overall: IndexStats['state'] = folders.length === 0 ? 'starting' : folders.some((f) => f.state === 'error') ? 'error' : folders.some((f) => f.state === 'indexing') ? 'indexing' : 'ready';
  return {
    state: overall,
    message: folders.find((f) => f.error)?.error,
    folders: folders.map((f) => {
      const s = f.index.summary();
      return {
        root: f.root,
        files: s?.files ?? 0,
        lines: s?.lines ?? 0,
        nodes: s?.nodes ?? 0,
        edges: s?.edges ?? 0,
        byLanguage: s?.byLanguage ?? {},
        edgesByKind: s?.edgesByKind ?? {},
        calls: s?.calls ?? { total: 0, resolved: 0, guessed: 0, unresolved: 0 },
        skipped: s?.skipped ?? [],
        ignored: s?.ignored ?? 0,
        ms: s?.ms ?? 0,
        fromCache: s?.fromCache ?? 0,
      };
    }),
  };
}
