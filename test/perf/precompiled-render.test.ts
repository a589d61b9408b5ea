import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../blueprints/index.js';
import { cli, snapshotTree, tempDir } from '../helpers/cli.js';

// The built CLI renders with precompiled templates and option schemas (dist/compiled-*); the in-process CLI run
// from source compiles them at run time. Both must write the same bytes for every blueprint.

const BIN = resolve('dist/src/cli/bin.js');
const compiledTemplates = resolve('dist/compiled-templates');

function hbsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? hbsFiles(p) : n.endsWith('.hbs') ? [p] : [];
  });
}

describe.skipIf(!existsSync(BIN) || !existsSync(compiledTemplates))('precompiled templates and option schemas', () => {
  it('every template has a precompiled module made from its current text', () => {
    const req = createRequire(join(compiledTemplates, 'x.cjs'));
    const files = hbsFiles('templates');
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const name = relative('templates', f).split(sep).join('/');
      const mod = req(join(compiledTemplates, `${name}.cjs`)) as { source: string };
      expect(mod.source, name).toBe(readFileSync(f, 'utf8'));
    }
  });

  it.each(catalogue.map((bp) => [bp.id]))('new %s: the built CLI writes the same files as the CLI run from source', async (id) => {
    const fromSource = tempDir('cg-src-');
    const built = tempDir('cg-bin-');
    const a = await cli('new', id, fromSource, '--no-input');
    expect(a.code, a.stderr).toBe(0);
    execFileSync(process.execPath, [BIN, 'new', id, built, '--no-input'], { stdio: 'pipe' });
    const left = snapshotTree(fromSource);
    expect(Object.keys(left).length).toBeGreaterThan(1);
    expect(snapshotTree(built)).toEqual(left);
  });
});
