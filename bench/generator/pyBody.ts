import { NameSet, WORDS } from './names';
import type { Rng } from './rng';
import type { Callee, Param, ReturnKind, Signature, ValueType } from './signatures';

// Statement bodies for generated Python. Every module declares `logger`, `DATA_DIR` and
// imports json/os, so statements may use them; `requests` only where the module imports it.

export function pyType(t: ValueType): string {
  switch (t) {
    case 'string':
      return 'str';
    case 'number':
      return 'int';
    case 'boolean':
      return 'bool';
    case 'list':
      return 'list[str]';
    case 'record':
      return 'dict[str, Any]';
  }
}

export function pyReturnType(r: ReturnKind): string {
  return r === 'void' ? 'None' : r === 'async' ? 'str' : pyType(r);
}

export function pyParamList(params: readonly Param[], self?: string): string {
  const parts = self ? [self] : [];
  for (const p of params) parts.push(`${p.name}: ${pyType(p.type)}`);
  return parts.join(', ');
}

/** `def name(self, …) -> T:` including `async` when needed. */
export function pyDefHead(sig: Signature, self?: string): string {
  return `${sig.returns === 'async' ? 'async ' : ''}def ${sig.name}(${pyParamList(sig.params, self)}) -> ${pyReturnType(sig.returns)}:`;
}

export function pyLiteral(rng: Rng, t: ValueType): string {
  switch (t) {
    case 'string':
      return `"${rng.pick(WORDS)}"`;
    case 'number':
      return String(rng.int(1, 250));
    case 'boolean':
      return rng.chance(0.5) ? 'True' : 'False';
    case 'list':
      return `["${rng.pick(WORDS)}", "${rng.pick(WORDS)}"]`;
    case 'record':
      return `{"source": "${rng.pick(WORDS)}", "attempt": ${rng.int(1, 5)}}`;
  }
}

export interface PyBodyOptions {
  rng: Rng;
  callees: readonly Callee[];
  params: readonly Param[];
  returns: ReturnKind;
  topic: string;
  statements: number;
  /** The module imports `requests`. */
  http: boolean;
}

type Scope = Map<ValueType, string[]>;

class PyBodyWriter {
  private readonly out: string[] = [];
  private readonly names: NameSet;
  private readonly callees: readonly Callee[];

  constructor(private readonly o: PyBodyOptions) {
    this.names = new NameSet(['self', 'cls', 'logger', 'json', 'os', 'requests', ...o.params.map((p) => p.name)]);
    for (const c of o.callees) this.names.add(c.path.split('.')[0]!);
    // A coroutine can only be awaited from a coroutine.
    this.callees = o.returns === 'async' ? o.callees : o.callees.filter((c) => c.kind !== 'fn' || c.sig.returns !== 'async');
  }

  private get rng(): Rng {
    return this.o.rng;
  }

  private declare(scope: Scope, t: ValueType, name: string): void {
    const list = scope.get(t);
    if (list) list.push(name);
    else scope.set(t, [name]);
  }

  private varOf(scope: Scope, t: ValueType): string | undefined {
    const list = scope.get(t);
    return list && list.length > 0 ? this.rng.pick(list) : undefined;
  }

  private arg(scope: Scope, t: ValueType): string {
    return (this.rng.chance(0.65) ? this.varOf(scope, t) : undefined) ?? pyLiteral(this.rng, t);
  }

  private emit(indent: string, line: string): void {
    this.out.push(indent + line);
  }

  private child(scope: Scope): Scope {
    const copy: Scope = new Map();
    for (const [k, v] of scope) copy.set(k, v.slice());
    return copy;
  }

  private callInto(scope: Scope, indent: string, expr: string, returns: ReturnKind): void {
    if (returns === 'void') {
      this.emit(indent, expr);
      return;
    }
    if (returns === 'async') {
      const name = this.names.claim('fetched');
      this.emit(indent, `${name} = await ${expr}`);
      this.declare(scope, 'string', name);
      return;
    }
    const name = this.names.claim(returns === 'string' ? 'text' : returns === 'number' ? 'total' : 'ok');
    this.emit(indent, `${name} = ${expr}`);
    this.declare(scope, returns, name);
  }

  private call(scope: Scope, indent: string): void {
    if (this.callees.length === 0) {
      this.plain(scope, indent);
      return;
    }
    const c = this.rng.pick(this.callees);
    if (c.kind === 'fn') {
      this.callInto(scope, indent, `${c.path}(${c.sig.params.map((p) => this.arg(scope, p.type)).join(', ')})`, c.sig.returns);
      return;
    }
    const inst = this.names.claim(c.shape.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase());
    this.emit(indent, `${inst} = ${c.path}(${c.shape.ctor.map((p) => this.arg(scope, p.type)).join(', ')})`);
    const methods = c.shape.methods.filter((m) => m.returns !== 'async' || this.o.returns === 'async');
    if (methods.length > 0) {
      const m = this.rng.pick(methods);
      this.callInto(scope, indent, `${inst}.${m.name}(${m.params.map((p) => this.arg(scope, p.type)).join(', ')})`, m.returns);
    }
  }

