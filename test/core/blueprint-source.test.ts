import { describe, expect, it } from 'vitest';
import { CatalystError, InternalError, ValidationError } from '../../src/errors.js';
import { definitionProblems, defineBlueprint, isBlueprint } from '../../src/model/blueprint.js';
import { formatSourceSpec, parseRecordedSource, parseSourceSpec } from '../../src/model/blueprint-source.js';
import { parseManifest, serializeManifest } from '../../src/io/manifest.js';
import { formatCommandLine, setArgumentsFor } from '../../src/options/command-line.js';
import { applyAssignments, mergeOptions, parseSetArgument } from '../../src/options/resolve.js';

describe('blueprint sources as users write them', () => {
  it.each([
    ['three-tier-web', { kind: 'catalogue', id: 'three-tier-web' }],
    ['./service.ts', { kind: 'path', path: './service.ts' }],
    ['../blueprints', { kind: 'path', path: '../blueprints' }],
    ['/abs/bp.mjs', { kind: 'path', path: '/abs/bp.mjs' }],
    ['blueprints/service', { kind: 'path', path: 'blueprints/service' }],
    ['service.js', { kind: 'path', path: 'service.js' }],
    ['.', { kind: 'path', path: '.' }],
    ['@acme/service-blueprint', { kind: 'package', name: '@acme/service-blueprint' }],
    ['@acme/service-blueprint@1.2.0', { kind: 'package', name: '@acme/service-blueprint', range: '1.2.0' }],
    ['@acme/service-blueprint@^2', { kind: 'package', name: '@acme/service-blueprint', range: '^2' }],
    ['npm:service-blueprint', { kind: 'package', name: 'service-blueprint' }],
    ['npm:service-blueprint@latest', { kind: 'package', name: 'service-blueprint', range: 'latest' }],
  ])('%s', (text, spec) => {
    expect(parseSourceSpec(text)).toEqual({ ok: true, spec });
  });

  it.each([
    ['', /empty/],
    ['Three Tier', /neither a blueprint id/],
    ['@Acme/Service', /not a valid npm package name/],
    ['npm:../escape', /not a valid npm package name/],
    ['@acme/x@git+https://evil/x.git', /not a version, range or dist-tag/],
    ['npm:x@file:../y', /not a version, range or dist-tag/],
    ['x\u0000y', /control character/],
  ])('refuses %j', (text, reason) => {
    const r = parseSourceSpec(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('writes a package back the way it parses', () => {
    for (const text of ['@acme/x@1.0.0', 'npm:x', 'npm:x@^2']) {
      const r = parseSourceSpec(text);
      expect(r.ok && formatSourceSpec(r.spec)).toBe(text);
    }
  });
});

describe('the source a manifest records (untrusted)', () => {
  it.each([{ type: 'builtin' }, { type: 'path', path: '../blueprints/service.ts' }, { type: 'package', name: '@acme/x', version: '1.2.0' }])('accepts %j', (s) => {
    expect(parseRecordedSource(s)).toEqual({ ok: true, source: s });
  });

  it.each([
    [{ type: 'path', path: '/etc/passwd.js' }, /relative path/],
    [{ type: 'path', path: 'C:/x.ts' }, /relative path/],
    [{ type: 'path', path: 'a\\b.ts' }, /relative path/],
    [{ type: 'package', name: '@acme/x', version: '^1' }, /exact version/],
    [{ type: 'package', name: 'ACME', version: '1.0.0' }, /npm package name/],
    [{ type: 'git', url: 'x' }, /not builtin, path or package/],
    ['builtin', /must be an object/],
  ])('refuses %j', (s, reason) => {
    const r = parseRecordedSource(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('survives a manifest round trip, and a manifest without one (written before sources) still reads', () => {
    const manifest = { manifestVersion: 1 as const, generator: { name: 'catalyst-gen' as const, version: '0.1.0' }, blueprint: { id: 'service', version: '1.0.0', source: { type: 'package' as const, name: '@acme/x', version: '1.0.0' } }, options: {}, files: {} };
    const back = parseManifest(serializeManifest(manifest));
    expect(back.ok && back.manifest.blueprint).toEqual(manifest.blueprint);
    const old = parseManifest(JSON.stringify({ ...manifest, blueprint: { id: 'starter', version: '1.0.0' } }));
    expect(old.ok && old.manifest.blueprint).toEqual({ id: 'starter', version: '1.0.0' });
    const bad = parseManifest(JSON.stringify({ ...manifest, blueprint: { id: 'x', version: '1.0.0', source: { type: 'path', path: '/tmp/evil.js' } } }));
    expect(bad).toEqual({ ok: false, reason: 'blueprint.source.path must be a relative path with "/" separators' });
  });
});

describe('blueprint definitions checked at run time (code from a file may be plain JavaScript)', () => {
  const good = { id: 'ok', displayName: 'Ok', description: 'Ok.', version: '1.2.3', options: { type: 'object' }, defaults: {}, render: () => ({ files: [] }) };

  it('accepts a well-formed definition', () => {
    expect(definitionProblems(good)).toEqual([]);
    expect(isBlueprint(defineBlueprint<any>(good))).toBe(true);
    expect(isBlueprint(good)).toBe(false);
  });

  it('names every problem at once', () => {
    expect(definitionProblems({ ...good, id: 'Bad Id', version: 'one', render: 'x', templates: { a: 1 } })).toEqual([
      'id "Bad Id" must be lowercase words joined by "-"',
      'version "one" must be a semantic version such as 1.0.0',
      'render must be a function',
      'templates must map template names to Handlebars text',
    ]);
    expect(() => defineBlueprint<any>({ ...good, displayName: '' })).toThrow(/displayName must be a non-empty string/);
  });
});

describe('errors across copies of the library', () => {
  // A blueprint's `import 'catalyst-gen'` may load another copy of the library: its error classes are others
  // of the same names. Simulate that copy with look-alike classes carrying the same brand.
  const brand = Symbol.for('catalyst-gen.error');
  class OtherCatalystError extends Error {
    readonly [brand] = true;
  }
  class ValidationErrorCopy extends OtherCatalystError {}
  Object.defineProperty(OtherCatalystError, 'name', { value: 'CatalystError' });
  Object.defineProperty(ValidationErrorCopy, 'name', { value: 'ValidationError' });

  it('recognises a branded error by class name, and nothing else', () => {
    const e = new ValidationErrorCopy('options refused');
    expect(e instanceof ValidationError).toBe(true);
    expect(e instanceof CatalystError).toBe(true);
    expect(e instanceof InternalError).toBe(false);
    expect(new Error('plain') instanceof CatalystError).toBe(false);
    expect(new ValidationError('own') instanceof ValidationError).toBe(true);
  });
});

describe('the command line that repeats the wizard', () => {
  const defaults = { name: 'orders', runtime: 'nodejs20', stages: [{ name: 'dev', account: '111111111111' }], tags: ['a'] };
  const schema = {
    type: 'object',
    properties: {
      name: { type: 'string' },
      runtime: { type: 'string' },
      stages: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, account: { type: 'string' } } } },
      tags: { type: 'array', items: { type: 'string' } },
      alarms: { type: 'object', properties: { email: { type: 'string' } } },
    },
  };

  it('gives --set for each change, and --set read back gives the same options', () => {
    const values = { name: 'bill ing', runtime: 'nodejs20', stages: [{ name: 'dev', account: '111111111111' }, { name: 'prod', account: '222222222222' }], tags: ['x', 'y z'], alarms: { email: 'o@example.com' } };
    const sets = setArgumentsFor(defaults, values)!;
    expect(sets).toEqual(['name=bill ing', 'stages=[{"name":"dev","account":"111111111111"},{"name":"prod","account":"222222222222"}]', 'tags=x,y z', 'alarms.email=o@example.com']);
    const assignments = sets.map((s) => {
      const r = parseSetArgument(s, schema);
      if (!r.ok) throw new Error(r.finding.message);
      return r.assignment;
    });
    expect(applyAssignments(mergeOptions(defaults), assignments).values).toEqual(values);
  });

  it('says when --set cannot express the answers (an option the defaults have was left out)', () => {
    expect(setArgumentsFor({ ...defaults, alarms: { email: 'x@y.z' } }, defaults)).toBeUndefined();
    expect(setArgumentsFor(defaults, defaults)).toEqual([]);
  });

  it('quotes for a POSIX shell only what needs it', () => {
    expect(formatCommandLine(['catalyst-gen', 'new', './a b', '--set', 'x=it\'s', '--set', 'stages=[{"a":1}]'])).toBe(
      `catalyst-gen new './a b' --set 'x=it'\\''s' --set 'stages=[{"a":1}]'`,
    );
  });
});
