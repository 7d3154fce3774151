// One query drives the extraction: tree-sitter returns its captures in document order, so a
// single pass with a stack of open scopes knows the enclosing symbol of every capture without
// walking up the tree. Identifiers are deliberately not captured: they are most of the nodes,
// and references only need the few that spell a name imported or defined in the file, which
// the extractor finds in the text afterwards.

/** Capture names, shared with the extractor so a typo is a type error, not a silent miss. */
export const CAP = {
  function: 'function',
  class: 'class',
  decorated: 'decorated',
  call: 'call',
  import: 'import',
  importFrom: 'import.from',
  assign: 'assign',
  augAssign: 'assign.aug',
  typeAlias: 'type.alias',
  typeCheckingBody: 'typechecking.body',
} as const;

export const PYTHON_QUERY = `
(function_definition) @${CAP.function}
(class_definition) @${CAP.class}
(decorated_definition) @${CAP.decorated}
(call function: (_) @${CAP.call})
(import_statement) @${CAP.import}
(import_from_statement) @${CAP.importFrom}
(assignment) @${CAP.assign}
(augmented_assignment) @${CAP.augAssign}
(type_alias_statement) @${CAP.typeAlias}
(if_statement
  condition: (_) @_cond
  consequence: (block) @${CAP.typeCheckingBody}
  (#match? @_cond "^([A-Za-z_][A-Za-z0-9_]*\\\\.)?TYPE_CHECKING$"))
`;

/** Syntax-error nodes, counted only when the tree says it has some. */
export const ERROR_QUERY = '(ERROR) @error (MISSING) @missing';
