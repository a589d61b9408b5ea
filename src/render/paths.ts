/**
 * Relative, normalized, forward-slash paths that cannot leave the target folder. Used on every rendered
 * path and on every path read from a manifest (which is untrusted input).
 * Returns the normalized path, or a reason it is refused.
 */
export function normalizeRelativePath(input: string): { ok: true; path: string } | { ok: false; reason: string } {
  if (typeof input !== 'string' || input.length === 0) return { ok: false, reason: 'the path is empty' };
  if (input.includes('\0')) return { ok: false, reason: 'the path contains a NUL character' };
  if (input.includes('\\')) return { ok: false, reason: 'the path contains a backslash; use "/"' };
  if (input.startsWith('/') || /^[A-Za-z]:/.test(input)) return { ok: false, reason: 'the path is absolute; it must be relative to the target folder' };
  const parts: string[] = [];
  for (const seg of input.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') return { ok: false, reason: 'the path contains ".." and would leave the target folder' };
    if (/[\u0000-\u001f]/.test(seg)) return { ok: false, reason: 'the path contains a control character' };
    parts.push(seg);
  }
  if (parts.length === 0) return { ok: false, reason: 'the path names the target folder itself' };
  return { ok: true, path: parts.join('/') };
}

/**
 * A single path segment chosen by the user (a project or app name that becomes a folder): letters, digits,
 * `.`, `_`, `-`, not starting with a dot. Blueprint option schemas use the same pattern.
 */
export const SAFE_SEGMENT_PATTERN = '^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$';
