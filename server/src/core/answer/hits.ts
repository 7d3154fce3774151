import type { Graph } from '../graph/codeGraph';
import { round } from './search';
import type { AnswerHit } from './types';

/** A hit for a graph node, its location taken from the node unless given. */
export function hitOf(g: Graph, id: string, score: number, reason: string, known?: Partial<AnswerHit>): AnswerHit {
  const a = g.hasNode(id) ? g.getNodeAttributes(id) : undefined;
  const r = a?.selection ?? a?.range;
  return {
    id,
    name: known?.name ?? (a?.kind === 'file' ? (a.file ?? a.name) : (a?.name ?? id)),
    qname: known?.qname ?? a?.qname ?? id,
    kind: known?.kind ?? a?.kind ?? 'unknown',
    file: known?.file ?? a?.file ?? '',
    line: known?.line ?? (a?.kind === 'file' ? 0 : (r?.[0] ?? 0)),
    character: known?.character ?? (a?.kind === 'file' ? 0 : (r?.[1] ?? 0)),
    score: round(score),
    reason,
  };
}
