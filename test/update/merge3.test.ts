import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasConflictMarkers, merge3 } from '../../src/edit/merge3.js';

const text = (...lines: string[]) => lines.map((l) => l + '\n').join('');

describe('merge3 (line diff3)', () => {
  const base = text('a', 'b', 'c', 'd', 'e', 'f', 'g');

  it('keeps both sides when they change lines apart from each other', () => {
    const ours = text('a', 'B-mine', 'c', 'd', 'e', 'f', 'g');
    const theirs = text('a', 'b', 'c', 'd', 'e', 'F-blueprint', 'g', 'h');
    expect(merge3(base, ours, theirs)).toEqual({ text: text('a', 'B-mine', 'c', 'd', 'e', 'F-blueprint', 'g', 'h'), conflicts: 0 });
  });

  it('takes the side that changed when only one did, and accepts the identical change from both', () => {
    const changed = text('a', 'b', 'x', 'd', 'e', 'f', 'g');
    expect(merge3(base, base, changed).text).toBe(changed);
    expect(merge3(base, changed, base).text).toBe(changed);
    expect(merge3(base, changed, changed)).toEqual({ text: changed, conflicts: 0 });
  });

  it('marks overlapping changes with yours / blueprint markers and keeps the rest merged', () => {
    const ours = text('A', 'b', 'c', 'mine', 'e', 'f', 'g');
    const theirs = text('a', 'b', 'c', 'theirs', 'e', 'f', 'G');
    const r = merge3(base, ours, theirs);
    expect(r.conflicts).toBe(1);
    expect(r.text).toBe(text('A', 'b', 'c', '<<<<<<< yours', 'mine', '=======', 'theirs', '>>>>>>> blueprint', 'e', 'f', 'G'));
    expect(hasConflictMarkers(r.text)).toBe(true);
    expect(hasConflictMarkers(text('a', '=======', 'b'))).toBe(false);
  });

  it('treats two insertions at the same place as a conflict (no order is guessed)', () => {
    const r = merge3(base, text('a', 'b', 'mine', 'c', 'd', 'e', 'f', 'g'), text('a', 'b', 'theirs', 'c', 'd', 'e', 'f', 'g'));
    expect(r.conflicts).toBe(1);
    expect(r.text).toContain('<<<<<<< yours\nmine\n=======\ntheirs\n>>>>>>> blueprint\n');
  });

  it('treats a deletion against an edit of the same line as a conflict', () => {
    const r = merge3(base, text('a', 'b', 'd', 'e', 'f', 'g'), text('a', 'b', 'C', 'd', 'e', 'f', 'g'));
    expect(r).toEqual({ text: text('a', 'b', '<<<<<<< yours', '=======', 'C', '>>>>>>> blueprint', 'd', 'e', 'f', 'g'), conflicts: 1 });
  });

  it('survives a missing final newline, and never glues a marker to a line', () => {
    expect(merge3('a\nb\nc', 'A\nb\nc', 'a\nb\nC').text).toBe('A\nb\nC');
    const r = merge3('a\nb', 'a\nmine', 'a\ntheirs');
    expect(r.text).toBe('a\n<<<<<<< yours\nmine\n=======\ntheirs\n>>>>>>> blueprint\n');
  });

  it('handles empty files', () => {
    expect(merge3('', '', 'new\n').text).toBe('new\n');
    expect(merge3('', 'mine\n', '')).toEqual({ text: 'mine\n', conflicts: 0 });
    expect(merge3('', 'mine\n', 'theirs\n').conflicts).toBe(1);
  });
});

/**
 * Random edits on a file of distinct lines. Each slot i (before base line i, or at the end) gets one operation
 * by the user (U) or the blueprint (T): delete line i, replace it, or insert new lines before it. Operations of
 * different sides are kept apart: they may not share a boundary (merge3 deliberately treats touching edits as
 * a conflict), which is exactly "non-overlapping".
 */
type Op = { side: 'U' | 'T'; kind: 'del' | 'rep' | 'ins'; lines: number };
const opArb: fc.Arbitrary<Op | null> = fc.option(
  fc.record({ side: fc.constantFrom<'U' | 'T'>('U', 'T'), kind: fc.constantFrom<'del' | 'rep' | 'ins'>('del', 'rep', 'ins'), lines: fc.integer({ min: 1, max: 3 }) }),
  { freq: 2 },
);

function separate(ops: (Op | null)[], n: number): (Op | null)[] {
  const owner = new Map<number, 'U' | 'T'>();
  return ops.map((op, i) => {
    if (!op) return null;
    if (i === n && op.kind !== 'ins') return null; // past the last line only an insertion makes sense
    const bounds = op.kind === 'ins' ? [i] : [i, i + 1];
    if (bounds.some((b) => owner.has(b) && owner.get(b) !== op.side)) return null;
    for (const b of bounds) owner.set(b, op.side);
    return op;
  });
}

function applyOps(base: string[], ops: (Op | null)[], sides: ReadonlySet<'U' | 'T'>): string {
  const out: string[] = [];
  for (let i = 0; i <= base.length; i++) {
    const op = ops[i];
    const mine = op && sides.has(op.side) ? op : null;
    const fresh = (k: number) => Array.from({ length: mine!.lines }, (_, j) => `${mine!.side}-${i}-${j}`).slice(0, k);
    if (mine?.kind === 'ins') out.push(...fresh(mine.lines));
    if (i === base.length) break;
    if (mine?.kind === 'del') continue;
    if (mine?.kind === 'rep') out.push(...fresh(mine.lines));
    else out.push(base[i]!);
  }
  return out.map((l) => l + '\n').join('');
}

describe('merge3 properties', () => {
  it('for random non-overlapping edits by the user and the blueprint, the merge holds both and nothing else', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 25 }).chain((n) => fc.tuple(fc.constant(n), fc.array(opArb, { minLength: n + 1, maxLength: n + 1 }))),
        ([n, raw]) => {
          const base = Array.from({ length: n }, (_, i) => `line ${i}`);
          const ops = separate(raw, n);
          const ours = applyOps(base, ops, new Set(['U']));
          const theirs = applyOps(base, ops, new Set(['T']));
          const both = applyOps(base, ops, new Set(['U', 'T']));
          const r = merge3(base.map((l) => l + '\n').join(''), ours, theirs);
          expect(r.conflicts).toBe(0);
          expect(r.text).toBe(both);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('when both sides rewrite the same line differently, the result has a conflict holding both versions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.nat(), (n, k) => {
        const base = Array.from({ length: n }, (_, i) => `line ${i}\n`);
        const at = k % n;
        const ours = base.map((l, i) => (i === at ? 'mine\n' : l)).join('');
        const theirs = base.map((l, i) => (i === at ? 'theirs\n' : l)).join('');
        const r = merge3(base.join(''), ours, theirs);
        expect(r.conflicts).toBe(1);
        expect(r.text).toBe(base.map((l, i) => (i === at ? '<<<<<<< yours\nmine\n=======\ntheirs\n>>>>>>> blueprint\n' : l)).join(''));
      }),
    );
  });

  it('is the identity when nobody changed anything, and takes the only side that did', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '\n', ' ') })), fc.string(), (parts, other) => {
        const base = parts.join('');
        expect(merge3(base, base, base)).toEqual({ text: base, conflicts: 0 });
        expect(merge3(base, other, base).text).toBe(other);
        expect(merge3(base, base, other).text).toBe(other);
      }),
    );
  });
});
