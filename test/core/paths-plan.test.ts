import { describe, expect, it } from 'vitest';
import { parseManifest, serializeManifest, sha256, type Manifest } from '../../src/io/manifest.js';
import { hasDrift, planWrites } from '../../src/io/plan.js';
import type { RenderedFile } from '../../src/model/file-map.js';
import { normalizeRelativePath } from '../../src/render/paths.js';

describe('normalizeRelativePath', () => {
  it.each([
    ['a/./b//c.txt', 'a/b/c.txt'],
    ['./README.md', 'README.md'],
  ])('normalizes %s', (input, expected) => {
    expect(normalizeRelativePath(input)).toEqual({ ok: true, path: expected });
  });

  it.each(['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\b', '', '.', 'a\u0000b', 'a/\u0007'])('refuses %j', (input) => {
    expect(normalizeRelativePath(input).ok).toBe(false);
  });
});

const file = (path: string, content: string, mode: RenderedFile['mode'] = 'managed'): RenderedFile => ({ path, content, mode, kind: 'text', executable: false });
const manifestFor = (files: Record<string, string>, modes: Record<string, RenderedFile['mode']> = {}): Manifest => ({
  manifestVersion: 1,
  generator: { name: 'catalyst-gen', version: '0' },
  blueprint: { id: 'b', version: '1' },
  options: {},
  files: Object.fromEntries(Object.entries(files).map(([p, c]) => [p, { sha256: sha256(c), mode: modes[p] ?? 'managed' }])),
});

describe('planWrites', () => {
  const files = new Map([
    ['a', file('a', 'A2')],
    ['b', file('b', 'B')],
    ['c', file('c', 'C2')],
    ['s', file('s', 'S2', 'seed')],
    ['n', file('n', 'N')],
  ]);

  it('decides create, update, unchanged, keep and conflict', () => {
    const disk = new Map<string, string | undefined>([
      ['a', 'A1'], // generated earlier, untouched: update
      ['b', 'B'], // same: unchanged
      ['c', 'C-user'], // changed by the user: conflict
      ['s', 'S-user'], // seed: kept
      ['n', undefined], // new
    ]);
    const manifest = manifestFor({ a: 'A1', b: 'B', c: 'C1', s: 'S1', old: 'O' }, { s: 'seed' });
    const plan = planWrites({ files, disk, manifest });
    expect(Object.fromEntries(plan.entries.map((e) => [e.path, e.action]))).toEqual({ a: 'update', b: 'unchanged', c: 'conflict', s: 'keep', n: 'create' });
    expect(plan.obsolete).toEqual(['old']);
    expect(hasDrift(plan)).toBe(true);
  });

  it('treats an existing file that catalyst-gen never wrote as a conflict, and --force as an update', () => {
    const disk = new Map<string, string | undefined>([['b', 'mine']]);
    const only = new Map([['b', file('b', 'B')]]);
    expect(planWrites({ files: only, disk }).entries[0]).toMatchObject({ action: 'conflict', reason: expect.stringContaining('not written by catalyst-gen') });
    expect(planWrites({ files: only, disk, force: true }).entries[0]).toMatchObject({ action: 'update' });
  });

  it('has no drift when everything is unchanged', () => {
    const only = new Map([['b', file('b', 'B')]]);
    expect(hasDrift(planWrites({ files: only, disk: new Map([['b', 'B']]) }))).toBe(false);
  });
});

describe('parseManifest (untrusted input)', () => {
  const good = manifestFor({ 'a/b.txt': 'x' });

  it('round-trips', () => {
    expect(parseManifest(serializeManifest(good))).toEqual({ ok: true, manifest: good });
  });

  it.each([
    ['not JSON', '{'],
    ['a list', '[]'],
    ['an unknown version', JSON.stringify({ ...good, manifestVersion: 2 })],
    ['a path leaving the folder', JSON.stringify({ ...good, files: { '../x': { sha256: 'a'.repeat(64), mode: 'managed' } } })],
    ['an absolute path', JSON.stringify({ ...good, files: { '/etc/x': { sha256: 'a'.repeat(64), mode: 'managed' } } })],
    ['a bad hash', JSON.stringify({ ...good, files: { x: { sha256: 'zz', mode: 'managed' } } })],
    ['an unknown mode', JSON.stringify({ ...good, files: { x: { sha256: 'a'.repeat(64), mode: 'mine' } } })],
  ])('refuses %s', (_, text) => {
    expect(parseManifest(text).ok).toBe(false);
  });
});
