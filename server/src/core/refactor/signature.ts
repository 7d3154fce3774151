import type { Node } from 'web-tree-sitter';
import { addEdit, buildResult } from './buildResult';
import type { RefactorWorkspace, SourceFile } from './refactorWorkspace';
import { familyOf, spot, symbolOf } from './symbolSites';
import { offsetAt } from '../textPositions';
import { RefactorError, type RefactorResult, type RiskySpot, type TextEdit } from './types';
import type { Range } from '../model';
import { checkpoint } from './checkpoint';

// Change a function's parameters and every resolved call site, by argument position from the
// syntax tree. Arguments keep their own text; only the list between the parentheses changes,
// and when the number of arguments stays the same only the arguments that move are rewritten.

export interface ParamAdd {
  /** As written in the declaration: `name`, or with a type, `name: number`. */
  decl: string;
  /** Inserted at every call site; absent = `undefined` (JS) / `None` (Python) unless added last. */
  value?: string;
  /** Position among the new parameters; absent = last. */
  index?: number;
}

export interface SignatureChange {
  add?: ParamAdd[];
  remove?: string[];
  /** New order of the (remaining and added) parameter names. */
  order?: string[];
}

/** `name[=default][@index]`, where name may carry a type (`count: number=0@1`). */
export function parseParamAdd(spec: string): ParamAdd {
  let rest = spec.trim();
  let index: number | undefined;
  const at = /@(\d+)$/.exec(rest);
  if (at) {
    index = Number(at[1]);
    rest = rest.slice(0, at.index);
  }
  const eq = rest.indexOf('=');
  const decl = (eq < 0 ? rest : rest.slice(0, eq)).trim();
  const value = eq < 0 ? undefined : rest.slice(eq + 1).trim();
  if (!/^[A-Za-z_$][\w$]*\??(\s*:.+)?$/.test(decl)) throw new RefactorError(`--add needs name[=default][@index], not "${spec}"`);
  if (value === '') throw new RefactorError(`--add ${spec}: the default value is empty`);
  return { decl, value, index };
}

const paramName = (decl: string) => /^[A-Za-z_$][\w$]*/.exec(decl)![0];

interface Param {
  name: string;
  /** Original text, or undefined for an added one. */
  node?: Node;
  add?: ParamAdd;
}

const FUNCTION_TYPES = new Set(['function_declaration', 'generator_function_declaration', 'method_definition', 'function_expression', 'arrow_function', 'function_definition', 'function', 'method_signature', 'function_signature']);

