// Files whose imports are development dependencies: tests, scripts, benchmarks, examples and
// tool configuration. What they import never runs in production.

const DEV_DIRS = new Set([
  'test', 'tests', '__tests__', '__test__', 'spec', 'specs', 'e2e', 'testing', 'test-utils', '__mocks__', 'mocks',
  'fixtures', '__fixtures__', 'scripts', 'script', 'tools', 'tooling', 'bench', 'benchmark', 'benchmarks',
  'examples', 'example', 'docs', 'doc', '.storybook', 'stories', 'cypress', 'playwright', '.github', '.husky', 'conftest',
]);

const DEV_FILE = [
  /\.(test|spec|e2e|bench|stories|story)\.[cm]?[jt]sx?$/,
  /^(test_.*|.*_test|conftest|noxfile|fabfile|tasks|setup)\.py$/,
  /\.config\.[cm]?[jt]s$/,
  /^\.?[a-z]+rc\.[cm]?[jt]s$/,
  /^(gulpfile|gruntfile|jakefile|wallaby|webpack\..*|rollup\..*|vite\..*|jest\..*|vitest\..*|babel\..*)\.[cm]?[jt]s$/i,
  /\.conf\.[cm]?[jt]s$/,
];

export function isDevPath(path: string): boolean {
  const parts = path.split('/');
  const base = parts.pop() ?? '';
  if (parts.some((p) => DEV_DIRS.has(p.toLowerCase()))) return true;
  return DEV_FILE.some((re) => re.test(base));
}
