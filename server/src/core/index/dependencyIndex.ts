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
  private readonly byFile = new Map<string, Set<string>>();
  private readonly byProbe = new Map<string, Set<string>>();
  private readonly byName = new Map<string, Set<string>>();

  set(path: string, deps: LinkDeps): void {
    this.delete(path);
    this.forward.set(path, deps);
    for (const f of deps.files) addTo(this.byFile, f, path);
    for (const p of deps.probes) addTo(this.byProbe, p, path);
    for (const n of deps.names) addTo(this.byName, n, path);
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
    for (const f of old.files) removeFrom(this.byFile, f, path);
    for (const p of old.probes) removeFrom(this.byProbe, p, path);
    for (const n of old.names) removeFrom(this.byName, n, path);
  }

  clear(): void {
    this.forward.clear();
    this.byFile.clear();
    this.byProbe.clear();
    this.byName.clear();
  }

  dependentsOfFile(path: string): ReadonlySet<string> {
    return this.byFile.get(path) ?? EMPTY;
  }

  dependentsOfProbe(probe: string): ReadonlySet<string> {
    return this.byProbe.get(probe) ?? EMPTY;
  }

  dependentsOfName(name: string): ReadonlySet<string> {
    return this.byName.get(name) ?? EMPTY;
  }
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
