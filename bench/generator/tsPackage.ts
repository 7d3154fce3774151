import type { FileSink } from './fileSink';
import { ENTITIES, NameSet, WORDS, camel, pascal, plural } from './names';
import type { Rng } from './rng';
import type { Callee, ClassShape, Param } from './signatures';
import { tsBody } from './tsBody';
import { ImportBlock, calleeFor, relativeSpec } from './tsImports';
import { classUnit, constUnit, enumUnit, functionUnit, interfaceUnit, typeUnit, type TsSymbol, type UnitScope } from './tsUnits';

// One npm workspace package under packages/<short>: service and model modules, express
// routes, React components, CommonJS leftovers, a server entry, index.ts and package.json.

export interface TsModule {
  /** Path under src/ without extension, e.g. `services/orderService`. */
  spec: string;
  exports: TsSymbol[];
  defaultExport?: { name: string; kind: 'router' | 'class' };
  component: boolean;
}

export interface TsPackage {
  short: string;
  /** npm name, `@app/<short>`. */
  name: string;
  dir: string;
  deps: TsPackage[];
  /** The entities this package is mostly about. */
  home: string[];
  modules: TsModule[];
  legacy: TsModule[];
  /** What `import { … } from '@app/<short>'` can name once index.ts is written. */
  publicSymbols: TsSymbol[];
  names: NameSet;
  specs: NameSet;
}

/** Symbols many files import: the small and the large file of the benchmark's edit tests. */
export interface Featured {
  spec: string;
  symbols: TsSymbol[];
  chance: number;
}

export interface TsContext {
  rng: Rng;
  sink: FileSink;
  featured: Featured[];
  core?: TsPackage;
}

const SERVICE_ROLES: readonly (readonly [string, string])[] = [
  ['services', 'Service'],
  ['services', 'Manager'],
  ['services', 'Scheduler'],
  ['data', 'Repository'],
  ['data', 'Store'],
  ['data', 'Cache'],
  ['data', 'Mapper'],
  ['domain', 'Policy'],
  ['domain', 'Validator'],
  ['domain', 'Calculator'],
  ['clients', 'Client'],
  ['clients', 'Gateway'],
];

export function newTsPackage(rng: Rng, short: string, deps: TsPackage[], entities: readonly string[]): TsPackage {
  return {
    short,
    name: `@app/${short}`,
    dir: `packages/${short}`,
    deps,
    home: rng.sample(entities, 14),
    modules: [],
    legacy: [],
    publicSymbols: [],
    names: new NameSet(),
    specs: new NameSet(['index', 'server']),
  };
}

function declClaimer(pkg: TsPackage, file: NameSet): (base: string) => string {
  return (base) => {
    let name = base;
    for (let i = 2; pkg.names.has(name) || file.has(name); i++) name = `${base}${i}`;
    pkg.names.add(name);
    file.add(name);
    return name;
  };
}

function literal(rng: Rng, p: Param): string {
  switch (p.type) {
    case 'string':
      return `'${rng.pick(WORDS)}'`;
    case 'number':
      return String(rng.int(1, 99));
    case 'boolean':
      return 'true';
    case 'list':
      return '[]';
    case 'record':
      return '{}';
  }
}