export async function changeSignature(ws: RefactorWorkspace, id: string, change: SignatureChange, signal?: AbortSignal): Promise<RefactorResult> {
  const { path, symbol } = symbolOf(ws, id);
  if (!['function', 'method', 'constructor', 'variable'].includes(symbol.kind)) throw new RefactorError(`${symbol.qname} is a ${symbol.kind}, not a function`);
  const src = ws.source(path)!;
  const root = await ws.tree(path);
  if (!root) throw new RefactorError(`cannot parse ${path}`);
  const family = familyOf(src);
  const fn = declarationNode(root, src, symbol.range, symbol.selection);
  const paramsNode = fn?.childForFieldName('parameters');
  if (!fn || !paramsNode) throw new RefactorError(`cannot find the parameter list of ${symbol.qname}`);

  if (family === 'js' && hasOverloads(fn, symbol.name)) throw new RefactorError(`${symbol.qname} has overload signatures; change them by hand`);
  let declared: Node[] = paramsNode.namedChildren.filter((n) => n.type !== 'comment');
  // A Python method's receiver is never passed at call sites.
  const receiver = family === 'python' && symbol.parent !== undefined && declared[0] && ['self', 'cls'].includes(nameOfParam(declared[0], family)) ? declared[0] : undefined;
  if (receiver) declared = declared.slice(1);
  const oldParams: Param[] = declared.map((n) => ({ name: nameOfParam(n, family), node: n }));
  if (oldParams.some((p) => p.name === '' || p.name.startsWith('...') || p.node!.type.includes('splat') || p.node!.type === 'rest_pattern')) {
    throw new RefactorError(`${symbol.qname} has rest or unnamed parameters; change its signature by hand`);
  }

  let params: Param[] = [...oldParams];
  for (const r of change.remove ?? []) {
    if (!params.some((p) => p.name === r)) throw new RefactorError(`${symbol.qname} has no parameter ${r}`);
    params = params.filter((p) => p.name !== r);
  }
  for (const a of change.add ?? []) {
    const name = paramName(a.decl);
    if (params.some((p) => p.name === name)) throw new RefactorError(`${symbol.qname} already has a parameter ${name}`);
    const at = a.index ?? params.length;
    if (at > params.length) throw new RefactorError(`--add ${name}@${at}: ${symbol.qname} would have only ${params.length + 1} parameters`);
    params.splice(at, 0, { name, add: a });
  }
  if (change.order) {
    const want = change.order;
    const names = params.map((p) => p.name);
    if (want.length !== names.length || [...want].sort().join() !== [...names].sort().join()) throw new RefactorError(`--order must list exactly the parameters ${names.join(', ')}`);
    params = want.map((n) => params.find((p) => p.name === n)!);
  }

  const perFile = new Map<string, TextEdit[]>();
  const risky: RiskySpot[] = [];

  // The declaration: parameters keep their text; an added one gets its default when every
  // parameter after it has one too (or it is last).
  const declTexts = params.map((p, i) => {
    if (p.node) return src.text.slice(p.node.startIndex, p.node.endIndex);
    const laterOptional = params.slice(i + 1).every((q) => q.node && /=/.test(q.node.text));
    return p.add!.value !== undefined && laterOptional ? `${p.add!.decl}${family === 'python' ? '=' : ' = '}${p.add!.value}` : p.add!.decl;
  });
  if (family === 'python') {
    const firstDefault = declTexts.findIndex((t) => /=/.test(t));
    const bad = firstDefault < 0 ? -1 : declTexts.findIndex((t, i) => i > firstDefault && !/=/.test(t) && !t.startsWith('*'));
    if (bad >= 0) throw new RefactorError(`in Python, ${params[bad].name} (no default) cannot follow ${params[firstDefault].name} (with a default)`);
  }
  for (const e of listEdits(src, paramsNode, declared, declTexts)) addEdit(perFile, path, e);
  for (const r of change.remove ?? []) {
    const body = fn.childForFieldName('body');
    const uses = body ? body.descendantsOfType('identifier').filter((n) => n.text === r) : [];
    for (const u of uses) risky.push(spot(src, rangeOf(u), 'other', `the removed parameter ${r} is still used in the body of ${symbol.qname}`));
  }

  // Every resolved call site.
  const g = ws.graph;
  const sites: { path: string; range: Range }[] = [];
  g.forEachInEdge(id, (_e, a, source) => {
    const file = g.getNodeAttribute(source, 'file');
    if (!file) return;
    for (const r of a.sites ?? []) {
      if (a.kind === 'calls' && a.resolution !== 'name') sites.push({ path: file, range: r });
      else if (a.kind === 'calls') risky.push(spot(ws.source(file)!, r, 'guessed-call', `the graph only guessed that this call means ${symbol.qname}; its arguments were left unchanged`));
      else if (a.kind === 'references') risky.push(spot(ws.source(file)!, r, 'other', `${symbol.name} is used as a value here; calls through it cannot be updated`));
    }
  });
  for (const s of sites) {
    await checkpoint(signal);
    const csrc = ws.source(s.path);
    const croot = await ws.tree(s.path);
    if (!csrc || !croot) continue;
    const call = callAt(croot, csrc, s.range);
    const argsNode = call?.childForFieldName('arguments');
    if (!call || !argsNode) {
      risky.push(spot(csrc, s.range, 'other', `cannot read the arguments of this call`));
      continue;
    }
    const args = argsNode.namedChildren.filter((n) => n.type !== 'comment');
    const positional = args.filter((n) => n.type !== 'keyword_argument' && n.type !== 'dictionary_splat');
    if (args.some((n) => n.type === 'spread_element' || n.type === 'list_splat')) {
      risky.push(spot(csrc, s.range, 'other', `a call with spread arguments; left unchanged`));
      continue;
    }
    const keyword = args.filter((n) => n.type === 'keyword_argument' || n.type === 'dictionary_splat');
    const byOld = new Map<string, string>();
    oldParams.forEach((p, i) => {
      if (i < positional.length) byOld.set(p.name, csrc.text.slice(positional[i].startIndex, positional[i].endIndex));
    });
    const removedKeywords = new Set(change.remove ?? []);
    const keywordTexts = keyword.filter((k) => !removedKeywords.has(k.childForFieldName('name')?.text ?? '')).map((k) => csrc.text.slice(k.startIndex, k.endIndex));
    const given = params.map((p) => (p.node ? byOld.get(p.name) : p.add!.value));
    const lastGiven = given.reduce((last, t, i) => (t !== undefined ? i : last), -1);
    const kept: string[] = [];
    const named: string[] = [];
    let byKeyword = false;
    for (let i = 0; i <= lastGiven; i++) {
      const t = given[i];
      if (family === 'python') {
        // Python: once a parameter is not passed by position, the rest go by keyword.
        if (t === undefined) byKeyword = true;
        else if (byKeyword) named.push(`${params[i].name}=${t}`);
        else kept.push(t);
      } else kept.push(t ?? 'undefined');
    }
    for (const e of listEdits(csrc, argsNode, args, [...kept, ...keywordTexts])) addEdit(perFile, s.path, e);
  }

  const summary = [change.add?.length ? `add ${change.add.map((a) => paramName(a.decl)).join(', ')}` : '', change.remove?.length ? `remove ${change.remove.join(', ')}` : '', change.order ? `order ${change.order.join(', ')}` : ''].filter(Boolean).join('; ');
  return buildResult(ws, 'signature', `change signature of ${symbol.qname} (${summary}): ${sites.length} call sites`, perFile, risky);
}

