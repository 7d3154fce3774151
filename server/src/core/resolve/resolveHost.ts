import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseJsonc } from './jsonc';
import { dirOf, inDir, joinRel } from './relPath';
import { parseSimpleYaml } from './simpleYaml';

// What the resolvers may ask of the workspace. They never touch the disk themselves: the
// host answers from the set of indexed files plus config files, so resolution is fast,
// deterministic, and every question can be recorded for incremental re-resolution.

export interface ResolveHost {
  /** Is this root-relative posix path an indexed source file? Record the probe. */
  fileExists(path: string): boolean;
  /** Is there any indexed file under this directory ('' is the root)? Record the probe. */
  dirExists(path: string): boolean;
  /**
   * Parsed contents of a root-relative config file, undefined if missing/broken. JSON files may
   * be JSONC (comments, trailing commas); `.yaml`/`.yml` files are read with a small YAML subset
   * (pnpm-workspace.yaml). Cached by the host.
   */
  readJson(path: string): unknown | undefined;
  /**
   * Root-relative paths of every config file with this base name ('package.json',
   * 'pyproject.toml', ...) in the workspace, sorted. Lets the resolvers expand workspace globs
   * and find Python projects; without it only literal workspace entries and ancestors of the
   * importing file are considered. Config-derived, so a host may cache it for its lifetime.
   */
  findConfigFiles?(name: string): readonly string[];
  /**
   * Dotted Python package name of the workspace root itself when the root directory is a
   * package (holds `__init__.py`): 'django' for a workspace opened at `.../site-packages/django`.
   */
  readonly rootPackage?: string;
}

export type Resolution =
  | { kind: 'file'; path: string } // root-relative posix path of an indexed file
  | { kind: 'external'; package: string; subpath?: string } // npm / PyPI package not in the repo: 'express', '@scope/pkg', 'requests'
  | { kind: 'builtin'; module: string } // 'fs' (normalized from 'node:fs'), 'os.path', 'sqlite3'
  | { kind: 'unresolved'; reason: string };

/**
 * Everything outside the indexed sources that this host's answers rested on: each config file
 * it read (with a hash of what it read, or null when missing), each config listing it made,
 * and the root's own package name. If all of it still holds, so do the links made with it.
 */
export interface ConfigFingerprint {
  reads: [path: string, hash: string | null][];
  listings: [name: string, paths: string[]][];
  rootPackage: string | null;
}

export interface FsResolveHost extends ResolveHost {
  /** Tell the host the file set changed in place, so its directory index is rebuilt. */
  filesChanged(): void;
  /** What this host has read so far (see ConfigFingerprint). */
  fingerprint(): ConfigFingerprint;
}

const CONFIG_EXTENSIONS_YAML = /\.ya?ml$/i;

/**
 * A host over a (possibly live) set of indexed files, reading config files from disk under
 * `root`. `onProbe` sees every fileExists path and every dirExists path as `dir:<path>`.
 * Config reads and config-file listings (indexed directories and their direct subdirectories)
 * are cached for the host's lifetime: make a new host when config files change. The directory
 * index follows the set: rebuilt when its size changes or on `filesChanged()`.
 */
