// What a question asks for. Plain patterns over the words people use; anything not recognised
// is a "where" question, which is also the fallback when a recognised form names nothing known.

export type Intent =
  | { kind: 'where'; text: string }
  | { kind: 'callers'; target: string }
  | { kind: 'callees'; target: string }
  | { kind: 'chain'; from: string; to: string }
  | { kind: 'deps'; target: string }
  | { kind: 'config'; key: string }
  | { kind: 'convention'; subject: string }
  | { kind: 'explain'; target: string };

const TARGET = String.raw`["'\`]?([^"'\`?]+?)["'\`]?`;
const END = String.raw`\s*[?.!]*\s*$`;

const PATTERNS: [RegExp, (m: RegExpExecArray) => Intent][] = [
  [new RegExp(String.raw`^\/?explain(?:\s+(?:the\s+)?(?:code\s+(?:of\s+)?)?${TARGET})?${END}`, 'i'), (m) => ({ kind: 'explain', target: m[1] ?? '' })],
  [
    new RegExp(String.raw`^(?:show\s+(?:me\s+)?)?how\s+(?:do|does|can|should|would|to)\s+(?:i|we|you|one|someone)?\s*(?:add|create|write|implement|register|make|build|set\s+up)\s+(?:a|an|another|one)?\s*(?:new\s+)?(.+?)(?:\s+following\s+.*|\s+(?:in|using)\s+(?:our|the)\s+.*|\s+the\s+same\s+way.*|\s+like\s+the\s+others.*)?${END}`, 'i'),
    (m) => ({ kind: 'convention', subject: m[1] }),
  ],
  [new RegExp(String.raw`^(?:what\s+(?:is|are)\s+)?(?:our|the)\s+conventions?\s+(?:for|of)\s+(.+?)${END}`, 'i'), (m) => ({ kind: 'convention', subject: m[1] })],
  [
    new RegExp(
      String.raw`^(?:where|which\s+\w+)\s+(?:is|are|do|does)\s+(?:we\s+|it\s+)?(?:the\s+)?(?:config(?:uration)?|setting|settings|env(?:ironment)?(?:\s+variable)?|option|flag|key|config\s+key|setting\s+key)\s+${TARGET}\s+(?:read|used|loaded|looked\s+up|accessed|consumed|set|defined)${END}`,
      'i',
    ),
    (m) => ({ kind: 'config', key: m[1] }),
  ],
  [
    new RegExp(String.raw`^(?:where|which\s+\w+)\s+(?:is|are|do|does)\s+(?:we\s+)?(?:read|use|load)\s+(?:the\s+)?(?:config(?:uration)?|setting|env(?:ironment)?(?:\s+variable)?|option|key)\s+${TARGET}${END}`, 'i'),
    (m) => ({ kind: 'config', key: m[1] }),
  ],
  [
    // `where is JWT_SECRET read`: a config-looking key read somewhere.
    new RegExp(String.raw`^where\s+(?:is|are)\s+["'\`]?([A-Z][A-Z0-9_]{2,}|[a-z][\w-]*(?:\.[\w-]+)+)["'\`]?\s+(?:read|used|loaded|accessed)${END}`),
    (m) => ({ kind: 'config', key: m[1] }),
  ],
  [
    new RegExp(String.raw`^(?:who|what|which\s+\w+)\s+(?:calls|invokes|uses)\s+${TARGET}${END}`, 'i'),
    (m) => ({ kind: 'callers', target: m[1] }),
  ],
  [new RegExp(String.raw`^(?:show\s+|list\s+|find\s+)?(?:the\s+|all\s+)?callers\s+of\s+${TARGET}${END}`, 'i'), (m) => ({ kind: 'callers', target: m[1] })],
  [
    new RegExp(String.raw`^where\s+(?:is|are)\s+${TARGET}\s+(?:called|invoked|used)(?:\s+from)?${END}`, 'i'),
    (m) => ({ kind: 'callers', target: m[1] }),
  ],
  [
    new RegExp(String.raw`^what\s+does\s+${TARGET}\s+call${END}`, 'i'),
    (m) => ({ kind: 'callees', target: m[1] }),
  ],
  [
    new RegExp(String.raw`^how\s+(?:does|do|is|are|can)\s+${TARGET}\s+(?:reach|reached\s+from|call|get\s+to|lead\s+to|end\s+up\s+(?:in|at|calling)|invoke|trigger)\s+${TARGET}${END}`, 'i'),
    (m) => ({ kind: 'chain', from: m[1], to: m[2] }),
  ],
  [
    new RegExp(String.raw`^(?:show\s+(?:me\s+)?)?(?:the\s+)?(?:call\s+)?(?:path|chain|chains)\s+from\s+${TARGET}\s+to\s+${TARGET}${END}`, 'i'),
    (m) => ({ kind: 'chain', from: m[1], to: m[2] }),
  ],
  [
    new RegExp(String.raw`^(?:what|which\s+\w+)\s+(?:does|do)\s+${TARGET}\s+(?:depend\s+on|import|use|need|require)${END}`, 'i'),
    (m) => ({ kind: 'deps', target: m[1] }),
  ],
  [new RegExp(String.raw`^(?:show\s+|list\s+)?(?:the\s+)?(?:dependencies|imports|deps)\s+of\s+${TARGET}${END}`, 'i'), (m) => ({ kind: 'deps', target: m[1] })],
];

export function classify(question: string): Intent {
  const q = question.trim().replace(/\s+/g, ' ');
  for (const [re, make] of PATTERNS) {
    const m = re.exec(q);
    if (m) {
      const intent = make(m);
      if (valid(intent, q)) return intent;
    }
  }
  return { kind: 'where', text: q };
}

function valid(i: Intent, question: string): boolean {
  if (i.kind === 'explain') return true;
  // A config key looks like one (`JWT_SECRET`, `database.url`, `smtp-host`, `maxRetries`) or
  // is quoted; "where is the settings module loaded" is not about a key named "module".
  if (i.kind === 'config' && !/[A-Z_.\-0-9]/.test(i.key) && !new RegExp(`["'\`]${i.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["'\`]`).test(question)) return false;
  const parts = i.kind === 'chain' ? [i.from, i.to] : i.kind === 'where' ? [i.text] : [i.kind === 'convention' ? i.subject : i.kind === 'config' ? i.key : i.target];
  return parts.every((p) => p.trim().length > 0);
}

/** A single identifier-looking target (`verifyToken`, `Repo.save`, `src/a.ts:fn`, `auth/jwt.ts`). */
export function looksLikeSymbol(s: string): boolean {
  return /^[\w$./:-]+$/.test(s.trim()) && !/\s/.test(s.trim());
}
