import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node, Tree } from 'web-tree-sitter';
import type { Graph } from '../graph/codeGraph';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { languageForPath } from '../languages/registry';
import type { LanguageModule } from '../languages/languageModule';
import type { LinkContext } from '../link/linkContext';
import { SymbolResolver } from '../link/symbolResolver';
import type { FileFacts } from '../model';
import { TreeSitterHost } from '../parsing/treeSitter';
import { contentHash } from './textEdits';
import { lineStarts } from '../textPositions';

// What a refactor reads: the graph, facts, each file's text as the job first saw it (an open
// buffer wins over the disk) and syntax trees parsed on demand. Every text read is hashed,
// which is what lets applying refuse a file that changed since.

export interface SourceFile {
  path: string;
  text: string;
  starts: number[];
  module: LanguageModule;
}

/** The part of WorkspaceIndex a refactor needs; tests and the bench pass the real index. */
export type IndexView = Pick<WorkspaceIndex, 'root' | 'graph' | 'facts' | 'filePaths' | 'documentText' | 'linkContext'>;

let sharedHost: TreeSitterHost | undefined;

export class RefactorWorkspace {
  readonly root: string;
  readonly graph: Graph;
  private readonly texts = new Map<string, SourceFile | null>();
  private readonly trees = new Map<string, Tree>();
  private readonly absent = new Set<string>();
  private readonly host: TreeSitterHost;

  constructor(readonly index: IndexView) {
    this.root = index.root;
    this.graph = index.graph.graph;
    this.host = sharedHost ??= new TreeSitterHost();
  }

  facts(path: string): FileFacts | undefined {
    return this.index.facts(path);
  }

  filePaths(): string[] {
    return this.index.filePaths();
  }

  linkContext(path: string): LinkContext {
    return this.index.linkContext(path);
  }

  resolver(path: string): SymbolResolver {
    return new SymbolResolver(this.linkContext(path));
  }

  /** The file as the job sees it; undefined when it cannot be read. */
  source(path: string): SourceFile | undefined {
    let s = this.texts.get(path);
    if (s === undefined) {
      const module = languageForPath(path);
      let text = this.index.documentText(path);
      if (text === undefined) {
        try {
          text = readFileSync(join(this.root, path), 'utf8');
        } catch {
          text = undefined;
        }
      }
      s = text === undefined || !module ? null : { path, text, starts: lineStarts(text), module };
      this.texts.set(path, s);
    }
    return s ?? undefined;
  }

  /** Record that `path` must still be absent when the change is applied. */
  expectAbsent(path: string): void {
    this.absent.add(path);
  }

  /** sha256 of the content the job read (null: must not exist); hashed only for files a result touches. */
  hashOf(path: string): string | null | undefined {
    if (this.absent.has(path)) return null;
    const s = this.texts.get(path);
    return s ? contentHash(s.text) : undefined;
  }

  async tree(path: string): Promise<Node | undefined> {
    const src = this.source(path);
    if (!src) return undefined;
    let t = this.trees.get(path);
    if (!t) {
      t = await this.host.tree(src.module, src.text);
      this.trees.set(path, t);
    }
    return t.rootNode;
  }

  /** Parse a snippet (a migration pattern) with a language's grammar; the caller deletes the tree. */
  parseSnippet(module: LanguageModule, text: string): Promise<Tree> {
    return this.host.tree(module, text);
  }

  dispose(): void {
    for (const t of this.trees.values()) t.delete();
    this.trees.clear();
  }
}
