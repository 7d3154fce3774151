// Gitignore semantics as data: ignore-file contents, a path, whether it is a folder, and git's
// verdict. Every row whose files git reads (.gitignore, .git/info/exclude) was checked against
// `git check-ignore --no-index` (git 2.39) in a scratch repository holding the listed files
// and the path; .sparkignore rows follow the same rules with .sparkignore above .gitignore.

export interface IgnoreCase {
  /** Root .gitignore text, or ignore files by root-relative path. */
  files: string | Readonly<Record<string, string>>;
  path: string;
  dir?: boolean;
  ignored: boolean;
  rule: string;
}

export const IGNORE_CASES: readonly IgnoreCase[] = [
  // blank lines and comments
  { rule: 'blank lines and comments are skipped', files: '\n# comment\n\nfoo\n', path: 'foo', ignored: true },
  { rule: 'a comment is not a pattern', files: '#foo\n', path: '#foo', ignored: false },
  { rule: 'a space before # makes a pattern', files: ' #foo\n', path: ' #foo', ignored: true },
  { rule: '\\# is a literal #', files: '\\#foo\n', path: '#foo', ignored: true },
  { rule: '\\! is a literal !', files: '\\!important\n', path: '!important', ignored: true },
  { rule: '\\! is not a negation', files: '*\n\\!important\n', path: 'other', ignored: true },

  // trailing spaces and line endings
  { rule: 'trailing spaces are trimmed', files: 'foo   \n', path: 'foo', ignored: true },
  { rule: 'trimmed spaces are not part of the name', files: 'foo   \n', path: 'foo ', ignored: false },
  { rule: 'an escaped trailing space is kept', files: 'foo\\ \n', path: 'foo ', ignored: true },
  { rule: 'an escaped trailing space is required', files: 'foo\\ \n', path: 'foo', ignored: false },
  { rule: 'spaces after an escaped space are trimmed', files: 'foo\\   \n', path: 'foo ', ignored: true },
  { rule: 'CRLF line endings', files: 'foo\r\nbar\r\n', path: 'bar', ignored: true },
  { rule: 'a lone ! or / is no pattern', files: '!\n/\n', path: 'x', ignored: false },

  // negation and order
  { rule: 'glob ignores', files: '*.log\n!keep.log\n', path: 'a.log', ignored: true },
  { rule: '! re-includes', files: '*.log\n!keep.log\n', path: 'keep.log', ignored: false },
  { rule: '! re-includes at any depth', files: '*.log\n!keep.log\n', path: 'dir/keep.log', ignored: false },
  { rule: 'the last matching line wins', files: '!keep.log\n*.log\n', path: 'keep.log', ignored: true },
  { rule: 'no re-include below an excluded folder', files: 'logs/\n!logs/keep.log\n', path: 'logs/keep.log', ignored: true },
  { rule: 'no re-include of a folder below an excluded folder', files: 'logs/\n!logs/keep/\n', path: 'logs/keep', dir: true, ignored: true },
  { rule: 're-include when only the contents are excluded', files: 'logs/*\n!logs/keep.log\n', path: 'logs/keep.log', ignored: false },
  { rule: 'contents excluded, folder itself not', files: 'logs/*\n', path: 'logs', dir: true, ignored: false },
  { rule: 'a folder re-included, a file in it not', files: '*\n!foo/\n', path: 'foo/a.ts', ignored: true },
  { rule: 'a folder re-included', files: '*\n!foo/\n', path: 'foo', dir: true, ignored: false },
  { rule: 'the allow-list idiom: folders', files: '*\n!*/\n!*.ts\n', path: 'src', dir: true, ignored: false },
  { rule: 'the allow-list idiom: kept files', files: '*\n!*/\n!*.ts\n', path: 'src/a.ts', ignored: false },
  { rule: 'the allow-list idiom: other files', files: '*\n!*/\n!*.ts\n', path: 'src/a.js', ignored: true },

  // anchoring
  { rule: 'leading / anchors to the root', files: '/foo\n', path: 'foo', ignored: true },
  { rule: 'leading / does not match deeper', files: '/foo\n', path: 'a/foo', ignored: false },
  { rule: 'a middle / anchors', files: 'a/b\n', path: 'a/b', ignored: true },
  { rule: 'a middle / does not match deeper', files: 'a/b\n', path: 'x/a/b', ignored: false },
  { rule: 'no slash matches the name at any depth', files: 'foo\n', path: 'x/y/foo', ignored: true },
  { rule: 'no slash matches folders too', files: 'foo\n', path: 'x/foo', dir: true, ignored: true },
  { rule: 'anchored /out/ matches the root folder', files: '/out/\n', path: 'out', dir: true, ignored: true },
  { rule: 'anchored /out/ does not match deeper', files: '/out/\n', path: 'a/out', dir: true, ignored: false },
  { rule: 'a middle slash and a trailing slash', files: 'doc/frotz/\n', path: 'doc/frotz', dir: true, ignored: true },
  { rule: 'a middle slash and a trailing slash, deeper', files: 'doc/frotz/\n', path: 'a/doc/frotz', dir: true, ignored: false },

  // trailing slash: folders only
  { rule: 'trailing / matches a folder', files: 'build/\n', path: 'build', dir: true, ignored: true },
  { rule: 'trailing / does not match a file', files: 'build/\n', path: 'build', ignored: false },
  { rule: 'trailing / matches a folder at any depth', files: 'build/\n', path: 'x/build', dir: true, ignored: true },
  { rule: 'files inside an ignored folder', files: 'build/\n', path: 'build/x.ts', ignored: true },

  // * and ?
  { rule: '* at any depth', files: '*.ts\n', path: 'a/b.ts', ignored: true },
  { rule: '* does not cross /', files: 'a/*.ts\n', path: 'a/b/x.ts', ignored: false },
  { rule: '* within one folder', files: 'a/*.ts\n', path: 'a/x.ts', ignored: true },
  { rule: 'a name pattern sees only the last component', files: 'foo*bar\n', path: 'foo/bar', ignored: false },
  { rule: '* matches the empty string', files: 'foo*\n', path: 'foo', ignored: true },
  { rule: '? matches one character', files: '?.ts\n', path: 'a.ts', ignored: true },
  { rule: '? matches exactly one', files: '?.ts\n', path: 'ab.ts', ignored: false },
  { rule: '? does not match /', files: 'x/a?b\n', path: 'x/a/b', ignored: false },
  { rule: '\\* is a literal star', files: '\\*.ts\n', path: '*.ts', ignored: true },
  { rule: '\\* matches only a star', files: '\\*.ts\n', path: 'a.ts', ignored: false },

  // [...] classes
  { rule: 'class member', files: '[abc].ts\n', path: 'b.ts', ignored: true },
  { rule: 'class non-member', files: '[abc].ts\n', path: 'd.ts', ignored: false },
  { rule: 'class range', files: '[a-c]x\n', path: 'bx', ignored: true },
  { rule: '[!...] negates', files: '[!a-c]x\n', path: 'dx', ignored: true },
  { rule: '[!...] excludes its members', files: '[!a-c]x\n', path: 'ax', ignored: false },
  { rule: '[^...] negates too', files: '[^a]x\n', path: 'bx', ignored: true },
  { rule: '] first is a member', files: '[]]x\n', path: ']x', ignored: true },
  { rule: 'POSIX class', files: '[[:digit:]]x\n', path: '5x', ignored: true },
  { rule: 'POSIX class non-member', files: '[[:digit:]]x\n', path: 'ax', ignored: false },
  { rule: 'a class never matches /', files: 'a[!x]b\n', path: 'a/b', ignored: false },
  { rule: 'an unclosed [ never matches', files: '[abc\n', path: '[abc', ignored: false },
  { rule: 'a dash at the end is a member', files: '[a-]x\n', path: '-x', ignored: true },

  // **
  { rule: '**/ prefix matches at the root', files: '**/foo\n', path: 'foo', ignored: true },
  { rule: '**/ prefix matches at any depth', files: '**/foo\n', path: 'a/b/foo', ignored: true },
  { rule: '**/x/y matches x/y at the root', files: '**/foo/bar\n', path: 'foo/bar', ignored: true },
  { rule: '**/x/y matches x/y deeper', files: '**/foo/bar\n', path: 'x/foo/bar', ignored: true },
  { rule: '/** suffix matches everything inside', files: 'abc/**\n', path: 'abc/x/y', ignored: true },
  { rule: '/** suffix does not match the folder itself', files: 'abc/**\n', path: 'abc', dir: true, ignored: false },
  { rule: '/** suffix with a re-included file', files: 'abc/**\n!abc/keep.ts\n', path: 'abc/keep.ts', ignored: false },
  { rule: '/**/ matches zero folders', files: 'a/**/b\n', path: 'a/b', ignored: true },
  { rule: '/**/ matches one folder', files: 'a/**/b\n', path: 'a/x/b', ignored: true },
  { rule: '/**/ matches several folders', files: 'a/**/b\n', path: 'a/x/y/b', ignored: true },
  { rule: '/**/ is anchored', files: 'a/**/b\n', path: 'xa/b', ignored: false },
  { rule: 'unbounded ** is a plain *', files: 'x/a**b\n', path: 'x/aqqb', ignored: true },
  { rule: 'unbounded ** does not cross /', files: 'x/a**b\n', path: 'x/a/b', ignored: false },

  // nested ignore files
  { rule: 'a nested pattern is relative to its folder', files: { 'sub/.gitignore': 'a/b\n' }, path: 'sub/a/b', ignored: true },
  { rule: 'a nested pattern does not apply outside', files: { 'sub/.gitignore': 'a/b\n' }, path: 'a/b', ignored: false },
  { rule: 'a nested anchored pattern does not match deeper', files: { 'sub/.gitignore': 'a/b\n' }, path: 'sub/x/a/b', ignored: false },
  { rule: 'a nested leading /', files: { 'sub/.gitignore': '/gen\n' }, path: 'sub/gen', dir: true, ignored: true },
  { rule: 'a nested name pattern at any depth below', files: { 'sub/.gitignore': '*.gen.ts\n' }, path: 'sub/x/y/a.gen.ts', ignored: true },
  { rule: 'a deeper file re-includes', files: { '.gitignore': '*.gen.ts\n', 'src/.gitignore': '!keep.gen.ts\n' }, path: 'src/keep.gen.ts', ignored: false },
  { rule: 'the deeper re-include stays in its folder', files: { '.gitignore': '*.gen.ts\n', 'src/.gitignore': '!keep.gen.ts\n' }, path: 'keep.gen.ts', ignored: true },
  { rule: 'a deeper file excludes what the root re-included', files: { '.gitignore': '*.ts\n!x.ts\n', 'src/.gitignore': 'x.ts\n' }, path: 'src/x.ts', ignored: true },
  { rule: 'a nested file re-includes a folder the root excluded', files: { '.gitignore': 'src/gen/\n', 'src/.gitignore': '!gen/\n' }, path: 'src/gen', dir: true, ignored: false },
  { rule: 'info/exclude applies', files: { '.git/info/exclude': '*.tmp.ts\n' }, path: 'a.tmp.ts', ignored: true },
  { rule: '.gitignore overrides info/exclude', files: { '.git/info/exclude': '*.ts\n', '.gitignore': '!keep.ts\n' }, path: 'keep.ts', ignored: false },

  // .sparkignore
  { rule: '.sparkignore ignores', files: { '.sparkignore': 'fixtures/\n' }, path: 'fixtures/a.ts', ignored: true },
  { rule: '.sparkignore wins over .gitignore in its folder', files: { '.gitignore': '!gen.ts\n', '.sparkignore': 'gen.ts\n' }, path: 'gen.ts', ignored: true },
  { rule: '.sparkignore re-includes what .gitignore excluded', files: { '.gitignore': '*.ts\n', '.sparkignore': '!keep.ts\n' }, path: 'keep.ts', ignored: false },
  { rule: 'a deeper .gitignore wins over a root .sparkignore', files: { '.sparkignore': '*.gen.ts\n', 'src/.gitignore': '!*.gen.ts\n' }, path: 'src/a.gen.ts', ignored: false },
  { rule: 'a nested .sparkignore', files: { 'pkg/.sparkignore': '/vendor/\n' }, path: 'pkg/vendor/x.py', ignored: true },
];
