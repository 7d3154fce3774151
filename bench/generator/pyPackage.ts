import type { FileSink } from './fileSink';
import { ENTITIES, NameSet, QUALIFIERS, STATUSES, VERBS, WORDS, article, pascal, plural, snake } from './names';
import { pyBody, pyDefHead, pyLiteral, pyParamList, pyType } from './pyBody';
import type { Rng } from './rng';
import { randomParams, randomReturn, type Callee, type ClassShape, type Param, type Signature } from './signatures';

// One src-layout Python distribution under py/<dist>/: pyproject.toml and a package of
// sub-packages (models, services, api, utils) whose modules import each other relatively and
// absolutely, import their dependency distributions, the stdlib and requests/sqlalchemy.

export interface PySymbol {
  name: string;
  kind: 'function' | 'class' | 'const';
  sig?: Signature;
  shape?: ClassShape;
}

export interface PyModule {
  /** Dotted module name, e.g. `ledger.services.order_service`. */
  dotted: string;
  exports: PySymbol[];
}

export interface PyPackage {
  /** Import name. */
  short: string;
  dist: string;
  dir: string;
  deps: PyPackage[];
  home: string[];
  modules: PyModule[];
  /** Names importable as `from <short> import name` (re-exported by __init__.py). */
  publicSymbols: PySymbol[];
  names: NameSet;
  modNames: NameSet;
}

export interface PyContext {
  rng: Rng;
  sink: FileSink;
}

const SUBPACKAGES = ['models', 'services', 'api', 'utils'] as const;
type Sub = (typeof SUBPACKAGES)[number];
const ROLES: Record<Sub, readonly string[]> = {
  models: ['model', 'record', 'schema'],
  services: ['service', 'manager', 'repository', 'pipeline'],
  api: ['client', 'views', 'handlers'],
  utils: ['helpers', 'formatting', 'cache'],
};

export function newPyPackage(rng: Rng, short: string, deps: PyPackage[]): PyPackage {
  return {
    short,
    dist: `acme-${short.replace(/_/g, '-')}`,
    dir: `py/acme-${short.replace(/_/g, '-')}`,
    deps,
    home: rng.sample(ENTITIES, 14),
    modules: [],
    publicSymbols: [],
    names: new NameSet(),
    modNames: new NameSet(['__init__', 'base', 'decorators']),
  };
}

function pathOf(pkg: PyPackage, dotted: string, init = false): string {
  return `${pkg.dir}/src/${dotted.replace(/\./g, '/')}${init ? '/__init__' : ''}.py`;
}

/** `from <here> import` target for `to` seen from module `from` of the same distribution. */
function relativeFrom(from: string, to: string): string {
  const fromPkg = from.split('.').slice(0, -1);
  const toParts = to.split('.');
  let common = 0;
  while (common < fromPkg.length && common < toParts.length - 1 && fromPkg[common] === toParts[common]) common++;
  const dots = '.'.repeat(fromPkg.length - common + 1);
  return dots + toParts.slice(common).join('.');
}

interface PyFile {
  names: NameSet;
  imports: string[];
  callees: Callee[];
  decorators: string[];
}

function localName(file: PyFile, name: string, suffix: string): string {
  if (!file.names.has(name)) {
    file.names.add(name);
    return name;
  }
  return file.names.claim(`${name}_${suffix}`);
}

function calleeOf(sym: PySymbol, path: string): Callee | undefined {
  if (sym.shape) return { kind: 'class', path, shape: { ...sym.shape, name: path.split('.').pop()! } };
  if (sym.sig) return { kind: 'fn', path, sig: sym.sig };
  return undefined;
}

