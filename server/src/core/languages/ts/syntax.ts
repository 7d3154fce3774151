import type { Node } from 'web-tree-sitter';
import type { ImportBinding, RefPath } from '../../model';
import { keyText, literalText, textOf } from './text';

// Small readers over JS/TS syntax nodes shared by the walker: member chains, type names and
// the shapes of `require(...)` / `import(...)`.

export function isFunctionLike(node: Node): boolean {
  const t = node.type;
  return t === 'arrow_function' || t === 'function_expression' || t === 'generator_function' || t === 'function';
}

/** Strips what does not change which value an expression denotes: parentheses, `as`, `!`, `satisfies`. */
export function unwrapValue(node: Node): Node {
  for (;;) {
    switch (node.type) {
      case 'parenthesized_expression':
      case 'as_expression':
      case 'satisfies_expression':
      case 'non_null_expression': {
        const inner = node.firstNamedChild;
        if (!inner || inner.type === 'comment') return node;
        node = inner;
        break;
      }
      case 'type_assertion': {
        const inner = node.lastNamedChild;
        if (!inner) return node;
        node = inner;
        break;
      }
      default:
        return node;
    }
  }
}

/** `a`, `a.b.c` (optional chaining included) as a path; undefined for anything else. */
export function chainOf(src: string, node: Node): RefPath | undefined {
  const tail: string[] = [];
  let cur: Node | null = node;
  while (cur && cur.type === 'member_expression') {
    const prop = cur.lastNamedChild;
    if (!prop || (prop.type !== 'property_identifier' && prop.type !== 'private_property_identifier')) return undefined;
    tail.push(textOf(src, prop));
    cur = cur.firstNamedChild;
  }
  if (!cur || cur.type !== 'identifier') return undefined;
  const path = [textOf(src, cur)];
  for (let i = tail.length - 1; i >= 0; i--) path.push(tail[i]!);
  return path;
}

/** Like chainOf, but also `this.x.y` (for assignment targets). */
export function targetChainOf(src: string, node: Node): RefPath | undefined {
  const tail: string[] = [];
  let cur: Node | null = node;
  while (cur && cur.type === 'member_expression') {
    const prop = cur.lastNamedChild;
    if (!prop || (prop.type !== 'property_identifier' && prop.type !== 'private_property_identifier')) return undefined;
    tail.push(textOf(src, prop));
    cur = cur.firstNamedChild;
  }
  if (!cur || (cur.type !== 'identifier' && cur.type !== 'this')) return undefined;
  const path = [textOf(src, cur)];
  for (let i = tail.length - 1; i >= 0; i--) path.push(tail[i]!);
  return path;
}

/** A type name: `Foo`, `ns.Foo`, `a.b.Foo`, `Foo<T>` (the name part); undefined for other types. */
export function typePath(src: string, node: Node): RefPath | undefined {
  switch (node.type) {
    case 'identifier':
    case 'type_identifier':
    case 'property_identifier':
      return [textOf(src, node)];
    case 'nested_type_identifier':
    case 'nested_identifier':
    case 'member_expression': {
      const first = node.firstNamedChild;
      const last = node.lastNamedChild;
      if (!first || !last || first.equals(last)) return undefined;
      const head = typePath(src, first);
      return head ? [...head, textOf(src, last)] : undefined;
    }
    case 'generic_type': {
      const name = node.firstNamedChild;
      return name ? typePath(src, name) : undefined;
    }
    default:
      return undefined;
  }
}

/** The class named by a `: Type` annotation (`Repo`, `ns.Repo`, `Repo<T>`). */
export function annotatedClass(src: string, annotation: Node): RefPath | undefined {
  const t = annotation.firstNamedChild;
  if (!t) return undefined;
  return t.type === 'type_identifier' || t.type === 'nested_type_identifier' || t.type === 'generic_type' ? typePath(src, t) : undefined;
}

export interface ModuleLoad {
  /** The `require(...)` / `import(...)` call. */
  call: Node;
  specifier: string;
  kind: 'require' | 'dynamic';
  /** `require('m').foo`: the member taken from the module. */
  member?: string;
  /** Whether the expression evaluates to the module itself (a dynamic import only once awaited). */
  bindable: boolean;
}

