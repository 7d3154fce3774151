import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_IGNORES, VIRTUALENV_MARKER } from './defaults';
import { parseIgnoreFile, type IgnorePattern } from './gitignorePattern';
import { walkTree } from './walkTree';
import { resolveWorkspaceRoot } from './workspaceError';

// Which paths of a workspace are ignored, from every source in git's order of precedence, lowest
// first: built-in defaults, .git/info/exclude, then each folder's .gitignore and .sparkignore
// (deeper folders win; .sparkignore wins over .gitignore in the same folder), then the
// `extraIgnores` setting. The last matching pattern decides, and nothing below an ignored
// folder can be re-included.

const GITIGNORE = '.gitignore';
const SPARKIGNORE = '.sparkignore';
const INFO_EXCLUDE = '.git/info/exclude';

export interface IgnoreSourceOptions {
  extraIgnores?: readonly string[];
  /** Apply the built-in defaults (node_modules/, dist/, ...). Default true. */
  defaults?: boolean;
}

export class IgnoreRules {
  /** Patterns of each folder's own ignore files, .gitignore's before .sparkignore's. */
  private readonly byFolder = new Map<string, readonly IgnorePattern[]>();
  private readonly virtualenvs = new Set<string>();
  /** Every pattern that applies inside a folder, lowest precedence first (extraIgnores excluded). */
  private readonly inherited = new Map<string, readonly IgnorePattern[]>();
  /** isIgnored answers for folders, which every path below them asks again. */
  private readonly folderVerdicts = new Map<string, boolean>();

  private constructor(
    private readonly rootLevel: readonly IgnorePattern[],
    private readonly extra: readonly IgnorePattern[],
  ) {}

  /** Reads every ignore file of the workspace (walking the folders that are not ignored). */
  static async load(root: string, extraIgnores: readonly string[] = []): Promise<IgnoreRules> {
    const realRoot = await resolveWorkspaceRoot(root);
    const rules = await IgnoreRules.forRoot(realRoot, extraIgnores);
    await walkTree(realRoot, rules, { wantFile: () => false, followSymlinks: true });
    return rules;
  }

  /**
   * Rules from the root-level sources only; a walk adds each folder's ignore files as it enters
   * the folder, which is always before anything inside it is decided.
   */
  static async forRoot(realRoot: string, extraIgnores: readonly string[] = [], options: { defaults?: boolean } = {}): Promise<IgnoreRules> {
    const exclude = await readFile(join(realRoot, INFO_EXCLUDE), 'utf8').catch(() => '');
    return IgnoreRules.build(exclude, { extraIgnores, defaults: options.defaults });
  }

  /**
   * Rules from ignore-file contents keyed by root-relative path (`.gitignore`,
   * `src/.sparkignore`, `.git/info/exclude`), without touching the disk.
   */
  static fromText(files: Readonly<Record<string, string>>, options: IgnoreSourceOptions = {}): IgnoreRules {
    const rules = IgnoreRules.build(files[INFO_EXCLUDE] ?? '', options);
    const folders = new Map<string, { gitignore?: string; sparkignore?: string }>();
    for (const [path, text] of Object.entries(files)) {
      if (path === INFO_EXCLUDE) continue;
      const slash = path.lastIndexOf('/');
      const folder = slash < 0 ? '' : path.slice(0, slash);
      const name = path.slice(slash + 1);
      const entry = folders.get(folder) ?? {};
      if (name === GITIGNORE) entry.gitignore = text;
      else if (name === SPARKIGNORE) entry.sparkignore = text;
      else throw new Error(`not an ignore file: ${path}`);
      folders.set(folder, entry);
    }
    for (const [folder, texts] of folders) rules.setFolderFiles(folder, texts.gitignore, texts.sparkignore);
    return rules;
  }

  private static build(infoExclude: string, options: IgnoreSourceOptions): IgnoreRules {
    const rootLevel = [
      ...(options.defaults === false ? [] : parseIgnoreFile(DEFAULT_IGNORES.join('\n'), '')),
      ...parseIgnoreFile(infoExclude, ''),
    ];
    return new IgnoreRules(rootLevel, parseIgnoreFile((options.extraIgnores ?? []).join('\n'), ''));
  }

