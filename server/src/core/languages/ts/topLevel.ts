import type { Node } from 'web-tree-sitter';
import { keyText, textOf } from './text';

// Names declared or imported at module level. References are only recorded for paths that
// start with one of these (anything else cannot resolve to another file or to this file's
// symbols), which keeps the volume of reference facts proportional to what can be linked.
// Declarations can follow their uses (hoisting), hence a pass of its own before the walk.

export interface TopLevelNames {
  /** Every module-level binding: declarations and imports. */
  names: Set<string>;
  /** Functions and classes declared at module level (owners of `X.prototype.m = …`). */
  declarations: Set<string>;
}

export function collectTopLevelNames(src: string, root: Node): TopLevelNames {
  const out: TopLevelNames = { names: new Set(), declarations: new Set() };
  for (const c of root.namedChildren) statement(src, c, out);
  return out;
}

function statement(src: string, node: Node, out: TopLevelNames): void {
  switch (node.type) {
    case 'export_statement':
    case 'ambient_declaration':
      for (const c of node.namedChildren) statement(src, c, out);
      return;
    case 'function_declaration':
    case 'generator_function_declaration':
    case 'function_signature':
    case 'class_declaration':
    case 'abstract_class_declaration': {
      const name = node.childForFieldName('name');
      if (name) {
        const n = textOf(src, name);
        out.names.add(n);
        out.declarations.add(n);
      }
      return;
    }
    case 'interface_declaration':
    case 'enum_declaration':
    case 'type_alias_declaration':
    case 'import_alias': {
      const name = node.firstNamedChild;
      if (name && (name.type === 'identifier' || name.type === 'type_identifier')) out.names.add(textOf(src, name));
      return;
    }
    case 'internal_module':
    case 'module': {
      let name = node.firstNamedChild;
      while (name && name.type === 'nested_identifier') name = name.firstNamedChild;
      if (name && name.type === 'identifier') out.names.add(textOf(src, name));
      return;
    }
    case 'expression_statement': {
      const inner = node.firstNamedChild;
      if (inner && (inner.type === 'internal_module' || inner.type === 'module')) statement(src, inner, out);
      return;
    }
    case 'lexical_declaration':
    case 'variable_declaration':
      for (const d of node.namedChildren) {
        if (d.type !== 'variable_declarator') continue;
        const name = d.firstNamedChild;
        if (name) patternNames(src, name, out.names);
      }
      return;
    case 'import_statement':
      for (const c of node.namedChildren) {
        if (c.type === 'import_clause') {
          for (const k of c.namedChildren) importClause(src, k, out.names);
        } else if (c.type === 'import_require_clause') {
          const id = c.firstNamedChild;
          if (id && id.type === 'identifier') out.names.add(textOf(src, id));
        }
      }
      return;
  }
}

function importClause(src: string, k: Node, names: Set<string>): void {
  switch (k.type) {
    case 'identifier':
      names.add(textOf(src, k));
      return;
    case 'namespace_import': {
      const id = k.lastNamedChild;
      if (id) names.add(textOf(src, id));
      return;
    }
    case 'named_imports':
      for (const s of k.namedChildren) {
        const local = s.lastNamedChild;
        if (s.type === 'import_specifier' && local) names.add(keyText(src, local));
      }
  }
}

function patternNames(src: string, node: Node, names: Set<string>): void {
  switch (node.type) {
    case 'identifier':
    case 'shorthand_property_identifier_pattern':
      names.add(textOf(src, node));
      return;
    case 'object_pattern':
    case 'array_pattern':
    case 'rest_pattern':
      for (const c of node.namedChildren) patternNames(src, c, names);
      return;
    case 'pair_pattern': {
      const value = node.lastNamedChild;
      if (value) patternNames(src, value, names);
      return;
    }
    case 'assignment_pattern':
    case 'object_assignment_pattern': {
      const left = node.firstNamedChild;
      if (left) patternNames(src, left, names);
    }
  }
}
