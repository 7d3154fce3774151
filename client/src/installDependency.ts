import * as vscode from 'vscode';
import { INSTALL_DEPENDENCY_COMMAND, type InstallDependencyArgs } from '../../shared/protocol';

// The "Install <pkg>" code action runs a package manager, which executes code from the
// registry: never in an untrusted workspace, never without the user saying so in a modal.

export function registerInstallDependency(): vscode.Disposable {
  return vscode.commands.registerCommand(INSTALL_DEPENDENCY_COMMAND, async (args: InstallDependencyArgs | undefined) => {
    if (!args || typeof args.command !== 'string' || typeof args.cwd !== 'string') return;
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(`SparkGraph: this workspace is not trusted, so "${args.command}" was not run. Trust the workspace or run it yourself.`);
      return;
    }
    const cwd = vscode.Uri.parse(args.cwd);
    const folder = vscode.workspace.asRelativePath(cwd, true);
    const choice = await vscode.window.showWarningMessage(
      `Run "${args.command}"?`,
      { modal: true, detail: `It installs ${args.package} and records it in ${vscode.workspace.asRelativePath(vscode.Uri.parse(args.manifest), true)}. It runs in a terminal in ${folder === cwd.fsPath ? cwd.fsPath : folder}.` },
      'Run',
    );
    if (choice !== 'Run') return;
    const terminal = vscode.window.createTerminal({ name: `SparkGraph: install ${args.package}`, cwd });
    terminal.show();
    terminal.sendText(args.command, true);
  });
}