function planImports(ctx: PyContext, pkg: PyPackage, dotted: string, file: PyFile): void {
  const { rng } = ctx;
  const byModule = new Map<string, string[]>();
  const fromImport = (mod: string, name: string, local: string) => {
    const list = byModule.get(mod) ?? [];
    list.push(local === name ? name : `${name} as ${local}`);
    byModule.set(mod, list);
  };
  const candidates = pkg.modules.filter((m) => m.dotted !== dotted && m.exports.some((e) => e.sig || e.shape));
  for (const mod of rng.sample(candidates.slice(-15), Math.min(candidates.length, rng.int(0, 3)))) {
    const relative = rng.chance(0.65);
    const source = relative ? relativeFrom(dotted, mod.dotted) : mod.dotted;
    for (const sym of rng.sample(mod.exports.filter((e) => e.sig || e.shape), rng.int(1, 2))) {
      const local = rng.chance(0.1) ? file.names.claim(`${sym.name}_impl`) : localName(file, sym.name, 'local');
      fromImport(source, sym.name, local);
      const c = calleeOf(sym, local);
      if (c) file.callees.push(c);
    }
  }
  for (const dep of rng.sample(pkg.deps, rng.int(0, Math.min(2, pkg.deps.length)))) {
    if (rng.chance(0.3)) {
      const mod = rng.pick(dep.modules.filter((m) => m.exports.some((e) => e.sig)));
      if (!mod) continue;
      const alias = file.names.claim(`${dep.short}_${mod.dotted.split('.').pop()!}`);
      file.imports.push(`import ${mod.dotted} as ${alias}`);
      for (const sym of rng.sample(mod.exports.filter((e) => e.sig || e.shape), 2)) {
        const c = calleeOf(sym, `${alias}.${sym.name}`);
        if (c) file.callees.push(c);
      }
    } else {
      for (const sym of rng.sample(dep.publicSymbols.filter((e) => e.sig || e.shape), rng.int(1, 2))) {
        const local = localName(file, sym.name, dep.short);
        fromImport(dep.short, sym.name, local);
        const c = calleeOf(sym, local);
        if (c) file.callees.push(c);
      }
    }
  }
  const decoratorsModule = `${pkg.short}.utils.decorators`;
  if (dotted !== decoratorsModule && rng.chance(0.6)) {
    const source = rng.chance(0.5) ? relativeFrom(dotted, decoratorsModule) : decoratorsModule;
    const local = localName(file, 'retry', 'local');
    fromImport(source, 'retry', local);
    file.decorators.push(local);
  }
  const sorted = [...byModule.entries()].sort(([a], [b]) => Number(a.startsWith('.')) - Number(b.startsWith('.')));
  for (const [mod, names] of sorted) {
    if (names.length > 3) file.imports.push(`from ${mod} import (`, ...names.map((n) => `    ${n},`), ')');
    else file.imports.push(`from ${mod} import ${names.join(', ')}`);
  }
}

interface PyScope {
  rng: Rng;
  topic: string;
  owner: string;
  http: boolean;
  claim(base: string): string;
  callees: Callee[];
  exports: PySymbol[];
  decorators: string[];
}

function docstring(indent: string, text: string, params: readonly Param[] = []): string[] {
  if (params.length === 0) return [`${indent}"""${text}"""`];
  return [`${indent}"""${text}`, '', `${indent}Args:`, ...params.map((p) => `${indent}    ${p.name}: the ${p.name} to use.`), `${indent}"""`];
}

function functionUnit(s: PyScope, maxLines: number): string[] {
  if (maxLines < 6) return [];
  const { rng } = s;
  const verb = rng.pick(VERBS);
  const entity = rng.chance(0.75) ? s.topic : rng.pick(ENTITIES);
  const name = s.claim(snake(`${verb}${pascal(entity)}${rng.pick(QUALIFIERS)}`));
  const params = randomParams(rng, 0, 3);
  const returns = randomReturn(rng, true);
  const sig: Signature = { name, params, returns };
  const out: string[] = [];
  if (s.decorators.length > 0 && rng.chance(0.2)) out.push(`@${rng.pick(s.decorators)}(times=${rng.int(2, 5)})`);
  out.push(pyDefHead(sig));
  const doc = docstring('    ', `${pascal(verb)} the ${entity} for ${s.owner}.`, rng.chance(0.4) && maxLines > 14 ? params : []);
  out.push(...doc);
  const statements = Math.max(1, Math.min(rng.int(2, 9), Math.floor((maxLines - out.length - 2) / 2)));
  out.push(...pyBody({ rng, callees: s.callees, params, returns, topic: s.topic, statements, http: s.http }, '    '));
  if (returns === 'void' && out.length === 1 + doc.length) out.push('    return None');
  s.callees.push({ kind: 'fn', path: name, sig });
  s.exports.push({ name, kind: 'function', sig });
  return out;
}

