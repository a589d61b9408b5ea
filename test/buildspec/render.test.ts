import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { ValidationError } from '../../src/errors.js';
import type { BuildspecDef } from '../../src/model/buildspec.js';
import { BUILDSPEC_YES_NO_KEYS, renderBuildspec, runtimeVersionValue } from '../../src/render/buildspec.js';
import { renderCodeArtifactLoginCommands } from '../../src/render/codeartifact.js';
import { serializeYaml } from '../../src/render/serialize.js';
import { validateBuildspec } from '../../src/validate/buildspec/validate.js';
import { validateText } from '../../src/validate/file.js';
import { buildspecScript } from './shell.js';
import { hasShellcheck, shellcheck } from '../helpers/shell.js';
import { SHARED } from '../helpers/files.js';

const SEED = resolve(SHARED, 'seeds', 'private-vpc-cicd-codeartifact.txt');

const full: BuildspecDef = {
  runAs: 'root',
  env: {
    shell: 'bash',
    variables: { NODE_ENV: 'production', APP: 'web' },
    parameterStore: { DB_HOST: '/app/db/host' },
    secretsManager: { DB_PASSWORD: 'prod/db:password' },
    exportedVariables: ['IMAGE_TAG'],
    gitCredentialHelper: true,
  },
  proxy: { uploadArtifacts: false, logs: true },
  phases: {
    install: { runtimeVersions: { nodejs: '20', python: '3.10', java: 'corretto21' }, commands: ['npm ci'], onFailure: 'ABORT' },
    preBuild: { commands: ['npm run lint'], runAs: 'builder' },
    build: { commands: ['npm run build', 'export IMAGE_TAG="$CODEBUILD_RESOLVED_SOURCE_VERSION"'], finally: ['echo build finished'], onFailure: 'RETRY-2' },
    postBuild: { commands: ['npm test'] },
  },
  reports: { unit: { files: ['junit.xml'], baseDirectory: 'reports', fileFormat: 'JUNITXML', discardPaths: true } },
  artifacts: {
    files: ['**/*'],
    baseDirectory: 'dist',
    excludePaths: ['**/*.map'],
    secondaryArtifacts: { docs: { files: ['**/*'], baseDirectory: 'docs' }, bundle: { files: ['bundle.zip'], discardPaths: true } },
  },
  cache: { key: 'npm-$(codebuild-hash-files package-lock.json)', fallbackKeys: ['npm-'], paths: ['/root/.npm/**/*'] },
  codeArtifact: { domain: 'my-domain', domainOwner: '111122223333', repository: 'my-repo', tools: ['npm', 'pip'] },
};

describe('renderBuildspec', () => {
  const wire = renderBuildspec(full);
  const text = serializeYaml(wire, undefined, { plainValuesOf: BUILDSPEC_YES_NO_KEYS });

  it('emits version 0.2 as a number and the keys in the documented order', () => {
    expect(YAML.parse(text).version).toBe(0.2);
    expect(text).toMatch(/^version: 0\.2$/m);
    expect(Object.keys(wire)).toEqual(['version', 'run-as', 'env', 'proxy', 'phases', 'reports', 'artifacts', 'cache']);
    expect(Object.keys(wire['phases'] as object)).toEqual(['install', 'pre_build', 'build', 'post_build']);
  });

  it('serializes to YAML that parses back to the wire value, the same bytes every time', () => {
    expect(YAML.parse(text)).toEqual(wire);
    expect(serializeYaml(renderBuildspec(full), undefined, { plainValuesOf: BUILDSPEC_YES_NO_KEYS })).toBe(text);
  });

  it('uses the service spelling: yes/no flags, kebab-case keys, sorted maps', () => {
    const env = wire['env'] as Record<string, unknown>;
    expect(env['git-credential-helper']).toBe('yes');
    expect(Object.keys(env['variables'] as object)).toEqual(['APP', 'NODE_ENV']);
    expect(Object.keys((wire['artifacts'] as Record<string, object>)['secondary-artifacts']!)).toEqual(['bundle', 'docs']);
    expect((wire['proxy'] as object)).toEqual({ 'upload-artifacts': 'no', logs: 'yes' });
  });

  it('keeps "3.10" a string and emits round-tripping versions as numbers', () => {
    const rt = YAML.parse(text).phases.install['runtime-versions'];
    expect(rt).toEqual({ java: 'corretto21', nodejs: 20, python: '3.10' });
    expect(runtimeVersionValue('3.12')).toBe(3.12);
    expect(runtimeVersionValue('20.x')).toBe('20.x');
  });

  it('puts the CodeArtifact login first in the install phase, before the install commands', () => {
    const cmds = (wire['phases'] as Record<string, { commands: string[] }>)['install']!.commands;
    expect(cmds[0]).toBe("aws codeartifact login --tool npm --domain my-domain --domain-owner 111122223333 --repository my-repo");
    expect(cmds[1]).toMatch(/^aws codeartifact login --tool pip /);
    expect(cmds.at(-1)).toBe('npm ci');
  });

  it('passes its own validator and the file validator without findings', () => {
    expect(validateBuildspec(wire, { image: 'aws/codebuild/amazonlinux-x86_64-standard:5.0' })).toEqual([]);
    expect(validateText(text, 'buildspec.yml', 'buildspec')).toEqual([]);
  });

  it('matches the golden file', async () => {
    await expect(text).toMatchFileSnapshot('./__golden__/full.buildspec.yml');
  });

  it('renders an install phase that only selects runtimes without a commands key', () => {
    const w = renderBuildspec({ phases: { install: { runtimeVersions: { python: '3.12' } }, build: { commands: ['make'] } } });
    expect((w['phases'] as Record<string, object>)['install']).toEqual({ 'runtime-versions': { python: 3.12 } });
    expect(validateBuildspec(w)).toEqual([]);
  });
});

