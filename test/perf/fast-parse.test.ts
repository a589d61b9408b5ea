import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import * as jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { stringify as yamlStringify } from 'yaml';
import { devfileCorpus, workflowCorpus } from '../../bench/corpus.js';
import { parseBlockYaml } from '../../src/validate/block-yaml.js';
import { parseYamlSource, parseYamlSourceWithPositions } from '../../src/validate/source.js';
import { anyValidatorFor } from '../../src/validate/validators.js';
import type { FileKind } from '../../src/model/project.js';
import { SHARED } from '../helpers/files.js';
import { yamlDocuments } from './yaml-documents.js';

// The fast parse (the block parser, positions in the same pass) must be indistinguishable from the position-aware parse (yaml):
// same verdict, same value, and the same diagnostics - codes, messages, lines and columns - from every validator.

const shared = resolve(SHARED, 'conformance');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

/** Parse both ways and run the kind's validator on each; return what a user would see from each path. */
function bothWays(text: string, kind: FileKind) {
  const run = (parsed: ReturnType<typeof parseYamlSource>) => ({
    ok: parsed.ok,
    value: parsed.ok ? parsed.source.value : undefined,
    diagnostics: parsed.ok ? anyValidatorFor(kind)!.validate(parsed.source, {}) : parsed.diagnostics,
  });
  return { fast: run(parseYamlSource(text, 'f.yaml')), slow: run(parseYamlSourceWithPositions(text, 'f.yaml')) };
}