/** The module specifier of `require('m')` / `import('m')`, or undefined when not such a call with a literal. */
export function loadCall(src: string, call: Node): { specifier: string; kind: 'require' | 'dynamic' } | undefined {
  if (call.type !== 'call_expression') return undefined;
  const fn = call.firstNamedChild;
  if (!fn) return undefined;
  let kind: 'require' | 'dynamic';
  if (fn.type === 'import') kind = 'dynamic';
  else if (fn.type === 'identifier' && fn.endIndex - fn.startIndex === 7 && textOf(src, fn) === 'require') kind = 'require';
  else return undefined;
  const args = call.lastNamedChild;
  if (!args || args.type !== 'arguments') return undefined;
  const first = args.firstNamedChild;
  if (!first) return undefined;
  if (kind === 'require' && args.namedChildCount !== 1) return undefined;
  const specifier = literalText(src, first);
  return specifier === undefined ? undefined : { specifier, kind };
}

/** `require('m')`, `require('m').x`, `await import('m')`, `(await import('m')).x`. */
export function moduleLoadOf(src: string, value: Node): ModuleLoad | undefined {
  let node = value;
  let member: string | undefined;
  if (node.type === 'member_expression') {
    const prop = node.lastNamedChild;
    const obj = node.firstNamedChild;
    if (!prop || !obj || prop.type !== 'property_identifier') return undefined;
    member = textOf(src, prop);
    node = obj;
  }
  let awaited = false;
  for (;;) {
    if (node.type === 'parenthesized_expression' || node.type === 'await_expression') {
      if (node.type === 'await_expression') awaited = true;
      const inner = node.firstNamedChild;
      if (!inner) return undefined;
      node = inner;
    } else break;
  }
  const load = loadCall(src, node);
  if (!load) return undefined;
  const m: ModuleLoad = { call: node, specifier: load.specifier, kind: load.kind, bindable: load.kind === 'require' || awaited };
  if (member !== undefined) m.member = member;
  return m;
}

export function isSignature(fn: Node): boolean {
  const t = fn.type;
  return t === 'function_signature' || t === 'method_signature' || t === 'abstract_method_signature';
}

export function isDeclarationNode(node: Node): boolean {
  switch (node.type) {
    case 'function_declaration':
    case 'generator_function_declaration':
    case 'function_signature':
    case 'class_declaration':
    case 'abstract_class_declaration':
    case 'interface_declaration':
    case 'enum_declaration':
    case 'type_alias_declaration':
    case 'lexical_declaration':
    case 'variable_declaration':
    case 'internal_module':
    case 'module':
    case 'ambient_declaration':
    case 'import_alias':
      return true;
    default:
      return false;
  }
}

/** Whether an object literal defines functions (directly or in nested objects). */
export function hasFunctionMembers(obj: Node): boolean {
  for (const m of obj.namedChildren) {
    if (m.type === 'method_definition') return true;
    if (m.type !== 'pair') continue;
    const value = m.lastNamedChild;
    if (!value) continue;
    const v = unwrapValue(value);
    if (isFunctionLike(v) || (v.type === 'object' && hasFunctionMembers(v))) return true;
  }
  return false;
}

/** Names bound by a destructuring pattern. */
export function patternNames(pattern: Node, out: Node[] = []): Node[] {
  switch (pattern.type) {
    case 'identifier':
    case 'shorthand_property_identifier_pattern':
      out.push(pattern);
      break;
    case 'object_pattern':
    case 'array_pattern':
    case 'rest_pattern':
      for (const c of pattern.namedChildren) patternNames(c, out);
      break;
    case 'pair_pattern': {
      const value = pattern.lastNamedChild;
      if (value) patternNames(value, out);
      break;
    }
    case 'assignment_pattern':
    case 'object_assignment_pattern': {
      const left = pattern.firstNamedChild;
      if (left) patternNames(left, out);
      break;
    }
  }
  return out;
}

/** `const { a, b: c } = require('m')` binds a→a and b→c. */
export function destructuredBindings(src: string, pattern: Node): ImportBinding[] {
  if (pattern.type !== 'object_pattern') return [];
  const out: ImportBinding[] = [];
  for (const c of pattern.namedChildren) {
    switch (c.type) {
      case 'shorthand_property_identifier_pattern': {
        const name = textOf(src, c);
        out.push({ imported: name, local: name });
        break;
      }
      case 'object_assignment_pattern': {
        const left = c.firstNamedChild;
        if (left) {
          const name = textOf(src, left);
          out.push({ imported: name, local: name });
        }
        break;
      }
      case 'pair_pattern': {
        const key = c.firstNamedChild;
        let value = c.lastNamedChild;
        if (value && value.type === 'assignment_pattern') value = value.firstNamedChild;
        if (key && value && value.type === 'identifier' && key.type !== 'computed_property_name') {
          out.push({ imported: keyText(src, key), local: textOf(src, value) });
        }
        break;
      }
    }
  }
  return out;
}
