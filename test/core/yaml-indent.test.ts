import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateText } from '../../src/validate/file.js';
import { SHARED } from '../helpers/files.js';

const SEED = join(SHARED, 'seeds', 'private-vpc-cicd-codeartifact.txt');

/** The article's example buildspec as printed: `commands:` fell to column 1 where it belongs under `install:`. */
function seedBuildspec(): string {
  const lines = readFileSync(SEED, 'utf8').split('\n');
  const from = lines.indexOf('version: 0.2');
  const to = lines.indexOf('      - node index.js', from);
  return lines.slice(from, to + 1).join('\n') + '\n';
}

const yamlErrors = (text: string, kind: 'buildspec' | 'workflow' = 'buildspec') => validateText(text, 'buildspec.yml', kind).filter((d) => d.code === 'YAML-SYNTAX');

describe('a wrong indentation is reported at the line that starts the wrong block', () => {
  it.skipIf(!existsSync(SEED))("the seed article's buildspec: at commands: on line 7, not where the parser stopped", () => {
    const text = seedBuildspec();
    expect(text.split('\n')[6]).toBe('commands:');
    const [d, ...rest] = yamlErrors(text);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: 'error', line: 7, col: 1 });
    expect(d!.message).toContain('line 7 ("commands:") starts at column 1');
    expect(d!.message).toContain('the parser stops at line 12');
    expect(d!.fix).toBe('Indent line 7 to column 5, like "runtime-versions:" on line 4, keeping the lines under it deeper.');
    // The fix the message gives makes the file valid.
    const fixed = text.replace(/^commands:$/m, '    commands:');
    expect(validateText(fixed, 'buildspec.yml', 'buildspec').filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('a line less indented than its mapping items: the line itself, with the column they start at', () => {
    const text = 'version: 0.2\nphases:\n  build:\n    commands:\n      - make\n post_build:\n    commands:\n      - echo done\n';
    const [d] = yamlErrors(text);
    expect(d).toMatchObject({ line: 6, col: 2 });
    expect(d!.message).toContain('the items of the mapping under line 2 ("phases:") start at column 3 (line 3, "build:")');
    expect(d!.fix).toBe('Indent line 6 to column 3, or line 3 and the lines under it to column 2.');
  });

  it('a mis-indented block in a workflow', () => {
    const text = ['Name: w', 'SchemaVersion: "1.0"', 'Actions:', '  Build:', '    Identifier: aws/build@v1', 'Configuration:', '      Steps:', '        - Run: make', '  Test:', '    Identifier: aws/managed-test@v1', ''].join('\n');
    const [d] = yamlErrors(text, 'workflow');
    expect(d).toMatchObject({ line: 6, col: 1 });
    expect(d!.fix).toBe('Indent line 6 to column 5, like "Identifier: aws/build@v1" on line 5, keeping the lines under it deeper.');
  });
});
