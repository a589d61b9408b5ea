import { diffArrays } from 'diff';

/**
 * Line-based three-way merge (diff3). `base` is what catalyst-gen generated last time, `ours` the file as the
 * user has it now, `theirs` the new render. Every change either side made relative to base is kept; where both
 * sides changed the same or adjacent lines differently, the region is written between standard conflict markers:
 *
 *     <<<<<<< yours
 *     (the user's lines)
 *     =======
 *     (the blueprint's lines)
 *     >>>>>>> blueprint
 *
 * Changes that merely touch (one side edits line 4, the other line 5, or both insert at the same point) count
 * as overlapping, as in git: guessing an order there could silently produce a file neither side wrote.
 * Both sides making the identical change is not a conflict.
 */
export interface Merge3Result {
  readonly text: string;
  /** Number of conflict regions; 0 means a clean merge. */
  readonly conflicts: number;
}

export const CONFLICT_MARKERS = { start: '<<<<<<< yours', middle: '=======', end: '>>>>>>> blueprint' } as const;

interface Hunk {
  /** First base line replaced. */
  readonly start: number;
  /** One past the last base line replaced (`start === end`: a pure insertion before `start`). */
  readonly end: number;
  readonly lines: readonly string[];
}

export function merge3(base: string, ours: string, theirs: string): Merge3Result {
  if (ours === theirs) return { text: ours, conflicts: 0 };
  if (base === ours) return { text: theirs, conflicts: 0 };
  if (base === theirs) return { text: ours, conflicts: 0 };
  const out: string[] = [];
  let conflicts = 0;
  for (const c of diff3(splitLines(base), splitLines(ours), splitLines(theirs))) {
    if (!c.conflict) out.push(...c.tokens);
    else {
      conflicts++;
      out.push(`${CONFLICT_MARKERS.start}\n`, ...terminated(c.ours), `${CONFLICT_MARKERS.middle}\n`, ...terminated(c.theirs), `${CONFLICT_MARKERS.end}\n`);
    }
  }
  return { text: out.join(''), conflicts };
}

/** A stretch of the merge: settled tokens, or a region where the two sides disagree. */
export type Diff3Chunk =
  | { readonly conflict: false; readonly tokens: readonly string[] }
  | { readonly conflict: true; readonly ours: readonly string[]; readonly theirs: readonly string[] };

/** diff3 over any token sequences (lines, or list items by identity): the engine behind `merge3`. */
export function diff3(b: readonly string[], o: readonly string[], t: readonly string[]): Diff3Chunk[] {
  const ho = hunks(b, o);
  const ht = hunks(b, t);
  const out: Diff3Chunk[] = [];
  const settled = (tokens: readonly string[]) => {
    if (tokens.length > 0) out.push({ conflict: false, tokens });
  };
  let pos = 0; // next base token not yet emitted
  let i = 0;
  let j = 0;
  while (i < ho.length || j < ht.length) {
    // Take the earliest hunk, then grow the region while hunks of either side overlap or touch it.
    const first = i < ho.length && (j >= ht.length || ho[i]!.start <= ht[j]!.start) ? ho[i]! : ht[j]!;
    let start = first.start;
    let end = first.end;
    const fromOurs: Hunk[] = [];
    const fromTheirs: Hunk[] = [];
    for (let grew = true; grew; ) {
      grew = false;
      while (i < ho.length && touches(ho[i]!, start, end)) {
        fromOurs.push(ho[i]!);
        start = Math.min(start, ho[i]!.start);
        end = Math.max(end, ho[i]!.end);
        i++;
        grew = true;
      }
      while (j < ht.length && touches(ht[j]!, start, end)) {
        fromTheirs.push(ht[j]!);
        start = Math.min(start, ht[j]!.start);
        end = Math.max(end, ht[j]!.end);
        j++;
        grew = true;
      }
    }
    settled(b.slice(pos, start));
    pos = end;
    if (fromTheirs.length === 0) settled(apply(b, start, end, fromOurs));
    else if (fromOurs.length === 0) settled(apply(b, start, end, fromTheirs));
    else {
      const mine = apply(b, start, end, fromOurs);
      const yours = apply(b, start, end, fromTheirs);
      if (sameLines(mine, yours)) settled(mine);
      else out.push({ conflict: true, ours: mine, theirs: yours });
    }
  }
  settled(b.slice(pos));
  return out;
}

/** Whether a text still holds a conflict region written by `merge3` (the user has not resolved it yet). */
export function hasConflictMarkers(text: string): boolean {
  const lines = text.split(/\r?\n/);
  const s = lines.indexOf(CONFLICT_MARKERS.start);
  return s >= 0 && lines.indexOf(CONFLICT_MARKERS.end, s) > s;
}

/** Lines with their terminators, so a file without a final newline survives the round trip byte for byte. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/(?<=\n)/);
  return lines;
}

/** The regions where `side` differs from `base`, in base order, as base line ranges plus replacement lines. */
function hunks(base: readonly string[], side: readonly string[]): Hunk[] {
  const out: Hunk[] = [];
  let pos = 0;
  let open: { start: number; end: number; lines: string[] } | undefined;
  for (const c of diffArrays([...base], [...side])) {
    if (!c.added && !c.removed) {
      if (open) out.push(open);
      open = undefined;
      pos += c.count;
      continue;
    }
    open ??= { start: pos, end: pos, lines: [] };
    if (c.removed) {
      pos += c.count;
      open.end = pos;
    } else open.lines.push(...(c.value as string[]));
  }
  if (open) out.push(open);
  return out;
}

/** Overlapping or adjacent (a shared boundary counts): such changes are merged into one region. */
function touches(h: Hunk, start: number, end: number): boolean {
  return h.start <= end && start <= h.end;
}

/** One side's version of base lines [start, end): its hunks applied, base lines in between kept. */
function apply(base: readonly string[], start: number, end: number, hs: readonly Hunk[]): string[] {
  const out: string[] = [];
  let pos = start;
  for (const h of hs) {
    out.push(...base.slice(pos, h.start), ...h.lines);
    pos = h.end;
  }
  out.push(...base.slice(pos, end));
  return out;
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((l, k) => l === b[k]);
}

/** Inside a conflict region every line must end with a newline, or the marker would join the last line. */
function terminated(lines: readonly string[]): string[] {
  return lines.map((l) => (l.endsWith('\n') ? l : l + '\n'));
}
