import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { WorkspaceIndex, type FileChange } from '../../server/src/core/index/workspaceIndex';
import type { ContentChange } from '../../server/src/core/index/openDocuments';
import { copyFixture } from './fixtures';
import { canonicalGraph } from './graphText';

// Random but seeded changes to a fixture workspace, and the from-scratch graph to compare an
// incrementally kept index with: shared by the randomized incremental and warm-restart tests.

export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function listFiles(root: string, dir = root): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(root, abs));
    else out.push(relative(root, abs).split('\\').join('/'));
  }
  return out.sort();
}

export const TS_SNIPPETS = [
  (n: string) => `export function ${n}(): number {\n  return helperFor${n}();\n}\nfunction helperFor${n}(): number { return 1; }\n`,
  (n: string) => `import { add } from '@acme/util';\nexport const ${n} = () => add(1, 2);\n`,
  (n: string) => `import { User } from '../models/user';\nexport class ${n} extends User {\n  go() { this.rename('x'); this.save(); }\n}\n`,
  (n: string) => `export * from '../models/user';\nexport function ${n}() { return slugify('a'); }\nimport { slugify } from '@acme/util/strings';\n`,
  () => `export function frobnicate(): void {}\nexport function create() { return 2; }\n`,
];

export const PY_SNIPPETS = [
  (n: string) => `from ..models import Order\n\n\ndef ${n}():\n    return Order(1).place()\n`,
  (n: string) => `from . import tax\n\n\ndef ${n}(x):\n    return tax.compute(x) + rate()\n\n\ndef rate():\n    return 1\n`,
  (n: string) => `class ${n}:\n    def save(self):\n        return self.validate()\n\n    def validate(self):\n        return fmt(1)\n\n\nfrom shop.util.money import fmt\n`,
  () => `def compute(order):\n    return 0\n`,
];

export interface Workspace {
  root: string;
  dirs: { ts: string; py: string };
}

export class Mutator {
  private counter = 0;
  constructor(
    private readonly ws: Workspace,
    private readonly rand: () => number,
  ) {}

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)];
  }

  private sources(): string[] {
    return listFiles(this.ws.root).filter((f) => /\.(ts|tsx|js|jsx|mjs|py)$/.test(f));
  }

  /** One random change on disk; returns what a file watcher would report. */
  diskChange(): FileChange[] {
    const r = this.rand();
    const files = this.sources();
    const name = `gen${++this.counter}`;
    if (r < 0.3 || files.length < 4) {
      const py = this.rand() < 0.45;
      const dir = py ? this.ws.dirs.py : this.ws.dirs.ts;
      const path = `${dir}/${name}.${py ? 'py' : 'ts'}`;
      const body = py ? this.pick(PY_SNIPPETS)(`Gen${this.counter}`) : this.pick(TS_SNIPPETS)(`gen${this.counter}`);
      this.write(path, body);
      return [{ path, kind: 'created' }];
    }
    const path = this.pick(files);
    const abs = join(this.ws.root, path);
    if (r < 0.45) {
      rmSync(abs);
      return [{ path, kind: 'deleted' }];
    }
    if (r < 0.55) {
      const to = `${dirname(path)}/${name}${path.slice(path.lastIndexOf('.'))}`;
      renameSync(abs, join(this.ws.root, to));
      return [
        { path, kind: 'deleted' },
        { path: to, kind: 'created' },
      ];
    }
    if (r < 0.6) {
      // Config edits change how every import resolves.
      const cfg = join(this.ws.root, 'tsconfig.base.json');
      if (existsSync(cfg)) {
        const text = readFileSync(cfg, 'utf8');
        writeFileSync(cfg, text.includes('src/lib/*') ? text.replace('src/lib/*', 'src/models/*') : text.replace('src/models/*', 'src/lib/*'));
        return [{ path: 'tsconfig.base.json', kind: 'changed' }];
      }
    }
    writeFileSync(abs, this.mutateText(readFileSync(abs, 'utf8'), path.endsWith('.py')));
    return [{ path, kind: 'changed' }];
  }

  mutateText(text: string, py: boolean): string {
    const lines = text.split('\n');
    const r = this.rand();
    const at = Math.floor(this.rand() * (lines.length + 1));
    if (r < 0.35 && lines.length > 1) {
      lines.splice(Math.floor(this.rand() * lines.length), 1);
    } else if (r < 0.7) {
      const snippet = py ? this.pick(PY_SNIPPETS)(`Ins${++this.counter}`) : this.pick(TS_SNIPPETS)(`ins${++this.counter}`);
      lines.splice(at, 0, ...snippet.split('\n'));
    } else {
      // Rename an identifier everywhere in the file: declarations and uses change together.
      const ids = [...new Set(text.match(/\b[a-z][A-Za-z]{3,}\b/g) ?? [])];
      if (ids.length) {
        const id = this.pick(ids);
        return text.replace(new RegExp(`\\b${id}\\b`, 'g'), `${id}X`);
      }
    }
    return lines.join('\n');
  }

  /** A random in-editor edit expressed as an LSP incremental change. */
  editorChange(text: string, py: boolean): ContentChange {
    const next = this.mutateText(text, py);
    let start = 0;
    while (start < text.length && start < next.length && text[start] === next[start]) start++;
    let endOld = text.length;
    let endNew = next.length;
    while (endOld > start && endNew > start && text[endOld - 1] === next[endNew - 1]) {
      endOld--;
      endNew--;
    }
    const pos = (s: string, i: number) => {
      const before = s.slice(0, i);
      return { line: before.split('\n').length - 1, character: i - (before.lastIndexOf('\n') + 1) };
    };
    return { range: { start: pos(text, start), end: pos(text, endOld) }, text: next.slice(start, endNew) };
  }

  write(path: string, body: string): void {
    const abs = join(this.ws.root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, body);
  }
}

export async function scratch(root: string, open: Map<string, string>): Promise<string[]> {
  const index = new WorkspaceIndex(root, { workers: 0, cache: false });
  try {
    await index.build();
    for (const [path, text] of open) await index.openDocument(path, text);
    await index.whenCurrent();
    return canonicalGraph(index.graph.graph);
  } finally {
    await index.dispose();
  }
}

export function diff(a: string[], b: string[]): { onlyIncremental: string[]; onlyScratch: string[] } {
  const sa = new Set(a);
  const sb = new Set(b);
  return { onlyIncremental: a.filter((x) => !sb.has(x)).slice(0, 10), onlyScratch: b.filter((x) => !sa.has(x)).slice(0, 10) };
}

/** link-ts and link-py in one workspace, so cross-language and cross-package effects mix. */
export function mixedWorkspace(): Workspace & { cleanup: () => void } {
  const ts = copyFixture('link-ts');
  const py = copyFixture('link-py');
  const root = ts.root;
  renameSync(join(py.root, 'src'), join(root, 'pysrc'));
  mkdirSync(join(root, 'pysrc', 'scripts'), { recursive: true });
  renameSync(join(py.root, 'scripts', 'run.py'), join(root, 'pysrc', 'scripts', 'run.py'));
  py.cleanup();
  return { root, dirs: { ts: 'src/services', py: 'pysrc/shop/services' }, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
