import type { InstallDependencyArgs } from '../../shared/protocol';

// What "Install <pkg>" does, free of `vscode` so it can be tested: a package manager runs code
// from the registry, so never in an untrusted workspace and never without a yes in a modal.

export interface InstallUi {
  isTrusted(): boolean;
  /** A modal question; true when the user chose to run. */
  confirm(message: string, detail: string): Promise<boolean>;
  warn(message: string): void;
  /** Root-relative display form of a file URI. */
  describe(uri: string): string;
  runInTerminal(name: string, cwdUri: string, command: string): void;
}

export type InstallOutcome = 'ran' | 'declined' | 'untrusted' | 'invalid';

export async function installDependency(args: unknown, ui: InstallUi): Promise<InstallOutcome> {
  if (!isArgs(args)) return 'invalid';
  if (!ui.isTrusted()) {
    ui.warn(`SparkGraph: this workspace is not trusted, so "${args.command}" was not run. Trust the workspace or run it yourself.`);
    return 'untrusted';
  }
  const ok = await ui.confirm(`Run "${args.command}"?`, `It installs ${args.package} and records it in ${ui.describe(args.manifest)}. It runs in a terminal in ${ui.describe(args.cwd)}.`);
  if (!ok) return 'declined';
  ui.runInTerminal(`SparkGraph: install ${args.package}`, args.cwd, args.command);
  return 'ran';
}

function isArgs(a: unknown): a is InstallDependencyArgs {
  const r = a as Partial<InstallDependencyArgs> | undefined;
  return !!r && typeof r.command === 'string' && r.command !== '' && typeof r.cwd === 'string' && typeof r.package === 'string' && typeof r.manifest === 'string';
}
