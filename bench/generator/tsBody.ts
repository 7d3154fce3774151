import { NameSet, WORDS } from './names';
import type { Rng } from './rng';
import type { Callee, Param, ReturnKind, Signature, ValueType } from './signatures';

// Statement bodies for TypeScript and CommonJS JavaScript. Statements only ever reference
// variables that are in scope and call callees with the right number of arguments, so the
// output parses cleanly and every call is one a code-intelligence engine could resolve.

export function tsType(t: ValueType): string {
  switch (t) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'list':
      return 'string[]';
    case 'record':
      return 'Record<string, unknown>';
  }
}

export function tsReturnType(r: ReturnKind): string {
  return r === 'async' ? 'Promise<string>' : r;
}

export function tsParamList(params: readonly Param[], typed: boolean): string {
  return params.map((p) => (typed ? `${p.name}: ${tsType(p.type)}` : p.name)).join(', ');
}

/** `name(params): ret` as written in an interface or a class. */
export function tsMethodHead(sig: Signature): string {
  return `${sig.name}(${tsParamList(sig.params, true)}): ${tsReturnType(sig.returns)}`;
}

export interface TsBodyOptions {
  rng: Rng;
  callees: readonly Callee[];
  params: readonly Param[];
  /** Variables already declared before the generated statements (e.g. `id` in a route handler). */
  extraVars?: readonly Param[];
  returns: ReturnKind;
  /** The body may `await` (an async function that returns nothing, e.g. a route handler). */
  async?: boolean;
  /** Words for log messages. */
  topic: string;
  statements: number;
}

interface Scope {
  vars: Map<ValueType, string[]>;
}

function literal(rng: Rng, t: ValueType): string {
  switch (t) {
    case 'string':
      return `'${rng.pick(WORDS)}'`;
    case 'number':
      return String(rng.int(1, 250));
    case 'boolean':
      return rng.chance(0.5) ? 'true' : 'false';
    case 'list':
      return `['${rng.pick(WORDS)}', '${rng.pick(WORDS)}']`;
    case 'record':
      return `{ source: '${rng.pick(WORDS)}', attempt: ${rng.int(1, 5)} }`;
  }
}

class BodyWriter {
  private readonly out: string[] = [];
  private readonly names: NameSet;

  constructor(private readonly o: TsBodyOptions) {
    this.names = new NameSet([...o.params.map((p) => p.name), ...(o.extraVars ?? []).map((p) => p.name)]);
    for (const c of o.callees) this.names.add(c.path.split('.')[0]!);
  }

  private get rng(): Rng {
    return this.o.rng;
  }

  private newScope(parent?: Scope): Scope {
    const vars = new Map<ValueType, string[]>();
    if (parent) for (const [k, v] of parent.vars) vars.set(k, v.slice());
    return { vars };
  }

  private declare(scope: Scope, t: ValueType, name: string): void {
    const list = scope.vars.get(t);
    if (list) list.push(name);
    else scope.vars.set(t, [name]);
  }

  private varOf(scope: Scope, t: ValueType): string | undefined {
    const list = scope.vars.get(t);
    return list && list.length > 0 ? this.rng.pick(list) : undefined;
  }

  private arg(scope: Scope, t: ValueType): string {
    const v = this.rng.chance(0.65) ? this.varOf(scope, t) : undefined;
    return v ?? literal(this.rng, t);
  }

  private str(scope: Scope): string {
    return this.arg(scope, 'string');
  }

  private num(scope: Scope): string {
    return this.arg(scope, 'number');
  }

  private emit(indent: string, line: string): void {
    this.out.push(indent + line);
  }

  /** Emits `expr` according to what the callee returns; declares the result in `scope`. */
  private callInto(scope: Scope, indent: string, expr: string, returns: ReturnKind): void {
    const isAsync = this.o.async === true || this.o.returns === 'async';
    switch (returns) {
      case 'void':
        this.emit(indent, `${expr};`);
        return;
      case 'async':
        if (isAsync) {
          const name = this.names.claim('fetched');
          this.emit(indent, `const ${name} = await ${expr};`);
          this.declare(scope, 'string', name);
        } else {
          this.emit(indent, `void ${expr};`);
        }
        return;
      default: {
        const base = returns === 'string' ? 'text' : returns === 'number' ? 'total' : 'ok';
        const name = this.names.claim(base);
        this.emit(indent, `const ${name} = ${expr};`);
        this.declare(scope, returns, name);
      }
    }
  }

