import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';
import { validateText } from '../../src/validate/file.js';
import { detectKind } from '../../src/validate/registry.js';

const bad = `version: 0.2
env:
  variables:
    DB_PASSWORD: hunter2
    CODEBUILD_X: y
  exported-variables:
    - AWS_REGION
phases:
  install:
    runtime-versions:
      python: 3.10
      nodejs: 16
  prebuild:
    commands:
      - echo
  build:
    commands: []
  post_build:
    runtime-versions:
      nodejs: 20
    commands:
      - echo done
`;

function codesAt(text: string, options = {}) {
  return validateText(text, 'buildspec.yml', 'buildspec', options).map((d) => `${d.line}:${d.col} ${d.severity} ${d.code}`);
}

describe('buildspec validator', () => {
  it('reports each fault once, at its line and column', () => {
    // Errors only where CodeBuild rejects the file or does what the author cannot have meant; what it runs
    // is a warning (nodejs 16: installed at build time; an empty build phase) or a note (3.10 unquoted,
    // which CodeBuild reads as written, as its own guide writes it).
    expect(codesAt(bad, { buildImage: 'aws/codebuild/standard:7.0' })).toEqual([
      '4:18 warning BUILDSPEC-SECRET-IN-VARIABLES',
      '5:5 error BUILDSPEC-RESERVED-VARIABLE',
      '7:7 error BUILDSPEC-EXPORTED-VARIABLE',
      '11:15 info BUILDSPEC-RUNTIME-VERSION-NUMBER',
      '12:15 warning BUILDSPEC-RUNTIME-VERSION',
      '13:3 error BUILDSPEC-UNKNOWN-PHASE',
      '17:5 warning BUILDSPEC-EMPTY-COMMANDS',
      '19:5 error BUILDSPEC-RUNTIME-VERSIONS-PHASE',
    ]);
  });

  it('says what to do: did-you-mean for a misspelt phase, quotes for 3.10', () => {
    const diags = validateText(bad, 'buildspec.yml', 'buildspec', { buildImage: 'aws/codebuild/standard:7.0' });
    expect(diags.find((d) => d.code === 'BUILDSPEC-UNKNOWN-PHASE')?.fix).toBe('Did you mean "pre_build"?');
    expect(diags.find((d) => d.code === 'BUILDSPEC-RUNTIME-VERSION-NUMBER')?.fix).toBe('Quote it: python: "3.10".');
  });

  it('checks runtime versions against the chosen image', () => {
    const text = 'version: 0.2\nphases:\n  install:\n    runtime-versions:\n      nodejs: 18\n      rust: 1.93\n';
    expect(codesAt(text, { buildImage: 'aws/codebuild/amazonlinux-x86_64-standard:5.0' })).toEqual(['6:7 error BUILDSPEC-RUNTIME-UNKNOWN']);
    // nodejs 18 is not pre-installed on standard:8.0, but CodeBuild installs it at build time (a custom runtime version).
    expect(codesAt(text, { buildImage: 'aws/codebuild/standard:8.0' })).toEqual(['5:15 warning BUILDSPEC-RUNTIME-VERSION']);
    expect(codesAt('version: 0.2\nphases:\n  install:\n    runtime-versions:\n      ruby: 2.6\n', { buildImage: 'aws/codebuild/standard:8.0' })).toEqual(['5:13 error BUILDSPEC-RUNTIME-VERSION']);
    expect(codesAt(text)).toEqual([]);
    expect(codesAt('version: 0.2\nphases:\n  install:\n    runtime-versions:\n      nodejs: 22.x\n      python: latest\n      java: $JAVA\n', { buildImage: 'aws/codebuild/standard:8.0' })).toEqual([]);
  });

  it('flags a credential in a plain variable as an error', () => {
    const text = 'version: 0.2\nenv:\n  variables:\n    KEY_ID: AKIAIOSFODNN7EXAMPLE\nphases:\n  build:\n    commands: [make]\n';
    expect(codesAt(text)).toEqual(['4:13 error BUILDSPEC-SECRET-IN-VARIABLES']);
  });

  it('accepts the string version and 0.1 with a warning, rejects unknown top-level keys', () => {
    expect(codesAt('version: "0.2"\nphases:\n  build:\n    commands: [make]\n')).toEqual(['1:10 warning BUILDSPEC-VERSION-STRING']);
    // The reference: "Although version 0.1 is still supported, we recommend that you use version 0.2".
    expect(codesAt('version: 0.1\nphases:\n  build:\n    commands: [make]\n')).toEqual(['1:10 warning BUILDSPEC-VERSION-0-1']);
    expect(codesAt('version: 0.2\nphase:\n  build:\n    commands: [make]\n')).toEqual(['1:1 error BUILDSPEC-SCHEMA-REQUIRED', '2:1 error BUILDSPEC-SCHEMA-ADDITIONALPROPERTIES']);
  });

  it('warns about empty commands, empty finally and an empty list item, which CodeBuild runs', () => {
    expect(codesAt('version: 0.2\nphases:\n  build:\n    commands:\n    finally: []\n')).toEqual(['4:5 warning BUILDSPEC-EMPTY-COMMANDS', '5:5 warning BUILDSPEC-EMPTY-COMMANDS']);
    expect(codesAt('version: 0.2\nphases:\n  build:\n    commands:\n      - make\n      - ""\n')).toEqual(['6:9 warning BUILDSPEC-EMPTY-COMMAND']);
    expect(codesAt('version: 0.2\nphases:\n  pre_build:\n')).toEqual(['3:3 warning BUILDSPEC-EMPTY-COMMANDS']);
  });

  it('checks batch builds: one form, known depend-on targets', () => {
    const text = `version: 0.2
batch:
  build-graph:
    - identifier: a
    - identifier: b
      depend-on:
        - c
  build-list:
    - identifier: x
phases:
  build:
    commands: [make]
`;
    expect(codesAt(text)).toEqual(['2:1 error BUILDSPEC-BATCH-FORM', '7:11 error BUILDSPEC-BATCH-DEPEND-ON']);
  });

  it('checks on-failure values and report formats with readable messages', () => {
    const text = 'version: 0.2\nphases:\n  build:\n    on-failure: STOP\n    commands: [make]\nreports:\n  unit:\n    files: [a.xml]\n    file-format: JUNIT_XML\n';
    const diags = validateText(text, 'buildspec.yml', 'buildspec');
    expect(diags.map((d) => `${d.line} ${d.code}`)).toEqual(['4 BUILDSPEC-SCHEMA-PATTERN', '9 BUILDSPEC-SCHEMA-ENUM']);
    expect(diags[0]!.message).toContain('expected ABORT, CONTINUE, RETRY');
    expect(diags[1]!.fix).toBe('Did you mean "JUNITXML"?');
  });

  it('claims buildspec.yml|yaml anywhere and YAML files in buildspecs/', () => {
    for (const p of ['buildspec.yml', 'buildspec.yaml', 'app/buildspec.yml', 'buildspecs/test.yml', 'ci/buildspecs/deploy.yaml']) expect(detectKind(p), p).toBe('buildspec');
    for (const p of ['mybuildspec.yml', 'buildspecs/nested/x.yml', 'buildspec.json']) expect(detectKind(p), p).not.toBe('buildspec');
  });
});

describe('catalyst-gen validate on buildspecs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-buildspec-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds buildspec.yml and buildspecs/*.yml in a folder and prints file:line:col', async () => {
    writeFileSync(join(dir, 'buildspec.yml'), bad);
    mkdirSync(join(dir, 'buildspecs'));
    writeFileSync(join(dir, 'buildspecs', 'ok.yml'), 'version: 0.2\nphases:\n  build:\n    commands:\n      - make\n');
    const out: string[] = [];
    const o: Output = { out: (t) => out.push(t), err: (t) => out.push(t), color: false, stdinIsTty: false };
    const code = await run(['validate', dir], o);
    const text = out.join('\n');
    expect(code).toBe(1);
    expect(text).toMatch(/buildspec\.yml:13:3: error BUILDSPEC-UNKNOWN-PHASE/);
    expect(text).toMatch(/2 files checked: 4 errors, 3 warnings\./);
  });
});
