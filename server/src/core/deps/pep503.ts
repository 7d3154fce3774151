// PEP 503: distribution names compare case-insensitively with runs of `-`, `_` and `.` equal.

export function normalizePythonName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * The distribution name at the start of a PEP 508 requirement (`requests[socks]>=2; python_version<"3.8"`),
 * or undefined for lines that name none (URLs without `#egg=`, options).
 */
export function requirementName(spec: string): string | undefined {
  const s = spec.trim();
  const egg = /#egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(s);
  if (egg) return egg[1];
  const at = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*@/.exec(s);
  if (at) return at[1];
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/.exec(s);
  if (!m) return undefined;
  // A path or URL (./lib, git+https://...) names a location, not a distribution.
  if (/^[A-Za-z0-9._-]*[/:]/.test(s) && !/^[A-Za-z0-9._-]+\s*(\[|[<>=!~;@ ]|$)/.test(s)) return undefined;
  return m[1];
}
