import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { wire } from './wiring';

// Entry of the bundled server (dist/server/server.js). The transport (stdio, IPC, socket)
// comes from the command line, so any LSP client can start it: `node server.js --stdio`.

const connection = createConnection(ProposedFeatures.all);
wire(connection);
process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${(e as Error)?.stack ?? e}`));
connection.listen();
