import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isScalar, parse, parseAllDocuments, visit } from 'yaml';
import { catalogueEntries } from '../../blueprints/catalogue.js';
import { EnvironmentError } from '../../src/errors.js';
import { applyChanges, applyChangesAsync, type FileChanges } from '../../src/io/apply.js';
import { TargetFolder } from '../../src/io/target.js';
import { isYaml11Ambiguous } from '../../src/render/serialize.js';
import { cli, tempDir } from '../helpers/cli.js';

// The shortcuts `new` takes must give what the straightforward code gave: the YAML 1.1 quoting rule without a
// parse per string, and the writes with their disk flushes run together.

/** The rule as it was: parse the string as a YAML 1.1 document and see whether it comes back as itself. */
function ambiguousByParsing(value: string): boolean {
  if (value.length > 40 || !/^[\w.:+\-=<~ ]+$/.test(value)) return false;
  try {
    // logLevel 'error': no warnings printed, errors still thrown (as with the default).
    return parse(value, { version: '1.1', logLevel: 'error' }) !== value;
  } catch {
    return true;
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('isYaml11Ambiguous', () => {
  it('agrees with a YAML 1.1 parse on every string of every blueprint with its defaults', async () => {
    const strings = new Set<string>();
    for (const { id } of catalogueEntries) {
      const dir = join(tempDir(), id);
      expect((await cli('new', id, dir, '--no-input')).code).toBe(0);
      for (const f of filesUnder(dir).filter((p) => /\.ya?ml$/.test(p))) {
        for (const doc of parseAllDocuments(readFileSync(f, 'utf8'))) {
          visit(doc, { Scalar: (_k, n) => void (isScalar(n) && typeof n.value === 'string' && strings.add(n.value)) });
        }
      }
    }
    expect(strings.size).toBeGreaterThan(200);
    const differ = [...strings].filter((s) => isYaml11Ambiguous(s) !== ambiguousByParsing(s));
    expect(differ).toEqual([]);
  });

  it('agrees with a YAML 1.1 parse on the strings that decide it', () => {
    const known = ['yes', 'No', 'ON', 'y', 'n', 'null', '~', '-', '---', '...', 'e5', 'E-3', '-e5', '1:20', '-1:20', '2001-12-14', '2001-12-14 21:59:43.10', '0x1f', '0b10', '0o17', '0755', '.inf', '-.Inf', '.nan', '<<', '=', '+1', '1_000', '3.12', '1e3', '-jar', 'a: b', 'a:', 'a :b', ' a', 'a ', 'a  b', 'AWS::EC2::VPC::Id', 's3:GetObject', 'npm run build', '16Gi'];
    for (const s of known) expect(isYaml11Ambiguous(s), s).toBe(ambiguousByParsing(s));
    const token = fc.constantFrom('yes', 'No', 'y', 'n', 'null', '~', '-', '--', '.', 'e', 'E', '5', '0', '1', '12', ':', ' ', '_', 'a', 'Z', 'x', 'T', '0x', 'b', 'o', '+', '=', '<', 'inf', 'nan');
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 8 }), (parts) => {
        const s = parts.join('');
        expect(isYaml11Ambiguous(s), JSON.stringify(s)).toBe(ambiguousByParsing(s));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('applyChangesAsync', () => {
  const changes: FileChanges = {
    writes: [
      { path: 'README.md', content: '# x\n', executable: false },
      { path: 'bin/run.sh', content: '#!/bin/sh\necho hi\n', executable: true },
      ...Array.from({ length: 150 }, (_, i) => ({ path: `many/f${i}.txt`, content: `${i}\n`, executable: false })),
    ],
    internal: [{ path: '.catalyst-gen/base/README.md', content: '# x\n' }],
    manifest: '{"manifestVersion":1}\n',
  };

  function snapshot(dir: string): Record<string, { text: string; mode: number }> {
    if (!existsSync(dir)) return {};
    return Object.fromEntries(filesUnder(dir).map((p) => [relative(dir, p), { text: readFileSync(p, 'utf8'), mode: statSync(p).mode & 0o777 }]));
  }

  it('writes the same files with the same modes, and reports the same, as applyChanges', async () => {
    const [a, b] = [join(tempDir(), 'p'), join(tempDir(), 'p')];
    const sync = applyChanges(changes, new TargetFolder(a));
    const async = await applyChangesAsync(changes, new TargetFolder(b));
    expect(async).toEqual(sync);
    expect(snapshot(b)).toEqual(snapshot(a));
    expect(Object.keys(snapshot(b))).toHaveLength(changes.writes.length + 2);
  });

  it('writes nothing when a file cannot be staged, after others were flushed', async () => {
    const root = join(tempDir(), 'p');
    mkdirSync(root);
    writeFileSync(join(root, 'blocker'), 'a file where a folder is needed\n');
    const before = snapshot(root);
    const bad: FileChanges = { ...changes, writes: [...changes.writes, { path: 'blocker/inside.txt', content: 'x\n', executable: false }] };
    await expect(applyChangesAsync(bad, new TargetFolder(root))).rejects.toBeInstanceOf(EnvironmentError);
    expect(snapshot(root)).toEqual(before);
    expect(readdirSync(root)).toEqual(['blocker']);
  });
});
