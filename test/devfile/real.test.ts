import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateDevfile } from '../../src/validate/devfile/validate-devfile.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { SHARED } from '../helpers/files.js';

// Real devfiles written by people outside this project, with a reviewer's verdict under the specification
// (generic profile) and under CodeCatalyst's documented support (../shared/conformance/devfiles-real/README.md).
// It lives beside the repository, not in it; a plain clone skips.
const DIR = join(SHARED, 'conformance', 'devfiles-real');
const present = existsSync(join(DIR, 'EXPECTED.tsv'));

type Verdict = 'valid' | 'invalid' | 'uncertain';
type Profile = 'generic' | 'codecatalyst';
const rows = present
  ? readFileSync(join(DIR, 'EXPECTED.tsv'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'))
      .map((l) => {
        const [file, ccStyle, generic, codecatalyst, note] = l.split('\t');
        return { file: file!, ccStyle: ccStyle === 'yes', expected: { generic: generic as Verdict, codecatalyst: codecatalyst as Verdict }, note: note ?? '' };
      })
  : [];

/** For files invalid under the specification: the errors that name the problem, at their lines. */
const PROBLEM: Record<string, { code: string; line: number }[]> = {
  'real/12-factor-app-review__spring-petclinic__devfile.yaml': [{ code: 'DEVFILE-V1', line: 1 }],
  'real/AlbanAndrieu__fastapi-sample__devfile.yaml': [{ code: 'DEVFILE-COMMAND-COMPONENT', line: 11 }],
  'real/phao1__hands-on-with-codecatalyst__devfile.yaml': [
    { code: 'DEVFILE-SCHEMA-PATTERN', line: 21 },
    { code: 'DEVFILE-SCHEMA-PATTERN', line: 26 },
  ],
};

const check = (file: string, devfileProfile: Profile) => validateDevfile(readFileSync(join(DIR, file), 'utf8'), file, { devfileProfile });
const errorsOf = (d: readonly Diagnostic[]) => d.filter((x) => x.severity === 'error');
const tally = { generic: { falseErrors: 0, trueErrors: 0 }, codecatalyst: { falseErrors: 0, trueErrors: 0 } };

if (!present) console.warn('Skipping real devfile tests: the devfiles in ../shared/conformance/devfiles-real are not present beside this checkout (CI has them; a plain clone does not).');

describe.skipIf(!present)('real devfiles (../shared/conformance/devfiles-real; skipped when absent)', () => {
  afterAll(() => {
    for (const profile of ['generic', 'codecatalyst'] as const) {
      const invalid = rows.filter((r) => r.expected[profile] === 'invalid').length;
      console.log(`devfile conformance (${profile} profile): ${rows.length} files; false errors (valid files called broken): ${tally[profile].falseErrors}; true errors found: ${tally[profile].trueErrors} of ${invalid}`);
    }
  });

  it('has the 22 files the README describes, 7 written for CodeCatalyst', () => {
    expect(rows).toHaveLength(22);
    expect(rows.filter((r) => r.ccStyle)).toHaveLength(7);
    expect(Object.keys(PROBLEM).sort()).toEqual(rows.filter((r) => r.expected.generic === 'invalid').map((r) => r.file).sort());
  });

  const cases = (['generic', 'codecatalyst'] as const).flatMap((profile) => rows.filter((r) => r.expected[profile] !== 'uncertain').map((r) => [r.file, profile, r] as const));

  it.each(cases)('%s (%s profile): the reviewer\'s verdict', (file, profile, row) => {
    const d = check(file, profile);
    const errors = errorsOf(d);
    if (row.expected[profile] === 'valid') {
      if (errors.length > 0) tally[profile].falseErrors++;
      expect(errors, JSON.stringify(errors, null, 1)).toEqual([]);
      return;
    }
    // A file the specification rejects fails for that reason under either profile; one it accepts fails under
    // CodeCatalyst's profile with an error that says what CodeCatalyst does not support.
    const wanted = PROBLEM[file];
    const found = wanted ? wanted.every((w) => errors.some((x) => x.code === w.code && x.line === w.line)) : errors.some((x) => x.code.startsWith('DEVFILE-CC-') && x.fix);
    if (found) tally[profile].trueErrors++;
    expect(found, JSON.stringify(errors, null, 1)).toBe(true);
  });

  it('the devfile v1 file is one message under either profile', () => {
    for (const profile of ['generic', 'codecatalyst'] as const) {
      expect(check('real/12-factor-app-review__spring-petclinic__devfile.yaml', profile).map((x) => x.code)).toEqual(['DEVFILE-V1']);
    }
  });

  it('an undefined variable in a real file is a warning at its line (java-wildfly: {{imageName}})', () => {
    const d = check('real/devfile__registry__stacks__java-wildfly__2.0.2__devfile.yaml', 'generic');
    expect(d.filter((x) => x.code === 'DEVFILE-VARIABLE').map((x) => `${x.line} ${x.severity}`)).toEqual(['41 warning']);
  });
});