function trimBlank(lines: string[]): string[] {
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Imports from this package's earlier modules, from dependency packages and from the featured files. */
function planImports(ctx: TsContext, pkg: TsPackage, fromSpec: string, block: ImportBlock): Callee[] {
  const { rng } = ctx;
  const callees: Callee[] = [];
  const add = (c: Callee | undefined) => {
    if (c) callees.push(c);
  };
  const candidates = pkg.modules.filter((m) => !m.component && m.exports.some((e) => e.sig || e.shape));
  const nLocal = Math.min(candidates.length, rng.int(0, 3));
  for (let i = 0; i < nLocal; i++) {
    const mod = rng.chance(0.7) ? rng.pick(candidates.slice(-12)) : rng.pick(candidates);
    const spec = relativeSpec(fromSpec, mod.spec);
    const values = mod.exports.filter((e) => e.sig || e.shape);
    for (const sym of rng.sample(values, rng.int(1, 3))) add(calleeFor(sym, block.named(spec, sym.name, 'Local')));
    if (mod.defaultExport?.kind === 'class' && rng.chance(0.3)) {
      const sym = mod.exports.find((e) => e.name === mod.defaultExport!.name);
      if (sym) add(calleeFor(sym, block.defaultImport(spec, sym.name)));
    }
    const types = mod.exports.filter((e) => e.kind === 'interface' || e.kind === 'type');
    if (types.length > 0 && rng.chance(0.3)) block.typeNamed(spec, rng.pick(types).name, 'Local');
  }
  for (const dep of rng.sample(pkg.deps, rng.int(0, Math.min(2, pkg.deps.length)))) {
    const values = dep.publicSymbols.filter((e) => e.sig || e.shape);
    if (values.length === 0) continue;
    if (rng.chance(0.2)) {
      const ns = block.namespace(dep.name, `${camel(dep.short)}Api`);
      for (const sym of rng.sample(values, 3)) add(calleeFor(sym, `${ns}.${sym.name}`));
    } else {
      for (const sym of rng.sample(values, rng.int(1, 3))) add(calleeFor(sym, block.named(dep.name, sym.name, `From${pascal(dep.short)}`)));
    }
    const types = dep.publicSymbols.filter((e) => e.kind === 'interface');
    if (types.length > 0 && rng.chance(0.2)) block.typeNamed(dep.name, rng.pick(types).name, `From${pascal(dep.short)}`);
  }
  for (const f of ctx.featured) {
    const inCore = pkg === ctx.core;
    if ((inCore && f.spec === fromSpec) || !rng.chance(f.chance)) continue;
    const sym = rng.pick(f.symbols);
    const spec = inCore ? relativeSpec(fromSpec, f.spec) : '@app/core';
    add(calleeFor(sym, block.named(spec, sym.name, 'FromCore')));
  }
  return callees;
}

function unitScope(ctx: TsContext, pkg: TsPackage, fileNames: NameSet, topic: string, callees: Callee[], typed: boolean): UnitScope {
  return {
    rng: ctx.rng,
    typed,
    exportKeyword: typed ? 'export ' : '',
    topic,
    owner: pkg.name,
    claim: declClaimer(pkg, fileNames),
    callees,
    exports: [],
  };
}

const SERVICE_WEIGHTS = { function: 35, arrow: 15, helper: 5, class: 18, interface: 10, type: 5, enum: 5, const: 5 };
const MODEL_WEIGHTS = { function: 20, arrow: 10, helper: 3, class: 5, interface: 30, type: 15, enum: 12, const: 8 };

/** A service-like or model module; with `fixed`, at that spec (the large file). Returns its line count. */
export function writeSourceModule(
  ctx: TsContext,
  pkg: TsPackage,
  target: number,
  flavor: 'service' | 'model',
  fixed?: { spec: string; topic: string },
): number {
  const { rng } = ctx;
  const topic = fixed?.topic ?? rng.pick(pkg.home);
  const role = rng.pick(SERVICE_ROLES);
  const spec = fixed ? pkg.specs.claim(fixed.spec) : pkg.specs.claim(flavor === 'model' ? `domain/${topic}Model` : `${role[0]}/${topic}${role[1]}`);
  const fileNames = new NameSet();
  const block = new ImportBlock(fileNames);
  const imported = planImports(ctx, pkg, spec, block);
  let base: { path: string; shape: ClassShape; external?: boolean } | undefined;
  if (flavor === 'service' && rng.chance(0.12)) {
    block.external("import { EventEmitter } from 'node:events';", ['EventEmitter']);
    base = { path: 'EventEmitter', shape: { name: 'EventEmitter', ctor: [], methods: [] }, external: true };
  } else {
    const classes = imported.filter((c): c is Extract<Callee, { kind: 'class' }> => c.kind === 'class');
    if (classes.length > 0 && rng.chance(0.3)) {
      const c = rng.pick(classes);
      base = { path: c.path, shape: c.shape };
    }
  }
  const scope = unitScope(ctx, pkg, fileNames, topic, imported.slice(), true);
  const header = ['/**', ` * ${pascal(topic)} ${flavor === 'model' ? 'model' : role[1].toLowerCase()} for ${pkg.name}.`, ' */'];
  const imports = block.render();
  const body: string[] = [];
  let left = target - header.length - imports.length - 1;
  const push = (lines: string[]): boolean => {
    if (lines.length === 0) return false;
    body.push(...lines, '');
    left -= lines.length + 1;
    return true;
  };
  if (flavor === 'service' && left >= 40) push(classUnit(scope, left, { contract: true, base, role: role[1] }));
  while (left >= 8) {
    // The large file spans many entities; ordinary modules stay mostly on their own topic.
    scope.topic = fixed ? rng.pick(ENTITIES) : rng.chance(0.6) ? topic : rng.pick(pkg.home);
    const kind = rng.weighted(flavor === 'service' ? SERVICE_WEIGHTS : MODEL_WEIGHTS);
    const fnLines = Math.min(left, rng.int(12, 45));
    let lines: string[];
    if (left < 14 || kind === 'function') lines = functionUnit(scope, fnLines, 'declaration', true);
    else if (kind === 'arrow') lines = functionUnit(scope, fnLines, 'arrow', true);
    else if (kind === 'helper') lines = functionUnit(scope, fnLines, 'declaration', false);
    else if (kind === 'class') lines = classUnit(scope, left, { contract: rng.chance(0.3) });
    else if (kind === 'interface') lines = interfaceUnit(scope);
    else if (kind === 'type') lines = typeUnit(scope);
    else if (kind === 'enum') lines = enumUnit(scope);
    else lines = constUnit(scope);
    if (!push(lines)) break;
  }
  let defaultExport: TsModule['defaultExport'];
  const firstClass = scope.exports.find((e) => e.kind === 'class');
  if (firstClass && flavor === 'service' && rng.chance(0.25)) {
    body.push(`export default ${firstClass.name};`);
    defaultExport = { name: firstClass.name, kind: 'class' };
  }
  pkg.modules.push({ spec, exports: scope.exports, defaultExport, component: false });
  return ctx.sink.add(`${pkg.dir}/src/${spec}.ts`, [...header, ...imports, '', ...trimBlank(body)]);
}

const HTTP_METHODS = ['get', 'get', 'post', 'put', 'patch', 'delete'] as const;

/** An express router module: named and inline handlers calling services. */
export function writeRoutes(ctx: TsContext, pkg: TsPackage, target: number): number {
  const { rng } = ctx;
  const topic = rng.pick(pkg.home);
  const spec = pkg.specs.claim(`http/${topic}Routes`);
  const fileNames = new NameSet(['router']);
  const block = new ImportBlock(fileNames);
  block.external("import express from 'express';", ['express']);
  block.external("import type { Request, Response } from 'express';", ['Request', 'Response']);
  const imported = planImports(ctx, pkg, spec, block);
  const claim = declClaimer(pkg, fileNames);
  const body = ['const router = express.Router();'];
  const callees = imported.slice();
  const classes = imported.filter((c): c is Extract<Callee, { kind: 'class' }> => c.kind === 'class');
  if (classes.length > 0) {
    const cls = rng.pick(classes);
    const inst = fileNames.claim(camel(cls.shape.name));
    body.push(`const ${inst} = new ${cls.path}(${cls.shape.ctor.map((p) => literal(rng, p)).join(', ')});`);
    for (const m of cls.shape.methods) callees.push({ kind: 'fn', path: `${inst}.${m.name}`, sig: m }, { kind: 'fn', path: `${inst}.${m.name}`, sig: m });
  }
  body.push('');
  const header = ['/**', ` * HTTP routes for ${plural(topic)} in ${pkg.name}.`, ' */'];
  const imports = block.render();
  const exports: TsSymbol[] = [];
  const base = `/${plural(topic)}`;
  const extraVars: Param[] = [
    { name: 'id', type: 'string' },
    { name: 'limit', type: 'number' },
  ];
  let left = target - header.length - imports.length - body.length - 3;
  while (left >= 14) {
    const method = rng.pick(HTTP_METHODS);
    const path = rng.pick([base, `${base}/:id`, `${base}/:id/${rng.pick(WORDS)}`]);
    const statements = Math.max(1, Math.min(rng.int(2, 6), Math.floor((left - 10) / 2)));
    const stmts = tsBody({ rng, callees, params: [], extraVars, returns: 'void', async: true, topic, statements }, '  ');
    const prologue = ["  const id = String(req.params.id ?? '');", '  const limit = Number(req.query.limit ?? 20);'];
    const lines: string[] = [];
    if (rng.chance(0.6)) {
      const name = claim(`${method === 'delete' ? 'remove' : method}${pascal(topic)}${rng.pick(['Handler', 'Route', 'Endpoint'])}`);
      lines.push(`/** Handles ${method.toUpperCase()} ${path}. */`, `export async function ${name}(req: Request, res: Response): Promise<void> {`);
      lines.push(...prologue, ...stmts, '  res.json({ id, limit });', '}', '', `router.${method}('${path}', ${name});`, '');
      exports.push({ name, kind: 'function' });
    } else {
      lines.push(`router.${method}('${path}', async (req: Request, res: Response) => {`, ...prologue, ...stmts);
      lines.push(`  res.status(${method === 'post' ? 201 : 200}).json({ id, ok: true });`, '});', '');
    }
    body.push(...lines);
    left -= lines.length;
  }
  body.push('export default router;');
  pkg.modules.push({ spec, exports, defaultExport: { name: `${topic}Router`, kind: 'router' }, component: false });
  return ctx.sink.add(`${pkg.dir}/src/${spec}.ts`, [...header, ...imports, '', ...body]);
}

const COMPONENT_SUFFIXES = ['Card', 'Panel', 'List', 'View', 'Table', 'Badge', 'Summary', 'Row', 'Dialog', 'Header'];

/** A .tsx module of function and arrow components that use hooks and call imported helpers. */
export function writeComponents(ctx: TsContext, pkg: TsPackage, target: number): number {
  const { rng } = ctx;
  const topic = rng.pick(pkg.home);
  const spec = pkg.specs.claim(`components/${pascal(topic)}${rng.pick(COMPONENT_SUFFIXES)}`);
  const fileNames = new NameSet();
  const block = new ImportBlock(fileNames);
  block.external("import React, { useMemo, useState } from 'react';", ['React', 'useMemo', 'useState']);
  const fns = planImports(ctx, pkg, spec, block).filter((c): c is Extract<Callee, { kind: 'fn' }> => c.kind === 'fn');
  const earlier = pkg.modules.filter((m) => m.component);
  let embedded: string | undefined;
  if (earlier.length > 0 && rng.chance(0.5)) {
    const m = rng.pick(earlier);
    const comps = m.exports.filter((e) => e.kind === 'function');
    if (comps.length > 0) embedded = block.named(relativeSpec(spec, m.spec), rng.pick(comps).name, 'Local');
  }
  const claim = declClaimer(pkg, fileNames);
  const header = ['/**', ` * ${pascal(topic)} views for ${pkg.name}.`, ' */'];
  const imports = block.render();
  const body: string[] = [];
  const exports: TsSymbol[] = [];
  const argFor = (p: Param): string =>
    p.type === 'string' ? 'title' : p.type === 'number' ? 'count' : p.type === 'boolean' ? 'open' : p.type === 'list' ? 'tags' : '{ id }';
  let left = target - header.length - imports.length - 1;
  do {
    const suffix = rng.pick(COMPONENT_SUFFIXES);
    const name = claim(`${pascal(topic)}${suffix}`);
    const props = claim(`${name}Props`);
    const memo =
      fns.length > 0 && rng.chance(0.8)
        ? (() => {
            const f = rng.pick(fns);
            return `${f.path}(${f.sig.params.map(argFor).join(', ')})`;
          })()
        : '`${title} (${count})`';
    const lines = [
      `export interface ${props} {`,
      '  id: string;',
      '  title: string;',
      '  count: number;',
      '  tags?: string[];',
      '  onSelect?: (id: string) => void;',
      '}',
      '',
      `/** Renders one ${topic} of ${pkg.name}. */`,
      `export function ${name}({ id, title, count, tags = [], onSelect }: ${props}) {`,
      '  const [open, setOpen] = useState(false);',
      `  const label = useMemo(() => ${memo}, [id, title, count, open]);`,
      '  return (',
      `    <div className="${topic}-${suffix.toLowerCase()}" data-id={id}>`,
      '      <h3 onClick={() => setOpen(!open)}>{String(label)}</h3>',
      "      {open && <p className=\"details\">{count} {tags.join(', ')}</p>}",
      ...(embedded ? [`      <${embedded} id={id} title={title} count={count} />`] : []),
      '      <button type="button" onClick={() => onSelect?.(id)}>',
      '        Select',
      '      </button>',
      '    </div>',
      '  );',
      '}',
      '',
    ];
    exports.push({ name: props, kind: 'interface' }, { name, kind: 'function' });
    if (rng.chance(0.5)) {
      const list = claim(`${name}List`);
      lines.push(
        `export const ${list} = ({ items }: { items: ${props}[] }) => (`,
        `  <ul className="${topic}-list">`,
        '    {items.map((item) => (',
        '      <li key={item.id}>',
        `        <${name} {...item} />`,
        '      </li>',
        '    ))}',
        '  </ul>',
        ');',
        '',
      );
      exports.push({ name: list, kind: 'const' });
    }
    body.push(...lines);
    left -= lines.length;
  } while (left >= 26);
  body.push(`export default ${exports[1]!.name};`);
  pkg.modules.push({ spec, exports, component: true });
  return ctx.sink.add(`${pkg.dir}/src/${spec}.tsx`, [...header, ...imports, '', ...body]);
}

/** A CommonJS module: require() of sibling legacy modules, functions and classes, module.exports. */
export function writeLegacy(ctx: TsContext, pkg: TsPackage, target: number): number {
  const { rng } = ctx;
  const topic = rng.pick(pkg.home);
  const spec = pkg.specs.claim(`legacy/${topic}${rng.pick(['Legacy', 'Compat', 'V1', 'Adapter'])}`);
  const fileNames = new NameSet(['module', 'require', 'exports', 'path', 'DATA_DIR']);
  const head = ["'use strict';", '', '/**', ` * CommonJS ${topic} helpers kept for older consumers of ${pkg.name}.`, ' */', '', "const path = require('node:path');"];
  const callees: Callee[] = [];
  for (const mod of rng.sample(pkg.legacy, rng.int(0, 2))) {
    const values = mod.exports.filter((e) => e.sig || e.shape);
    if (values.length === 0) continue;
    const spec2 = relativeSpec(spec, mod.spec);
    if (rng.chance(0.5)) {
      const parts: string[] = [];
      for (const sym of rng.sample(values, rng.int(1, 3))) {
        const local = fileNames.has(sym.name) ? fileNames.claim(`${sym.name}Local`) : (fileNames.add(sym.name), sym.name);
        parts.push(local === sym.name ? local : `${sym.name}: ${local}`);
        const c = calleeFor(sym, local);
        if (c) callees.push(c);
      }
      head.push(`const { ${parts.join(', ')} } = require('${spec2}');`);
    } else {
      const ns = fileNames.claim(`${camel(mod.spec.split('/').pop()!)}Module`);
      head.push(`const ${ns} = require('${spec2}');`);
      for (const sym of rng.sample(values, 3)) {
        const c = calleeFor(sym, `${ns}.${sym.name}`);
        if (c) callees.push(c);
      }
    }
  }
  head.push('', "const DATA_DIR = path.join(__dirname, 'data');", '');
  const scope = unitScope(ctx, pkg, fileNames, topic, callees, false);
  const body: string[] = [];
  let left = target - head.length - 4;
  while (left >= 10) {
    const kind = rng.weighted({ function: 6, class: 2, const: 1 });
    let lines: string[];
    if (kind === 'class' && left >= 30) {
      const classes = scope.callees.filter((c): c is Extract<Callee, { kind: 'class' }> => c.kind === 'class');
      const base = classes.length > 0 && rng.chance(0.3) ? rng.pick(classes) : undefined;
      lines = classUnit(scope, left, { contract: false, base: base && { path: base.path, shape: base.shape } });
    } else if (kind === 'const' && left >= 12) lines = constUnit(scope);
    else lines = functionUnit(scope, Math.min(left, rng.int(12, 40)), 'declaration', true);
    if (lines.length === 0) break;
    body.push(...lines, '');
    left -= lines.length + 1;
  }
  const names = scope.exports.map((e) => e.name);
  body.push('module.exports = {', ...names.map((n) => `  ${n},`), '};', "module.exports.dataDir = DATA_DIR;");
  pkg.legacy.push({ spec, exports: scope.exports, component: false });
  return ctx.sink.add(`${pkg.dir}/src/${spec}.js`, [...head, ...body]);
}

/** src/server.ts: mounts every router of the package on an express app. */
export function writeServer(ctx: TsContext, pkg: TsPackage): number {
  const routers = pkg.modules.filter((m) => m.defaultExport?.kind === 'router');
  if (routers.length === 0) return 0;
  const fileNames = new NameSet(['express', 'app']);
  const imports = ["import express from 'express';"];
  const mounts: string[] = [];
  for (const r of routers) {
    const local = fileNames.claim(`${r.spec.split('/').pop()!}`);
    imports.push(`import ${local} from '${relativeSpec('server', r.spec)}';`);
    mounts.push(`  app.use('/${plural(r.spec.split('/').pop()!.replace(/Routes\d*$/, ''))}', ${local});`);
  }
  const claim = declClaimer(pkg, fileNames);
  const create = claim(`create${pascal(pkg.short)}App`);
  const start = claim(`start${pascal(pkg.short)}Server`);
  const lines = [
    '/**',
    ` * HTTP entry point of ${pkg.name}.`,
    ' */',
    ...imports,
    '',
    `/** Builds the express app with every ${pkg.short} router mounted. */`,
    `export function ${create}(): express.Express {`,
    '  const app = express();',
    '  app.use(express.json());',
    ...mounts,
    '  return app;',
    '}',
    '',
    `/** Starts ${pkg.name} on \`port\`. */`,
    `export function ${start}(port: number): void {`,
    `  const app = ${create}();`,
    '  app.listen(port, () => {',
    `    console.info(\`${pkg.name} listening on \${port}\`);`,
    '  });',
    '}',
  ];
  pkg.modules.push({
    spec: 'server',
    exports: [
      { name: create, kind: 'function' },
      { name: start, kind: 'function', sig: { name: start, params: [{ name: 'port', type: 'number' }], returns: 'void' } },
    ],
    component: false,
  });
  return ctx.sink.add(`${pkg.dir}/src/server.ts`, lines);
}

/** src/index.ts: `export *` of every module plus a few renamed and default re-exports. */
export function writeIndex(ctx: TsContext, pkg: TsPackage): number {
  const { rng } = ctx;
  const lines = ['/**', ` * Public API of ${pkg.name}.`, ' */'];
  const publicSymbols: TsSymbol[] = [];
  const aliases: string[] = [];
  for (const m of pkg.modules) {
    const spec = relativeSpec('index', m.spec);
    lines.push(`export * from '${spec}';`);
    publicSymbols.push(...m.exports);
    for (const e of m.exports) {
      if (!(e.sig || e.shape || e.kind === 'interface') || !rng.chance(0.06)) continue;
      const alias = pkg.names.claim(e.kind === 'class' || e.kind === 'interface' ? `${pascal(pkg.short)}${e.name}` : `${camel(pkg.short)}${pascal(e.name)}`);
      aliases.push(`export ${e.kind === 'interface' ? 'type ' : ''}{ ${e.name} as ${alias} } from '${spec}';`);
      publicSymbols.push({ ...e, name: alias });
    }
    if (m.defaultExport?.kind === 'router') {
      aliases.push(`export { default as ${pkg.names.claim(m.defaultExport.name)} } from '${spec}';`);
    }
  }
  pkg.publicSymbols = publicSymbols;
  return ctx.sink.add(`${pkg.dir}/src/index.ts`, [...lines, ...(aliases.length ? ['', ...aliases] : [])]);
}

export function writePackageJson(ctx: TsContext, pkg: TsPackage): void {
  const deps: Record<string, string> = {};
  for (const d of pkg.deps) deps[d.name] = '*';
  deps.express = '^4.19.2';
  if (pkg.modules.some((m) => m.component)) deps.react = '^18.3.1';
  const json = {
    name: pkg.name,
    version: '1.0.0',
    private: true,
    main: './src/index.ts',
    types: './src/index.ts',
    exports: { '.': './src/index.ts', './package.json': './package.json' },
    dependencies: deps,
  };
  ctx.sink.add(`${pkg.dir}/package.json`, JSON.stringify(json, null, 2).split('\n'));
}

/** The ~40-line file the benchmark edits as "a small file"; every function is called elsewhere. */
export function writeSmallFile(ctx: TsContext, pkg: TsPackage): { path: string; lines: number } {
  const spec = pkg.specs.claim('utils/ids');
  const s = (name: string, params: Param[], returns: 'string' | 'number' | 'boolean'): TsSymbol => {
    pkg.names.add(name);
    return { name, kind: 'function', sig: { name, params, returns } };
  };
  const str = (name: string): Param => ({ name, type: 'string' });
  const num = (name: string): Param => ({ name, type: 'number' });
  const symbols = [
    s('makeId', [str('key'), num('count')], 'string'),
    s('isBlank', [str('label')], 'boolean'),
    s('clampCount', [num('count'), num('limit')], 'number'),
    s('joinKey', [str('id'), str('name')], 'string'),
    s('shortLabel', [str('label'), num('limit')], 'string'),
    s('idSequence', [str('id'), num('offset')], 'number'),
  ];
  const lines = [
    '/**',
    ' * Identifier helpers shared by every package of the workspace.',
    ' */',
    '',
    '/** Builds a stable identifier from a key and a sequence number. */',
    'export function makeId(key: string, count: number): string {',
    "  const padded = String(count).padStart(6, '0');",
    '  return `${key}_${padded}`;',
    '}',
    '',
    '/** True when the label holds nothing but whitespace. */',
    'export function isBlank(label: string): boolean {',
    '  return label.trim().length === 0;',
    '}',
    '',
    '/** Keeps a count inside [0, limit]. */',
    'export function clampCount(count: number, limit: number): number {',
    '  if (count < 0) {',
    '    return 0;',
    '  }',
    '  return Math.min(count, limit);',
    '}',
    '',
    '/** Joins two parts into a lookup key. */',
    'export function joinKey(id: string, name: string): string {',
    '  return `${id}:${name}`;',
    '}',
    '',
    '/** Shortens a label to at most `limit` characters. */',
    'export function shortLabel(label: string, limit: number): string {',
    '  return label.length <= limit ? label : `${label.slice(0, Math.max(0, limit - 3))}...`;',
    '}',
    '',
    '/** Parses the numeric suffix of an id made by makeId, shifted by `offset`. */',
    'export function idSequence(id: string, offset: number): number {',
    "  const parsed = Number.parseInt(id.split('_').pop() ?? '', 10);",
    '  return Number.isNaN(parsed) ? offset : parsed + offset;',
    '}',
  ];
  pkg.modules.push({ spec, exports: symbols, component: false });
  ctx.featured.push({ spec, symbols, chance: 0.3 });
  const path = `${pkg.dir}/src/${spec}.ts`;
  return { path, lines: ctx.sink.add(path, lines) };
}

/** The benchmark's "large file": one long service module whose functions other files import. */
export function writeLargeFile(ctx: TsContext, pkg: TsPackage, lines: number): { path: string; lines: number } {
  const written = writeSourceModule(ctx, pkg, lines, 'service', { spec: 'engine/pipeline', topic: 'pipeline' });
  const mod = pkg.modules[pkg.modules.length - 1]!;
  ctx.featured.push({ spec: mod.spec, symbols: mod.exports.filter((e) => e.sig || e.shape), chance: 0.3 });
  return { path: `${pkg.dir}/src/${mod.spec}.ts`, lines: written };
}

function fileSize(rng: Rng): number {
  return Math.round(50 + 350 * rng.next() ** 1.6);
}

/**
 * Writes every file of `pkg` within about `budget` source lines. With `extra` (the core package)
 * it first writes the small and large edit-test files. Returns the source lines written and their paths.
 */
export function writeTsPackage(ctx: TsContext, pkg: TsPackage, budget: number, extra?: { largeLines: number }): { lines: number; small?: string; large?: string } {
  const { rng } = ctx;
  let written = 0;
  let small: string | undefined;
  let large: string | undefined;
  if (extra) {
    const s = writeSmallFile(ctx, pkg);
    small = s.path;
    written += s.lines;
    const l = writeLargeFile(ctx, pkg, extra.largeLines);
    large = l.path;
    written += l.lines;
  }
  // index.ts and server.ts come last; leave room for roughly one line per module.
  while (budget - written - pkg.modules.length - pkg.legacy.length - 4 >= 40) {
    const target = Math.min(fileSize(rng), budget - written - pkg.modules.length - 4);
    const kind = rng.weighted({ service: 55, model: 14, routes: 8, component: 12, legacy: 7 });
    if (kind === 'routes') written += writeRoutes(ctx, pkg, target);
    else if (kind === 'component') written += writeComponents(ctx, pkg, target);
    else if (kind === 'legacy') written += writeLegacy(ctx, pkg, target);
    else written += writeSourceModule(ctx, pkg, target, kind);
  }
  written += writeServer(ctx, pkg);
  written += writeIndex(ctx, pkg);
  writePackageJson(ctx, pkg);
  return { lines: written, small, large };
}
