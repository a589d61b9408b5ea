import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_KINDS } from '../../src/validate/kinds.js';
import { validateText } from '../../src/validate/file-core.js';
import { detectKind, detectKindFromContent, loadValidators, registeredKinds, validatorFor } from '../../src/validate/registry.js';
import { anyValidatorFor } from '../../src/validate/validators.js';

// The table of kinds (`kinds.ts`) says how to recognize each kind with its cheap checks only; each validator module
// is imported when a file of its kind is validated. Detection must not depend on which validators are loaded.

const PATHS: readonly [string, string | undefined][] = [
  ['/r/.codecatalyst/workflows/build.yaml', 'workflow'],
  ['/r/.codecatalyst/workflows/build.yml', 'workflow'],
  ['/r/.codecatalyst/workflows/build.YAML', undefined],
  ['/r/.codecatalyst/workflows/buildspec.yml', 'buildspec'],
  ['/r/buildspec.yml', 'buildspec'],
  ['/r/BuildSpec.YAML', 'buildspec'],
  ['/r/buildspecs/test.yaml', 'buildspec'],
  ['/r/devfile.yaml', 'devfile'],
  ['/r/.devfile.yml', 'devfile'],
  ['/r/sub/devfile.yml', 'devfile'],
  ['/r/devfile.json', undefined],
  ['/r/config.yaml', undefined],
  [join('C:', 'r', '.codecatalyst', 'workflows', 'a.yaml').split('/').join('\\'), 'workflow'],
];

const SHAPES: readonly [unknown, string | undefined][] = [
  [{ Name: 'w', SchemaVersion: '1.0', Actions: {} }, 'workflow'],
  [{ SchemaVersion: '1.0', Triggers: [] }, 'workflow'],
  [{ Build: { Identifier: 'aws/build@v1' } }, 'workflow'],
  [{ schemaVersion: '2.0.0', components: [] }, 'devfile'],
  [{ version: 0.2, phases: {} }, 'buildspec'],
  [{ version: 0.2 }, undefined],
  [{ a: 1 }, undefined],
  [[1, 2], undefined],
];

describe('lazy validator registry', () => {
  it('knows every kind, in the same order, before any validator is loaded', () => {
    expect(registeredKinds()).toEqual(['yaml', 'json', 'buildspec', 'iam-policy', 'cloudformation', 'devfile', 'workflow']);
    expect(() => validatorFor('workflow')).toThrow(/not loaded/);
  });

  it.each(PATHS)('detects %s by path as %s, with no validator loaded', (path, kind) => {
    expect(detectKind(path)).toBe(kind);
  });

  it.each(SHAPES)('detects %j by shape as %s, with no validator loaded', (value, kind) => {
    expect(detectKindFromContent(value)).toBe(kind);
  });

  it('loads only the validators asked for, and then validates as the eager registry does', async () => {
    await loadValidators(['workflow']);
    expect(validatorFor('workflow')?.kind).toBe('workflow');
    expect(() => validatorFor('devfile')).toThrow(/not loaded/);
    expect(() => validatorFor('buildspec')).toThrow(/not loaded/);
    const eager = await import('../../src/validate/file.js');
    const text = 'Name: w\nSchemaVersion: 1.0\nActions:\n  Build:\n    Identifier: aws/build@v1\n    Inputs:\n      Sources: [WorkflowSource]\n    Configuration:\n      Steps:\n        - Run: echo ${Missing.X}\n';
    const lazy = validateText(text, 'w.yaml', 'workflow');
    expect(lazy.length).toBeGreaterThan(0);
    expect(eager.validateText(text, 'w.yaml', 'workflow')).toEqual(lazy);
    // Importing the eager module registers nothing: the lazy validators are still only those loaded.
    expect(() => validatorFor('devfile')).toThrow(/not loaded/);
    for (const [path, kind] of PATHS) expect(detectKind(path)).toBe(kind);
    for (const [value, kind] of SHAPES) expect(detectKindFromContent(value)).toBe(kind);
  });

  it('the table of kinds loads the same validator for each kind as the eager entry points use', async () => {
    for (const k of FILE_KINDS) expect(await k.load(), k.kind).toBe(anyValidatorFor(k.kind)?.validate);
    expect(anyValidatorFor('text')).toBeUndefined();
  });
});
