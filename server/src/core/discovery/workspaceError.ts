import { realpath, stat } from 'node:fs/promises';

// The one failure that stops discovery: the workspace folder itself is unusable. Everything
// below the root degrades to a skipped entry instead.

export type WorkspaceErrorCode = 'ENOENT' | 'ENOTDIR' | 'EACCES';

export class WorkspaceError extends Error {
  override readonly name = 'WorkspaceError';

  constructor(
    readonly code: WorkspaceErrorCode,
    message: string,
  ) {
    super(message);
  }

  static fromFsError(error: unknown, root: string): WorkspaceError {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return new WorkspaceError('ENOENT', `workspace folder does not exist: ${root}`);
    // A dangling or looping link as the root, or a path that cannot be resolved at all.
    if (code === 'ELOOP' || code === 'ENAMETOOLONG') return new WorkspaceError('ENOENT', `workspace folder cannot be resolved (${code}): ${root}`);
    if (code === 'ENOTDIR') return new WorkspaceError('ENOTDIR', `workspace path is not a folder: ${root}`);
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
    return new WorkspaceError('EACCES', `cannot read workspace folder ${root}: ${reason}`);
  }
}

/** The root's real path: every symlink target is compared against it to tell inside from outside. */
export async function resolveWorkspaceRoot(root: string): Promise<string> {
  try {
    const info = await stat(root);
    if (!info.isDirectory()) throw new WorkspaceError('ENOTDIR', `workspace path is not a folder: ${root}`);
    return await realpath(root);
  } catch (e) {
    throw e instanceof WorkspaceError ? e : WorkspaceError.fromFsError(e, root);
  }
}