function classUnit(s: PyScope, maxLines: number, base?: { path: string; shape: ClassShape }): string[] {
  if (maxLines < 26) return [];
  const { rng } = s;
  const name = s.claim(`${pascal(s.topic)}${rng.pick(['Service', 'Manager', 'Repository', 'Coordinator', 'Tracker', 'Builder'])}`);
  const ctor = randomParams(rng, 1, 3);
  const target = Math.min(maxLines, rng.int(45, 220));
  const methodNames = new NameSet(['size', 'create', 'describe']);
  const methods: Signature[] = [];
  for (let i = Math.max(1, Math.floor((target - 30) / 12)); i > 0; i--) {
    const entity = rng.chance(0.8) ? s.topic : rng.pick(ENTITIES);
    methods.push({
      name: methodNames.claim(snake(`${rng.pick(VERBS)}${pascal(entity)}${rng.pick(QUALIFIERS)}`)),
      params: randomParams(rng, 0, 3),
      returns: randomReturn(rng, true),
    });
  }
  const shape: ClassShape = { name, ctor, methods };
  const out = [`class ${name}${base ? `(${base.path})` : ''}:`, ...docstring('    ', `Keeps track of ${plural(s.topic)} for ${s.owner}.`), ''];
  out.push(`    table_name = "${s.owner}_${plural(s.topic)}"`, '');
  out.push(`    def __init__(${pyParamList(ctor, 'self')}) -> None:`);
  if (base) out.push(`        super().__init__(${base.shape.ctor.map((p) => pyLiteral(rng, p.type)).join(', ')})`);
  for (const p of ctor) out.push(`        self.${p.name} = ${p.name}`);
  out.push('        self._cache: dict[str, Any] = {}', '        self._hits = 0', '');
  out.push('    @property', '    def size(self) -> int:', '        return len(self._cache) + self._hits', '');
  out.push('    @staticmethod', '    def describe() -> str:', `        return "${s.topic}"`, '');
  out.push('    @classmethod', `    def create(cls) -> "${name}":`, `        instance = cls(${ctor.map((p) => pyLiteral(rng, p.type)).join(', ')})`);
  out.push('        logger.info("created %s", cls.describe())', '        return instance');
  const own: Callee[] = methods.map((m) => ({ kind: 'fn', path: `self.${m.name}`, sig: m }));
  const inherited: Callee[] = (base?.shape.methods ?? []).filter((m) => !methodNames.has(m.name)).map((m) => ({ kind: 'fn', path: `self.${m.name}`, sig: m }));
  const shared = [...s.callees, ...inherited];
  for (const m of methods) {
    const left = target - out.length;
    out.push('');
    if (s.decorators.length > 0 && rng.chance(0.15)) out.push(`    @${rng.pick(s.decorators)}(times=${rng.int(2, 5)})`);
    out.push(`    ${pyDefHead(m, 'self')}`, ...docstring('        ', `${pascal(m.name.split('_')[0]!)} the ${s.topic}.`));
    if (rng.chance(0.3)) out.push('        self._hits += 1');
    const statements = Math.max(1, Math.min(rng.int(2, 7), Math.floor((left - 5) / 2)));
    // Siblings twice: calls between methods of one class are the common case. Never itself.
    const siblings = own.filter((c) => c.kind === 'fn' && c.sig !== m);
    const callees = [...shared, ...siblings, ...siblings];
    out.push(...pyBody({ rng, callees, params: m.params, returns: m.returns, topic: s.topic, statements, http: s.http }, '        '));
  }
  s.callees.push({ kind: 'class', path: name, shape });
  s.exports.push({ name, kind: 'class', shape });
  return out;
}

