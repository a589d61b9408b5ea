import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateDevfile } from '../../src/validate/devfile/validate-devfile.js';
import { devfileSchemaFindings } from '../../src/validate/devfile/schema-layer.js';
import { devfileSpecFindings } from '../../src/validate/devfile/spec-rules.js';
import { SHARED } from '../helpers/files.js';

// The devfile specification's own schema suite (test/v200, group test-devfile), assembled into whole files.
// It lives beside the repository, not in it; a plain clone skips these tests.
const DIR = resolve(SHARED, 'conformance', 'devfile');
const present = existsSync(resolve(DIR, 'EXPECTED.tsv'));

interface Case {
  readonly path: string;
  readonly expected: 'valid' | 'invalid';
  readonly reason: string;
  readonly enabled: boolean;
  readonly semantic: string;
  readonly notes: string;
}

function cases(): Case[] {
  if (!present) return [];
  return readFileSync(resolve(DIR, 'EXPECTED.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [path, expected, reason, enabled, semantic, notes] = l.split('\t');
      return { path: path!, expected: expected as Case['expected'], reason: reason!, enabled: enabled === 'yes', semantic: semantic ?? '', notes: notes ?? '' };
    });
}

/** Read a case the way the suite's Go runner does: YAML 1.1, last duplicate key wins. */
function loadCase(c: Case): unknown {
  return parse(readFileSync(resolve(DIR, c.path), 'utf8'), { version: '1.1', uniqueKeys: false });
}

/** The JSON-schema keyword (and detail) the suite's expected error text implies. */
function expectedKeyword(reason: string): { code: string; detail?: RegExp } {
  let m: RegExpMatchArray | null;
  if ((m = reason.match(/^missing properties: "(\w+)"/))) return { code: 'DEVFILE-SCHEMA-REQUIRED', detail: new RegExp(`"${m[1]}"`) };
  if (reason.startsWith('does not match pattern')) return { code: 'DEVFILE-SCHEMA-PATTERN' };
  if ((m = reason.match(/^expected (\w+), but got (\w+)/))) return { code: 'DEVFILE-SCHEMA-TYPE', detail: new RegExp(`${m[2] === 'null' ? 'null' : ''}.*expected ${m[1]}`) };
  if (reason.startsWith('value must be one of')) return { code: 'DEVFILE-SCHEMA-ENUM' };
  if (reason.startsWith('oneOf failed') || reason.startsWith('valid against schemas at indexes')) return { code: 'DEVFILE-SCHEMA-ONEOF', detail: /exactly one of/ };
  if (reason.startsWith('length must be <=')) return { code: 'DEVFILE-SCHEMA-MAXLENGTH' };
  if ((m = reason.match(/^additionalProperties "(\w+)" not allowed/))) return { code: 'DEVFILE-SCHEMA-ADDITIONALPROPERTIES', detail: new RegExp(`"${m[1]}"`) };
  throw new Error(`No keyword known for the suite's reason "${reason}"`);
}

/** Which of our semantic codes each message of the specification's rules corresponds to. */
const SEMANTIC_MESSAGES: [RegExp, string][] = [
  [/command does not map to a valid component/, 'DEVFILE-COMMAND-COMPONENT'],
  [/mentioned in the composite command does not exist/, 'DEVFILE-COMPOSITE-MISSING'],
  [/currently there are multiple default commands/, 'DEVFILE-GROUP-DEFAULTS'],
  [/currently there is no default command/, 'DEVFILE-GROUP-NO-DEFAULT'],
  [/multiple containers with same endpoint targetPort/, 'DEVFILE-ENDPOINT-PORT'],
  [/multiple endpoint entries with same name/, 'DEVFILE-ENDPOINT-NAME'],
  [/unable to find the following volume mounts/, 'DEVFILE-VOLUME-MOUNT'],
  [/^duplicate key/, 'DEVFILE-DUPLICATE-COMPONENT'],
  [/does not map to a valid devfile command/, 'DEVFILE-EVENT-COMMAND'],
  [/unable to find the checkout remote/, 'DEVFILE-GIT-REMOTE'],
];

