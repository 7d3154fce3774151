import { statSync, type Dirent, type Stats } from 'node:fs';
import { readdir, readFile, readlink, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { VIRTUALENV_MARKER } from './defaults';
import type { IgnoreRules } from './ignoreRules';
import { createLimiter } from './limiter';
import type { SkippedFile } from './skipped';
import { WorkspaceError } from './workspaceError';

// The folder walk shared by walkWorkspace and IgnoreRules.load. Folders are entered
// concurrently (bounded), ignored folders are never opened, each folder's ignore files are read
// before its entries are decided, and symlinks are followed with their real paths checked
// against the root and against the folders on the current path.

const FS_CONCURRENCY = 64;
/**
 * Plain files are stat'ed synchronously: a threadpool round trip per file costs several times
 * the stat itself. Chunks keep one huge folder from holding the event loop for long.
 */
const SYNC_STAT_CHUNK = 512;

export interface TreeWalkOptions {
  /** Files the caller wants (by name); only these are stat'ed and returned. */
  wantFile(name: string): boolean;
  followSymlinks: boolean;
}

export interface FoundFile {
  path: string;
  size: number;
  mtimeMs: number;
  /** With size and mtime, what a warm start compares with a file's saved stamp. */
  ctimeMs: number;
}

function found(path: string, info: Stats): FoundFile {
  return { path, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs };
}

export interface TreeWalk {
  files: FoundFile[];
  skipped: SkippedFile[];
  ignoredCount: number;
}

export async function walkTree(realRoot: string, rules: IgnoreRules, options: TreeWalkOptions): Promise<TreeWalk> {
  const limit = createLimiter(FS_CONCURRENCY);
  const result: TreeWalk = { files: [], skipped: [], ignoredCount: 0 };
  const skip = (path: string, reason: SkippedFile['reason'], detail: string): void => {
    result.skipped.push({ path, reason, detail });
  };
  const relToRoot = (real: string): string => relative(realRoot, real).split(sep).join('/');

  /** `realChain`: real paths of this folder and every folder above it on the walked path. */
  const visitFolder = async (abs: string, rel: string, realChain: readonly string[]): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await limit(() => readdir(abs, { withFileTypes: true }));
    } catch (e) {
      if (rel === '') throw WorkspaceError.fromFsError(e, realRoot);
      const code = (e as NodeJS.ErrnoException).code;
      // Deleted or replaced while the walk was running: nothing to report.
      if (code === 'ENOENT' || code === 'ENOTDIR') return;
      skip(rel, 'unreadable', `cannot read folder: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message}`);
      return;
    }

    let gitignore = false;
    let sparkignore = false;
    let virtualenv = false;
    for (const entry of entries) {
      if (entry.name === '.gitignore') gitignore = true;
      else if (entry.name === '.sparkignore') sparkignore = true;
      else if (entry.name === VIRTUALENV_MARKER) virtualenv = true;
    }
    if (virtualenv && rel !== '') {
      rules.markVirtualenv(rel);
      if (rules.matchesSelf(rel, true)) {
        result.ignoredCount++;
        return;
      }
    }
    if (gitignore || sparkignore) {
      const [gitText, sparkText] = await Promise.all([
        gitignore ? limit(() => readText(join(abs, '.gitignore'))) : undefined,
        sparkignore ? limit(() => readText(join(abs, '.sparkignore'))) : undefined,
      ]);
      rules.setFolderFiles(rel, gitText, sparkText);
    }
    const nested: Promise<void>[] = [];
    const plainFiles: { abs: string; path: string }[] = [];
    for (const entry of entries) {
      if (!entry.isFile()) {
        nested.push(visitEntry(entry, abs, rel, realChain));
        continue;
      }
      if (!options.wantFile(entry.name)) continue;
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (rules.matchesSelf(path, false)) result.ignoredCount++;
      else plainFiles.push({ abs: join(abs, entry.name), path });
    }
    for (let start = 0; start < plainFiles.length; start += SYNC_STAT_CHUNK) {
      if (start > 0) await nextTurn();
      for (const file of plainFiles.slice(start, start + SYNC_STAT_CHUNK)) statFile(file.abs, file.path);
    }
    await Promise.all(nested);
  };

  const statFile = (abs: string, path: string): void => {
    let info: Stats | undefined;
    try {
      info = statSync(abs, { throwIfNoEntry: false });
    } catch (e) {
      skip(path, 'unreadable', `cannot stat file: ${(e as Error).message}`);
      return;
    }
    // Absent: deleted while the walk was running.
    if (info) result.files.push(found(path, info));
  };

  const visitEntry = async (entry: Dirent, folderAbs: string, folderRel: string, realChain: readonly string[]): Promise<void> => {
    const name = entry.name;
    const rel = folderRel === '' ? name : `${folderRel}/${name}`;
    const abs = join(folderAbs, name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    let info: Stats | undefined;
    const isLink = entry.isSymbolicLink();

    if (isLink) {
      if (!options.followSymlinks) return;
      try {
        info = await limit(() => stat(abs));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ELOOP') {
          skip(rel, 'symlink-loop', `${rel} → ${await linkText(abs)}: the link never resolves (it leads back to itself)`);
        } else if (options.wantFile(name)) {
          // A dangling link is only worth reporting when its name says it would be indexed.
          skip(rel, 'unreadable', `broken symlink: ${rel} → ${await linkText(abs)}`);
        }
        return;
      }
      isDir = info.isDirectory();
      isFile = info.isFile();
    }
    if (!isDir && !isFile) return;
    if (isFile && !options.wantFile(name)) return;
    if (rules.matchesSelf(rel, isDir)) {
      result.ignoredCount++;
      return;
    }

    let real = join(realChain[realChain.length - 1], name);
    if (isLink) {
      try {
        real = await limit(() => realpath(abs));
      } catch (e) {
        skip(rel, 'unreadable', `cannot resolve symlink: ${(e as Error).message}`);
        return;
      }
      if (real !== realRoot && !real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep)) {
        skip(rel, 'outside-root', `${rel} → ${real} is outside the workspace`);
        return;
      }
      if (isDir && realChain.includes(real)) {
        const target = relToRoot(real);
        skip(rel, 'symlink-loop', `${rel} → ${await linkText(abs)} points back to ${target === '' ? 'the workspace root' : target}, which contains it`);
        return;
      }
    }

    if (isDir) await visitFolder(abs, rel, [...realChain, real]);
    else if (info) result.files.push(found(rel, info));
  };

  await visitFolder(realRoot, '', [realRoot]);
  return result;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    // An unreadable ignore file (or a folder named .gitignore) contributes no patterns.
    return undefined;
  }
}

async function linkText(path: string): Promise<string> {
  try {
    return await readlink(path);
  } catch {
    return '?';
  }
}
