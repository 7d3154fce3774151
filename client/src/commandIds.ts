// The extension's contributed identifiers as plain data, free of `vscode`, so the manifest test
// can hold package.json and the command table together without an editor.

export const COMMAND_CATEGORY = 'SparkGraph';

export const COMMANDS = {
  reindex: { id: 'sparkgraph.reindex', title: 'Reindex Workspace' },
  showStats: { id: 'sparkgraph.showStats', title: 'Show Index Stats' },
  showCallChains: { id: 'sparkgraph.showCallChains', title: 'Show Call Chains' },
  openLogs: { id: 'sparkgraph.openLogs', title: 'Open Logs' },
  openChat: { id: 'sparkgraph.openChat', title: 'Open Chat' },
  ask: { id: 'sparkgraph.ask', title: 'Ask a Question' },
  setModelApiKey: { id: 'sparkgraph.setModelApiKey', title: 'Set Model API Key' },
  refactorRename: { id: 'sparkgraph.refactor.rename', title: 'Rename Across Workspace…' },
  refactorMove: { id: 'sparkgraph.refactor.move', title: 'Move to File…' },
  refactorSignature: { id: 'sparkgraph.refactor.signature', title: 'Change Signature…' },
  refactorMigrate: { id: 'sparkgraph.refactor.migrate', title: 'Migrate All Uses of a Call…' },
} as const;

export type CommandName = keyof typeof COMMANDS;
export type CommandId = (typeof COMMANDS)[CommandName]['id'];

/** How the palette shows a command: VS Code prefixes the category. */
export function paletteTitle(name: CommandName): string {
  return `${COMMAND_CATEGORY}: ${COMMANDS[name].title}`;
}

export const CALL_CHAINS_VIEW = { id: 'sparkgraph.callChains', name: 'Call Chains' } as const;

/** The chat panel: a webview view in SparkGraph's own activity-bar container. */
export const CHAT_CONTAINER = { id: 'sparkgraph', title: 'SparkGraph', icon: 'media/sparkgraph.svg' } as const;
export const CHAT_VIEW = { id: 'sparkgraph.chatView', name: 'Chat' } as const;

/** `@sparkgraph` in VS Code's chat. */
export const CHAT_PARTICIPANT_ID = 'sparkgraph.chat';

/** Context key set once the extension is active; gates the view and menus. */
export const ACTIVE_CONTEXT_KEY = 'sparkgraph.active';

export const STATS_SCHEME = 'sparkgraph-stats';

/** Virtual documents holding a refactor's proposed file contents, for the per-file diffs. */
export const REFACTOR_PREVIEW_SCHEME = 'sparkgraph-refactor';

/** Languages the server indexes, as VS Code language ids. */
export const LANGUAGE_IDS = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python'] as const;

export const OUTPUT_CHANNEL_NAME = 'SparkGraph';
