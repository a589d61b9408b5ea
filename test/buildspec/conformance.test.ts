import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateText } from '../../src/validate/file.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { SHARED } from '../helpers/files.js';

// Real buildspecs written by people outside this project, with a reviewer's verdict for each
// (../shared/conformance/buildspecs/README.md). It lives beside the repository, not in it; a plain clone skips.
const DIR = join(SHARED, 'conformance', 'buildspecs');
const present = existsSync(join(DIR, 'EXPECTED.tsv'));

type Verdict = 'valid' | 'invalid' | 'uncertain';
const rows = present
  ? readFileSync(join(DIR, 'EXPECTED.tsv'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'))
      .map((l) => l.split('\t') as [string, Verdict, string?])
  : [];

/** For each invalid file: the error that names its problem, at its line. */
const PROBLEM: Record<string, { code: string; line: number }> = {
  // GitHub Actions steps pasted into the build phase.
  'real/96browng__liquibase-poc__buildspec.yaml': { code: 'BUILDSPEC-SCHEMA-ADDITIONALPROPERTIES', line: 8 },
  // A hyphen in a batch identifier: BATCH_SPEC_VALIDATION_ERROR.
  'real/BIBSYSDEV__NVA-end-to-end-testing__buildspec_deploy.yml': { code: 'BUILDSPEC-SCHEMA-PATTERN', line: 15 },
};

/** What the reviewer's notes say a validator must still point out, as a warning, in a file CodeBuild runs (or beside the error). */
const NOTED: Record<string, { code: string; line: number }[]> = {
  'real/0019-KDU__springboot-aws-deploy__buildspec.yml': [{ code: 'BUILDSPEC-EMPTY-COMMAND', line: 9 }],
  'real/2or3__php8-application__buildspec.yaml': [
    { code: 'BUILDSPEC-AWS-CLI-V1', line: 11 },
    { code: 'BUILDSPEC-SCALAR-LIST', line: 20 },
  ],
  'real/AWSFrederick__Spires-Infra__buildspec.yml': [{ code: 'BUILDSPEC-VERSION-0-1', line: 1 }],
  'real/BIBSYSDEV__NVA-end-to-end-testing__buildspec_deploy.yml': [{ code: 'BUILDSPEC-ENV-IMAGE-VARIABLE', line: 18 }],
  'real/Komisek__GA-AWS-Fargate-Test__buildspec.yml': [{ code: 'BUILDSPEC-AWS-CLI-V1', line: 19 }],
  'real/aws-samples__aws-codebuild-samples__buildspecs__environment.yml': [{ code: 'BUILDSPEC-AWS-CLI-V1', line: 11 }],
  'real/awslabs__aws-crt-python__codebuild__cd__manylinux-x64-build.yml': [{ code: 'BUILDSPEC-EMPTY-COMMANDS', line: 6 }],
};

const check = (file: string) => validateText(readFileSync(join(DIR, file), 'utf8'), file, 'buildspec');
const errorsOf = (d: readonly Diagnostic[]) => d.filter((x) => x.severity === 'error');
const tally = { files: 0, falseErrors: 0, trueErrors: 0, uncertainWithErrors: 0 };

if (!present) console.warn('Skipping buildspec conformance tests: the real buildspecs in ../shared/conformance/buildspecs are not present beside this checkout (CI has them; a plain clone does not).');

describe.skipIf(!present)('real buildspecs (../shared/conformance/buildspecs; skipped when absent)', () => {
  afterAll(() => {
    console.log(
      `buildspec conformance: ${tally.files} files; false errors (valid files called broken): ${tally.falseErrors}; ` +
        `true errors found: ${tally.trueErrors} of ${rows.filter((r) => r[1] === 'invalid').length}; uncertain files with an error: ${tally.uncertainWithErrors}`,
    );
  });

  it('has the 39 files the README describes', () => {
    expect(rows).toHaveLength(39);
    for (const [file] of rows) expect(existsSync(join(DIR, file)), file).toBe(true);
    expect(Object.keys(PROBLEM).sort()).toEqual(rows.filter((r) => r[1] === 'invalid').map((r) => r[0]).sort());
  });

  it.each(rows.filter((r) => r[1] === 'valid'))('%s: CodeBuild runs it, so no error', (file) => {
    tally.files++;
    const d = check(file);
    if (errorsOf(d).length > 0) tally.falseErrors++;
    expect(errorsOf(d), JSON.stringify(errorsOf(d), null, 1)).toEqual([]);
    for (const want of NOTED[file] ?? []) {
      const hit = d.find((x) => x.code === want.code && x.line === want.line);
      expect(hit, `${want.code} at line ${want.line}; got ${JSON.stringify(d, null, 1)}`).toBeDefined();
      expect(hit!.severity).toBe('warning');
      expect(hit!.fix).toBeTruthy();
    }
  });

  it.each(rows.filter((r) => r[1] === 'invalid'))('%s: an error naming the problem, at its line', (file) => {
    tally.files++;
    const d = check(file);
    const want = PROBLEM[file]!;
    const hit = errorsOf(d).find((x) => x.code === want.code && x.line === want.line);
    if (hit) tally.trueErrors++;
    expect(hit, JSON.stringify(d, null, 1)).toBeDefined();
    for (const w of NOTED[file] ?? []) expect(d.some((x) => x.code === w.code && x.line === w.line), `${w.code} at line ${w.line}`).toBe(true);
  });

  it.each(rows.filter((r) => r[1] === 'uncertain'))('%s: undecided; validates without crashing', (file) => {
    tally.files++;
    const d = check(file);
    if (errorsOf(d).length > 0) tally.uncertainWithErrors++;
    expect(d.every((x) => x.line !== undefined && x.line > 0)).toBe(true);
  });
});
