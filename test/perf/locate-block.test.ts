import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import * as jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { stringify as yamlStringify } from 'yaml';
import { devfileCorpus, workflowCorpus } from '../../bench/corpus.js';
import { toPointer } from '../../src/validate/diagnostic.js';
import { parseYamlFast } from '../../src/validate/fast-yaml.js';
import { blockOutline, locateInOutline } from '../../src/validate/locate-block.js';
import { parseYamlSource, parseYamlSourceWithPositions } from '../../src/validate/source.js';
import { CASES, renderSet } from '../catalogue/harness.js';
import { SHARED } from '../helpers/files.js';

// The block outline answers "where is this pointer" for files with findings without parsing them again with
// `yaml`. Wherever it answers, it must give exactly the position `yaml` gives; where it cannot, it declines.
// Each text below is checked at every node it has, at a missing key and index under each, at keys and values.

/** Every pointer into a value, with a missing child under each collection and past each scalar. */
function pointersOf(value: unknown, path: string[] = []): string[][] {
  const out: string[][] = [path];
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push(...pointersOf(v, [...path, String(i)])));
    out.push([...path, String(value.length)], [...path, 'x']);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...pointersOf(v, [...path, k]));
    out.push([...path, 'NoSuchKey']);
  } else {
    out.push([...path, 'deeper']);
  }
  return out;
}

interface Tally {
  answered: number;
  asked: number;
  outlined: number;
  texts: number;
}

/** Compare the outline with yaml at every pointer of a text the fast parse accepts; count what it answered. */
function agreeEverywhere(text: string, tally: Tally): void {
  const fast = parseYamlFast(text);
  if (!fast.ok) return;
  const slow = parseYamlSourceWithPositions(text, 'f.yaml');
  if (!slow.ok) throw new Error('the fast parse accepted a text yaml rejects');
  tally.texts += 1;
  const outline = blockOutline(text);
  if (outline) tally.outlined += 1;
  const viaSource = parseYamlSource(text, 'f.yaml');
  if (!viaSource.ok) throw new Error('parseYamlSource rejected a text the fast parse accepts');
  for (const segments of pointersOf(fast.value)) {
    for (const atKey of [false, true]) {
      const pointer = toPointer(segments);
      const expected = slow.source.locate(pointer, atKey);
      tally.asked += 1;
      const range = outline ? locateInOutline(outline, segments, atKey) : undefined;
      if (range) tally.answered += 1;
      // What a finding gets, through the outline or the fallback, is what yaml gives.
      expect(viaSource.source.locate(pointer, atKey), `${pointer} atKey=${atKey} in:\n${text}`).toEqual(expected);
    }
  }
}

const newTally = (): Tally => ({ answered: 0, asked: 0, outlined: 0, texts: 0 });

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