function expectedSemanticCodes(semantic: string): string[] {
  if (semantic === 'ok') return [];
  const messages = semantic.replace(/^invalid: /, '').split('; ');
  const codes = new Set<string>();
  for (const msg of messages) {
    if (/^(command: |volume mount )/.test(msg)) continue; // continuation of the previous message
    const hit = SEMANTIC_MESSAGES.find(([re]) => re.test(msg));
    if (!hit) throw new Error(`No rule known for the message "${msg}"`);
    codes.add(hit[1]);
  }
  return [...codes].sort();
}

const all = cases();
const enabled = all.filter((c) => c.enabled);

if (!present) console.warn('Skipping conformance tests: the devfile specification schema suite in ../shared/conformance/devfile is not present beside this checkout (CI has it; a plain clone does not).');

describe.skipIf(!present)('devfile specification schema suite (../shared/conformance/devfile; skipped when absent)', () => {
  it('has the 104 cases, 101 enabled, 23 of them valid', () => {
    expect(all).toHaveLength(104);
    expect(enabled).toHaveLength(101);
    expect(enabled.filter((c) => c.expected === 'valid')).toHaveLength(23);
  });

  it.each(enabled.map((c) => [c.path, c] as const))('schema layer agrees on %s', (_path, c) => {
    const findings = devfileSchemaFindings(loadCase(c));
    const errors = findings.filter((f) => f.severity === 'error');
    if (c.expected === 'valid') {
      expect(errors).toEqual([]);
      return;
    }
    const { code, detail } = expectedKeyword(c.reason);
    const match = errors.filter((f) => f.code === code && (!detail || detail.test(f.message)));
    expect(match, `expected ${code}${detail ? ` ${detail}` : ''}; got ${JSON.stringify(errors, null, 1)}`).not.toEqual([]);
  });

  it.each(all.filter((c) => !c.enabled).map((c) => [c.path, c] as const))('disabled case %s is invalid through the protocol enum', (_path, c) => {
    const errors = devfileSchemaFindings(loadCase(c));
    expect(errors.some((f) => f.code === 'DEVFILE-SCHEMA-ENUM' && /\/protocol$/.test(f.pointer))).toBe(true);
  });

  const valid = enabled.filter((c) => c.expected === 'valid');
  it.each(valid.map((c) => [c.path, c] as const))('semantic layer agrees on %s', (_path, c) => {
    const findings = devfileSpecFindings(loadCase(c));
    const verdict = findings.some((f) => f.severity === 'error') ? 'invalid' : 'ok';
    expect(verdict).toBe(c.semantic === 'ok' ? 'ok' : 'invalid');
    expect([...new Set(findings.map((f) => f.code))].sort()).toEqual(expectedSemanticCodes(c.semantic));
  });

  it('13 of the 23 valid cases break a semantic rule', () => {
    expect(valid.filter((c) => devfileSpecFindings(loadCase(c)).some((f) => f.severity === 'error'))).toHaveLength(13);
  });

  it.each(all.filter((c) => /duplicate top-level YAML keys/.test(c.notes)).map((c) => [c.path, c] as const))(
    'the strict parser reports the duplicated key of %s with its line',
    (_path, c) => {
      const text = readFileSync(resolve(DIR, c.path), 'utf8');
      const diags = validateDevfile(text, c.path, { devfileProfile: 'generic' });
      const dup = diags.filter((d) => d.code === 'YAML-DUPLICATE-KEY');
      expect(dup.length).toBeGreaterThan(0);
      for (const d of dup) {
        const line = text.split('\n')[d.line! - 1]!;
        // The reported line starts the repeated top-level key (metadata: or parent:).
        expect(line).toMatch(/^(metadata|parent):/);
        expect(d.col).toBe(1);
      }
    },
  );
});
