// What SparkGraph's extension must show in a real editor, as plain data shared by the
// code-server scenarios (scenarios.ts) and the VS Code API suite (electronSuite.ts).
// Titles and ids are spelled out here, not imported from the client, so a rename is caught.

export const EDITOR_APP_FIXTURE = 'test/fixtures/editor-app';

/** The declaration the hover and call-chain checks aim at, and who calls it. */
export const TARGET = {
  file: 'src/auth/crypto.ts',
  anchor: 'verifyPassword',
  lineContains: 'export function verifyPassword',
} as const;

export const CONTRACT = {
  status: {
    /** Shown as soon as the extension activates. */
    appears: /SparkGraph/,
    /** e.g. "$(graph) SparkGraph: ready · 7 files". */
    ready: /SparkGraph.*ready/i,
  },
  hover: {
    ...TARGET,
    /** The cross-file chain: verifyPassword is reached from handleLogin in login.ts. */
    expect: ['verifyPassword', 'handleLogin', 'login.ts'],
  },
  callChains: {
    ...TARGET,
    title: 'SparkGraph: Show Call Chains',
    commandId: 'sparkgraph.showCallChains',
    expect: /handleLogin/,
  },
  chat: {
    openTitle: 'SparkGraph: Open Chat',
    commandId: 'sparkgraph.openChat',
    question: 'where is the password verified?',
    /** The answer links verifyPassword's declaration; clicking it lands on that line. */
    expectLink: 'src/auth/crypto.ts:12',
    file: 'src/auth/crypto.ts',
    line: 12,
  },
  chatExplain: {
    ...TARGET,
    /** The chain section /explain adds for the symbol under the cursor, and a step of it. */
    expect: 'How verifyPassword is reached',
    link: 'handleLogin',
  },
  chatModel: {
    /** Asked with a local OpenAI-compatible server configured as the model. */
    question: '/callers verifyPassword',
    modelName: 'fake-model',
    answer: ['Passwords are checked by `verifyPassword` at ', 'src/auth/crypto.ts:12, called from ', 'src/auth/login.ts:10.'],
    usage: [321, 17] as [number, number],
    /** The model's citation the user clicks. */
    link: 'src/auth/login.ts:10',
    file: 'src/auth/login.ts',
    line: 10,
    /** The graph context the server built must reach the model. */
    contextHeader: '### src/auth/crypto.ts:12 function verifyPassword',
    /** Stored with the key command (secret storage), then sent as the Bearer token. */
    keyTitle: 'SparkGraph: Set Model API Key',
    apiKey: 'sk-editor-test',
    keySaved: /model API key saved/,
    /** Asked while the server holds its stream open after a first piece; Stop cancels it. */
    held: { question: '/where password check', firstPiece: 'Looking at the password check', cancelled: 'Model answer cancelled' },
  },
  dependencies: {
    file: 'src/http/client.ts',
    anchor: 'axios',
    lineContains: "import axios from 'axios'",
    /** The warning in the Problems panel names the command for the fixture's tooling (npm). */
    problem: /axios is imported but not declared in package\.json.*npm install axios/,
    problemsTitle: 'View: Focus Problems (Errors, Warnings, Infos)',
    quickFixTitle: 'Quick Fix...',
    quickFixes: /Install axios with `npm install axios`[\s\S]*Add axios to package\.json|Add axios to package\.json[\s\S]*Install axios with `npm install axios`/,
  },
  refactor: {
    ...TARGET,
    title: 'SparkGraph: Rename Across Workspace…',
    commandId: 'sparkgraph.refactor.rename',
    newName: 'checkPassword',
    /** The result notification names the rename; its diffs show the new name. */
    notification: /rename verifyPassword to checkPassword: \d+ edits in \d+ files/,
    expect: /checkPassword/,
  },
  stats: {
    title: 'SparkGraph: Show Index Stats',
    commandId: 'sparkgraph.showStats',
    expect: /\bfiles\b/,
  },
} as const;
