import type { Language } from 'web-tree-sitter';

/** Node-type and field ids of the loaded grammar, resolved once. */
export class PythonGrammar {
  readonly identifier: number;
  readonly attribute: number;
  readonly call: number;
  readonly lambda: number;
  readonly assignment: number;
  readonly string: number;
  readonly list: number;
  readonly tuple: number;
  readonly comment: number;
  readonly expressionStatement: number;
  readonly decorator: number;
  readonly subscript: number;
  readonly dottedName: number;
  readonly aliasedImport: number;
  readonly wildcardImport: number;
  readonly typedParameter: number;
  readonly typedDefaultParameter: number;
  /** Parents whose identifier children name what they bind (parameters, targets, imports...). */
  readonly binders: ReadonlySet<number>;
  /** Parents whose first identifier child is bound and whose others are read (`x = y`, `f(k=v)`). */
  readonly bindsFirst: ReadonlySet<number>;
  readonly forStatement: number;
  readonly forInClause: number;
  readonly fName: number;
  readonly fAlias: number;
  readonly fBody: number;
  readonly fParameters: number;
  readonly fReturnType: number;
  readonly fTypeParameters: number;
  readonly fSuperclasses: number;
  readonly fLeft: number;
  readonly fRight: number;
  readonly fType: number;
  readonly fFunction: number;
  readonly fObject: number;
  readonly fAttribute: number;
  readonly fValue: number;
  readonly fModuleName: number;

  constructor(language: Language) {
    const type = (name: string): number => {
      const id = language.idForNodeType(name, true);
      if (id === null) throw new Error(`python grammar has no node type '${name}'`);
      return id;
    };
    const field = (name: string): number => {
      const id = language.fieldIdForName(name);
      if (id === null) throw new Error(`python grammar has no field '${name}'`);
      return id;
    };
    this.identifier = type('identifier');
    this.attribute = type('attribute');
    this.call = type('call');
    this.lambda = type('lambda');
    this.assignment = type('assignment');
    this.string = type('string');
    this.list = type('list');
    this.tuple = type('tuple');
    this.comment = type('comment');
    this.expressionStatement = type('expression_statement');
    this.decorator = type('decorator');
    this.subscript = type('subscript');
    this.dottedName = type('dotted_name');
    this.aliasedImport = type('aliased_import');
    this.wildcardImport = type('wildcard_import');
    this.typedParameter = type('typed_parameter');
    this.typedDefaultParameter = type('typed_default_parameter');
    this.binders = new Set(
      [
        'function_definition',
        'class_definition',
        'parameters',
        'lambda_parameters',
        'typed_parameter',
        'list_splat_pattern',
        'dictionary_splat_pattern',
        'pattern_list',
        'tuple_pattern',
        'list_pattern',
        'as_pattern_target',
        'global_statement',
        'nonlocal_statement',
        'dotted_name',
        'aliased_import',
        'keyword_pattern',
      ].map(type),
    );
    this.bindsFirst = new Set(
      ['assignment', 'augmented_assignment', 'default_parameter', 'typed_default_parameter', 'keyword_argument', 'named_expression'].map(type),
    );
    this.forStatement = type('for_statement');
    this.forInClause = type('for_in_clause');
    this.fName = field('name');
    this.fAlias = field('alias');
    this.fBody = field('body');
    this.fParameters = field('parameters');
    this.fReturnType = field('return_type');
    this.fTypeParameters = field('type_parameters');
    this.fSuperclasses = field('superclasses');
    this.fLeft = field('left');
    this.fRight = field('right');
    this.fType = field('type');
    this.fFunction = field('function');
    this.fObject = field('object');
    this.fAttribute = field('attribute');
    this.fValue = field('value');
    this.fModuleName = field('module_name');
  }
}
