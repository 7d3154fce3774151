// Vocabulary for generated code. Real code bases reuse a domain vocabulary across packages,
// which is exactly what makes name-based lookups ambiguous, so the benchmark does too.

export const TS_PACKAGE_NAMES = [
  'core', 'utils', 'auth', 'billing', 'catalog', 'orders', 'inventory', 'shipping', 'payments', 'notifications',
  'search', 'analytics', 'reporting', 'users', 'accounts', 'sessions', 'cache', 'storage', 'queue', 'events',
  'config', 'logging', 'metrics', 'http', 'router', 'gateway', 'admin', 'dashboard', 'forms', 'media',
  'i18n', 'scheduler', 'workflow', 'audit', 'pricing', 'cart', 'reviews', 'profiles', 'webhooks', 'exports',
] as const;

export const PY_PACKAGE_NAMES = [
  'pycore', 'ledger', 'ingest', 'etl', 'forecasting', 'recommendations', 'fraud', 'crawler', 'mailer', 'geo',
  'tax', 'risk', 'warehouse_sync', 'ml_features', 'scoring', 'labels', 'backoffice', 'importers', 'exporters', 'kyc',
] as const;

export const ENTITIES = [
  'order', 'invoice', 'customer', 'product', 'account', 'payment', 'shipment', 'user', 'session', 'report',
  'ticket', 'message', 'review', 'coupon', 'cart', 'warehouse', 'supplier', 'employee', 'project', 'task',
  'document', 'comment', 'subscription', 'plan', 'device', 'alert', 'asset', 'contract', 'refund', 'vendor',
  'region', 'tenant', 'quota', 'webhook', 'campaign', 'lead', 'budget', 'schedule', 'batch', 'address',
] as const;

export const VERBS = [
  'find', 'load', 'save', 'update', 'remove', 'list', 'count', 'resolve', 'sync', 'validate', 'normalize',
  'compute', 'refresh', 'publish', 'archive', 'merge', 'score', 'apply', 'build', 'parse', 'format', 'collect',
  'prepare', 'ensure', 'track', 'reconcile', 'summarize', 'enqueue', 'dispatch', 'restore',
] as const;

export const QUALIFIERS = ['', '', '', 'Summary', 'Batch', 'Key', 'Total', 'Label', 'Payload', 'Window', 'Snapshot', 'Index'] as const;

export const STATUSES = ['pending', 'active', 'suspended', 'closed', 'failed', 'archived', 'draft', 'queued'] as const;

export const WORDS = [
  'alpha', 'beta', 'delta', 'north', 'south', 'primary', 'fallback', 'legacy', 'fast', 'bulk', 'daily', 'remote',
  'local', 'shared', 'pending', 'stale', 'fresh', 'hot', 'cold', 'draft',
] as const;

/** `a` or `an`, for generated prose. */
export function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

export function pascal(word: string): string {
  return word
    .split(/[_\-\s]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

export function camel(word: string): string {
  const p = pascal(word);
  return p[0]!.toLowerCase() + p.slice(1);
}

export function snake(camelOrPascal: string): string {
  return camelOrPascal.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

export function plural(word: string): string {
  if (/(s|x|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/** Hands out names unique within one scope, suffixing a counter only when a name repeats. */
export class NameSet {
  private readonly used = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.used.add(r);
  }

  has(name: string): boolean {
    return this.used.has(name);
  }

  add(name: string): void {
    this.used.add(name);
  }

  /** `base` if free, else base2, base3, ... */
  claim(base: string): string {
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}${i}`;
    this.used.add(name);
    return name;
  }
}
