import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as yamlLib from 'yaml';
import { parseDocument } from 'yaml';
import { parseBlockYaml } from '../../src/validate/block-yaml.js';
import { validateDevfile, validateDevfileSource } from '../../src/validate/devfile/validate-devfile.js';
import { formatDiagnosticsText } from '../../src/validate/format.js';
import { parseYamlSource, parseYamlSourceWithPositions } from '../../src/validate/source.js';
import { checkYamlAliases, MAX_YAML_ALIASES, MAX_YAML_ALIAS_NODES, MAX_YAML_DEPTH } from '../../src/validate/yaml-limits.js';

// The limits of src/validate/yaml-limits.ts at their edges, in every parser parseYamlSource tries, and the
// reproduction of yaml's own alias guard against yaml itself.

/** Collections on the deepest path of a parsed value. */
function depthOf(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v !== null && typeof v === 'object') {
      max = Math.max(max, d + 1);
      for (const child of Object.values(v as object)) stack.push([child, d + 1]);
    }
  }
  return max;
}

/** Documents nested exactly `n` collections deep (the root mapping counts), in each style. */
const NESTED: Record<string, (n: number) => string> = {
  'flow sequences': (n) => `x: ${'['.repeat(n - 1)}1${']'.repeat(n - 1)}\n`,
  'flow mappings': (n) => `x: ${'{a: '.repeat(n - 1)}1${'}'.repeat(n - 1)}\n`,
  'block mappings': (n) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ` v\n`,
  'compact block sequences': (n) => `x:\n  ${'- '.repeat(n - 1)}v\n`,
  'block sequences, one a line': (n) => 'x:\n' + Array.from({ length: n - 2 }, (_, i) => `${' '.repeat(i + 1)}-\n`).join('') + `${' '.repeat(n - 1)}- v\n`,
};