  private plain(scope: Scope, indent: string): void {
    const s = () => this.arg(scope, 'string');
    const n = () => this.arg(scope, 'number');
    switch (this.rng.int(0, this.o.http ? 5 : 4)) {
      case 0: {
        const name = this.names.claim('score');
        this.emit(indent, `${name} = round(${n()} * ${this.rng.int(2, 9)} / 3) + ${n()}`);
        this.declare(scope, 'number', name);
        return;
      }
      case 1: {
        const name = this.names.claim('slug');
        this.emit(indent, `${name} = "-".join([${s()}, ${s()}]).lower()`);
        this.declare(scope, 'string', name);
        return;
      }
      case 2: {
        const name = this.names.claim('entry');
        this.emit(indent, `${name} = {"key": ${s()}, "size": ${n()}, "path": os.path.join(DATA_DIR, ${s()})}`);
        this.declare(scope, 'record', name);
        return;
      }
      case 3: {
        const name = this.names.claim('encoded');
        this.emit(indent, `${name} = json.dumps({"topic": "${this.o.topic}", "value": ${s()}}, sort_keys=True)`);
        this.declare(scope, 'string', name);
        return;
      }
      case 4:
        this.emit(indent, `logger.debug("${this.o.topic} %s", ${s()})`);
        return;
      default: {
        const name = this.names.claim('response');
        this.emit(indent, `${name} = requests.get(f"{BASE_URL}/${this.o.topic}/{${s().replace(/"/g, "'")}}", timeout=${this.rng.int(2, 30)})`);
        this.emit(indent, `${name}.raise_for_status()`);
      }
    }
  }

  private condition(scope: Scope): string {
    const b = this.varOf(scope, 'boolean');
    if (b && this.rng.chance(0.5)) return this.rng.chance(0.3) ? `not ${b}` : b;
    const s = this.varOf(scope, 'string');
    if (s && this.rng.chance(0.5)) return `len(${s}) > ${this.rng.int(0, 12)}`;
    return `${this.arg(scope, 'number')} > ${this.rng.int(1, 100)}`;
  }

  private statement(scope: Scope, indent: string, depth: number): void {
    const nested = depth < 2 ? 1 : 0;
    const kind = this.rng.weighted({ call: 5, plain: 2, if: 1.5 * nested, loop: nested, try: 0.6 * nested, with: 0.3 * nested });
    const inner = `${indent}    `;
    switch (kind) {
      case 'call':
        this.call(scope, indent);
        return;
      case 'plain':
        this.plain(scope, indent);
        return;
      case 'if':
        this.emit(indent, `if ${this.condition(scope)}:`);
        this.statement(this.child(scope), inner, depth + 1);
        if (this.rng.chance(0.3)) {
          this.emit(indent, 'else:');
          this.plain(this.child(scope), inner);
        }
        return;
      case 'loop': {
        const acc = this.names.claim('total_len');
        const item = this.names.claim('item');
        this.emit(indent, `${acc} = 0`);
        this.emit(indent, `for ${item} in ${this.varOf(scope, 'list') ?? pyLiteral(this.rng, 'list')}:`);
        this.emit(inner, `${acc} += len(${item})`);
        this.declare(scope, 'number', acc);
        return;
      }
      case 'try':
        this.emit(indent, 'try:');
        this.call(this.child(scope), inner);
        this.emit(indent, 'except (ValueError, KeyError) as exc:');
        this.emit(inner, `logger.warning("${this.o.topic} failed: %s", exc)`);
        return;
      case 'with': {
        const data = this.names.claim('loaded');
        const handle = this.names.claim('handle');
        this.emit(indent, `with open(os.path.join(DATA_DIR, ${this.arg(scope, 'string')}), encoding="utf-8") as ${handle}:`);
        this.emit(inner, `${data} = json.load(${handle})`);
        this.declare(scope, 'record', data);
        return;
      }
    }
  }

  private returnLine(scope: Scope, indent: string): void {
    const r = this.o.returns;
    if (r === 'void') return;
    if (r === 'number') this.emit(indent, `return ${this.arg(scope, 'number')} + ${this.rng.int(0, 9)}`);
    else if (r === 'boolean') {
      const s = this.varOf(scope, 'string');
      this.emit(indent, s ? `return len(${s}) > ${this.rng.int(0, 8)}` : `return ${this.arg(scope, 'number')} > ${this.rng.int(0, 50)}`);
    } else {
      const s = this.varOf(scope, 'string');
      const n = this.varOf(scope, 'number');
      if (s && n) this.emit(indent, `return f"{${s}}:{${n}}"`);
      else if (s) this.emit(indent, `return ${s}.strip()`);
      else if (n) this.emit(indent, `return str(${n})`);
      else this.emit(indent, `return "${this.o.topic}"`);
    }
  }

  render(indent: string): string[] {
    const scope: Scope = new Map();
    for (const p of this.o.params) this.declare(scope, p.type, p.name);
    for (let i = 0; i < this.o.statements; i++) this.statement(scope, indent, 0);
    this.returnLine(scope, indent);
    return this.out;
  }
}

export function pyBody(o: PyBodyOptions, indent: string): string[] {
  return new PyBodyWriter(o).render(indent);
}