  private call(scope: Scope, indent: string): void {
    if (this.o.callees.length === 0) {
      this.plain(scope, indent);
      return;
    }
    const c = this.rng.pick(this.o.callees);
    if (c.kind === 'fn') {
      const args = c.sig.params.map((p) => this.arg(scope, p.type)).join(', ');
      this.callInto(scope, indent, `${c.path}(${args})`, c.sig.returns);
      return;
    }
    const inst = this.names.claim(c.shape.name[0]!.toLowerCase() + c.shape.name.slice(1));
    const ctorArgs = c.shape.ctor.map((p) => this.arg(scope, p.type)).join(', ');
    this.emit(indent, `const ${inst} = new ${c.path}(${ctorArgs});`);
    if (c.shape.methods.length > 0) {
      const m = this.rng.pick(c.shape.methods);
      const args = m.params.map((p) => this.arg(scope, p.type)).join(', ');
      this.callInto(scope, indent, `${inst}.${m.name}(${args})`, m.returns);
    }
  }

  /** Statements that need no callee. */
  private plain(scope: Scope, indent: string): void {
    switch (this.rng.int(0, 3)) {
      case 0: {
        const name = this.names.claim('score');
        this.emit(indent, `const ${name} = Math.round(${this.num(scope)} * ${this.rng.int(2, 9)} / 3) + ${this.num(scope)};`);
        this.declare(scope, 'number', name);
        return;
      }
      case 1: {
        const name = this.names.claim('slug');
        this.emit(indent, `const ${name} = [${this.str(scope)}, ${this.str(scope)}].join('-').toLowerCase();`);
        this.declare(scope, 'string', name);
        return;
      }
      case 2: {
        const name = this.names.claim('entry');
        this.emit(indent, `const ${name} = { key: ${this.str(scope)}, size: ${this.num(scope)}, at: Date.now() };`);
        this.declare(scope, 'record', name);
        return;
      }
      default:
        this.emit(indent, `console.debug(\`${this.o.topic} \${${this.str(scope)}}\`);`);
    }
  }

  private condition(scope: Scope): string {
    const b = this.varOf(scope, 'boolean');
    if (b && this.rng.chance(0.5)) return b;
    const s = this.varOf(scope, 'string');
    if (s && this.rng.chance(0.5)) return `${s}.length > ${this.rng.int(0, 12)}`;
    return `${this.num(scope)} > ${this.rng.int(1, 100)}`;
  }

  private statement(scope: Scope, indent: string, depth: number): void {
    const kind = this.rng.weighted({ call: 5, plain: 2, if: depth < 2 ? 1.5 : 0, loop: depth < 2 ? 1 : 0, try: depth < 2 ? 0.7 : 0 });
    const inner = indent + '  ';
    switch (kind) {
      case 'call':
        this.call(scope, indent);
        return;
      case 'plain':
        this.plain(scope, indent);
        return;
      case 'if':
        this.emit(indent, `if (${this.condition(scope)}) {`);
        this.statement(this.newScope(scope), inner, depth + 1);
        if (this.rng.chance(0.3)) {
          this.emit(indent, '} else {');
          this.plain(this.newScope(scope), inner);
        }
        this.emit(indent, '}');
        return;
      case 'loop': {
        const acc = this.names.claim('sum');
        const item = this.names.claim('item');
        const list = this.varOf(scope, 'list') ?? literal(this.rng, 'list');
        this.emit(indent, `let ${acc} = 0;`);
        this.emit(indent, `for (const ${item} of ${list}) {`);
        this.emit(inner, `${acc} += ${item}.length;`);
        this.emit(indent, '}');
        this.declare(scope, 'number', acc);
        return;
      }
      case 'try':
        this.emit(indent, 'try {');
        this.call(this.newScope(scope), inner);
        this.emit(indent, '} catch (error) {');
        this.emit(inner, `console.warn('${this.o.topic} failed', error);`);
        this.emit(indent, '}');
        return;
    }
  }

  private returnLine(scope: Scope, indent: string): void {
    const r = this.o.returns;
    if (r === 'void') return;
    if (r === 'number') {
      this.emit(indent, `return ${this.num(scope)} + ${this.rng.int(0, 9)};`);
    } else if (r === 'boolean') {
      const s = this.varOf(scope, 'string');
      this.emit(indent, s ? `return ${s}.length > ${this.rng.int(0, 8)};` : `return ${this.num(scope)} > ${this.rng.int(0, 50)};`);
    } else {
      const s = this.varOf(scope, 'string');
      const n = this.varOf(scope, 'number');
      if (s && n) this.emit(indent, `return \`\${${s}}:\${${n}}\`;`);
      else if (s) this.emit(indent, `return ${s}.trim();`);
      else if (n) this.emit(indent, `return String(${n});`);
      else this.emit(indent, `return '${this.o.topic}';`);
    }
  }

  render(indent: string): string[] {
    const scope = this.newScope();
    for (const p of [...this.o.params, ...(this.o.extraVars ?? [])]) this.declare(scope, p.type, p.name);
    for (let i = 0; i < this.o.statements; i++) this.statement(scope, indent, 0);
    this.returnLine(scope, indent);
    return this.out;
  }
}

/** Statement lines for a function or method body, each prefixed with `indent`. */
export function tsBody(o: TsBodyOptions, indent: string): string[] {
  return new BodyWriter(o).render(indent);
}
