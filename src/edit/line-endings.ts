import { diffArrays } from 'diff';

/**
 * Pure: run a line-based edit on a text file's content and give back the file as its owner wrote it. The edit sees
 * LF-only text without a byte order mark; the result gets the BOM back, every line the edit kept or replaced
 * keeps its own line ending (CRLF, LF or CR, even in a file that mixes them), and each new line gets the file's
 * most frequent ending (a last line without one gets it too: the edits end files with a line break). Without this a login turned a Windows user's CRLF `.npmrc` into LF, and a BOM-led first key was lost.
 */
export function editKeepingFormat(text: string, edit: (lf: string) => string): string {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const lines = splitWithEndings(bom ? text.slice(1) : text);
  const edited = edit(lines.map((l) => l.content + (l.eol ? '\n' : '')).join(''));
  const usual = usualEnding(lines);
  const after = edited.split('\n');
  const finalNewline = after[after.length - 1] === '';
  if (finalNewline) after.pop();
  const out: string[] = [];
  let i = 0;
  // A line the edit replaced (removed, then added in its place) keeps the ending of the line it replaces.
  let replaced: Line[] = [];
  for (const part of diffArrays(lines.map((l) => l.content), after)) {
    if (part.removed) {
      replaced = lines.slice(i, (i += part.value.length));
      continue;
    }
    for (const content of part.value) {
      const kept = part.added ? replaced.shift() : lines[i++];
      out.push(content + (kept?.eol || usual));
    }
    if (!part.added) replaced = [];
  }
  if (!finalNewline && out.length > 0) out[out.length - 1] = out[out.length - 1]!.replace(/(\r\n|\r|\n)$/, '');
  return bom + out.join('');
}

interface Line {
  readonly content: string;
  /** `\r\n`, `\n`, `\r`, or '' for a last line without one. */
  readonly eol: string;
}

function splitWithEndings(text: string): Line[] {
  const out: Line[] = [];
  const re = /([^\r\n]*)(\r\n|\r|\n)/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(text)) !== null) {
    out.push({ content: m[1]!, eol: m[2]! });
    end = re.lastIndex;
  }
  if (end < text.length) out.push({ content: text.slice(end), eol: '' });
  return out;
}

/** The most frequent line ending; LF for a file without any (new lines in a new file are LF). */
function usualEnding(lines: readonly Line[]): string {
  const counts = new Map<string, number>();
  for (const l of lines) if (l.eol) counts.set(l.eol, (counts.get(l.eol) ?? 0) + 1);
  let best = '\n';
  let most = 0;
  for (const [eol, n] of counts) {
    if (n > most) [best, most] = [eol, n];
  }
  return best;
}