describe('fast parse', () => {
  const workflows = workflowCorpus(150, 7);
  const devfiles = devfileCorpus(150, 8);

  it('takes the fast path for the generated corpora (so the comparisons below compare something)', () => {
    expect(workflows.every((f) => parseBlockYaml(f.text) !== undefined)).toBe(true);
    expect(devfiles.every((f) => parseBlockYaml(f.text) !== undefined)).toBe(true);
  });

  it('gives the same value and diagnostics (with positions) as the slow parse on generated workflows', () => {
    let withFindings = 0;
    for (const f of workflows) {
      const { fast, slow } = bothWays(f.text, 'workflow');
      expect(fast).toEqual(slow);
      if (fast.diagnostics.length > 0) {
        withFindings += 1;
        expect(fast.diagnostics.every((d) => typeof d.line === 'number' && typeof d.col === 'number')).toBe(true);
      }
    }
    expect(withFindings).toBeGreaterThan(10);
  });

  it('gives the same value and diagnostics as the slow parse on generated devfiles', () => {
    for (const f of devfiles) {
      const { fast, slow } = bothWays(f.text, 'devfile');
      expect(fast).toEqual(slow);
    }
  });

  const realWorkflows = filesUnder(join(shared, 'workflows'));
  const devfileCases = filesUnder(join(shared, 'devfile'));
  describe.skipIf(realWorkflows.length === 0 && devfileCases.length === 0)('conformance files (skipped without ../shared)', () => {
    it.each(realWorkflows.map((p) => [p.split('/').pop()!, p]))('workflow %s', (_, p) => {
      const { fast, slow } = bothWays(readFileSync(p, 'utf8'), 'workflow');
      expect(fast).toEqual(slow);
    });
    it.each(devfileCases.map((p) => [p.split('/').pop()!, p]))('devfile %s', (_, p) => {
      const { fast, slow } = bothWays(readFileSync(p, 'utf8'), 'devfile');
      expect(fast).toEqual(slow);
    });
  });

  // Where other readers' defaults and yaml's core schema differ, and the constructs the fast path leaves to yaml.
  const edgeCases: [string, string][] = [
    ['core-schema scalars', 'a: 1_000\nb: 0b11\nc: 0x1F\nd: 0o17\ne: +12\nf: -0\ng: .5\nh: 1.\ni: 1e3\nj: .inf\nk: -.Inf\nl: .NaN\nm: 2001-12-14\nn: yes\no: ~\np: Null\nq: TRUE\nr: "123"\nt: +0x1\nu: 1.0\nv: 12e\nw: 0o8\nx: 0X1F\n'],
    ['block scalars', 'a:\n  - b: |\n      line1\n      line2\n    c: >-\n      folded\n      text\n\n      para\n    d: |+\n      keep\n\n'],
    ['escapes and folding', 'x: "esc \\x41 \\u00e9 \\t \\N \\_ \\/"\ny: plain\n  continued\nz: \'it\'\'s\'\n'],
    ['a number and a string key', '"1": a\n1: b\n'],
    ['duplicate key', 'a: 1\na: 2\n'],
    ['two documents', '---\na: 1\n---\nb: 2\n'],
    ['empty', ''],
    ['comment only', '# nothing\n'],
    ['explicit null document', '~\n'],
    ['null key', '~: x\n'],
    ['empty key', ': x\n'],
    ['flow collections', 'key: [a, {b: c}, "d"]\nother: {x: 1, y: [2]}\n'],
    ['flow key', '[a, b]: c\n'],
    ['explicit key', '? a\n: b\n'],
    ['shell in steps', 'Steps:\n  - Run: npm ci && npm test\n  - Run: if [ ! -f x ]; then echo hi; fi\n  - Run: echo "a: b" # comment\n'],
    ['nested mapping on one line', 'a: b: c\n'],
    ['tab after colon', 'a:\tb\n'],
    ['tags', 'a: !!str 123\nb: !Ref Foo\n'],
    ['anchors and aliases', 'base: &b {x: 1}\nuse: *b\n'],
    ['merge key', 'base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n'],
    ['plain merge-like key', '<<: 1\n'],
    ['YAML 1.1 directive', '%YAML 1.1\n---\na: yes\n'],
    ['CRLF', 'a: 1\r\nb:\r\n  - c\r\n'],
    ['BOM', '\ufeffa: 1\n'],
    ['__proto__ key', '__proto__: {x: 1}\nb: 2\n'],
    ['unclosed quote', 'a: "open\n'],
    ['bad indentation', 'a:\n  b: 1\n c: 2\n'],
    ['reserved indicator', 'a: @b\n'],
    ['scalar document', 'just text\n'],
    ['list document', '- a\n- b\n'],
  ];
  it.each(edgeCases)('edge case: %s', (_, text) => {
    for (const kind of ['workflow', 'devfile', 'yaml'] as const) {
      const { fast, slow } = bothWays(text, kind);
      expect(fast).toEqual(slow);
    }
  });

  it('agrees with the slow parse on generated documents (property)', () => {
    const doc = yamlDocuments(['Name', 'a b', '1', 'true', '~x', '-', 'x:y', '#c', "'q'"], ['1_000', '0b1', '0x1F', '0o7', '+1', '-0', '.5', '1e3', '.inf', '.NaN', 'yes', 'No', 'null', '~', 'True', '2001-12-14', '12:30', '"q"', 'a #b', ' lead', 'trail ', 'multi\nline', '- x', '[x]', '{x}', '*x', '&x', '!x', '%x', '@x', '`x', '|', '>']);
    let fastTaken = 0;
    let runs = 0;
    fc.assert(
      fc.property(doc, fc.constantFrom('yaml', 'yaml-flow', 'yaml-quoted', 'js-yaml', 'js-yaml-flow'), (v, style) => {
        const text =
          style === 'yaml' ? yamlStringify(v) :
          style === 'yaml-flow' ? yamlStringify(v, { collectionStyle: 'flow' }) :
          style === 'yaml-quoted' ? yamlStringify(v, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }) :
          style === 'js-yaml' ? jsYaml.dump(v) : jsYaml.dump(v, { flowLevel: 1 });
        runs += 1;
        if (parseBlockYaml(text)) fastTaken += 1;
        const fast = parseYamlSource(text, 'f.yaml');
        const slow = parseYamlSourceWithPositions(text, 'f.yaml');
        expect(fast.ok).toBe(slow.ok);
        if (fast.ok && slow.ok) expect(fast.source.value).toEqual(slow.source.value);
        else expect(fast.diagnostics).toEqual(slow.diagnostics);
      }),
      { numRuns: 400, seed: 42 },
    );
    // Most generated documents must go through the fast path, or this property would test only the fallback (the
    // flow styles, two of the five, mostly go to yaml: the block parser reads one-line flow sequences only).
    expect(fastTaken / runs).toBeGreaterThan(0.5);
  });

  it('locates pointers in a file parsed by the fast path exactly as the slow path does', () => {
    const text = 'Name: x\nActions:\n  Build:\n    Identifier: aws/build@v1\n    Configuration:\n      Steps:\n        - Run: "npm ci"\n';
    const fast = parseYamlSource(text, 'f.yaml');
    const slow = parseYamlSourceWithPositions(text, 'f.yaml');
    if (!fast.ok || !slow.ok) throw new Error('expected both parses to succeed');
    for (const [ptr, atKey] of [['/Actions/Build/Configuration/Steps/0/Run', false], ['/Actions/Build', true], ['/Actions/Missing/x', false], ['', false]] as const) {
      expect(fast.source.locate(ptr, atKey)).toEqual(slow.source.locate(ptr, atKey));
    }
    expect(fast.source.locate('/Actions/Build/Configuration/Steps/0/Run')).toEqual({ line: 7, col: 16, endLine: 7, endCol: 24 });
  });
});
