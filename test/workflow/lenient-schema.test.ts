import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readSchema } from '../../src/validate/schemas.js';
import { lenientWorkflowSchema } from '../../src/validate/workflow/lenient-schema.js';
import { CASES, renderSet } from '../catalogue/harness.js';
import { cli } from '../helpers/cli.js';
import { HAS_SHARED, SHARED } from './helpers.js';

// What `schema workflow --lenient` prints is for editors: it must accept every file `validate` accepts with at
// most lenient-form warnings, including real console-generated ones, and still reject what is wrong.

// The workflow schema uses no string formats, so ajv-formats is not needed here.
const compile = (schema: object) => new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(schema);
const canonical = compile(readSchema('workflow'));
const lenient = compile(lenientWorkflowSchema(readSchema('workflow')));

const CONSOLE_STYLE = parse(`
Name: console
SchemaVersion: 1.0
Compute:
  Type: Ec2
  SharedInstance: true
Triggers:
  - Type: Push
    Branches: [main]
  - Type: pull_request
    Events: [open, Revision]
Actions:
  Build:
    Identifier: aws/build@v1
    Compute:
      Type: Lambda
      Fleet: Linux.x86-64.Large
    Configuration:
      Steps:
        - Run: make
`);

describe('lenient workflow schema', () => {
  it('accepts the console spellings the canonical schema rejects', () => {
    expect(canonical(CONSOLE_STYLE)).toBe(false);
    expect(lenient(CONSOLE_STYLE), JSON.stringify(lenient.errors)).toBe(true);
  });

  it.each([
    ['an unknown trigger type', ['Triggers', 0, 'Type'], 'Pushed'],
    ['an unknown event', ['Triggers', 1, 'Events', 0], 'opened'],
    ['another schema version', ['SchemaVersion'], 2],
    ['an unknown compute type', ['Compute', 'Type'], 'Fargate'],
    ['SharedInstance as a number', ['Compute', 'SharedInstance'], 1],
    ['a Lambda fleet that does not exist (the Lambda rule still applies)', ['Actions', 'Build', 'Compute', 'Fleet'], 'Linux.x86-64.2XLarge'],
  ])('still rejects %s', (_, path, bad) => {
    const value = structuredClone(CONSOLE_STYLE) as Record<string | number, any>;
    let node = value;
    for (const k of path.slice(0, -1)) node = node[k];
    node[path[path.length - 1]!] = bad;
    expect(lenient(value)).toBe(false);
  });

  it('accepts every workflow the catalogue renders, as the canonical schema does', () => {
    let n = 0;
    for (const { id, set } of CASES) {
      for (const f of renderSet(id, set).values()) {
        if (f.kind !== 'workflow') continue;
        const v = parse(f.content);
        expect(canonical(v), f.path).toBe(true);
        expect(lenient(v), f.path).toBe(true);
        n++;
      }
    }
    expect(n).toBeGreaterThan(5);
  });

  it.skipIf(!HAS_SHARED)('accepts every real workflow validate accepts (skipped without ../shared)', () => {
    const dir = join(SHARED, 'conformance', 'workflows');
    const valid = readFileSync(join(dir, 'EXPECTED.tsv'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'))
      .map((l) => l.split('\t'))
      .filter((r) => r[1] === 'valid')
      .map((r) => r[0]!);
    expect(valid).toHaveLength(32);
    const rejectedByCanonical = valid.filter((f) => !canonical(parse(readFileSync(join(dir, f), 'utf8'))));
    const rejectedByLenient = valid.filter((f) => !lenient(parse(readFileSync(join(dir, f), 'utf8'))));
    expect(rejectedByLenient).toEqual([]);
    // The canonical schema rejects some of them, for their spelling only: that is what the lenient copy is for.
    expect(rejectedByCanonical.length).toBeGreaterThan(0);
  });

  it('is what `schema workflow --lenient` prints; other schemas have no lenient copy', async () => {
    const r = await cli('schema', 'workflow', '--lenient');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(lenientWorkflowSchema(readSchema('workflow')));
    expect(JSON.parse((await cli('schema', 'workflow')).stdout)).toEqual(readSchema('workflow'));
    const devfile = await cli('schema', 'devfile', '--lenient');
    expect(devfile.code).toBe(2);
    expect(devfile.stderr).toContain('--lenient is for the workflow schema only');
  });

  it('refuses to widen a schema whose shape changed', () => {
    const changed = structuredClone(readSchema('workflow')) as { definitions: Record<string, any> };
    changed.definitions['Trigger'].properties.Type = { enum: ['PUSH'] };
    expect(() => lenientWorkflowSchema(changed)).toThrow(/\/definitions\/Trigger\/properties\/Type is .*update lenient-schema\.ts/);
  });
});
