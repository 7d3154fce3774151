import type { Range } from '../model';

// What the dependency analysis reads and reports. Paths are root-relative posix paths, as in
// the index; ranges are 0-based like everywhere in the core.

export type Ecosystem = 'npm' | 'pypi' | 'cargo' | 'go';

export type ManifestKind = 'package.json' | 'requirements' | 'pyproject.toml' | 'setup.cfg' | 'Pipfile' | 'Cargo.toml' | 'go.mod';

/** prod: needed at run time; dev: tests and tooling; peer/optional as package.json means them. */
export type DependencyGroup = 'prod' | 'dev' | 'peer' | 'optional';

export interface DeclaredDependency {
  /** As written in the manifest. */
  name: string;
  /** Comparable form: PEP 503 for Python, as-is for npm, `-`→`_` for crates, module path for Go. */
  key: string;
  group: DependencyGroup;
  /** Line of the declaration in the manifest, when known. */
  line?: number;
}

export interface ManifestProblem {
  manifest: string;
  message: string;
  range: Range;
}

export interface Manifest {
  path: string;
  /** Folder holding it ('' is the root). */
  dir: string;
  kind: ManifestKind;
  ecosystem: Ecosystem;
  dependencies: DeclaredDependency[];
  /** package.json name / [project] name / crate name / Go module path: imports of it are the project itself. */
  ownName?: string;
  /** package.json `workspaces` or pnpm-workspace.yaml patterns (root manifests only). */
  workspaces?: string[];
  /** package.json fields other than dependencies and scripts, as text: tool config (eslintConfig, jest, babel…) names plugins. */
  configText?: string;
  /** Modules the runtime provides without an install: `vscode` for an extension (`engines.vscode`). */
  provides?: string[];
  /** package.json `browser` field: module names bundlers replace, with their replacement (a path, a package, or false). */
  aliases?: Record<string, string | false>;
  /** package.json `scripts` values, for tools used from the command line. */
  scripts?: string[];
  /** Python manifests: the lowest Python the project supports (`requires-python`, Poetry's `python`, Pipfile `python_version`). */
  pythonVersion?: [major: number, minor: number];
  /** Extra facts a manifest gives about its tooling: `[tool.poetry]`, `[tool.uv]`, packageManager. */
  tools?: string[];
  problem?: ManifestProblem;
}

/** An import of something outside the repository, as the graph recorded it. */
export interface ExternalImport {
  file: string;
  specifier: string;
  range: Range;
  ecosystem: Ecosystem;
  typeOnly?: boolean;
}

export type PackageTool = 'npm' | 'pnpm' | 'yarn' | 'bun' | 'uv' | 'poetry' | 'pipenv' | 'pdm' | 'pip' | 'cargo' | 'go';

export interface InstallCommand {
  tool: PackageTool;
  /** The whole command line, ready for a terminal. */
  command: string;
  /** Folder to run it in, root-relative ('' is the root). */
  cwd: string;
  /** Manifest the package should be declared in (the one the command edits, or the requirements file for pip). */
  manifest: string;
}

export interface MissingDependency {
  /** Package to install: npm name, PyPI distribution, crate, Go module. */
  package: string;
  ecosystem: Ecosystem;
  dev: boolean;
  /** Every import of it that no manifest declares. */
  imports: { file: string; specifier: string; range: Range }[];
  install: InstallCommand;
  /** The import name differs from the distribution and came from our table (cv2 → opencv-python). */
  mapped?: boolean;
}

export interface UnusedDependency {
  package: string;
  manifest: string;
  group: DependencyGroup;
  line?: number;
}

export interface DependencyReport {
  missing: MissingDependency[];
  /** Undeclared packages imported only where a failure is handled (try/except ImportError, try/catch): optional. */
  optional: MissingDependency[];
  unused: UnusedDependency[];
  problems: ManifestProblem[];
  manifests: string[];
}
