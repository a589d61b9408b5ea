import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import * as jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { stringify as yamlStringify } from 'yaml';
import { devfileCorpus, workflowCorpus } from '../../bench/corpus.js';
import { toPointer } from '../../src/model/diagnostic.js';
import { locateInOutline, parseBlockYaml } from '../../src/validate/block-yaml.js';
import { parseYamlSource, parseYamlSourceWithPositions } from '../../src/validate/source.js';
import { CASES, renderSet } from '../catalogue/harness.js';
import { SHARED } from '../helpers/files.js';
import { yamlDocuments } from './yaml-documents.js';

// The block parser reads most files in one pass, value and positions. Wherever it accepts a text, its value
// must be exactly `yaml`'s; wherever its outline answers "where is this pointer", the position must be exactly
// `yaml`'s. Each text below is checked at every node it has, at a missing key and index under each, at keys and
// values; a text it declines must be one yaml rejects or one the other parsers handle.

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
  /** Pointers the outline placed, of those asked. */
  answered: number;
  asked: number;
  /** Texts the block parser accepted, of those yaml accepts. */
  parsed: number;
  texts: number;
}

/** Compare the block parser with yaml on a text: the same value, and the same position at every pointer. */
function agreeEverywhere(text: string, tally: Tally): void {
  const slow = parseYamlSourceWithPositions(text, 'f.yaml');
  const block = parseBlockYaml(text);
  if (!slow.ok) {
    expect(block, `the block parser accepted a text yaml rejects:\n${text}`).toBeUndefined();
    return;
  }
  tally.texts += 1;
  if (!block) return;
  tally.parsed += 1;
  expect(block.value, `value of:\n${text}`).toEqual(slow.source.value);
  const viaSource = parseYamlSource(text, 'f.yaml');
  if (!viaSource.ok) throw new Error('parseYamlSource rejected a text the block parser accepts');
  for (const segments of pointersOf(block.value)) {
    for (const atKey of [false, true]) {
      const pointer = toPointer(segments);
      tally.asked += 1;
      if (locateInOutline(block.root, segments, atKey)) tally.answered += 1;
      // What a finding gets, through the outline or the fallback, is what yaml gives.
      expect(viaSource.source.locate(pointer, atKey), `${pointer} atKey=${atKey} in:\n${text}`).toEqual(slow.source.locate(pointer, atKey));
    }
  }
}

const newTally = (): Tally => ({ answered: 0, asked: 0, parsed: 0, texts: 0 });

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