function dataclassUnit(s: PyScope): string[] {
  const { rng } = s;
  const name = s.claim(`${pascal(s.topic)}${rng.pick(['Record', 'Snapshot', 'Event', 'Settings', 'Row'])}`);
  const fields = randomParams(rng, 2, 5);
  const out = ['@dataclass', `class ${name}:`, ...docstring('    ', `${pascal(article(s.topic))} ${s.topic} as ${s.owner} passes it around.`), ''];
  const [required, ...optional] = fields;
  out.push(`    ${required!.name}: ${pyType(required!.type)}`);
  for (const f of optional) {
    const dflt = f.type === 'list' ? 'field(default_factory=list)' : f.type === 'record' ? 'field(default_factory=dict)' : pyLiteral(rng, f.type);
    out.push(`    ${f.name}: ${pyType(f.type)} = ${dflt}`);
  }
  out.push(`    status: str = "${rng.pick(STATUSES)}"`);
  const shape: ClassShape = { name, ctor: [required!], methods: [] };
  s.callees.push({ kind: 'class', path: name, shape });
  s.exports.push({ name, kind: 'class', shape });
  return out;
}

function ormUnit(s: PyScope): string[] {
  const { rng } = s;
  const name = s.claim(`${pascal(s.topic)}Row`);
  const out = [`class ${name}(Base):`, ...docstring('    ', `ORM row for ${plural(s.topic)}.`), ''];
  out.push(`    __tablename__ = "${s.owner}_${plural(s.topic)}"`, '');
  out.push('    id = Column(Integer, primary_key=True)', `    name = Column(String(${rng.int(40, 255)}), nullable=False)`);
  out.push('    enabled = Column(Boolean, default=True)', '');
  out.push('    def to_dict(self) -> dict[str, Any]:', '        return {"id": self.id, "name": self.name, "enabled": self.enabled}', '');
  out.push('    def __repr__(self) -> str:', `        return f"<${name} {self.id}>"`);
  const shape: ClassShape = { name, ctor: [], methods: [{ name: 'to_dict', params: [], returns: 'void' }] };
  s.exports.push({ name, kind: 'class', shape });
  return out;
}

function constUnit(s: PyScope): string[] {
  const name = s.claim(`${s.topic.toUpperCase()}_LIMITS`);
  s.exports.push({ name, kind: 'const' });
  return [`${name}: dict[str, int] = {"default": ${s.rng.int(10, 100)}, "max": ${s.rng.int(200, 5000)}}`];
}

function fileSize(rng: Rng): number {
  return Math.round(50 + 350 * rng.next() ** 1.6);
}