export function createFsResolveHost(root: string, files: ReadonlySet<string>, onProbe?: (path: string) => void): FsResolveHost {
  const configs = new Map<string, unknown>();
  const readHashes = new Map<string, string | null>();
  const listings = new Map<string, readonly string[]>();
  let dirIndex: Map<string, string> | undefined;
  let indexedSize = -1;

  const buildDirIndex = (): Map<string, string> => {
    // Each directory maps to one file under it; that sample lets a lookup notice when the
    // index went stale because the file disappeared.
    const index = new Map<string, string>();
    for (const f of files) {
      for (let d = dirOf(f); ; d = dirOf(d)) {
        if (index.has(d)) break;
        index.set(d, f);
        if (d === '') break;
      }
    }
    dirIndex = index;
    indexedSize = files.size;
    return index;
  };
  const dirs = (): Map<string, string> => (dirIndex && indexedSize === files.size ? dirIndex : buildDirIndex());

  const readConfig = (path: string): unknown | undefined => {
    const rel = joinRel(path);
    if (rel === undefined || rel === '') return undefined;
    if (configs.has(rel)) return configs.get(rel);
    let value: unknown | undefined;
    const text = readConfigText(join(root, rel));
    readHashes.set(rel, text === undefined ? null : hashText(text));
    try {
      value = text === undefined ? undefined : CONFIG_EXTENSIONS_YAML.test(rel) ? parseSimpleYaml(text) : parseJsonc(text);
    } catch {
      value = undefined;
    }
    configs.set(rel, value);
    return value;
  };

  let configDirs: string[] | undefined;
  // Indexed directories plus their direct subdirectories: a package holding only config
  // (a shared tsconfig package, a pyproject.toml next to a src/ folder) has no indexed files.
  const candidateConfigDirs = (): string[] => {
    if (configDirs) return configDirs;
    const out = new Set<string>(['']);
    for (const d of dirs().keys()) {
      out.add(d);
      for (const child of subdirectories(join(root, d))) out.add(inDir(d, child));
    }
    for (const child of subdirectories(root)) out.add(child);
    return (configDirs = [...out].sort());
  };
  const findConfigFiles = (name: string): readonly string[] => {
    let found = listings.get(name);
    if (found) return found;
    found = candidateConfigDirs()
      .map((d) => inDir(d, name))
      .filter((rel) => isFile(join(root, rel)));
    listings.set(name, found);
    return found;
  };

  const rootPackage = rootPackageOf(root);
  return {
    fileExists(path) {
      onProbe?.(path);
      return files.has(path);
    },
    dirExists(path) {
      const rel = joinRel(path) ?? path;
      onProbe?.(`dir:${rel}`);
      let sample = dirs().get(rel);
      if (sample !== undefined && !files.has(sample)) sample = buildDirIndex().get(rel);
      return sample !== undefined;
    },
    readJson: readConfig,
    findConfigFiles,
    rootPackage,
    filesChanged() {
      dirIndex = undefined;
    },
    fingerprint() {
      return {
        reads: [...readHashes].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
        listings: [...listings].map(([name, paths]) => [name, [...paths]] as [string, string[]]).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
        rootPackage: rootPackage ?? null,
      };
    },
  };
}

/**
 * Does a fingerprint taken earlier still describe the disk? `files` is the indexed file set the
 * listings were made over (listings look in the directories of indexed files).
 */
export function fingerprintHolds(root: string, files: ReadonlySet<string>, saved: ConfigFingerprint): boolean {
  if ((rootPackageOf(root) ?? null) !== saved.rootPackage) return false;
  for (const [rel, hash] of saved.reads) {
    const text = readConfigText(join(root, rel));
    if ((text === undefined ? null : hashText(text)) !== hash) return false;
  }
  if (saved.listings.length === 0) return true;
  const fresh = createFsResolveHost(root, files);
  for (const [name, paths] of saved.listings) {
    const now = fresh.findConfigFiles!(name);
    if (now.length !== paths.length || now.some((p, i) => p !== paths[i])) return false;
  }
  return true;
}

function readConfigText(abs: string): string | undefined {
  // Most config paths asked for do not exist (every folder up from every importer); a read
  // that fails costs an exception each, the existence check does not.
  if (!existsSync(abs)) return undefined;
  try {
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}

function hashText(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

/** Dotted package name of a directory that is itself a Python package, walking up on disk. */
function rootPackageOf(root: string): string | undefined {
  const names: string[] = [];
  for (let d = root; ; ) {
    if (!isFile(join(d, '__init__.py')) && !isFile(join(d, '__init__.pyi'))) break;
    const name = basename(d);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) break;
    names.unshift(name);
    const parent = dirname(d);
    if (parent === d) break;
    d = parent;
  }
  return names.length > 0 ? names.join('.') : undefined;
}

function subdirectories(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.'))
      .map((e) => e.name);
  } catch {
    return [];
  }
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}
