import { homedir } from 'node:os';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validateFileMap } from '../../src/index.js';
import { validateOptions } from '../../src/options/validate.js';
import type { ProjectPart } from '../../src/model/project.js';
import { blueprint, CASES, catalogue, optionsOf, renderSet, REPO_ROOT } from './harness.js';
import { FIXTURES } from './option-sets.js';
import { COMMIT_STATE_NOTE } from '../../blueprints/shared/files-table.js';
import { EDITOR_SCHEMA_DIR } from '../../src/io/editor-settings.js';

describe('catalogue: every blueprint has an option-set fixture', () => {
  it.each(catalogue.map((b) => b.id))('%s has a second option set in test/catalogue/option-sets.ts', (id) => {
    expect(FIXTURES[id], `add a fixture for "${id}" to test/catalogue/option-sets.ts`).toBeDefined();
    // A second set equal to the defaults would test nothing new.
    expect(optionsOf(blueprint(id), 'alternative')).not.toEqual(optionsOf(blueprint(id), 'defaults'));
  });

  it('has no fixture for a blueprint that is not in the catalogue', () => {
    expect(Object.keys(FIXTURES).filter((id) => !catalogue.some((b) => b.id === id))).toEqual([]);
  });
});

describe.each(CASES)('catalogue: $id with its $set options', ({ id, set }) => {
  const bp = blueprint(id);
  const options = optionsOf(bp, set);

  it('the options satisfy the blueprint option schema, and every option is described', () => {
    expect(validateOptions(bp, options)).toEqual([]);
    const props = (bp.options['properties'] ?? {}) as Record<string, { description?: string }>;
    for (const [name, schema] of Object.entries(props)) expect(schema.description, `option "${name}"`).toMatch(/\S/);
  });

  it('renders files that pass the project validators with no error', () => {
    const files = renderSet(id, set);
    expect(files.size).toBeGreaterThan(0);
    const errors = validateFileMap(files).filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('every structured file parses back to the value the blueprint rendered', () => {
    const files = renderSet(id, set);
    const parts = bp.render(options).files as readonly ProjectPart[];
    const structured = parts.filter((p) => p.type === 'yaml' || p.type === 'json');
    for (const p of structured) {
      const f = files.get(p.path);
      expect(f, p.path).toBeDefined();
      const back = p.type === 'json' ? JSON.parse(f!.content) : parse(f!.content);
      expect(back, p.path).toEqual(JSON.parse(JSON.stringify((p as { value: unknown }).value)));
    }
  });

  it('the README tells the user to commit .catalyst-gen/ (manifest and base/), in the shared words', () => {
    const readme = renderSet(id, set).get('README.md');
    expect(readme, 'every blueprint writes a README').toBeDefined();
    expect(readme!.content).toContain(COMMIT_STATE_NOTE);
    expect(COMMIT_STATE_NOTE).toMatch(/`\.catalyst-gen\/manifest\.json`[\s\S]*`\.catalyst-gen\/base\/`[\s\S]*`catalyst-gen update` needs both/);
  });

  it('renders the same bytes twice', () => {
    const a = renderSet(id, set);
    const b = renderSet(id, set);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [path, f] of a) expect(b.get(path), path).toEqual(f);
  });

  it('gives every file an ownership mode and an LF, newline-terminated, machine-independent content', () => {
    for (const f of renderSet(id, set).values()) {
      expect(['managed', 'seed', 'merged'], f.path).toContain(f.mode);
      expect(f.content.endsWith('\n'), f.path).toBe(true);
      expect(f.content.includes('\r'), f.path).toBe(false);
      // No path of this machine (the repository, the home folder) leaks into the output.
      expect(f.content.includes(REPO_ROOT), f.path).toBe(false);
      expect(f.content.includes(homedir()), f.path).toBe(false);
    }
  });
});

describe.each(catalogue.map((b) => b.id))('catalogue golden files: %s (defaults)', (id) => {
  it('matches the golden files', async () => {
    const files = renderSet(id, 'defaults');
    // The list of paths is a golden file too, so a file that disappears is noticed.
    await expect([...files.keys()].join('\n') + '\n').toMatchFileSnapshot(`__golden__/${id}/defaults.files.txt`);
    for (const f of files.values()) {
      // Copies of schemas/ (listed above); editor-settings.test.ts checks each against `catalyst-gen schema`.
      if (f.path.startsWith(`${EDITOR_SCHEMA_DIR}/`)) continue;
      await expect(f.content).toMatchFileSnapshot(`__golden__/${id}/defaults/${goldenPath(f.path)}`);
    }
  });
});

/**
 * Golden copies live inside this repository, so some must not keep their names: a `.gitignore` would hide
 * files from git, and a `*.test.ts` would be collected by this repository's vitest.
 */
function goldenPath(path: string): string {
  return path.replace(/(^|\/)\.gitignore$/, '$1gitignore.golden').replace(/\.(test|spec)\.([cm]?[jt]s)$/, '.$1.$2.golden');
}