/** One module in `sub`; returns its line count. */
function writeModule(ctx: PyContext, pkg: PyPackage, sub: Sub, target: number): number {
  const { rng } = ctx;
  const topic = rng.pick(pkg.home);
  const modName = pkg.modNames.claim(`${topic}_${rng.pick(ROLES[sub])}`);
  const dotted = `${pkg.short}.${sub}.${modName}`;
  const http = sub === 'api' || rng.chance(0.15);
  const orm = sub === 'models';
  const file: PyFile = {
    names: new NameSet(['json', 'logging', 'os', 'dataclass', 'field', 'Any', 'Optional', 'logger', 'DATA_DIR', 'BASE_URL', 'requests', 'Base', 'Column', 'Integer', 'String', 'Boolean']),
    imports: [],
    callees: [],
    decorators: [],
  };
  planImports(ctx, pkg, dotted, file);
  const head = [`"""${pascal(topic)} ${sub} for ${pkg.short}."""`, '', 'from __future__ import annotations', '', 'import json', 'import logging', 'import os'];
  head.push('from dataclasses import dataclass, field', 'from typing import Any, Optional', '');
  if (http) head.push('import requests');
  if (orm) head.push('from sqlalchemy import Boolean, Column, Integer, String');
  if (http || orm) head.push('');
  if (orm) file.imports.unshift(`from ${relativeFrom(dotted, `${pkg.short}.models.base`)} import Base`);
  if (file.imports.length > 0) head.push(...file.imports, '');
  head.push('logger = logging.getLogger(__name__)', `DATA_DIR = os.environ.get("${pkg.short.toUpperCase()}_DATA_DIR", "/var/lib/${pkg.short}")`);
  if (http) head.push(`BASE_URL = os.environ.get("${pkg.short.toUpperCase()}_API", "https://${pkg.short}.internal")`);
  const claim = (base: string) => {
    let name = base;
    for (let i = 2; pkg.names.has(name) || file.names.has(name); i++) name = `${base}${i}`;
    pkg.names.add(name);
    file.names.add(name);
    return name;
  };
  const scope: PyScope = { rng, topic, owner: pkg.short, http, claim, callees: file.callees, exports: [], decorators: file.decorators };
  const body: string[] = [];
  let left = target - head.length - 2;
  const push = (lines: string[]): boolean => {
    if (lines.length === 0) return false;
    body.push('', '', ...lines);
    left -= lines.length + 2;
    return true;
  };
  if (orm) push(ormUnit(scope));
  while (left >= 8) {
    scope.topic = rng.chance(0.6) ? topic : rng.pick(pkg.home);
    const kind = rng.weighted(orm ? { function: 3, dataclass: 3, orm: 2, const: 1, class: 0 } : { function: 6, dataclass: 1, orm: 0, const: 0.5, class: 2.5 });
    let lines: string[];
    if (kind === 'class' && left >= 30) {
      const classes = file.callees.filter((c): c is Extract<Callee, { kind: 'class' }> => c.kind === 'class' && c.shape.ctor.length > 0);
      const base = classes.length > 0 && rng.chance(0.2) ? rng.pick(classes) : undefined;
      lines = classUnit(scope, left, base && { path: base.path, shape: base.shape });
    } else if (kind === 'dataclass' && left >= 12) lines = dataclassUnit(scope);
    else if (kind === 'orm' && left >= 16) lines = ormUnit(scope);
    else if (kind === 'const') lines = constUnit(scope);
    else lines = functionUnit(scope, Math.min(left, rng.int(10, 40)));
    if (!push(lines)) break;
  }
  const fns = scope.exports.filter((e) => e.sig);
  if (fns.length > 0 && rng.chance(0.5)) {
    const f = rng.pick(fns);
    const alias = claim(`${f.name.split('_')[0]}_${topic}_alias`);
    body.push('', '', `# Older callers still import the ${f.name.split('_')[0]} helper under this name.`, `${alias} = ${f.name}`);
    scope.exports.push({ name: alias, kind: 'function', sig: { ...f.sig!, name: alias } });
  }
  pkg.modules.push({ dotted, exports: scope.exports });
  return ctx.sink.add(pathOf(pkg, dotted), [...head, ...body]);
}

function writeDecorators(ctx: PyContext, pkg: PyPackage): number {
  pkg.names.add('retry');
  pkg.names.add('timed');
  const lines = [
    `"""Decorators shared by every module of ${pkg.short}."""`,
    '',
    'from __future__ import annotations',
    '',
    'import functools',
    'import logging',
    'import time',
    'from typing import Any, Callable, TypeVar',
    '',
    'F = TypeVar("F", bound=Callable[..., Any])',
    'logger = logging.getLogger(__name__)',
    '',
    '',
    'def retry(times: int = 3, delay: float = 0.0) -> Callable[[F], F]:',
    '    """Retry the wrapped function up to `times` times on ValueError."""',
    '',
    '    def decorate(func: F) -> F:',
    '        @functools.wraps(func)',
    '        def wrapper(*args: Any, **kwargs: Any) -> Any:',
    '            for attempt in range(times - 1):',
    '                try:',
    '                    return func(*args, **kwargs)',
    '                except ValueError as exc:',
    '                    logger.debug("attempt %d failed: %s", attempt, exc)',
    '                    time.sleep(delay)',
    '            return func(*args, **kwargs)',
    '',
    '        return wrapper  # type: ignore[return-value]',
    '',
    '    return decorate',
    '',
    '',
    'def timed(func: F) -> F:',
    '    """Log how long the wrapped function takes."""',
    '',
    '    @functools.wraps(func)',
    '    def wrapper(*args: Any, **kwargs: Any) -> Any:',
    '        started = time.perf_counter()',
    '        try:',
    '            return func(*args, **kwargs)',
    '        finally:',
    '            logger.debug("%s took %.3fs", func.__qualname__, time.perf_counter() - started)',
    '',
    '    return wrapper  # type: ignore[return-value]',
  ];
  pkg.modules.push({ dotted: `${pkg.short}.utils.decorators`, exports: [{ name: 'timed', kind: 'const' }] });
  return ctx.sink.add(pathOf(pkg, `${pkg.short}.utils.decorators`), lines);
}