/** TypeScript overloads: signatures without bodies beside the implementation, in the same program or class body. */
function hasOverloads(fn: Node, name: string): boolean {
  let container = fn.parent;
  if (container?.type === 'export_statement') container = container.parent;
  if (!container) return false;
  return container.namedChildren.some((c) => {
    const decl = c.type === 'export_statement' ? c.childForFieldName('declaration') : c;
    return !!decl && (decl.type === 'function_signature' || decl.type === 'method_signature' || decl.type === 'abstract_method_signature') && decl.childForFieldName('name')?.text === name;
  });
}

function rangeOf(n: Node): Range {
  return [n.startPosition.row, n.startPosition.column, n.endPosition.row, n.endPosition.column];
}

function nameOfParam(n: Node, family: 'js' | 'python'): string {
  if (n.type === 'identifier') return n.text;
  if (family === 'js') {
    const pat = n.childForFieldName('pattern') ?? n.childForFieldName('left');
    return pat?.type === 'identifier' ? pat.text : '';
  }
  const named = n.childForFieldName('name') ?? n.namedChildren.find((c) => c.type === 'identifier');
  return named?.type === 'identifier' ? named.text : '';
}

function declarationNode(root: Node, src: SourceFile, range: Range, selection: Range): Node | undefined {
  const start = offsetAt(src.starts, selection[0], selection[1]);
  let n: Node | null = root.descendantForIndex(start, start + 1);
  const end = offsetAt(src.starts, range[2], range[3]);
  for (; n; n = n.parent) {
    if (FUNCTION_TYPES.has(n.type) && n.childForFieldName('parameters')) return n;
    // `const f = (a) => …`: the arrow function is the declarator's value.
    if (n.type === 'variable_declarator') {
      const v = n.childForFieldName('value');
      if (v && FUNCTION_TYPES.has(v.type)) return v;
    }
    if (n.endIndex > end + 1) break;
  }
  return undefined;
}

function callAt(root: Node, src: SourceFile, callee: Range): Node | undefined {
  const start = offsetAt(src.starts, callee[0], callee[1]);
  const end = offsetAt(src.starts, callee[2], callee[3]);
  for (let n: Node | null = root.descendantForIndex(start, end); n; n = n.parent) {
    if ((n.type === 'call_expression' || n.type === 'new_expression' || n.type === 'call') && n.startIndex === start) {
      const f = n.childForFieldName('function') ?? n.childForFieldName('constructor');
      if (f && f.endIndex === end) return n;
    }
    if (n.startIndex < start) break;
  }
  return undefined;
}

/**
 * Edits turning the items of a parenthesised list into `texts`. Same count: each item whose
 * text changes is replaced in place. Otherwise the span from the first to the last item is
 * rebuilt with the list's own separator, so the parentheses and what surrounds them stay.
 */
function listEdits(src: SourceFile, list: Node, items: Node[], texts: string[]): TextEdit[] {
  const pos = (o: number) => {
    let line = 0;
    while (line + 1 < src.starts.length && src.starts[line + 1] <= o) line++;
    return [line, o - src.starts[line]] as const;
  };
  const range = (a: number, b: number): Range => [...pos(a), ...pos(b)] as Range;
  if (items.length === texts.length) {
    const out: TextEdit[] = [];
    items.forEach((n, i) => {
      if (src.text.slice(n.startIndex, n.endIndex) !== texts[i]) out.push({ range: range(n.startIndex, n.endIndex), newText: texts[i] });
    });
    return out;
  }
  const sep = items.length >= 2 ? src.text.slice(items[0].endIndex, items[1].startIndex) : ', ';
  const joined = texts.join(/\n/.test(sep) ? sep : ', ');
  if (items.length === 0) {
    // Inside the empty parentheses.
    const open = list.startIndex + 1;
    return texts.length ? [{ range: range(open, open), newText: joined }] : [];
  }
  return [{ range: range(items[0].startIndex, items[items.length - 1].endIndex), newText: joined }];
}
