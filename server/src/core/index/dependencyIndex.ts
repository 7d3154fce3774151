// Who asked what while linking. Each linked file records the files it consulted, the paths
// it probed while resolving modules and the names it looked up for guesses; the reverse maps
// answer "which files must be re-linked when X changes".

export interface LinkDeps {
  files: Set<string>;
  probes: Set<string>;
  names: Set<string>;
}

export function emptyDeps(): LinkDeps {
  return { files: new Set(), probes: new Set(), names: new Set() };
}

export class DependencyIndex {
  private readonly forward = new Map<string, LinkDeps>();
  /**
   * The reverse maps are built the first time a change asks for dependents, and kept current
   * from then on: a build links every file once and asks nothing, and a warm start restores
   * every file's dependencies without a change to follow, so neither pays for them up front.
   */
  private reverse: { byFile: Map<string, Set<string>>; byProbe: Map<string, Set<string>>; byName: Map<string, Set<string>> } | undefined;

  set(path: string, deps: LinkDeps): void {
    this.delete(path);
    this.forward.set(path, deps);
    if (this.reverse) index(this.reverse, path, deps, addTo);
  }

  has(path: string): boolean {
    return this.forward.has(path);
  }

  /** What `path`'s last link depended on. */
  get(path: string): LinkDeps | undefined {
    return this.forward.get(path);
  }

  delete(path: string): void {
    const old = this.forward.get(path);
    if (!old) return;
    this.forward.delete(path);
    if (this.reverse) index(this.reverse, path, old, removeFrom);
  }

  clear(): void {
    this.forward.clear();
    this.reverse = undefined;
  }

  dependentsOfFile(path: string): ReadonlySet<string> {
    return this.reversed().byFile.get(path) ?? EMPTY;
  }

  dependentsOfProbe(probe: string): ReadonlySet<string> {
    return this.reversed().byProbe.get(probe) ?? EMPTY;
  }

  dependentsOfName(name: string): ReadonlySet<string> {
    return this.reversed().byName.get(name) ?? EMPTY;
  }

  private reversed(): NonNullable<DependencyIndex['reverse']> {
    if (!this.reverse) {
      this.reverse = { byFile: new Map(), byProbe: new Map(), byName: new Map() };
      for (const [path, deps] of this.forward) index(this.reverse, path, deps, addTo);
    }
    return this.reverse;
  }
}

function index(
  reverse: { byFile: Map<string, Set<string>>; byProbe: Map<string, Set<string>>; byName: Map<string, Set<string>> },
  path: string,
  deps: LinkDeps,
  apply: (map: Map<string, Set<string>>, key: string, value: string) => void,
): void {
  for (const f of deps.files) apply(reverse.byFile, f, path);
  for (const p of deps.probes) apply(reverse.byProbe, p, path);
  for (const n of deps.names) apply(reverse.byName, n, path);
}

const EMPTY: ReadonlySet<string> = new Set();

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  let s = map.get(key);
  if (!s) map.set(key, (s = new Set()));
  s.add(value);
}

function removeFrom(map: Map<string, Set<string>>, key: string, value: string): void {
  const s = map.get(key);
  if (!s) return;
  s.delete(value);
  if (s.size === 0) map.delete(key);
}
