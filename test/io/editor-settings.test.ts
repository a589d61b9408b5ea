import { describe, expect, it } from 'vitest';
import { editorSettingsFiles, withEditorSettings } from '../../src/io/editor-settings.js';
import type { FileMap, RenderedFile } from '../../src/model/file-map.js';
import type { FileKind } from '../../src/model/project.js';

const file = (path: string, kind: FileKind, content = 'x: 1\n'): RenderedFile => ({ path, kind, content, mode: 'managed', executable: false });
const map = (...files: RenderedFile[]): FileMap => new Map(files.map((f) => [f.path, f]));
const settingsOf = (files: readonly RenderedFile[]) => JSON.parse(files.find((f) => f.path === '.vscode/settings.json')!.content)['yaml.schemas'];

describe('editor settings for a render', () => {
  it('maps workflows by their folder, anything else by its own path, each schema once', () => {
    const out = editorSettingsFiles(
      map(
        file('.codecatalyst/workflows/a.yaml', 'workflow'),
        file('.codecatalyst/workflows/b.yml', 'workflow'),
        file('ci/release-workflow.yaml', 'workflow'),
        file('build/one.yml', 'buildspec'),
        file('build/two.yml', 'buildspec'),
        file('infra/template.yaml', 'cloudformation'),
        file('config.yaml', 'yaml'),
      ),
    );
    expect(settingsOf(out)).toEqual({
      './.vscode/schemas/buildspec.schema.json': ['/build/one.yml', '/build/two.yml'],
      './.vscode/schemas/workflow.lenient.schema.json': ['/.codecatalyst/workflows/*.yaml', '/.codecatalyst/workflows/*.yml', '/ci/release-workflow.yaml'],
    });
    expect(out.map((f) => [f.path, f.mode])).toEqual([
      ['.vscode/schemas/buildspec.schema.json', 'managed'],
      ['.vscode/schemas/workflow.lenient.schema.json', 'managed'],
      ['.vscode/settings.json', 'seed'],
    ]);
  });

  it('picks the devfile schema of the file\'s schemaVersion, as validate does', () => {
    const out = editorSettingsFiles(map(file('devfile.yaml', 'devfile', 'schemaVersion: 2.2.0\nmetadata:\n  name: x\n')));
    expect(Object.keys(settingsOf(out))).toEqual(['./.vscode/schemas/devfile-2.2.schema.json']);
  });

  it('adds nothing to a render without devfiles, workflows or buildspecs', () => {
    const files = map(file('README.md', 'text'), file('template.yaml', 'cloudformation'));
    expect(editorSettingsFiles(files)).toEqual([]);
    expect(withEditorSettings(files)).toBe(files);
  });

  it('adds nothing when the blueprint renders one of these paths itself, rather than replacing its file', () => {
    const own = { ...file('.vscode/schemas/devfile.schema.json', 'json', '{}\n'), mode: 'seed' as const };
    const files = map(file('devfile.yaml', 'devfile', 'schemaVersion: 2.0.0\n'), own);
    expect(editorSettingsFiles(files)).toEqual([]);
    expect(withEditorSettings(files).get(own.path)).toBe(own);
  });

  it('keeps the file map in code-point order', () => {
    const out = withEditorSettings(map(file('.codecatalyst/workflows/a.yaml', 'workflow'), file('README.md', 'text')));
    expect([...out.keys()]).toEqual(['.codecatalyst/workflows/a.yaml', '.vscode/schemas/workflow.lenient.schema.json', '.vscode/settings.json', 'README.md']);
  });
});
