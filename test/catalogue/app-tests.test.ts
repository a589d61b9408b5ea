import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileMap } from '../../src/model/file-map.js';
import { CASES, hasPytest, renderSet, REPO_ROOT, writeProject } from './harness.js';

/** Generated Python tests (pytest's default discovery: test_*.py / *_test.py). */
const pythonTests = (files: FileMap) => [...files.keys()].filter((p) => /(^|\/)(test_[^/]*|[^/]*_test)\.py$/.test(p));
/** Generated Node tests run by `node --test` (plain JavaScript: the generated TypeScript tests need their app's tooling). */
const nodeTests = (files: FileMap) => [...files.keys()].filter((p) => /(^|\/)(test\.[cm]?js|[^/]*\.test\.[cm]?js)$/.test(p));

function rendered(id: string, set: (typeof CASES)[number]['set']): FileMap | undefined {
  try {
    return renderSet(id, set);
  } catch {
    return undefined; // reported by render.test.ts
  }
}

const withPython = CASES.filter(({ id, set }) => pythonTests(rendered(id, set) ?? new Map()).length > 0);
const withNode = CASES.filter(({ id, set }) => nodeTests(rendered(id, set) ?? new Map()).length > 0);

/** Dependencies the root package.json declares that are not installed in this repository. */
function missingDependencies(files: FileMap): string[] {
  const pkg = files.get('package.json');
  if (!pkg) return [];
  const deps = Object.keys((JSON.parse(pkg.content) as { dependencies?: Record<string, string> }).dependencies ?? {});
  return deps.filter((d) => !existsSync(join(REPO_ROOT, 'node_modules', d, 'package.json')));
}

describe('catalogue: generated application tests', () => {
  it('the Python blueprints have tests to run', () => {
    expect(withPython.map((c) => c.id)).toEqual(expect.arrayContaining(['three-tier-web', 'serverless-python']));
  });

  describe.skipIf(!hasPytest)('python3 -m pytest', () => {
    it.each(withPython)('$id ($set): the generated pytest suite passes', ({ id, set }) => {
      const files = renderSet(id, set);
      const dir = writeProject(files, 'pytest', id, set);
      const r = spawnSync('python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', ...pythonTests(files)], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
      });
      expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
      // Tests were collected and ran: pytest prints "N passed".
      expect(r.stdout).toMatch(/\b[1-9]\d* passed\b/);
      expect(r.stdout).not.toMatch(/\bskipped\b/);
    });
  });

  describe.skipIf(!hasPytest)('python3 -m pytest (the check can fail)', () => {
    it('fails when the generated API is broken', () => {
      const files = renderSet('three-tier-web', 'defaults');
      const dir = writeProject(files, 'pytest-broken', 'three-tier-web', 'defaults');
      const app = join(dir, 'api', 'app.py');
      writeFileSync(app, readFileSync(app, 'utf8').replace('return response(200, {"items"', 'return response(500, {"items"'));
      const r = spawnSync('python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', ...pythonTests(files)], { cwd: dir, encoding: 'utf8' });
      expect(r.status).not.toBe(0);
      expect(r.stdout).toMatch(/\b1 failed\b/);
    });
  });

  describe.skipIf(hasPytest)('python3 -m pytest', () => {
    it.skip('python3 with pytest is not available: install pytest (python3 -m pip install pytest) to run the generated Python tests', () => {});
  });

  // A project whose package.json needs packages this repository does not have (private-build's mathjs, which
  // its build installs from CodeArtifact) cannot run its tests offline: named as skipped, not silently dropped.
  const offline = withNode.filter(({ id, set }) => missingDependencies(renderSet(id, set)).length === 0);
  for (const { id, set } of withNode.filter((c) => !offline.includes(c))) {
    it.skip(`${id} (${set}): node --test needs ${missingDependencies(renderSet(id, set)).join(', ')} from a registry (npm install); not run offline`, () => {});
  }
  if (offline.length === 0) {
    it.skip('no blueprint renders plain JavaScript tests that run offline: nothing for node --test', () => {});
  } else {
    it.each(offline)('$id ($set): the generated node tests pass with node --test', ({ id, set }) => {
      const files = renderSet(id, set);
      const dir = writeProject(files, 'node-test', id, set);
      const r = spawnSync(process.execPath, ['--test', ...nodeTests(files).map((p) => join(dir, p))], { cwd: dir, encoding: 'utf8' });
      expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/# pass [1-9]/);
    });
  }
});
