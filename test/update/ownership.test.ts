import { describe, expect, it } from 'vitest';
import { parseOwnership, strategyResolver } from '../../src/io/ownership.js';

describe('.catalyst-gen/ownership', () => {
  it('parses glob + strategy lines, comments and blank lines', () => {
    const { rules, diagnostics } = parseOwnership('# header\n\n.codecatalyst/workflows/*.yaml  merge\ndevfile.yaml keep-mine # mine\ndocs/**\tnever-touch\n');
    expect(diagnostics).toEqual([]);
    expect(rules).toEqual([
      { pattern: '.codecatalyst/workflows/*.yaml', strategy: 'merge' },
      { pattern: 'devfile.yaml', strategy: 'keep-mine' },
      { pattern: 'docs/**', strategy: 'never-touch' },
    ]);
  });

  it('reports every bad line at once, with line and column', () => {
    const { diagnostics } = parseOwnership('a merge extra\nb merj\n../c merge\n/d merge\n');
    expect(diagnostics.map((d) => [d.code, d.line, d.col])).toEqual([
      ['OWNERSHIP-SYNTAX', 1, 1],
      ['OWNERSHIP-STRATEGY', 2, 3],
      ['OWNERSHIP-GLOB', 3, 1],
      ['OWNERSHIP-GLOB', 4, 1],
    ]);
    expect(diagnostics[1]!.fix).toBe('Did you mean "merge"?');
  });

  it('the last matching rule wins; user rules come after blueprint defaults; modes give the fallback', () => {
    const resolve = strategyResolver(
      [{ pattern: '**/*.md', strategy: 'keep-mine' }],
      [
        { pattern: '**', strategy: 'take-blueprint' },
        { pattern: 'docs/**', strategy: 'never-touch' },
        { pattern: 'docs/keep.md', strategy: 'merge' },
      ],
    );
    expect(resolve('README.md', 'managed')).toBe('take-blueprint');
    expect(resolve('docs/a.md', 'managed')).toBe('never-touch');
    expect(resolve('docs/keep.md', 'seed')).toBe('merge');
    expect(resolve('.codecatalyst/workflows/x.yaml', 'managed')).toBe('take-blueprint'); // dotfiles match
    const defaults = strategyResolver([{ pattern: '**/*.md', strategy: 'keep-mine' }], []);
    expect(defaults('sub/x.md', 'managed')).toBe('keep-mine');
    expect(defaults('x.yaml', 'managed')).toBe('merge');
    expect(defaults('x.yaml', 'merged')).toBe('merge');
    expect(defaults('x.yaml', 'seed')).toBe('keep-mine');
  });
});
