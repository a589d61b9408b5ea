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

/** The folder that holds catalyst-gen's own bookkeeping (manifest, base copies, ownership rules). */
export const TOOL_DIR = '.catalyst-gen';

/**
 * Why a normalized path may never be a generated (and so never an updatable or removable) file, or undefined
 * when it may be: anything inside a `.git` folder (the repository itself, its hooks and config, at any depth,
 * in any letter case) and anything under `.catalyst-gen/`, which only the tool's own bookkeeping writes.
 * Checked on every rendered path and on every path a manifest lists.
 */
export function reservedPathReason(path: string): string | undefined {
  const segments = path.split('/').map((s) => s.toLowerCase());
  if (segments.includes('.git')) return 'it is inside a ".git" folder, which belongs to git';
  if (segments[0] === TOOL_DIR) return `it is under "${TOOL_DIR}/", which holds catalyst-gen's own records`;
  return undefined;
}

/**
 * A single path segment chosen by the user (a project or app name that becomes a folder): letters, digits,
 * `.`, `_`, `-`, not starting with a dot. Blueprint option schemas use the same pattern.
 */
export const SAFE_SEGMENT_PATTERN = '^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$';
