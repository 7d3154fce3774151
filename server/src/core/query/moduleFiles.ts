import type { Graph } from '../graph/codeGraph';

// The module a file is as code imports it — `Effect` for src/Effect.ts, `services.tax` for
// services/tax.py, `stream` for stream/index.ts — so people can name symbols the way calls
// spell them: `Effect.map`, `services.tax.rate`.

const SOURCE_EXTENSION = /(\.d)?\.([cm]?[jt]sx?|pyi?)$/;
const INDEX_FILE = /\/(index|__init__)$/;

/** A file's path without its extension, an index or `__init__` file standing for its folder. */
export function moduleStem(path: string): string {
  const stem = path.replace(SOURCE_EXTENSION, '');
  return INDEX_FILE.test(stem) ? stem.slice(0, stem.lastIndexOf('/')) : stem;
}

/** Files of the graph whose module path ends in `dottedModule` (dots as folders). */
export function filesOfModule(graph: Graph, dottedModule: string): string[] {
  const modulePath = dottedModule.replace(/\./g, '/');
  const out: string[] = [];
  graph.forEachNode((_id, attrs) => {
    if (attrs.kind !== 'file') return;
    const stem = moduleStem(attrs.file!);
    if (stem === modulePath || stem.endsWith(`/${modulePath}`)) out.push(attrs.file!);
  });
  return out;
}
