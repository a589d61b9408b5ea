import { homedir } from 'node:os';
import type { CodeArtifactApi } from '../../aws/codeartifact.js';
import { UsageError } from '../../errors.js';
import { CODEARTIFACT_TOOLS, TOOL_FORMAT, type CodeArtifactLoginDef, type CodeArtifactTool } from '../../model/codeartifact.js';
import { CODEARTIFACT_ENV, validateCodeArtifactLogin } from '../../render/codeartifact.js';
import { shellQuote } from '../../render/templates.js';
import { editNpmrc, editPipConf, editPypirc, npmEntries, pipIndexUrl } from '../../io/package-config-edit.js';
import { packageConfigPaths, readConfigFile, writePrivateFile } from '../../io/package-config.js';
import { paint, type Output } from '../output.js';

export interface CodeArtifactLoginFlags {
  readonly domain: string;
  readonly domainOwner?: string;
  readonly repository: string;
  readonly region?: string;
  readonly profile?: string;
  readonly tool: readonly string[];
  readonly namespace?: string;
  readonly durationSeconds?: string;
  readonly dryRun?: boolean;
}

/** What the command touches, injectable so tests run without AWS and without the real home folder. */
export interface CodeArtifactLoginDeps {
  readonly api?: CodeArtifactApi;
  readonly home?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const REDACTED = '<token>';

/**
 * `catalyst-gen codeartifact login`: what `aws codeartifact login` does for npm, pip and twine, written
 * by catalyst-gen itself (no package tool needs to be installed), plus the environment lines Maven and
 * Gradle read. Tokens are written to files with mode 0600 and never printed.
 */
export async function runCodeArtifactLogin(flags: CodeArtifactLoginFlags, o: Output, deps: CodeArtifactLoginDeps = {}): Promise<void> {
  const def = toDefinition(flags);
  const env = deps.env ?? process.env;
  const home = deps.home ?? homedir();
  const api = deps.api ?? (await import('../../aws/codeartifact.js')).createCodeArtifactApi({ ...(flags.region ? { region: flags.region } : {}), ...(flags.profile ? { profile: flags.profile } : {}) });
  const base = { domain: def.domain, ...(def.domainOwner ? { domainOwner: def.domainOwner } : {}) };
  const tools = [...new Set(def.tools)];

  // Endpoints first (read-only): a wrong repository fails before a token exists.
  const endpoints = new Map<string, string>();
  for (const t of tools) {
    if (!['npm', 'pip', 'twine', 'maven', 'gradle'].includes(t)) continue;
    const format = TOOL_FORMAT[t];
    if (!endpoints.has(format)) endpoints.set(format, await api.getRepositoryEndpoint({ ...base, repository: def.repository, format }));
  }
  const writesFiles = tools.some((t) => t === 'npm' || t === 'pip' || t === 'twine');
  let token = REDACTED;
  if (writesFiles && !flags.dryRun) {
    const got = await api.getAuthorizationToken({ ...base, ...(def.durationSeconds !== undefined ? { durationSeconds: def.durationSeconds } : {}) });
    token = got.token;
    if (got.expiration) o.err(`CodeArtifact token for domain ${def.domain} valid until ${got.expiration.toISOString()}.`);
  }
  const redact = (s: string) => (token === REDACTED ? s : s.split(token).join(REDACTED).split(encodeURIComponent(token)).join(REDACTED));

  const paths = packageConfigPaths(home, env);
  const changes: { path: string; content: string; keys: string[] }[] = [];
  const edit = (path: string, fn: (text: string) => string, keys: string[]) => {
    const prev = changes.find((c) => c.path === path);
    const before = prev ? prev.content : readConfigFile(path);
    const next = fn(before);
    if (prev) {
      prev.content = next;
      prev.keys.push(...keys);
    } else changes.push({ path, content: next, keys });
  };
  if (tools.includes('npm')) {
    const entries = npmEntries(endpoints.get('npm')!, token, def.namespace);
    edit(paths.npmrc, (t) => editNpmrc(t, entries), entries.map(([k, v]) => `${k}=${redact(v)}`));
  }
  if (tools.includes('pip')) {
    const url = pipIndexUrl(endpoints.get('pypi')!, token);
    edit(paths.pipConf, (t) => editPipConf(t, url), [`[global] index-url = ${redact(url)}`]);
  }
  if (tools.includes('twine')) {
    const ep = endpoints.get('pypi')!;
    edit(paths.pypirc, (t) => editPypirc(t, ep, token), ['[distutils] index-servers += codeartifact', `[codeartifact] repository = ${ep}`, '[codeartifact] username = aws', `[codeartifact] password = ${REDACTED}`]);
  }

  for (const c of changes) {
    if (!flags.dryRun) writePrivateFile(c.path, c.content);
    o.out(`${flags.dryRun ? paint(o, 'yellow', 'would update') : paint(o, 'green', 'updated')} ${c.path} (mode 0600)`);
    for (const k of c.keys) o.out(`  set ${k}`);
  }

  const mavenUrl = endpoints.get('maven');
  if (mavenUrl) {
    const owner = def.domainOwner ? ` --domain-owner ${def.domainOwner}` : '';
    const region = flags.region ? ` --region ${flags.region}` : '';
    const duration = def.durationSeconds !== undefined ? ` --duration-seconds ${def.durationSeconds}` : '';
    o.out('# Maven and Gradle read these (settings.xml: ${env.CODEARTIFACT_AUTH_TOKEN}); run them in your shell:');
    o.out(`export ${CODEARTIFACT_ENV.token}="$(aws codeartifact get-authorization-token --domain ${def.domain}${owner}${region}${duration} --query authorizationToken --output text)"`);
    o.out(`export ${CODEARTIFACT_ENV.mavenUrl}=${shellQuote(mavenUrl)}`);
  }
  const others = tools.filter((t) => t === 'dotnet' || t === 'nuget' || t === 'swift');
  if (others.length > 0) {
    o.out(`# ${others.join(', ')} keep their credentials in their own stores; log them in with the AWS CLI:`);
    for (const t of others) {
      o.out(
        `aws codeartifact login --tool ${t} --domain ${def.domain}${def.domainOwner ? ` --domain-owner ${def.domainOwner}` : ''} --repository ${def.repository}${flags.region ? ` --region ${flags.region}` : ''}${def.namespace && t === 'swift' ? ` --namespace ${def.namespace}` : ''}`,
      );
    }
  }
  if (flags.dryRun) o.out('Dry run: no token was requested and nothing was written.');
}

function toDefinition(flags: CodeArtifactLoginFlags): CodeArtifactLoginDef {
  const tools = flags.tool.length > 0 ? flags.tool : ['npm'];
  const unknown = tools.filter((t) => !(CODEARTIFACT_TOOLS as readonly string[]).includes(t));
  if (unknown.length > 0) throw new UsageError(`Unknown --tool ${unknown.join(', ')}; expected ${CODEARTIFACT_TOOLS.join(', ')}.`);
  let durationSeconds: number | undefined;
  if (flags.durationSeconds !== undefined) {
    durationSeconds = /^\d+$/.test(flags.durationSeconds) ? Number(flags.durationSeconds) : NaN;
  }
  const def: CodeArtifactLoginDef = {
    domain: flags.domain,
    repository: flags.repository,
    tools: tools as CodeArtifactTool[],
    ...(flags.domainOwner !== undefined ? { domainOwner: flags.domainOwner } : {}),
    ...(flags.region !== undefined ? { region: flags.region } : {}),
    ...(flags.namespace !== undefined ? { namespace: flags.namespace } : {}),
    ...(durationSeconds !== undefined ? { durationSeconds } : {}),
  };
  const findings = validateCodeArtifactLogin(def);
  if (findings.length > 0) {
    const flag = (p: string) => `--${p.slice(1).split('/')[0]!.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()).replace(/^tools$/, 'tool')}`;
    throw new UsageError(findings.map((f) => `${flag(f.pointer)}: ${f.message}`).join('\n'));
  }
  return def;
}
