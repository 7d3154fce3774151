import type { RefactorRequest } from './requests';
import { parseParamAdd } from './signature';
import { RefactorError } from './types';

// What a chat message asks for, in the few plain forms the HTTP API understands:
//   rename computeTotal to computeSum
//   move src/pricing.ts:computeTotal to src/totals.ts
//   find every use of computeTotal            (also: "find uses of", "uses of")
//   change signature of formatPrice: add digits: number=2@1 | remove currency | order currency, value
//   migrate `db.query($SQL, $ARGS)` to `orm.execute($SQL, { params: $ARGS })` in typescript
// Anything else is refused with these forms listed, never guessed at.

export type ChatIntent = RefactorRequest | { kind: 'uses'; symbol: string };

export const INTENT_HELP =
  'say one of: "rename <symbol> to <newName>", "move <symbol> to <file>", "find every use of <symbol>", ' +
  '"change signature of <symbol>: add name[=default][@index] | remove name | order a, b, c", ' +
  '"migrate `pattern` to `rewrite` in <typescript|tsx|javascript|python>"';

const SYMBOL = '([\\w$./:#-]+)';

export function intentFromMessage(text: string): ChatIntent {
  const t = text.trim().replace(/[.!]+$/, '');
  let m = new RegExp(`^(?:please\\s+)?rename\\s+${SYMBOL}\\s+(?:to|as)\\s+([A-Za-z_$][\\w$]*)$`, 'i').exec(t);
  if (m) return { kind: 'rename', symbol: m[1], newName: m[2] };
  m = new RegExp(`^(?:please\\s+)?move\\s+${SYMBOL}\\s+(?:to|into)\\s+(\\S+)$`, 'i').exec(t);
  if (m) return { kind: 'move', symbol: m[1], to: m[2] };
  m = new RegExp(`^(?:please\\s+)?(?:find\\s+)?(?:every|all)?\\s*uses?\\s+of\\s+${SYMBOL}$`, 'i').exec(t);
  if (m) return { kind: 'uses', symbol: m[1] };
  m = new RegExp(`^(?:please\\s+)?change\\s+(?:the\\s+)?signature\\s+of\\s+${SYMBOL}\\s*:\\s*(add|remove|order)\\s+(.+)$`, 'i').exec(t);
  if (m) {
    const op = m[2].toLowerCase();
    const arg = m[3].trim();
    if (op === 'add') return { kind: 'signature', symbol: m[1], change: { add: [parseParamAdd(arg)] } };
    if (op === 'remove') return { kind: 'signature', symbol: m[1], change: { remove: [arg] } };
    return { kind: 'signature', symbol: m[1], change: { order: arg.split(',').map((s) => s.trim()) } };
  }
  m = /^(?:please\s+)?migrate\s+`([^`]+)`\s+(?:to|into)\s+`([^`]*)`(?:\s+in\s+(typescript|tsx|javascript|python))?$/i.exec(t);
  if (m) return { kind: 'migrate', rule: { language: (m[3]?.toLowerCase() ?? 'typescript') as 'typescript', pattern: m[1], rewrite: m[2] } };
  throw new RefactorError(`cannot tell which refactor "${t.slice(0, 120)}" asks for; ${INTENT_HELP}`);
}
