import type { ChainsResult, ChainStepInfo, Location1 } from '../../shared/protocol';

// Turns a `sparkgraph/chains` answer into the rows of the Call Chains view. Chains that start
// the same way share their first rows, so every root-to-leaf path is one chain from an entry
// point down to the symbol.

export interface ChainNode {
  /** Unique within the tree, stable across refreshes of the same answer. */
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  location?: Location1;
  kind: 'root' | 'step' | 'note';
  children: ChainNode[];
}

export const REACHED_FROM = 'Reached from';
export const CALLS_OUT_OF_FILE = 'Calls out of file';

export function isGuess(step: ChainStepInfo): boolean {
  return step.resolution === 'name';
}

/** `file:line` (1-based), "(guess)" for name-only matches, "external" outside the workspace. */
export function stepDescription(step: ChainStepInfo): string {
  const where = step.location ? `${step.location.file}:${step.location.line + 1}` : 'external';
  return isGuess(step) ? `${where} (guess)` : where;
}

function stepTooltip(step: ChainStepInfo): string {
  const lines = [`${step.kind} ${step.qname}`, stepDescription(step)];
  if (isGuess(step)) lines.push('Resolved by name only; the call may go elsewhere.');
  return lines.join('\n');
}

function stepNode(step: ChainStepInfo, id: string): ChainNode {
  return { id, label: step.name, description: stepDescription(step), tooltip: stepTooltip(step), location: step.location, kind: 'step', children: [] };
}

function stepKey(step: ChainStepInfo): string {
  const at = step.location ? `${step.location.file}:${step.location.line}:${step.location.character}` : '';
  return `${step.qname}@${at}#${step.resolution ?? ''}`;
}

function note(id: string, label: string): ChainNode {
  return { id, label, kind: 'note', children: [] };
}

export function chainTree(result: ChainsResult): ChainNode[] {
  const subject = result.symbol?.name ?? 'this symbol';

  const reached: ChainNode = { id: 'in', label: REACHED_FROM, kind: 'root', children: [] };
  for (const chain of result.incoming) {
    let level = reached;
    for (const step of chain) {
      const id = `${level.id}/${stepKey(step)}`;
      let next = level.children.find((c) => c.id === id);
      if (!next) level.children.push((next = stepNode(step, id)));
      level = next;
    }
  }
  const chains = result.incoming.filter((c) => c.length > 0).length;
  reached.description = `${chains} ${chains === 1 ? 'chain' : 'chains'}`;
  if (chains === 0) reached.children.push(note('in/none', `No entry point reaches ${subject}`));
  if (result.truncated) reached.children.push(note('in/truncated', 'More chains exist; only the shortest are shown'));

  const out: ChainNode = { id: 'out', label: CALLS_OUT_OF_FILE, kind: 'root', children: [] };
  result.outgoing.forEach((step, i) => out.children.push(stepNode(step, `out/${i}/${stepKey(step)}`)));
  out.description = `${result.outgoing.length} ${result.outgoing.length === 1 ? 'call' : 'calls'}`;
  if (result.outgoing.length === 0) out.children.push(note('out/none', `${subject} calls nothing outside its file`));

  return [reached, out];
}
