import { builtinModules } from 'node:module';
import { PYTHON_STDLIB_MODULES } from './pythonStdlib';

// Node's list comes from the running Node, which is the one the engine ships with; Python's
// is static data because the engine must not depend on a Python installation.

const NODE_BUILTINS: ReadonlySet<string> = new Set(builtinModules);

/**
 * The normalized module name when `specifier` is a Node built-in ('node:fs' and 'fs' give 'fs',
 * 'fs/promises' stays 'fs/promises'); undefined otherwise. Any `node:` specifier counts, since
 * some modules ('node:test', 'node:sqlite') exist only with the prefix.
 */
export function nodeBuiltin(specifier: string): string | undefined {
  if (specifier.startsWith('node:')) {
    const name = specifier.slice(5);
    return name === '' ? undefined : name;
  }
  return NODE_BUILTINS.has(specifier) ? specifier : undefined;
}

/** Whether the top-level module of a dotted Python name is in the standard library. */
export function isPythonStdlib(dotted: string): boolean {
  const top = dotted.split('.', 1)[0];
  return PYTHON_STDLIB_MODULES.has(top);
}
