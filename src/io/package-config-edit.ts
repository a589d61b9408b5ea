import { EnvironmentError } from '../errors.js';
import { editKeepingFormat } from '../edit/line-endings.js';

/**
 * Text edits of the package tools' user configuration, the same entries `aws codeartifact login` writes:
 * `~/.npmrc` (`registry` and `//host/path/:_authToken`), pip's `pip.conf` (`[global] index-url`) and
 * `~/.pypirc` (`[distutils] index-servers`, `[codeartifact]`). Pure: text in, text out; every line
 * that is not one of these keys is kept as it was, with its line ending (and the file's BOM).
 */

/**
 * The first character that must never reach one of these files, described (never shown: it may be in a token),
 * or undefined. A line break would end the value and start a line of the attacker's choosing (`registry=` in
 * `.npmrc`, a section in `.pypirc`); the other control characters and Unicode's line and paragraph separators
 * (which Python's `splitlines` breaks on) have no business in a token or a URL either.
 */
export function controlCharacterIn(value: string): string | undefined {
  const m = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.exec(value);
  if (!m) return undefined;
  const code = m[0].charCodeAt(0);
  const name = code === 0x0a ? 'a line feed' : code === 0x0d ? 'a carriage return' : code === 0x2028 || code === 0x2029 ? 'a Unicode line separator' : 'a control character';
  return `${name} (U+${code.toString(16).toUpperCase().padStart(4, '0')}) at position ${m.index + 1}`;
}

/** The last guard before a value is written: whoever calls these edits, no value can add a line. `what` is shown, the value never. */
function checked(what: string, value: string): string {
  const bad = controlCharacterIn(value);
  if (bad) throw new EnvironmentError(`Refusing to write ${what}: it contains ${bad}. Nothing was written.`);
  return value;
}