  /** Files whose change can change what is ignored: reload the rules and walk again. */
  static isIgnoreFile(relPath: string): boolean {
    const path = normalize(relPath);
    if (path === INFO_EXCLUDE) return true;
    const name = path.slice(path.lastIndexOf('/') + 1);
    return name === GITIGNORE || name === SPARKIGNORE || name === VIRTUALENV_MARKER;
  }

  /** Whether a root-relative posix path is ignored, itself or through an ignored parent folder. */
  isIgnored(relPath: string, isDir: boolean): boolean {
    const path = normalize(relPath);
    if (path === '') return false;
    for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
      if (this.folderIgnored(path.slice(0, slash))) return true;
    }
    return isDir ? this.folderIgnored(path) : this.matchesSelf(path, false);
  }

  /**
   * The verdict for the path itself, assuming its parent folders are not ignored: what a walk
   * asks for each entry of a folder it has entered.
   */
  matchesSelf(path: string, isDir: boolean): boolean {
    const slash = path.lastIndexOf('/');
    const name = path.slice(slash + 1);
    const folder = slash < 0 ? '' : path.slice(0, slash);
    const verdict = lastMatch(this.extra, path, name, isDir) ?? lastMatch(this.patternsIn(folder), path, name, isDir);
    if (verdict !== undefined) return verdict;
    return isDir && this.virtualenvs.has(path);
  }

  /** Records a folder's .gitignore / .sparkignore contents (undefined: the file is absent). */
  setFolderFiles(folder: string, gitignore: string | undefined, sparkignore: string | undefined): void {
    const patterns = [...parseIgnoreFile(gitignore ?? '', folder), ...parseIgnoreFile(sparkignore ?? '', folder)];
    if (patterns.length === 0 && !this.byFolder.has(folder)) return;
    this.byFolder.set(folder, patterns);
    this.inherited.clear();
    this.folderVerdicts.clear();
  }

  /** A folder holding pyvenv.cfg: ignored like a default, so a user pattern can re-include it. */
  markVirtualenv(folder: string): void {
    if (folder === '' || this.virtualenvs.has(folder)) return;
    this.virtualenvs.add(folder);
    this.folderVerdicts.clear();
  }

  private folderIgnored(folder: string): boolean {
    let verdict = this.folderVerdicts.get(folder);
    if (verdict === undefined) {
      verdict = this.matchesSelf(folder, true);
      this.folderVerdicts.set(folder, verdict);
    }
    return verdict;
  }

  private patternsIn(folder: string): readonly IgnorePattern[] {
    let patterns = this.inherited.get(folder);
    if (patterns === undefined) {
      const outer = folder === '' ? this.rootLevel : this.patternsIn(folder.slice(0, Math.max(0, folder.lastIndexOf('/'))));
      const own = this.byFolder.get(folder);
      patterns = own && own.length > 0 ? [...outer, ...own] : outer;
      this.inherited.set(folder, patterns);
    }
    return patterns;
  }
}

/** true: ignored, false: re-included, undefined: no pattern matches. */
function lastMatch(patterns: readonly IgnorePattern[], path: string, name: string, isDir: boolean): boolean | undefined {
  for (let i = patterns.length - 1; i >= 0; i--) {
    const p = patterns[i];
    if (p.regex === null || (p.dirOnly && !isDir)) continue;
    const subject = p.basenameOnly ? name : p.base === '' ? path : path.slice(p.base.length + 1);
    if (p.regex.test(subject)) return !p.negated;
  }
  return undefined;
}

function normalize(relPath: string): string {
  // Backslash is a legal file-name character on posix; only Windows callers mean a separator.
  let path = process.platform === 'win32' ? relPath.replace(/\\/g, '/') : relPath;
  while (path.startsWith('./')) path = path.slice(2);
  while (path.startsWith('/')) path = path.slice(1);
  while (path.endsWith('/')) path = path.slice(0, -1);
  return path;
}