describe(`nesting: at most ${MAX_YAML_DEPTH} levels`, () => {
  it.each(Object.entries(NESTED))('%s: %i levels are read, one more is refused with its line, by every parser alike', (_style, make) => {
    const atLimit = make(MAX_YAML_DEPTH);
    const fast = parseYamlSource(atLimit, 'f.yaml');
    const slow = parseYamlSourceWithPositions(atLimit, 'f.yaml');
    expect(fast.ok && slow.ok).toBe(true);
    if (!fast.ok || !slow.ok) return;
    expect(depthOf(slow.source.value)).toBe(MAX_YAML_DEPTH);
    expect(fast.source.value).toEqual(slow.source.value);

    const over = make(MAX_YAML_DEPTH + 1);
    // The block parser declines (it recurses), so the position-aware parse says where.
    expect(parseBlockYaml(over)).toBeUndefined();
    const refused = parseYamlSource(over, 'f.yaml');
    expect(refused).toEqual(parseYamlSourceWithPositions(over, 'f.yaml'));
    expect(refused.ok).toBe(false);
    expect(refused.diagnostics).toHaveLength(1);
    expect(refused.diagnostics[0]).toMatchObject({ code: 'YAML-TOO-DEEP', severity: 'error', file: 'f.yaml' });
    expect(refused.diagnostics[0]!.message).toContain(`at most ${MAX_YAML_DEPTH} levels`);
  });

  it('points at the first collection past the limit', () => {
    const r = parseYamlSource(NESTED['block mappings']!(1000), 'f.yaml');
    expect(r.diagnostics).toMatchObject([{ code: 'YAML-TOO-DEEP', line: MAX_YAML_DEPTH + 1, col: MAX_YAML_DEPTH + 1 }]);
    const flow = parseYamlSource(`a: 1\nb: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, 'f.yaml');
    expect(flow.diagnostics).toMatchObject([{ code: 'YAML-TOO-DEEP', line: 2, col: 4 + MAX_YAML_DEPTH - 1 }]);
  });

  it('counts what aliases repeat: an alias of a deep node inside a deep node', () => {
    const deep = (k: number) => `d: &d ${'['.repeat(200)}${']'.repeat(200)}\nx: ${'['.repeat(k)}*d${']'.repeat(k)}\n`;
    // The root mapping, k lists, then the 200 the alias repeats.
    const ok = parseYamlSource(deep(MAX_YAML_DEPTH - 201), 'f.yaml');
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(depthOf(ok.source.value)).toBe(MAX_YAML_DEPTH);
    expect(parseYamlSource(deep(MAX_YAML_DEPTH - 200), 'f.yaml').diagnostics).toMatchObject([{ code: 'YAML-TOO-DEEP', line: 2, col: 4 + MAX_YAML_DEPTH - 200 }]);
  });
});

describe('aliases', () => {
  it(`at most ${MAX_YAML_ALIASES} in a file`, () => {
    // Eleven anchors, each used fewer times than yaml's guard allows.
    const doc = (n: number) => Array.from({ length: 11 }, (_, i) => `s${i}: &s${i} v${i}\n`).join('') + 'uses:\n' + Array.from({ length: n }, (_, i) => `  - *s${i % 11}\n`).join('');
    expect(parseYamlSource(doc(MAX_YAML_ALIASES), 'f.yaml').ok).toBe(true);
    const r = parseYamlSource(doc(MAX_YAML_ALIASES + 1), 'f.yaml');
    expect(r.diagnostics).toMatchObject([{ code: 'YAML-ALIAS-LIMIT', line: 12 + MAX_YAML_ALIASES + 1, col: 5 }]);
    expect(r.diagnostics[0]!.message).toContain(`more than ${MAX_YAML_ALIASES} aliases`);
  });

  it(`repeat at most ${MAX_YAML_ALIAS_NODES} values in all`, () => {
    // A list of 1,999 scalars is 2,000 values; 50 copies are 100,000.
    const doc = (n: number) => `big: &big [${Array.from({ length: 1999 }, (_, i) => i).join(', ')}]\ncopies:\n${'  - *big\n'.repeat(n)}`;
    const at = parseYamlSource(doc(50), 'f.yaml');
    expect(at.ok).toBe(true);
    if (at.ok) expect((at.source.value as { copies: unknown[] }).copies).toHaveLength(50);
    const over = parseYamlSource(doc(51), 'f.yaml');
    expect(over.diagnostics).toMatchObject([{ code: 'YAML-ALIAS-LIMIT', line: 53, col: 5 }]);
    expect(over.diagnostics[0]!.message).toContain('more than 100,000 values');
  });

  it('an alias before its anchor, or with no anchor at all, is an error at the alias', () => {
    expect(parseYamlSource('a: *x\nb: &x 1\nc: *nope\n', 'f.yaml').diagnostics).toMatchObject([
      { code: 'YAML-ALIAS-UNDEFINED', line: 1, col: 4, message: expect.stringContaining('comes before its anchor &x') },
      { code: 'YAML-ALIAS-UNDEFINED', line: 3, col: 4, message: expect.stringContaining('there is no &nope') },
    ]);
  });

  it('an alias inside the node it names is an error (the value would contain itself)', () => {
    expect(parseYamlSource('a: &a\n  b: [1, *a]\n', 'f.yaml').diagnostics).toMatchObject([{ code: 'YAML-ALIAS-CYCLE', line: 2, col: 10 }]);
  });

  it('aliases that stay inside the limits read as yaml reads them, and shadowed anchors resolve to the nearest', () => {
    const text = 'a: &x [1, 2]\nb: &y { k: *x }\nc: [*y, *x]\nd: &x 3\ne: *x\n';
    const r = parseYamlSource(text, 'f.yaml');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.source.value).toEqual(parseDocument(text).toJS());
  });

  /**
   * Random documents of anchors and aliases (chains, repeats, nesting, reused names that shadow or enclose, missing
   * names): checkYamlAliases refuses exactly what yaml's toJS refuses with its default guard, so no later toJS (an
   * edit's) of a file that passed can throw. The documents stay under the other limits, which yaml does not have;
   * an alias inside its own anchor (which yaml turns into a value containing itself) is ours alone to refuse.
   */
  it("reproduces yaml's own alias guard exactly (property)", () => {
    const item = fc.oneof(
      { weight: 1, arbitrary: fc.constant({ t: 'scalar', back: 0 }) },
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 3 }).map((back) => ({ t: 'alias', back })) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }).map((back) => ({ t: 'nested', back })) },
    );
    const entry = fc.record({ name: fc.integer({ min: 0, max: 4 }), anchored: fc.boolean(), items: fc.array(item, { maxLength: 8 }), times: fc.integer({ min: 1, max: 3 }) });
    const documents = fc.record({ entries: fc.array(entry, { minLength: 1, maxLength: 10 }), flaw: fc.constantFrom('none', 'none', 'none', 'none', 'missing', 'self'), at: fc.nat() });
    /** `eN: &aK [items]`, each alias naming an anchor `back` entries up (the nearest of that name, as YAML resolves it). */
    const render = (d: typeof documents extends fc.Arbitrary<infer T> ? T : never): string => {
      const names: string[] = [];
      return d.entries
        .map((e, i) => {
          const own = `a${e.name}`;
          const items = e.items.map((it) => {
            const name = names[Math.max(0, names.length - 1 - it.back)];
            if (it.t === 'scalar' || name === undefined) return 's';
            return it.t === 'alias' ? `*${name}` : `[x, *${name}]`;
          });
          if (i === d.at % d.entries.length && d.flaw !== 'none') items.unshift(d.flaw === 'missing' ? '*missing' : e.anchored ? `*${own}` : 's');
          if (e.anchored) names.push(own);
          return `e${i}: ${e.anchored ? `&${own} ` : ''}[${Array.from({ length: e.times }, () => items).flat().join(', ')}]`;
        })
        .join('\n');
    };
    const seen = { guard: 0, undefined: 0, clean: 0 };
    fc.assert(
      fc.property(documents, (d) => {
        const text = render(d);
        const problems = checkYamlAliases(parseDocument(text), yamlLib);
        let yamlError: string | undefined;
        try {
          parseDocument(text).toJS();
        } catch (e) {
          yamlError = (e as Error).message;
        }
        if (problems.some((p) => p.code === 'YAML-ALIAS-CYCLE')) return; // yaml builds a value that contains itself
        expect(problems.some((p) => p.code === 'YAML-TOO-DEEP' || /aliases \(\*name\)|100,000 values/.test(p.message))).toBe(false);
        if (yamlError?.startsWith('Unresolved alias')) {
          seen.undefined++;
          expect(problems.map((p) => p.code)).toContain('YAML-ALIAS-UNDEFINED');
        } else if (yamlError?.startsWith('Excessive alias count')) {
          seen.guard++;
          expect(problems).toMatchObject([{ code: 'YAML-ALIAS-LIMIT', message: expect.stringContaining('YAML readers stop') }]);
        } else {
          seen.clean++;
          expect([yamlError, problems]).toEqual([undefined, []]);
        }
      }),
      { numRuns: 500, seed: 20_261_204 },
    );
    // The property compared something in each case.
    expect(seen.guard).toBeGreaterThan(10);
    expect(seen.undefined).toBeGreaterThan(10);
    expect(seen.clean).toBeGreaterThan(100);
  });
});

describe('any text', () => {
  it('parses to a value or to errors with their line, never an exception (property)', () => {
    const piece = fc.constantFrom(...'ab1 :-[]{},&*!|>\'"#?%@`\n\t~<'.split(''), '&a ', '*a', '!!js/x ', '!T ', '<<: ', '- ', '\n  ', 'yes', '---\n', '%TAG ! tag:x,1:\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }).map((a) => a.join('')), (text) => {
        const r = parseYamlSource(text, 'f.yaml');
        if (r.ok) return;
        expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
        for (const d of r.diagnostics) expect(d).toMatchObject({ file: 'f.yaml', line: expect.any(Number), col: expect.any(Number) });
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});

describe('tags', () => {
  const tagsOf = (text: string) => {
    const r = parseYamlSource(text, 'f.yaml');
    return { ok: r.ok, found: r.diagnostics.map((d) => [d.code, d.severity, d.line, d.col]) };
  };

  it.each([
    ['f: !!js/function "function () {}"\n'],
    ['f: !!js/regexp /x/\n'],
    ['f: !!python/object/apply:os.system ["id"]\n'],
    ['f: !!javax.script.ScriptEngineManager [x]\n'],
    ['f: !<tag:yaml.org,2002:js/undefined> ""\n'],
    ['%TAG !e! tag:yaml.org,2002:js/\n---\nf: !e!function "x"\n'],
  ])('a language type is an error where the tag is written: %j', (text) => {
    const line = text.split('\n').findIndex((l) => l.startsWith('f:')) + 1;
    expect(tagsOf(text)).toEqual({ ok: false, found: [['YAML-TAG-UNSAFE', 'error', line, 4]] });
  });

  it.each([['f: !Ref Bucket\n'], ['f: !!binary aGk=\n'], ['f: !!set { a }\n'], ['f: !<tag:example.com,2000:x> 1\n']])('another tag outside the core schema is a warning: %j', (text) => {
    expect(tagsOf(text)).toEqual({ ok: true, found: [['YAML-TAG-UNKNOWN', 'warning', 1, 4]] });
  });

  it.each([['f: !!str 1\n'], ['f: !!int "2"\n'], ['f: ! x\n'], ['f: !!map { a: !!seq [!!null ~, !!bool true, !!float 1] }\n']])('core tags say nothing: %j', (text) => {
    expect(tagsOf(text)).toEqual({ ok: true, found: [] });
  });
});

describe('devfile: YAML 1.1 booleans', () => {
  const env = (value: string) => `schemaVersion: 2.0.0\nmetadata:\n  name: app\ncomponents:\n  - name: main\n    container:\n      image: public.ecr.aws/x/y:1\n      env:\n        - name: A\n          value: ${value}\n`;
  const words: [string, boolean][] = [
    ...['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'].map((w) => [w, true] as [string, boolean]),
    ...['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'].map((w) => [w, false] as [string, boolean]),
  ];

  it.each(words)('plain %s is a warning at its line and column, as the boolean %s', (word, bool) => {
    const found = validateDevfile(env(word), 'devfile.yaml', { devfileProfile: 'generic' });
    expect(found).toEqual([
      expect.objectContaining({ code: 'DEVFILE-YAML11-BOOLEAN', severity: 'warning', file: 'devfile.yaml', line: 10, col: 18, pointer: '/components/0/container/env/0/value' }),
    ]);
    expect(found[0]!.message).toContain(`the boolean ${bool}`);
    expect(found[0]!.fix).toBe(`Quote it: "${word}" (or write ${bool} if a boolean is meant).`);
  });

  it.each([['"yes"'], ["'no'"], ['!!str on'], ['yes please'], ['Yes!'], ['yEs'], ['"True"']])('%s says nothing', (value) => {
    expect(validateDevfile(env(value), 'devfile.yaml', { devfileProfile: 'generic' })).toEqual([]);
  });

  it('finds them in flow collections too, with the same positions from the fast and the position-aware parse', () => {
    const text = env('"x"') + '        - { name: B, value: off }\n';
    const fast = validateDevfile(text, 'd.yaml', { devfileProfile: 'generic' });
    expect(fast).toMatchObject([{ code: 'DEVFILE-YAML11-BOOLEAN', line: 11, col: 29 }]);
    const slow = parseYamlSourceWithPositions(text, 'd.yaml');
    if (!slow.ok) throw new Error('should parse');
    expect(validateDevfileSource(slow.source, { devfileProfile: 'generic' })).toEqual(fast);
  });
});

describe('source excerpts of very long lines', () => {
  it('show a window around the column, with the caret under the character', () => {
    const line = `x: ${'['.repeat(5000)}${']'.repeat(5000)}`;
    const col = 4 + MAX_YAML_DEPTH - 1;
    const text = formatDiagnosticsText([{ code: 'YAML-TOO-DEEP', severity: 'error', message: 'deep', file: 'f.yaml', line: 1, col }], { sources: new Map([['f.yaml', line]]) });
    const [, src, caret] = text.split('\n');
    expect(src!.length).toBeLessThan(200);
    const at = caret!.indexOf('^');
    expect(src![at]).toBe('[');
    // The caret is where the column is: the window starts `col - 1 - 80` characters into the line, after "...".
    expect(at - '    1 | '.length).toBe(col - 1 - (col - 1 - 80) + 3);
  });

  it('leave short lines as they are', () => {
    const text = formatDiagnosticsText([{ code: 'C', severity: 'warning', message: 'm', file: 'f', line: 1, col: 3, endLine: 1, endCol: 6 }], { sources: new Map([['f', 'a: yes']]) });
    expect(text.split('\n')).toEqual(['f:1:3: warning C m', '    1 | a: yes', '      |   ^~~']);
  });
});