function writeInits(ctx: PyContext, pkg: PyPackage): number {
  const { rng } = ctx;
  let written = ctx.sink.add(pathOf(pkg, `${pkg.short}.models.base`), [
    `"""Declarative base shared by every ORM model of ${pkg.short}."""`,
    '',
    'from sqlalchemy.orm import declarative_base',
    '',
    'Base = declarative_base()',
  ]);
  for (const sub of SUBPACKAGES) {
    written += ctx.sink.add(pathOf(pkg, `${pkg.short}.${sub}`, true), [`"""${pascal(sub)} of ${pkg.short}."""`]);
  }
  const lines = [`"""${pascal(pkg.short)}: ${WORDS[pkg.short.length % WORDS.length]} ${plural(pkg.home[0]!)} and friends."""`, ''];
  const all: string[] = [];
  const exported = new NameSet();
  const publicSymbols: PySymbol[] = [];
  for (const mod of pkg.modules) {
    const values = mod.exports.filter((e) => (e.sig || e.shape) && !exported.has(e.name));
    if (values.length === 0 || !rng.chance(0.5)) continue;
    const parts: string[] = [];
    for (const sym of rng.sample(values, rng.int(1, 2))) {
      const renamed = rng.chance(0.15) && sym.kind === 'class' ? `${sym.name.replace(/(Service|Manager|Repository|Row)$/, '')}Api` : sym.name;
      if (exported.has(renamed) || (renamed !== sym.name && pkg.names.has(renamed))) continue;
      exported.add(renamed);
      parts.push(renamed === sym.name ? sym.name : `${sym.name} as ${renamed}`);
      all.push(renamed);
      publicSymbols.push({ ...sym, name: renamed });
    }
    if (parts.length > 0) lines.push(`from ${relativeFrom(`${pkg.short}.__init__`, mod.dotted)} import ${parts.join(', ')}`);
  }
  lines.push('from .utils.decorators import retry, timed', '', '__all__ = [', ...[...all, 'retry', 'timed'].map((n) => `    "${n}",`), ']');
  pkg.publicSymbols = publicSymbols;
  written += ctx.sink.add(pathOf(pkg, pkg.short, true), lines);
  return written;
}

function writePyproject(ctx: PyContext, pkg: PyPackage): void {
  const deps = ['"requests>=2.31"', '"sqlalchemy>=2.0"', ...pkg.deps.map((d) => `"${d.dist}"`)];
  ctx.sink.add(`${pkg.dir}/pyproject.toml`, [
    '[project]',
    `name = "${pkg.dist}"`,
    'version = "0.1.0"',
    'requires-python = ">=3.10"',
    `dependencies = [${deps.join(', ')}]`,
    '',
    '[build-system]',
    'requires = ["setuptools>=68"]',
    'build-backend = "setuptools.build_meta"',
    '',
    '[tool.setuptools.packages.find]',
    'where = ["src"]',
  ]);
}

/** Writes every file of `pkg` within about `budget` lines of Python; returns the lines written. */
export function writePyPackage(ctx: PyContext, pkg: PyPackage, budget: number): number {
  const { rng } = ctx;
  let written = writeDecorators(ctx, pkg);
  const reserve = () => 16 + Math.ceil(pkg.modules.length / 2);
  while (budget - written - reserve() >= 40) {
    const sub = rng.weighted({ models: 2, services: 5, api: 2, utils: 1.5 });
    written += writeModule(ctx, pkg, sub, Math.min(fileSize(rng), budget - written - reserve()));
  }
  written += writeInits(ctx, pkg);
  writePyproject(ctx, pkg);
  return written;
}
