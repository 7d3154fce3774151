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
