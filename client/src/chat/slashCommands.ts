// The chat's slash commands, turned into the plain question the graph answer engine reads —
// or, for `/deps` and `/refactor`, into the dependency report and a refactor job.

export interface SlashCommand {
  name: string;
  description: string;
  available: boolean;
}

export const SLASH_COMMANDS: readonly SlashCommand[] = [
  { name: 'where', description: 'Where is something handled? /where login', available: true },
  { name: 'callers', description: 'Who calls a function? /callers handleLogin', available: true },
  { name: 'chain', description: 'How does A reach B? /chain main -> handleLogin', available: true },
  { name: 'explain', description: 'Explain the current selection and its cross-file call chains', available: true },
  { name: 'deps', description: 'Imports the project does not declare, with the install commands', available: true },
  { name: 'refactor', description: 'A workspace refactor, previewed before anything is written: /refactor rename computeTotal to computeSum', available: true },
];

export type ParsedInput =
  | { kind: 'question'; command?: string; question: string }
  | { kind: 'explain'; subject: string }
  | { kind: 'deps' }
  | { kind: 'refactor'; request: string }
  | { kind: 'notice'; command?: string; message: string };

export function parseInput(raw: string): ParsedInput {
  const text = raw.trim();
  const m = /^\/(\w+)\b\s*([\s\S]*)$/.exec(text);
  if (!m) return text ? { kind: 'question', question: text } : { kind: 'notice', message: 'Ask a question about this workspace, for example "where is login handled?".' };
  const name = m[1].toLowerCase();
  const arg = m[2].trim();
  const command = SLASH_COMMANDS.find((c) => c.name === name);
  if (!command) return { kind: 'notice', message: `Unknown command /${name}. Commands: ${SLASH_COMMANDS.map((c) => `/${c.name}`).join(', ')}.` };
  if (!command.available) return { kind: 'notice', command: name, message: `/${name} is not available yet in this version of SparkGraph.` };
  switch (name) {
    case 'where':
      return arg ? { kind: 'question', command: name, question: /^(where|how|which)\b/i.test(arg) ? arg : `where is ${arg} handled?` } : usage(name, '/where <what>, for example /where password check');
    case 'callers':
      return arg ? { kind: 'question', command: name, question: `who calls ${arg}?` } : usage(name, '/callers <function>, for example /callers handleLogin');
    case 'chain': {
      const parts = arg.split(/\s*(?:->|→|\bto\b|,)\s*|\s+/).filter(Boolean);
      return parts.length === 2 ? { kind: 'question', command: name, question: `how does ${parts[0]} reach ${parts[1]}?` } : usage(name, '/chain <from> -> <to>, for example /chain main -> handleLogin');
    }
    case 'deps':
      return { kind: 'deps' };
    case 'refactor':
      return arg
        ? { kind: 'refactor', request: arg }
        : usage(name, '/refactor rename <symbol> to <newName> | move <symbol> to <file> | change signature of <symbol>: add name[=default][@index] | remove name | order a, b | migrate `pattern` to `rewrite` in <language>');
    default:
      return { kind: 'explain', subject: arg };
  }
}

function usage(command: string, text: string): ParsedInput {
  return { kind: 'notice', command, message: `Usage: ${text}` };
}
