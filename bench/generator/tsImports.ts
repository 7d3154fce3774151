import { posix } from 'node:path';
import type { NameSet } from './names';
import type { Callee } from './signatures';
import type { TsSymbol } from './tsUnits';

// The import block of one ES module. Local names are claimed in the file's name set so an
// imported name never clashes with a declaration; clashes are resolved with `as` aliases,
// which is also what real code bases do.

interface SpecImports {
  defaultLocal?: string;
  named: string[];
  types: string[];
  namespace?: string;
}

export class ImportBlock {
  private readonly raw: string[] = [];
  private readonly specs = new Map<string, SpecImports>();

  constructor(private readonly names: NameSet) {}

  private entry(spec: string): SpecImports {
    let e = this.specs.get(spec);
    if (!e) {
      e = { named: [], types: [] };
      this.specs.set(spec, e);
    }
    return e;
  }

  private local(name: string, aliasSuffix: string): string {
    if (!this.names.has(name)) {
      this.names.add(name);
      return name;
    }
    return this.names.claim(`${name}${aliasSuffix}`);
  }

  /** A verbatim import line (node builtins, npm packages) and the names it binds. */
  external(line: string, locals: readonly string[]): void {
    this.raw.push(line);
    for (const l of locals) this.names.add(l);
  }

  named(spec: string, name: string, aliasSuffix: string): string {
    const e = this.entry(spec);
    const existing = e.named.find((n) => n === name || n.startsWith(`${name} as `));
    if (existing) return existing.includes(' as ') ? existing.split(' as ')[1]! : name;
    const local = this.local(name, aliasSuffix);
    e.named.push(local === name ? name : `${name} as ${local}`);
    return local;
  }

  typeNamed(spec: string, name: string, aliasSuffix: string): void {
    const e = this.entry(spec);
    if (e.types.some((n) => n === name || n.startsWith(`${name} as `)) || e.named.includes(name)) return;
    const local = this.local(name, aliasSuffix);
    e.types.push(local === name ? name : `${name} as ${local}`);
  }

  defaultImport(spec: string, desired: string): string {
    const e = this.entry(spec);
    e.defaultLocal ??= this.local(desired, 'Default');
    return e.defaultLocal;
  }

  namespace(spec: string, desired: string): string {
    const e = this.entry(spec);
    e.namespace ??= this.names.claim(desired);
    return e.namespace;
  }

  render(): string[] {
    const out = [...this.raw];
    const ordered = [...this.specs.entries()].sort(([a], [b]) => rank(a) - rank(b));
    for (const [spec, e] of ordered) {
      if (e.namespace) out.push(`import * as ${e.namespace} from '${spec}';`);
      if (e.defaultLocal || e.named.length > 0) {
        const parts: string[] = [];
        if (e.defaultLocal) parts.push(e.defaultLocal);
        if (e.named.length > 3) {
          out.push(`import ${parts.length ? `${parts[0]}, ` : ''}{`, ...e.named.map((n) => `  ${n},`), `} from '${spec}';`);
        } else {
          if (e.named.length > 0) parts.push(`{ ${e.named.join(', ')} }`);
          out.push(`import ${parts.join(', ')} from '${spec}';`);
        }
      }
      if (e.types.length > 0) out.push(`import type { ${e.types.join(', ')} } from '${spec}';`);
    }
    return out;
  }
}

function rank(spec: string): number {
  return spec.startsWith('.') ? 2 : spec.startsWith('@app/') ? 1 : 0;
}

/** `./x` / `../dir/x` from the module at `fromSpec` (both relative to src/, no extension). */
export function relativeSpec(fromSpec: string, toSpec: string): string {
  const rel = posix.relative(posix.dirname(fromSpec), toSpec);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

export function calleeFor(sym: TsSymbol, path: string): Callee | undefined {
  if (sym.shape) return { kind: 'class', path, shape: { ...sym.shape, name: path.includes('.') ? sym.shape.name : path } };
  if (sym.sig) return { kind: 'fn', path, sig: sym.sig };
  return undefined;
}
