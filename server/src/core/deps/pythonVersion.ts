// Which Python a project targets, and what that means for its standard library. A module the
// standard library dropped (distutils in 3.12, cgi in 3.13, …) has to come from PyPI for a
// project that supports only Pythons without it — when a drop-in distribution exists.

export type PythonVersion = [major: number, minor: number];

/**
 * The lowest Python a constraint admits: `>=3.12`, `~=3.11`, `^3.12` (Poetry), `==3.12.*`,
 * `3.12` (Pipfile `python_version`), `>=3.9,<4`. Undefined when it has no lower bound.
 */
export function lowestPython(constraint: string): PythonVersion | undefined {
  let best: PythonVersion | undefined;
  for (const part of constraint.split(',')) {
    const m = /^\s*(>=|~=|\^|~|==|===|>)?\s*(\d+)(?:\.(\d+|\*))?/.exec(part);
    if (!m) continue;
    const op = m[1] ?? '==';
    const version: PythonVersion = [Number(m[2]), m[3] === undefined || m[3] === '*' ? 0 : Number(m[3])];
    if (op === '>') version[1] += 1;
    if (!['>=', '~=', '^', '~', '==', '===', '>'].includes(op)) continue;
    if (!best || compareVersions(version, best) > 0) best = version;
  }
  return best;
}

export function compareVersions(a: PythonVersion, b: PythonVersion): number {
  return a[0] - b[0] || a[1] - b[1];
}

interface Removal {
  /** First Python without the module. */
  removedIn: PythonVersion;
  /** The PyPI distribution that brings it back under the same import name. */
  replacement: string;
}

/** Removed standard-library modules that a PyPI distribution provides under the same name. */
const REMOVED_WITH_REPLACEMENT: Readonly<Record<string, Removal>> = {
  distutils: { removedIn: [3, 12], replacement: 'setuptools' },
  asyncore: { removedIn: [3, 12], replacement: 'pyasyncore' },
  asynchat: { removedIn: [3, 12], replacement: 'pyasynchat' },
  cgi: { removedIn: [3, 13], replacement: 'legacy-cgi' },
  cgitb: { removedIn: [3, 13], replacement: 'legacy-cgi' },
  audioop: { removedIn: [3, 13], replacement: 'audioop-lts' },
};

/**
 * The distribution an import of a removed standard-library module needs when the project
 * supports no Python that still has it; undefined while some supported Python has it.
 */
export function replacementForRemovedStdlib(module: string, lowest: PythonVersion | undefined): string | undefined {
  const r = Object.hasOwn(REMOVED_WITH_REPLACEMENT, module) ? REMOVED_WITH_REPLACEMENT[module] : undefined;
  if (!r || !lowest) return undefined;
  return compareVersions(lowest, r.removedIn) >= 0 ? r.replacement : undefined;
}