describe.skipIf(!existsSync(SEED))('the seed article (private VPC CI/CD with CodeArtifact), rebuilt from a definition', () => {
  // The article's buildspec: npm from the "Private" repository of domain "private", account from STS.
  const def: BuildspecDef = {
    phases: {
      install: { runtimeVersions: { nodejs: '16' }, commands: ['npm install'] },
      build: { commands: ['node index.js'] },
    },
    codeArtifact: { domain: 'private', repository: 'Private', tools: ['npm'] },
  };
  const wire = renderBuildspec(def);
  const text = serializeYaml(wire, undefined, { plainValuesOf: BUILDSPEC_YES_NO_KEYS });
  const seedText = existsSync(SEED) ? readFileSync(SEED, 'utf8') : '';
  const seedCommands = [...seedText.matchAll(/^ {6}- (.+)$/gm)].map((m) => m[1]!.trim());

  it('reads the seed commands (guards the extraction below)', () => {
    expect(seedCommands).toHaveLength(5);
    expect(seedText).toMatch(/nodejs: 16/);
  });

  it('runs the same steps in the same order as the seed', () => {
    const phases = YAML.parse(text).phases;
    expect(phases.install['runtime-versions']).toEqual({ nodejs: 16 });
    const install: string[] = phases.install.commands;
    expect(install[0]).toBe(seedCommands[0]); // export AWS_STS_REGIONAL_ENDPOINTS=regional
    // The account lookup: same CLI call and flags, with $(...) and quotes instead of backticks.
    expect(words(install[1]!.replace(/^.*="\$\((.*)\)"$/, '$1'))).toEqual(words(seedCommands[1]!.replace(/^ACCT=`(.*)`$/, '$1')).map((w) => (w === '${AWS_REGION}' ? '"${AWS_REGION}"' : w)));
    // The login: the same flags with the same values; only the variable holding the account is renamed.
    expect(flags(install[2]!)).toEqual({ ...flags(seedCommands[2]!), 'domain-owner': '"${CODEARTIFACT_DOMAIN_OWNER}"' });
    expect(install[3]).toBe(seedCommands[3]); // npm install
    expect(phases.build.commands).toEqual([seedCommands[4]]); // node index.js
  });

  it('validates: no errors, and a warning that nodejs 16 is gone from current images', () => {
    const diags = validateText(text, 'buildspec.yml', 'buildspec');
    expect(diags.filter((d) => d.severity === 'error')).toEqual([]);
    expect(diags.map((d) => d.code)).toEqual(['BUILDSPEC-RUNTIME-VERSION']);
    // On the article's own image, whose runtimes catalyst-gen does not list, nothing is claimed about the version.
    expect(validateBuildspec(wire, { image: 'aws/codebuild/amazonlinux2-x86_64-standard:4.0' }).filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it.skipIf(!hasShellcheck)('passes shellcheck', () => {
    const r = shellcheck(buildspecScript(wire));
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('hostile CodeArtifact names are refused before rendering', () => {
  const base = { domain: 'my-domain', repository: 'my-repo', tools: ['npm'] as const };
  it.each([
    ['domain', 'x; rm -rf ~'],
    ['domain', '$(curl evil)'],
    ['domain', '`id`'],
    ['repository', "repo' && curl evil '"],
    ['repository', 'a\nb'],
    ['domainOwner', '12345678901'],
    ['domainOwner', '111122223333; id'],
    ['region', 'us-east-1 --endpoint-url http://evil'],
    ['namespace', '@scope;id'],
  ])('%s %j', (key, value) => {
    const def = { ...base, [key]: value };
    expect(() => renderBuildspec({ phases: { build: { commands: ['make'] } }, codeArtifact: def })).toThrow(ValidationError);
    try {
      renderCodeArtifactLoginCommands(def);
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).diagnostics.map((d) => [d.code, d.pointer])).toContainEqual(['CODEARTIFACT-NAME', `/${key}`]);
    }
  });

  it('refuses a duration the service does not accept', () => {
    for (const d of [1, 899, 43201, 1.5]) expect(() => renderCodeArtifactLoginCommands({ ...base, durationSeconds: d })).toThrow(ValidationError);
    for (const d of [0, 900, 43200]) expect(renderCodeArtifactLoginCommands({ ...base, durationSeconds: d }).join('\n')).toContain(`--duration-seconds ${d}`);
  });

  it('any domain that renders is a plain shell word (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (domain) => {
        let lines: string[];
        try {
          lines = renderCodeArtifactLoginCommands({ ...base, domain });
        } catch (e) {
          return e instanceof ValidationError;
        }
        return /^[a-z0-9-]+$/.test(domain) && lines.some((l) => l.includes(` --domain ${domain} `));
      }),
      { numRuns: 2000 },
    );
  });
});

function words(cmd: string): string[] {
  return cmd.trim().split(/\s+/);
}

function flags(cmd: string): Record<string, string> {
  const out: Record<string, string> = {};
  const w = words(cmd);
  for (let i = 0; i < w.length; i++) if (w[i]!.startsWith('--')) out[w[i]!.slice(2)] = w[i + 1]!;
  return out;
}
