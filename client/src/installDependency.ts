import * as vscode from 'vscode';
import { INSTALL_DEPENDENCY_COMMAND } from '../../shared/protocol';
import { installDependency } from './installFlow';

// The client command behind the server's "Install <pkg> with `<command>`" code action.

export function registerInstallDependency(): vscode.Disposable {
  return vscode.commands.registerCommand(INSTALL_DEPENDENCY_COMMAND, (args: unknown) =>
    installDependency(args, {
      isTrusted: () => vscode.workspace.isTrusted,
      confirm: async (message, detail) => (await vscode.window.showWarningMessage(message, { modal: true, detail }, 'Run')) === 'Run',
      warn: (message) => void vscode.window.showWarningMessage(message),
      describe: (uri) => {
        const u = vscode.Uri.parse(uri);
        const rel = vscode.workspace.asRelativePath(u, true);
        return rel === u.fsPath ? u.fsPath : rel || '.';
      },
      runInTerminal: (name, cwd, command) => {
        const terminal = vscode.window.createTerminal({ name, cwd: vscode.Uri.parse(cwd) });
        terminal.show();
        terminal.sendText(command, true);
      },
    }),
  );
}
