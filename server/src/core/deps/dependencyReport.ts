import type { WorkspaceIndex } from '../index/workspaceIndex';
import { analyzeDependencies } from './analyzeDependencies';
import { collectDependencyWorkspace, type CollectOptions } from './collectWorkspace';
import type { DependencyReport } from './types';

// The one call the CLI, the language server and the chat use: the index's current graph plus
// the manifests on disk (or in open buffers) in, the report out.

export async function dependencyReport(index: WorkspaceIndex, options: CollectOptions = {}): Promise<DependencyReport> {
  await index.whenCurrent();
  return analyzeDependencies(collectDependencyWorkspace(index, options));
}
