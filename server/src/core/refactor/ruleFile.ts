import type { LanguageId } from '../model';
import { RefactorError } from './types';

// A migration rule file (rule.yaml). Patterns are code full of `:`, `#`, `{` and quotes, which
// a general YAML subset mangles, so this reads exactly the shape rules need: top-level
// `key: value` pairs, values plain, quoted, or block scalars (`|`) for multi-line code.
//
//   language: typescript
//   pattern: db.query($SQL, $ARGS)
//   rewrite: orm.execute($SQL, { params: $ARGS })
//   message: db.query is deprecated

export interface MigrationRule {
  language: LanguageId;
  pattern: string;
  rewrite?: string;
  message?: string;
}

const LANGUAGES: readonly LanguageId[] = ['typescript', 'tsx', 'javascript', 'python'];
const KEYS = new Set(['language', 'pattern', 'rewrite', 'message', 'id']);

export function parseRuleFile(text: string, source = 'rule file'): MigrationRule {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const values = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*(#.*)?$/.test(line) || line === '---') continue;
    const m = /^([A-Za-z_]+):(.*)$/.exec(line);
    if (!m) throw new RefactorError(`${source}:${i + 1}: expected "key: value", found "${line.trim()}"`);
    const key = m[1];
    if (!KEYS.has(key)) throw new RefactorError(`${source}:${i + 1}: unknown key ${key} (expected language, pattern, rewrite, message)`);
    const raw = m[2].trim();
    if (raw === '|' || raw === '|-' || raw === '>') {
      const block: string[] = [];
      let indent = -1;
      while (i + 1 < lines.length && (lines[i + 1].trim() === '' || /^\s/.test(lines[i + 1]))) {
        const next = lines[++i];
        if (next.trim() === '') {
          block.push('');
          continue;
        }
        if (indent < 0) indent = next.length - next.trimStart().length;
        block.push(next.slice(Math.min(indent, next.length - next.trimStart().length)));
      }
      while (block.length && block[block.length - 1] === '') block.pop();
      values.set(key, raw === '>' ? block.join(' ') : block.join('\n'));
    } else values.set(key, unquote(raw, `${source}:${i + 1}`));
  }
  const language = values.get('language');
  if (!language || !(LANGUAGES as readonly string[]).includes(language)) throw new RefactorError(`${source}: language must be one of ${LANGUAGES.join(', ')}${language ? `, not ${language}` : ''}`);
  const pattern = values.get('pattern');
  if (!pattern) throw new RefactorError(`${source}: pattern is missing`);
  const rule: MigrationRule = { language: language as LanguageId, pattern };
  if (values.has('rewrite')) rule.rewrite = values.get('rewrite');
  if (values.has('message')) rule.message = values.get('message');
  return rule;
}

function unquote(raw: string, where: string): string {
  if (raw.startsWith("'")) {
    if (!raw.endsWith("'") || raw.length < 2) throw new RefactorError(`${where}: unterminated quoted value`);
    return raw.slice(1, -1).replace(/''/g, "'");
  }
  if (raw.startsWith('"')) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      throw new RefactorError(`${where}: invalid double-quoted value`);
    }
  }
  return raw;
}