/** Set `key=value` lines in an `.npmrc`, replacing a line with the same key and appending new ones. */
export function editNpmrc(text: string, entries: readonly (readonly [string, string])[]): string {
  return editKeepingFormat(text, (lf) => {
    const lines = splitLines(lf);
    for (const [key, value] of entries) {
      const i = lines.findIndex((l) => !/^\s*[;#]/.test(l) && l.includes('=') && l.slice(0, l.indexOf('=')).trim() === key);
      const line = `${checked('an .npmrc key', key)}=${checked('an .npmrc value', value)}`;
      if (i >= 0) lines[i] = line;
      else lines.push(line);
    }
    return joinLines(lines);
  });
}

/**
 * The registry lines a login for `endpoint` replaces: a scoped login (`@scope:registry`) drops the unscoped
 * `registry` line that an earlier login wrote for the same CodeArtifact endpoint (else every package would still
 * come from CodeArtifact), and an unscoped login drops the `@scope:registry` lines for that endpoint (now
 * redundant). Lines naming any other registry are kept. Returned as the `.npmrc` lines, in file order.
 */
export function staleNpmRegistryLines(text: string, endpoint: string, namespace?: string): string[] {
  const target = sameRegistry(endpoint);
  const scoped = namespace !== undefined;
  const out: string[] = [];
  for (const line of splitLines(text)) {
    if (/^\s*[;#]/.test(line) || !line.includes('=')) continue;
    const key = line.slice(0, line.indexOf('=')).trim();
    const value = line.slice(line.indexOf('=') + 1).trim();
    const isUnscoped = key === 'registry';
    const isScoped = /^@[^:]+:registry$/.test(key);
    if (((scoped && isUnscoped) || (!scoped && isScoped)) && sameRegistry(value) === target) out.push(line);
  }
  return out;
}

/** Remove exact lines (as returned by `staleNpmRegistryLines`) from an `.npmrc`. */
export function removeNpmrcLines(text: string, remove: readonly string[]): string {
  if (remove.length === 0) return text;
  return editKeepingFormat(text, (lf) => joinLines(splitLines(lf).filter((l) => !remove.includes(l))));
}

/** A registry URL compared the way npm keys it: scheme-less, lowercase host, one trailing slash. */
function sameRegistry(url: string): string {
  const u = url.trim().replace(/^["']|["']$/g, '');
  const m = /^(?:https?:)?\/\/([^/]+)(.*)$/i.exec(u);
  if (!m) return u;
  const path = m[2]!.endsWith('/') ? m[2]! : `${m[2]!}/`;
  return `//${m[1]!.toLowerCase()}${path}`;
}

/** npm entries for a registry: `registry` (or `@scope:registry`) and the token for that registry's path. */
export function npmEntries(endpoint: string, token: string, namespace?: string): [string, string][] {
  const url = endpoint.endsWith('/') ? endpoint : endpoint + '/';
  const scope = namespace ? (namespace.startsWith('@') ? namespace : `@${namespace}`) : undefined;
  return [
    [scope ? `${scope}:registry` : 'registry', url],
    [`${url.replace(/^https?:/, '')}:_authToken`, token],
  ];
}

/** pip's index URL with the token as the password: `https://aws:<token>@host/pypi/repo/simple/`. */
export function pipIndexUrl(endpoint: string, token: string): string {
  const url = new URL(endpoint.endsWith('/') ? endpoint : endpoint + '/');
  return `${url.protocol}//aws:${encodeURIComponent(token)}@${url.host}${url.pathname}simple/`;
}

export function editPipConf(text: string, indexUrl: string): string {
  return setIniValues(text, 'global', [['index-url', indexUrl]]);
}

/** Add the `codeartifact` index server to `~/.pypirc`, keeping every other server and section. */
export function editPypirc(text: string, endpoint: string, token: string): string {
  return editKeepingFormat(text, (lf) => editPypircLf(lf, endpoint, token));
}

function editPypircLf(text: string, endpoint: string, token: string): string {
  const current = readIniValue(text, 'distutils', 'index-servers');
  const servers = current === undefined ? ['pypi'] : current.split(/[\s,]+/).filter(Boolean);
  if (!servers.includes('codeartifact')) servers.push('codeartifact');
  let out = setIniValues(text, 'distutils', [['index-servers', '\n' + servers.map((s) => `    ${s}`).join('\n')]]);
  out = setIniValues(out, 'codeartifact', [
    ['repository', endpoint],
    ['username', 'aws'],
    ['password', token],
  ]);
  return out;
}

interface IniEntry {
  readonly start: number;
  /** Index after the entry's last continuation line. */
  readonly end: number;
}

function sectionRange(lines: readonly string[], section: string): { header: number; end: number } | undefined {
  const header = lines.findIndex((l) => l.trim().toLowerCase() === `[${section.toLowerCase()}]`);
  if (header < 0) return undefined;
  let end = lines.length;
  for (let i = header + 1; i < lines.length; i++) {
    if (/^\s*\[.*\]\s*$/.test(lines[i]!)) {
      end = i;
      break;
    }
  }
  return { header, end };
}

function findEntry(lines: readonly string[], range: { header: number; end: number }, key: string): IniEntry | undefined {
  for (let i = range.header + 1; i < range.end; i++) {
    const m = /^([^\s;#][^=:]*?)\s*[=:]/.exec(lines[i]!);
    if (m && m[1]!.trim().toLowerCase() === key.toLowerCase()) {
      let end = i + 1;
      while (end < range.end && /^\s+\S/.test(lines[end]!)) end++;
      return { start: i, end };
    }
  }
  return undefined;
}

function readIniValue(text: string, section: string, key: string): string | undefined {
  const lines = splitLines(text);
  const range = sectionRange(lines, section);
  if (!range) return undefined;
  const e = findEntry(lines, range, key);
  if (!e) return undefined;
  const first = lines[e.start]!.replace(/^[^=:]*[=:]/, '');
  return [first, ...lines.slice(e.start + 1, e.end)].join('\n').trim();
}

/** Set keys in an INI section (created if missing); a value starting with a newline is written as continuation lines. */
export function setIniValues(text: string, section: string, entries: readonly (readonly [string, string])[]): string {
  return editKeepingFormat(text, (lf) => setIniValuesLf(lf, section, entries));
}

function setIniValuesLf(text: string, section: string, entries: readonly (readonly [string, string])[]): string {
  const lines = splitLines(text);
  let range = sectionRange(lines, section);
  if (!range) {
    if (lines.length > 0 && lines[lines.length - 1]!.trim() !== '') lines.push('');
    lines.push(`[${section}]`);
    range = { header: lines.length - 1, end: lines.length };
  }
  for (const [key, value] of entries) {
    // A value that starts with a line break is continuation lines (index-servers, one a line); any other value
    // is one line, checked whole, so a line break inside it cannot start a section.
    for (const part of value.startsWith('\n') ? value.slice(1).split('\n') : [value]) checked(`[${section}] ${key}`, part);
    const replacement = `${key} =${value.startsWith('\n') ? '' : ' '}${value}`.split('\n');
    const e = findEntry(lines, range, key);
    if (e) {
      lines.splice(e.start, e.end - e.start, ...replacement);
      range = { header: range.header, end: range.end + replacement.length - (e.end - e.start) };
    } else {
      // After the section's last non-blank line, so a blank separator before the next section stays.
      let at = range.end;
      while (at > range.header + 1 && lines[at - 1]!.trim() === '') at--;
      lines.splice(at, 0, ...replacement);
      range = { header: range.header, end: range.end + replacement.length };
    }
  }
  return joinLines(lines);
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function joinLines(lines: readonly string[]): string {
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}
