// Workspace discovery: which files are indexed, and why the others are not.

export { classifyContent, type ContentCheck } from './classifyContent';
export { DEFAULT_IGNORES } from './defaults';
export { IgnoreRules } from './ignoreRules';
export type { SkippedFile, SkipReason } from './skipped';
export { walkWorkspace, type WalkOptions, type WalkResult } from './walkWorkspace';
export type { FoundFile } from './walkTree';
export { WorkspaceError, type WorkspaceErrorCode } from './workspaceError';
