import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, codes, errorsOf, HAS_SHARED, SHARED } from './helpers.js';

// The real workflows written by people and tools (see ../shared/conformance/workflows/README.md).
const dir = join(SHARED, 'conformance', 'workflows');
const rows = HAS_SHARED
  ? readFileSync(join(dir, 'EXPECTED.tsv'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'))
      .map((l) => l.split('\t') as [string, 'valid' | 'invalid', string, string])
  : [];

/** For each invalid file: the code of the error that names its problem, and the line it is on. */
const EXPECTED_PROBLEM: Record<string, { code: string; line: number }> = {
  'real/aws-samples__codecatalyst-devicefarm-integration__pytest-bdd-sample__workflow.yaml': { code: 'WF-ACTION-AT-TOP-LEVEL', line: 1 },
  'real/aws-samples__codecatalyst-devicefarm-integration__wdio-sample__workflow.yaml': { code: 'WF-ACTION-AT-TOP-LEVEL', line: 1 },
  'real/aws__codecatalyst-blueprints__packages__blueprints__sam-serverless-app__src____snapshots____blueprint-snapshot-driver.spec.ts.snap--Test5.yaml': { code: 'WF-CONNECTION-BLANK', line: 33 },
  'real/jimmy622001__eks-aws-cicd-codecatalyst__modules__cicd-pipeline__templates__codecatalyst-workflow.yml': { code: 'WF-CONNECTION-PLACEHOLDER', line: 38 },
};

if (!HAS_SHARED) console.warn('Skipping conformance tests: the 36 real workflows in ../shared/conformance/workflows are not present beside this checkout (CI has it; a plain clone does not).');

describe.skipIf(!HAS_SHARED)('real workflows (conformance set in ../shared; skipped when absent)', () => {
  it('has the 36 files the README describes, 32 valid and 4 invalid', () => {
    expect(rows).toHaveLength(36);
    expect(rows.filter((r) => r[1] === 'valid')).toHaveLength(32);
    expect(rows.filter((r) => r[1] === 'invalid')).toHaveLength(4);
  });

  it.each(rows.filter((r) => r[1] === 'valid'))('%s: no error', (file, _expected, _official, note) => {
    const d = check(readFileSync(join(dir, file), 'utf8'), file);
    expect(errorsOf(d), JSON.stringify(errorsOf(d), null, 1)).toEqual([]);
    // Console-style casing is accepted with a warning that names the canonical form.
    if (note.includes('console-style casing')) {
      const w = d.filter((x) => x.code === 'WF-LENIENT-TRIGGER-TYPE' || x.code === 'WF-LENIENT-EVENT');
      expect(w.length).toBeGreaterThan(0);
      expect(w.every((x) => x.severity === 'warning' && /PUSH|PULLREQUEST|OPEN/.test(x.message + (x.fix ?? '')) && x.line !== undefined)).toBe(true);
    }
    if (note.includes('pre-release identifier')) expect(codes(d)).toContain('WF-IDENTIFIER-PRERELEASE');
    if (note.includes('Compute Type: Lambda')) expect(codes(d)).toContain('WF-LENIENT-COMPUTE-TYPE');
  });

  it.each(rows.filter((r) => r[1] === 'invalid'))('%s: an error naming the problem, with its line', (file) => {
    const d = check(readFileSync(join(dir, file), 'utf8'), file);
    const want = EXPECTED_PROBLEM[file];
    expect(want, `no expectation recorded for ${file}`).toBeDefined();
    const hit = errorsOf(d).find((x) => x.code === want!.code);
    expect(hit, JSON.stringify(d, null, 1)).toBeDefined();
    expect(hit!.line).toBe(want!.line);
    expect(hit!.col).toBeGreaterThan(0);
    expect(hit!.fix).toBeTruthy();
  });
});