describe('block parser', () => {
  it('equal yaml on generated workflows and devfiles, and answer nearly every pointer there', () => {
    const tally = newTally();
    for (const f of [...workflowCorpus(120, 11), ...devfileCorpus(120, 12)]) agreeEverywhere(f.text, tally);
    expect(tally.texts).toBe(240);
    expect(tally.parsed).toBe(240);
    expect(tally.answered / tally.asked).toBeGreaterThan(0.95);
  });

  it('equal yaml on every YAML file the catalogue renders', () => {
    const tally = newTally();
    for (const { id, set } of CASES) {
      for (const f of renderSet(id, set).values()) if (/\.ya?ml$/.test(f.path)) agreeEverywhere(f.content, tally);
    }
    expect(tally.texts).toBeGreaterThan(20);
    // JSON files are flow collections over several lines, left to the other parsers; YAML files are not.
    expect(tally.parsed / tally.texts).toBeGreaterThan(0.9);
  });

  const conformance = filesUnder(resolve(SHARED, 'conformance'));
  it.skipIf(conformance.length === 0)('equal yaml on the conformance files (skipped without ../shared)', () => {
    const tally = newTally();
    for (const p of conformance) agreeEverywhere(readFileSync(p, 'utf8'), tally);
    expect(tally.texts).toBeGreaterThan(50);
    expect(tally.parsed / tally.texts).toBeGreaterThan(0.5);
  });

  // The third element: whether the block parser reads the text (else it declines, and the other parsers do).
  const edgeCases: [string, string, boolean][] = [
    ['comments before and between keys', '# head\nName: x # trailing\n\n# before\nActions:\n  # inside\n  Build:\n    # deeper\n    Id: 1\n', true],
    ['comment before the first item of a sequence', 'a:\n  # c\n  - x\n  # d\n  - y\n', true],
    ['sequence at the indentation of its key', 'a:\n- x\n- y: 1\n  z: 2\nb: c\n', true],
    ['nested sequences on one line', 'a:\n  - - x\n    - y\n  - - z\n', true],
    ['document start marker', '---\na: 1\nb:\n  c: d\n', true],
    ['document start with comment', '--- # c\na: 1\n', true],
    ['quoted keys and values', '"a b": \'c\'\n\'it\'\'s\': "x \\" y"\nk: "v" # c\n', true],
    ['escaped double-quoted key', '"a\\tb": 1\n', true],
    ['block scalars', 'a: |\n  one\n  two\n\nb: >-\n  folded\nc:\n  - |\n    x\n  - y\n', true],
    ['block scalar at the end', 'a: x\nb: |+\n  keep\n\n', false],
    ['folded scalars', 'a: >\n  one\n  two\n\n  three\n\n\n  four\nb: >-\n  x\n  y\nc:\n  - >\n    p\n    q\n', true],
    ['literal scalars with blank and comment-like lines', 'a: |\n  one\n\n  # not a comment\n  two\n\nb: 1\n', true],
    ['escapes in double quotes', 'a: "tab\\there \\"q\\" \\\\ \\u00e9 \\x41 \\U0001F600 \\N \\_ \\/ \\0"\nb: "{\\"stage\\":\\"dev\\"}"\n', true],
    ['__proto__ keys', '__proto__: 1\nb:\n  __proto__:\n    x: 1\n', false],
    ['flow sequences', 'a: [1, 2, "3, 4", x]\nc: [] # empty\nd: {}\ne: [ \'y\' ]\n', true],
    ['flow mapping', 'a: {c: d}\n', false],
    ['multi-line flow', 'a: [1,\n  2]\nb: c\n', false],
    ['multi-line plain scalar', 'a: one\n  two\nb: c\n', false],
    ['multi-line quoted scalar', 'a: "one\n  two"\nb: c\n', false],
    ['empty values', 'a:\nb: 1\nc:\n  -\n  - x\n', true],
    ['non-string keys', '1: a\ntrue: b\n0x1F: c\n1.5: d\nx: e\n', false],
    ['CRLF', 'a: 1\r\nb:\r\n  - c\r\n  - d: "e"\r\n', true],
    ['trailing spaces', 'a: b   \nc:   \n  d: e  # f\n', true],
    ['colons and hashes in values', 'url: http://x:80/a#b\ncmd: echo a#b\n', true],
    ['wide indentation', 'a:\n      b:\n           - c\n           - d\n      e: f\n', true],
    ['keys with dashes and dots', '-a: 1\n.b: 2\na-b: 3\n', true],
    ['root sequence', '- a\n- b: c\n  d: e\n', true],
    ['root scalar', 'just text\n', true],
    ['unicode', 'a: "é😀"\nb: ü\n', true],
    ['no final newline', 'a:\n  b: c', true],
    ['document end marker', 'a: 1\n...\n', false],
  ];
  it.each(edgeCases)('edge case: %s', (_, text, read) => {
    const tally = newTally();
    agreeEverywhere(text, tally);
    expect(tally.parsed).toBe(read ? 1 : 0);
  });

  it('declines what it cannot read or place rather than guess', () => {
    for (const text of ['a: one\n  two\n', 'a: [1,\n  2]\n', 'a:\tb\n', 'a: "x\n  y"\n', 'a: 1\n...\n', 'a: &x 1\n', 'a: !t 1\n', 'a: 1\na: 2\n', 'a: "\\q"\n', 'a: |+\n  x\n', 'a: >\n  x\n    y\n', '', '# only\n']) {
      expect(parseBlockYaml(text), text).toBeUndefined();
    }
    const { root } = parseBlockYaml('a: [1, 2]\nb: |\n  x\nc:\n')!;
    expect(locateInOutline(root, ['a', '0'], false)).toBeUndefined(); // inside a flow collection
    expect(locateInOutline(root, ['c'], false)).toBeUndefined(); // an empty value
    expect(locateInOutline(root, ['b'], true)).toEqual([10, 11]); // a key
    expect(locateInOutline(root, ['b'], false)).toEqual([13, 19]); // a block scalar, to the line after it
  });

  it('equal yaml on generated documents in every style (property)', () => {
    const doc = yamlDocuments(['Name', 'a b', '1', 'true', '-x', 'x:y', 'a#b', "it's", '"q"', 'é'], ['1', '0x1F', '.5', 'yes', 'null', '~', 'a #b', 'a: b', ' lead', 'trail ', 'multi\nline', '- x', '[x]', '|', '#c', 'http://x:1']);
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
    // Most generated texts must be read, or this would test only the declines.
    expect(tally.parsed / tally.texts).toBeGreaterThan(0.8);
    expect(tally.answered / tally.asked).toBeGreaterThan(0.8);
  });
});
