import { describe, expect, it } from 'vitest';
import { catalogueEntries, loadCatalogue } from '../../blueprints/catalogue.js';
import { catalogue } from '../../blueprints/index.js';
import { runList } from '../../src/cli/commands/list.js';
import { table, type Output } from '../../src/cli/output.js';
import { tempDir } from '../helpers/cli.js';

// The CLI lists the catalogue from metadata and loads one blueprint for `new`/`show`; that metadata repeats what
// each blueprint defines, so it must not drift from the blueprints themselves.

const meta = (b: { id: string; displayName: string; version: string; description: string }) => ({ id: b.id, displayName: b.displayName, version: b.version, description: b.description });

function capture(): { o: Output; text: () => string } {
  const out: string[] = [];
  const o: Output = { out: (s: string) => void out.push(s), err: () => {}, color: false, stdinIsTty: false };
  return { o, text: () => out.join('\n') };
}

describe('the lazy catalogue', () => {
  it('lists the same blueprints, in the same order, with the same metadata as the blueprints define', () => {
    expect(catalogueEntries.map(meta)).toEqual(catalogue.map(meta));
  });

  it('loads each blueprint by id: the same object the eager catalogue holds', async () => {
    for (const e of catalogueEntries) expect(await e.load()).toBe(catalogue.find((b) => b.id === e.id));
    expect(await loadCatalogue()).toEqual([...catalogue]);
  });

  it('`list` prints exactly what it printed from the loaded blueprints', async () => {
    // A folder and a config home without catalogue files: the built-in catalogue alone.
    const dir = tempDir();
    const ctx = { cwd: dir, env: { XDG_CONFIG_HOME: dir, CATALYST_GEN_CACHE_DIR: dir }, log: () => {} };
    const t = capture();
    await runList({}, t.o, ctx);
    expect(t.text()).toBe(table([['ID', 'VERSION', 'DESCRIPTION'], ...catalogue.map((b) => [b.id, b.version, b.description])]));
    const j = capture();
    await runList({ json: true }, j.o, ctx);
    expect(j.text()).toBe(JSON.stringify(catalogue.map((b) => ({ ...meta(b), source: 'built-in' })), null, 2));
  });
});
