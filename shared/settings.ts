// The `sparkgraph.*` settings, typed once. package.json's `contributes.configuration` must
// describe exactly these keys with these defaults; a unit test holds the two together.

export type TraceLevel = 'off' | 'messages' | 'verbose';

export interface SparkGraphSettings {
  /** Extra ignore globs (gitignore syntax, relative to each workspace folder). */
  ignore: string[];
  /** Files larger than this many bytes are skipped. */
  maxFileSize: number;
  /** Parse worker threads; 0 means one per CPU core. */
  workers: number;
  /** Keep the index on disk between sessions. */
  cache: boolean;
  /** Longest call chain shown in hovers and the call-chain view. */
  chainMaxLength: number;
  /** Show cross-file call chains in hovers. */
  hoverChains: boolean;
  /** Diagnostics on imports no manifest declares, with install and add-to-manifest code actions. */
  'dependencies.enabled': boolean;
}

export const DEFAULT_SETTINGS: SparkGraphSettings = {
  ignore: [],
  maxFileSize: 1048576,
  workers: 0,
  cache: true,
  chainMaxLength: 6,
  hoverChains: true,
  'dependencies.enabled': true,
};

/** Settings the client reads itself (not sent to the server). */
export const CLIENT_ONLY_SETTINGS = { 'trace.server': 'off' as TraceLevel };

export function normalizeSettings(raw: unknown): SparkGraphSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof SparkGraphSettings, unknown>>;
  const num = (v: unknown, d: number, min: number) => (typeof v === 'number' && Number.isFinite(v) && v >= min ? Math.floor(v) : d);
  return {
    ignore: Array.isArray(r.ignore) ? r.ignore.filter((x): x is string => typeof x === 'string') : DEFAULT_SETTINGS.ignore,
    maxFileSize: num(r.maxFileSize, DEFAULT_SETTINGS.maxFileSize, 1),
    workers: num(r.workers, DEFAULT_SETTINGS.workers, 0),
    cache: typeof r.cache === 'boolean' ? r.cache : DEFAULT_SETTINGS.cache,
    chainMaxLength: num(r.chainMaxLength, DEFAULT_SETTINGS.chainMaxLength, 1),
    hoverChains: typeof r.hoverChains === 'boolean' ? r.hoverChains : DEFAULT_SETTINGS.hoverChains,
    // VS Code hands `dependencies.enabled` over flat (config.get) or nested (getConfiguration).
    'dependencies.enabled': bool(r['dependencies.enabled'] ?? (r as { dependencies?: { enabled?: unknown } }).dependencies?.enabled, DEFAULT_SETTINGS['dependencies.enabled']),
  };
}

function bool(v: unknown, d: boolean): boolean {
  return typeof v === 'boolean' ? v : d;
}
