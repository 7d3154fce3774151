// Built-in ignores, in gitignore syntax, applied below every user rule so a project can
// re-include any of them with `!name/`. Dependency, VCS, build-output, tool-cache and
// virtualenv folders: large, not the project's own code, and slow to walk.

export const DEFAULT_IGNORES: readonly string[] = [
  'node_modules/',
  '.git/',
  '.hg/',
  '.svn/',
  'dist/',
  'build/',
  'out/',
  'coverage/',
  '.next/',
  '.nuxt/',
  '.turbo/',
  '.cache/',
  '__pycache__/',
  '.venv/',
  'venv/',
  '.tox/',
  '.mypy_cache/',
  '.pytest_cache/',
  'site-packages/',
  '*.egg-info/',
  '.sparkgraph/',
];

/** A folder holding this file is a Python virtualenv whatever it is called (`env/`, `.py311/`). */
export const VIRTUALENV_MARKER = 'pyvenv.cfg';
