// The one build script: copies the tree-sitter runtime and grammars out of their npm packages
// into grammars/ (so nothing is downloaded at run time) and bundles every entry point.
import { build, context } from 'esbuild';
import { copyFileSync, mkdirSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { webTreeSitterPatchPlugin } from './webTreeSitterPatch.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

function copyGrammars() {
  const out = join(root, 'grammars');
  mkdirSync(out, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(root, 'grammars.json'), 'utf8'));
  for (const { package: pkg, file } of manifest.grammars) {
    const src = join(dirname(require.resolve(`${pkg}/package.json`)), file);
    if (!existsSync(src)) throw new Error(`grammar ${file} is missing from the npm package ${pkg}; reinstall it`);
    copyFileSync(src, join(out, file.split('/').pop()));
  }
  copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(out, 'web-tree-sitter.wasm'));
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  // Our sources use `import`, which would pick web-tree-sitter's ESM build; its CommonJS build
  // is the one that finds its wasm from a CommonJS bundle.
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
  plugins: [webTreeSitterPatchPlugin(require.resolve('web-tree-sitter'))],
};

const entries = [
  { entryPoints: { 'client/extension': 'client/src/extension.ts' }, external: ['vscode'] },
  {
    entryPoints: {
      'server/server': 'server/src/lsp/main.ts',
      'server/parseWorker': 'server/src/core/parsing/parseWorker.ts',
      'cli/sparkgraph': 'server/src/cli/main.ts',
      'bench/bench': 'bench/bench.ts',
    },
  },
].map((e) => ({
  ...common,
  ...e,
  outdir: join(root, 'dist'),
  entryPoints: Object.fromEntries(Object.entries(e.entryPoints).filter(([, src]) => existsSync(join(root, src)))),
}));

copyGrammars();
if (watch) {
  for (const e of entries) await (await context(e)).watch();
} else {
  await Promise.all(entries.map((e) => build(e)));
}