describe('block outline positions', () => {
  it('equal yaml on generated workflows and devfiles, and answer nearly every pointer there', () => {
    const tally = newTally();
    for (const f of [...workflowCorpus(120, 11), ...devfileCorpus(120, 12)]) agreeEverywhere(f.text, tally);
    expect(tally.texts).toBe(240);
    expect(tally.outlined).toBe(240);
    expect(tally.answered / tally.asked).toBeGreaterThan(0.95);
  });

  it('equal yaml on every YAML file the catalogue renders', () => {
    const tally = newTally();
    for (const { id, set } of CASES) {
      for (const f of renderSet(id, set).values()) if (/\.ya?ml$/.test(f.path)) agreeEverywhere(f.content, tally);
    }
    expect(tally.texts).toBeGreaterThan(20);
    // JSON files are flow collections over several lines, left to yaml; every YAML file must be outlined.
    expect(tally.outlined).toBe(tally.texts);
  });

  const conformance = filesUnder(resolve(SHARED, 'conformance'));
  it.skipIf(conformance.length === 0)('equal yaml on the conformance files (skipped without ../shared)', () => {
    const tally = newTally();
    for (const p of conformance) agreeEverywhere(readFileSync(p, 'utf8'), tally);
    expect(tally.texts).toBeGreaterThan(50);
    expect(tally.answered).toBeGreaterThan(0);
  });

  const edgeCases: [string, string][] = [
    ['comments before and between keys', '# head\nName: x # trailing\n\n# before\nActions:\n  # inside\n  Build:\n    # deeper\n    Id: 1\n'],
    ['comment before the first item of a sequence', 'a:\n  # c\n  - x\n  # d\n  - y\n'],
    ['sequence at the indentation of its key', 'a:\n- x\n- y: 1\n  z: 2\nb: c\n'],
    ['nested sequences on one line', 'a:\n  - - x\n    - y\n  - - z\n'],
    ['document start marker', '---\na: 1\nb:\n  c: d\n'],
    ['document start with comment', '--- # c\na: 1\n'],
    ['quoted keys and values', '"a b": \'c\'\n\'it\'\'s\': "x \\" y"\nk: "v" # c\n'],
    ['escaped double-quoted key', '"a\\tb": 1\n'],
    ['block scalars', 'a: |\n  one\n  two\n\nb: >-\n  folded\nc:\n  - |\n    x\n  - y\n'],
    ['block scalar at the end', 'a: x\nb: |+\n  keep\n\n'],
    ['flow collections', 'a: [1, 2, "3, 4"]\nb: {c: d}\nc: [] # empty\n'],
    ['multi-line flow', 'a: [1,\n  2]\nb: c\n'],
    ['multi-line plain scalar', 'a: one\n  two\nb: c\n'],
    ['multi-line quoted scalar', 'a: "one\n  two"\nb: c\n'],
    ['empty values', 'a:\nb: 1\nc:\n  -\n  - x\n'],
    ['non-string keys', '1: a\ntrue: b\n0x1F: c\n1.5: d\nx: e\n'],
    ['CRLF', 'a: 1\r\nb:\r\n  - c\r\n  - d: "e"\r\n'],
    ['trailing spaces', 'a: b   \nc:   \n  d: e  # f\n'],
    ['colons and hashes in values', 'url: http://x:80/a#b\ncmd: echo a#b\n'],
    ['wide indentation', 'a:\n      b:\n           - c\n           - d\n      e: f\n'],
    ['keys with dashes and dots', '-a: 1\n.b: 2\na-b: 3\n'],
    ['root sequence', '- a\n- b: c\n  d: e\n'],
    ['root scalar', 'just text\n'],
    ['unicode', 'a: "é😀"\nb: ü\n'],
    ['no final newline', 'a:\n  b: c'],
    ['document end marker', 'a: 1\n...\n'],
  ];
  it.each(edgeCases)('edge case: %s', (_, text) => {
    agreeEverywhere(text, newTally());
  });

  it('declines what it cannot place rather than guess', () => {
    for (const text of ['a: one\n  two\n', 'a: [1,\n  2]\n', 'a:\tb\n', 'a: "x\n  y"\n', 'a: 1\n...\n']) expect(blockOutline(text)).toBeUndefined();
    const outline = blockOutline('a: [1, 2]\nb: |\n  x\nc:\n')!;
    expect(locateInOutline(outline, ['a', '0'], false)).toBeUndefined(); // inside a flow collection
    expect(locateInOutline(outline, ['b'], false)).toBeUndefined(); // a block scalar's end
    expect(locateInOutline(outline, ['c'], false)).toBeUndefined(); // an empty value
    expect(locateInOutline(outline, ['b'], true)).toEqual([10, 11]); // its key is known
  });

  it('equal yaml on generated documents in every style (property)', () => {
    const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('Name', 'a b', '1', 'true', '-x', 'x:y', 'a#b', "it's", '"q"', 'é'));
    const scalar = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('1', '0x1F', '.5', 'yes', 'null', '~', 'a #b', 'a: b', ' lead', 'trail ', 'multi\nline', '- x', '[x]', '|', '#c', 'http://x:1'),
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
    })).node;
    const doc = fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 });
    // Comments and blank lines between lines, where a comment may go.
    const decorate = (text: string, seed: number) =>
      text
        .split('\n')
        .map((line, i) => ((seed + i) % 5 === 0 && line.trim() !== '' ? `${' '.repeat(line.length - line.trimStart().length)}# note\n${line}` : (seed + i) % 7 === 0 ? `${line}\n` : line))
        .join('\n');
    const tally = newTally();
    fc.assert(
      fc.property(doc, fc.constantFrom('yaml', 'yaml-flow-1', 'yaml-quoted', 'js-yaml', 'js-yaml-indent4', 'decorated'), fc.nat(100), (v, style, seed) => {
        const text =
          style === 'yaml' ? yamlStringify(v) :
          style === 'yaml-flow-1' ? yamlStringify(v, { indentSeq: false }) :
          style === 'yaml-quoted' ? yamlStringify(v, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }) :
          style === 'js-yaml' ? jsYaml.dump(v) :
          style === 'js-yaml-indent4' ? jsYaml.dump(v, { indent: 4, noArrayIndent: true }) :
          decorate(yamlStringify(v), seed);
        agreeEverywhere(text, tally);
      }),
      { numRuns: 500, seed: 7 },
    );
    // Most generated documents must be outlined, or this property would test only the fallback.
    // Generated values are hostile (empty `[]` and `{}`, strings over several lines), so fewer are outlined than
    // in real files; still most texts and a good share of pointers must take the outline.
    expect(tally.outlined / tally.texts).toBeGreaterThan(0.55);
    expect(tally.answered / tally.asked).toBeGreaterThan(0.35);
  });
});
