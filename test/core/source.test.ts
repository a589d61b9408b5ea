import { describe, expect, it } from 'vitest';
import { attachFindings, parseYamlSource } from '../../src/validate/source.js';

describe('parseYamlSource', () => {
  it('reports a syntax error with its line and column', () => {
    const r = parseYamlSource('a: 1\nb: [1, 2\nc: 3\n', 'x.yaml');
    expect(r.ok).toBe(false);
    const d = r.diagnostics[0]!;
    expect(d.code).toBe('YAML-SYNTAX');
    expect(d.file).toBe('x.yaml');
    expect(d.line).toBeGreaterThanOrEqual(2);
  });

  it('reports a duplicate key on the line of the second copy', () => {
    const r = parseYamlSource('a: 1\nb: 2\na: 3\n', 'x.yaml');
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toMatchObject([{ code: 'YAML-DUPLICATE-KEY', line: 3, col: 1 }]);
  });

  it('refuses several documents in one file', () => {
    const r = parseYamlSource('a: 1\n---\nb: 2\n', 'x.yaml');
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toMatchObject([{ code: 'YAML-MULTI-DOCUMENT', line: 2 }]);
  });

  it('reports an empty file', () => {
    expect(parseYamlSource('# only a comment\n', 'x.yaml').diagnostics).toMatchObject([{ code: 'YAML-EMPTY' }]);
  });

  it('locates values and keys by JSON pointer', () => {
    const text = 'Actions:\n  Build:\n    Identifier: aws/build@v1\n    Inputs:\n      Sources: [WorkflowSource]\n';
    const r = parseYamlSource(text, 'w.yaml');
    if (!r.ok) throw new Error('should parse');
    expect(r.source.locate('/Actions/Build/Identifier')).toMatchObject({ line: 3, col: 17 });
    expect(r.source.locate('/Actions/Build/Identifier', true)).toMatchObject({ line: 3, col: 5 });
    expect(r.source.locate('/Actions/Build/Inputs/Sources/0')).toMatchObject({ line: 5, col: 17 });
    // A missing key points at the deepest node that exists.
    expect(r.source.locate('/Actions/Build/Missing/Deeper')).toMatchObject({ line: 3 });
  });

  it('ties findings to file, line and column', () => {
    const r = parseYamlSource('a:\n  b: 1\n', 'f.yaml');
    if (!r.ok) throw new Error('should parse');
    const [d] = attachFindings([{ code: 'X', severity: 'error', message: 'm', pointer: '/a/b' }], r.source);
    expect(d).toMatchObject({ code: 'X', file: 'f.yaml', pointer: '/a/b', line: 2, col: 6 });
  });

  it('reads JSON too', () => {
    const r = parseYamlSource('{\n  "a": [1, 2]\n}\n', 'f.json');
    expect(r.ok && r.source.value).toEqual({ a: [1, 2] });
  });
});

describe('YAML-DUPLICATE-KEY names the key and where it first appears', () => {
  it('says which key and the line of its first copy, at the position of the second', () => {
    const text = 'schemaVersion: 2.2.0\ncomponents:\n  - name: x\n    container:\n      image: a\n      mountSources: true\n      image: b\n';
    const r = parseYamlSource(text, 'devfile.yaml');
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: 'YAML-DUPLICATE-KEY',
        line: 7,
        col: 7,
        message: 'Key "image" appears twice in this mapping (first on line 5); YAML allows each key once and tools disagree on which copy wins.',
      }),
    ]);
  });
});

describe('conflict markers', () => {
  it('are reported once, at the first marker, instead of syntax errors', () => {
    const text = 'Name: demo\n<<<<<<< yours\nSchemaVersion: "1.0"\n=======\nSchemaVersion: 1.0\n>>>>>>> blueprint\nActions: {}\n';
    const r = parseYamlSource(text, 'w.yaml');
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'YAML-CONFLICT-MARKERS', line: 2, col: 1 })]);
  });

  it('a lone line of "<" in a block scalar is not a conflict', () => {
    const r = parseYamlSource('a: |\n  <<<<<<< not a marker without its partner\n', 'x.yaml');
    expect(r.ok).toBe(true);
  });
});
