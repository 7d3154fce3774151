import { escapeRegExp } from './manifests/problem';

// Declared packages that are used without being imported: command-line tools named in
// package.json scripts, plugins and presets named in tool configuration, type packages,
// and Python tools run from the shell. Declaring them is right, so they are never "unused".

/** Commands that packages install under another name. */
const NPM_BINS: Record<string, string[]> = {
  typescript: ['tsc', 'tsserver'],
  '@typescript/native-preview': ['tsgo'],
  '@babel/cli': ['babel'],
  '@biomejs/biome': ['biome'],
  '@playwright/test': ['playwright'],
  '@vscode/vsce': ['vsce'],
  '@vscode/test-electron': ['vscode-test'],
  '@vscode/test-cli': ['vscode-test'],
  '@angular/cli': ['ng'],
  '@vue/cli-service': ['vue-cli-service'],
  '@nestjs/cli': ['nest'],
  '@storybook/cli': ['sb', 'storybook'],
  '@changesets/cli': ['changeset'],
  '@commitlint/cli': ['commitlint'],
  'npm-run-all': ['npm-run-all', 'run-s', 'run-p'],
  'npm-run-all2': ['npm-run-all', 'run-s', 'run-p'],
  'ts-node': ['ts-node', 'ts-node-esm'],
  'ts-jest': ['ts-jest'],
  'cross-env': ['cross-env'],
  'dotenv-cli': ['dotenv'],
  'http-server': ['http-server'],
  'json-server': ['json-server'],
  'serve': ['serve'],
  'pm2': ['pm2'],
  'node-gyp': ['node-gyp'],
  'prebuild-install': ['prebuild-install'],
  'react-scripts': ['react-scripts'],
  'vite': ['vite'],
  'vitest': ['vitest'],
  'next': ['next'],
  'nx': ['nx'],
  'turbo': ['turbo'],
  'lerna': ['lerna'],
  'c8': ['c8'],
  'nyc': ['nyc'],
  'rimraf': ['rimraf'],
  'del-cli': ['del', 'del-cli'],
  'mkdirp': ['mkdirp'],
  'shx': ['shx'],
  'standard': ['standard'],
  'xo': ['xo'],
  'tap': ['tap'],
  'ava': ['ava'],
  'uvu': ['uvu'],
  'tsd': ['tsd'],
  'size-limit': ['size-limit'],
  'semantic-release': ['semantic-release'],
  'conventional-changelog-cli': ['conventional-changelog'],
  'markdownlint-cli': ['markdownlint'],
  'markdownlint-cli2': ['markdownlint-cli2'],
  'stylelint': ['stylelint'],
  'webpack-cli': ['webpack', 'webpack-cli'],
  'webpack-dev-server': ['webpack-dev-server', 'webpack serve'],
};

/** Packages their tool loads by being installed (the compiler, helpers, type packages). */
const IMPLICIT_NPM = /^(@types\/.+|typescript|tslib|@tsconfig\/.+|husky|lint-staged|@commitlint\/config-.+|patch-package|only-allow|prettier|eslint|@babel\/core|core-js|regenerator-runtime|@swc\/core|@swc\/helpers|esbuild|source-map-support)$/;

export function binsOf(pkg: string, installedBins: readonly string[] | undefined): string[] {
  const bins = new Set(installedBins ?? []);
  for (const b of NPM_BINS[pkg] ?? []) bins.add(b);
  bins.add(pkg.slice(pkg.lastIndexOf('/') + 1));
  return [...bins];
}

/** Whether a command line in a script runs one of the bins. */
export function scriptsUse(scripts: readonly string[], bins: readonly string[]): boolean {
  return bins.some((bin) => {
    const re = new RegExp(`(^|[\\s;&|('"\`/=])${escapeRegExp(bin)}($|[\\s;&|)'"\`])`);
    return scripts.some((s) => re.test(s));
  });
}

/**
 * The names tools accept for a plugin or preset: `eslint-plugin-react` is `react` in an ESLint
 * config, `@scope/eslint-plugin` is `@scope`, `babel-preset-env` is `env`, `@babel/preset-env`
 * is `@babel/env`.
 */
export function configNames(pkg: string): string[] {
  const out = new Set([pkg]);
  const scoped = /^(@[^/]+)\/(.+)$/.exec(pkg);
  const scope = scoped?.[1];
  const bare = scoped ? scoped[2] : pkg;
  for (const prefix of ['eslint-plugin-', 'eslint-config-', 'babel-plugin-', 'babel-preset-', 'prettier-plugin-', 'stylelint-config-', 'stylelint-plugin-', 'remark-', 'rehype-', 'postcss-', '@babel/plugin-', '@babel/preset-']) {
    if (bare.startsWith(prefix) && bare.length > prefix.length) {
      const short = bare.slice(prefix.length);
      out.add(scope ? `${scope}/${short}` : short);
    }
    if (scope && (bare === prefix.replace(/-$/, ''))) out.add(scope);
  }
  if (pkg.startsWith('@babel/plugin-') || pkg.startsWith('@babel/preset-')) out.add(`@babel/${pkg.slice(pkg.indexOf('-') + 1)}`);
  return [...out];
}

export function configsMention(configTexts: readonly string[], pkg: string): boolean {
  const names = configNames(pkg);
  return names.some((n) => {
    // Quoted in JSON/YAML/JS, or bare in an INI/YAML list.
    const re = new RegExp(`(['"\`\\s:=,\\[(]|^)${escapeRegExp(n)}(['"\`\\s,\\])/]|$)`, 'm');
    return configTexts.some((t) => re.test(t));
  });
}

export function isImplicitNpm(pkg: string): boolean {
  return IMPLICIT_NPM.test(pkg);
}

/** Python distributions used from the shell or loaded by another tool, never imported. */
const PYTHON_TOOLS = /^(pytest(-.+)?|black|ruff|mypy|flake8(-.+)?|pylint(-.+)?|isort|autopep8|yapf|coverage|tox|nox|pre-commit|sphinx(-.+)?|mkdocs(-.+)?|twine|build|wheel|setuptools|setuptools-scm|pip|pip-tools|uv|poetry|hatch|hatchling|gunicorn|uvicorn|hypercorn|daphne|waitress|types-.+|.+-stubs|pyright|bandit|safety|pip-audit|ipython|ipykernel|jupyter(lab)?|notebook|debugpy|invoke|honcho|supervisor|psycopg2-binary|psycopg-binary|python-dotenv|cython|pybind11|codespell|interrogate|vulture|commitizen|bump2version|bumpversion|tbump|towncrier|docformatter|pydocstyle|pyupgrade|autoflake|radon|xenon|pdoc|pdoc3|locust|mutmut|nose2?|watchdog|celery|alembic)$/;

export function isPythonTool(key: string): boolean {
  return PYTHON_TOOLS.test(key);
}
