import { homedir } from 'node:os';
import type { CodeArtifactApi } from '../../aws/codeartifact.js';
import { EnvironmentError, UsageError } from '../../errors.js';
import { CODEARTIFACT_TOOLS, TOOL_FORMAT, type CodeArtifactLoginDef, type CodeArtifactTool } from '../../model/codeartifact.js';
import { CODEARTIFACT_ENV, renderCodeArtifactLoginCommands, validateCodeArtifactLogin } from '../../render/codeartifact.js';
import { controlCharacterIn, editNpmrc, editPipConf, editPypirc, npmEntries, pipIndexUrl, removeNpmrcLines, staleNpmRegistryLines } from '../../io/package-config-edit.js';
import { packageConfigPaths, readConfigFile, writePrivateFile } from '../../io/package-config.js';
import { loadCodeArtifactApi } from '../aws-sdk.js';
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

/** One configuration file this login edits: its text now, and its new text for a token. */
interface PlannedEdit {
  readonly path: string;
  render: (token: string) => string;
  /** What changes, as shown to the user (tokens as `<token>`). */
  readonly lines: string[];
}

/**
 * `catalyst-gen codeartifact login`: what `aws codeartifact login` does for npm, pip and twine, written
 * by catalyst-gen itself (no package tool needs to be installed), plus the shell lines for the tools that keep
 * their own credentials (Maven, Gradle, dotnet, NuGet, Swift). Tokens are written to files with mode 0600 and
 * never printed.
 *
 * Order: check every flag and tool combination (the shell lines are rendered first), read every file to edit
 * (a `.npmrc` that is a folder fails before any AWS call), look up the repository endpoints (read-only; a dry
 * run does this too), plan every edit, and only then request the token, check it, render every file and write.
 * What AWS returns is checked before it is used: a value with a line break would add lines to the files.
 */
export async function runCodeArtifactLogin(flags: CodeArtifactLoginFlags, o: Output, deps: CodeArtifactLoginDeps = {}): Promise<void> {
  const def = toDefinition(flags);
  const env = deps.env ?? process.env;
  const home = deps.home ?? homedir();
  const base = { domain: def.domain, ...(def.domainOwner ? { domainOwner: def.domainOwner } : {}) };
  const tools = [...new Set(def.tools)];
  const fileTools = tools.filter((t): t is 'npm' | 'pip' | 'twine' => t === 'npm' || t === 'pip' || t === 'twine');
  const shellTools = tools.filter((t) => !(fileTools as string[]).includes(t));
  // 0. The shell lines too are rendered now, so a combination they refuse fails before any file is written
  // (`--namespace` belongs to the npm login written here; the shell lines carry it only for swift).
  const shellLines = shellTools.length > 0 ? renderCodeArtifactLoginCommands(shellDefinition(def, shellTools), { ownerLookup: 'none' }) : [];

  // 1. Read every file this login edits, before anything else.
  const paths = packageConfigPaths(home, env);
  const fileOf = { npm: paths.npmrc, pip: paths.pipConf, twine: paths.pypirc } as const;
  const texts = new Map<string, string>();
  for (const t of fileTools) {
    const path = fileOf[t];
    if (!texts.has(path)) texts.set(path, readConfigFile(path));
  }

  // 2. Endpoints (read-only, no token): a wrong repository fails before a token exists.
  let api = deps.api;
  const endpoints = new Map<string, string>();
  for (const t of fileTools) {
    api ??= await loadCodeArtifactApi({ ...(flags.region ? { region: flags.region } : {}), ...(flags.profile ? { profile: flags.profile } : {}) });
    const format = TOOL_FORMAT[t];
    if (!endpoints.has(format)) endpoints.set(format, checkEndpoint(await api.getRepositoryEndpoint({ ...base, repository: def.repository, format }), `${def.domain}/${def.repository} (${format})`));
  }

  // 3. Plan every edit as a function of the token; rendering it once with the placeholder checks it now.
  const plan: PlannedEdit[] = [];
  const edit = (path: string, fn: (text: string, token: string) => string, lines: string[]) => {
    const prev = plan.find((c) => c.path === path);
    if (prev) {
      const before = prev.render;
      prev.render = (token) => fn(before(token), token);
      prev.lines.push(...lines);
    } else plan.push({ path, render: (token) => fn(texts.get(path)!, token), lines });
  };
  const shown = (s: string) => s.split(encodeURIComponent(REDACTED)).join(REDACTED);
  if (tools.includes('npm')) {
    const ep = endpoints.get('npm')!;
    const stale = staleNpmRegistryLines(texts.get(paths.npmrc)!, ep, def.namespace);
    edit(
      paths.npmrc,
      (t, token) => editNpmrc(removeNpmrcLines(t, stale), npmEntries(ep, token, def.namespace)),
      [...stale.map((l) => `remove ${l}`), ...npmEntries(ep, REDACTED, def.namespace).map(([k, v]) => `set ${k}=${v}`)],
    );
  }
  if (tools.includes('pip')) {
    const ep = endpoints.get('pypi')!;
    edit(paths.pipConf, (t, token) => editPipConf(t, pipIndexUrl(ep, token)), [`set [global] index-url = ${shown(pipIndexUrl(ep, REDACTED))}`]);
  }
  if (tools.includes('twine')) {
    const ep = endpoints.get('pypi')!;
    edit(paths.pypirc, (t, token) => editPypirc(t, ep, token), ['set [distutils] index-servers += codeartifact', `set [codeartifact] repository = ${ep}`, 'set [codeartifact] username = aws', `set [codeartifact] password = ${REDACTED}`]);
  }
  for (const c of plan) c.render(REDACTED);

  // 4. The token, then the writes.
  if (plan.length > 0 && !flags.dryRun) {
    const got = await api!.getAuthorizationToken({ ...base, ...(def.durationSeconds !== undefined ? { durationSeconds: def.durationSeconds } : {}) });
    checkToken(got, def.domain);
    // Every file's new text first: a value the writers refuse fails before the first file is written.
    const contents = plan.map((c) => ({ path: c.path, text: c.render(got.token) }));
    if (got.expiration) o.err(`CodeArtifact token for domain ${def.domain} valid until ${got.expiration.toISOString()}.`);
    for (const c of contents) writePrivateFile(c.path, c.text);
  }
  for (const c of plan) {
    o.out(`${flags.dryRun ? paint(o, 'yellow', 'would update') : paint(o, 'green', 'updated')} ${c.path} (mode 0600)`);
    for (const l of c.lines) o.out(`  ${l}`);
  }

  // 5. Tools with their own credential stores: the same commands a generated buildspec runs (one renderer).
  if (shellTools.length > 0) {
    const own = shellTools.filter((t) => t === 'dotnet' || t === 'nuget' || t === 'swift');
    const viaEnv = shellTools.filter((t) => t === 'maven' || t === 'gradle');
    const why = [
      ...(own.length > 0 ? [`${own.join(', ')} keep their credentials in their own stores (the AWS CLI logs them in)`] : []),
      ...(viaEnv.length > 0
        ? [
            `${viaEnv.join(' and ')} read ${CODEARTIFACT_ENV.token} and ${CODEARTIFACT_ENV.mavenUrl} from the environment` +
              (viaEnv.includes('maven') ? ` (Maven through settings.xml: \${env.${CODEARTIFACT_ENV.token}})` : '') +
              (viaEnv.includes('gradle') ? ' (Gradle through System.getenv in the repository block)' : ''),
          ]
        : []),
    ];
    o.out(`# ${why.join('; ')}. Run these in your shell:`);
    for (const line of shellLines) o.out(line);
  }
  if (flags.dryRun) o.out(`Dry run: ${fileTools.length > 0 ? 'CodeArtifact was asked for the repository endpoint only; ' : ''}no token was requested and nothing was written.`);
}

/** The definition the shell lines are rendered from: the tools this command does not write files for. */
function shellDefinition(def: CodeArtifactLoginDef, tools: readonly CodeArtifactTool[]): CodeArtifactLoginDef {
  const { namespace, ...rest } = def;
  return { ...rest, tools, ...(namespace !== undefined && tools.includes('swift') ? { namespace } : {}) };
}

/**
 * What CodeArtifact returns lands in files other tools trust, so it is checked like input: a repository endpoint
 * must be one http(s) URL on one line. An endpoint that is not CodeArtifact (a wrong AWS_ENDPOINT_URL_CODEARTIFACT,
 * an intercepted connection) could otherwise write `registry=` lines or `.pypirc` sections of its choosing.
 */
function checkEndpoint(endpoint: string, repository: string): string {
  const refuse = (why: string) =>
    new EnvironmentError(`CodeArtifact returned a repository endpoint for ${repository} that ${why}: refusing to write it into any configuration file (check AWS_ENDPOINT_URL_CODEARTIFACT and the network path). Nothing was written.`);
  const bad = controlCharacterIn(endpoint);
  if (bad) throw refuse(`contains ${bad}`);
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || /\s/.test(endpoint)) throw refuse('is not an http(s) URL');
  return endpoint;
}

/** The token is checked the same way, and never shown; an expiration that is not a date is refused too. */
function checkToken(got: { token: string; expiration?: Date }, domain: string): void {
  const bad = controlCharacterIn(got.token);
  if (bad) {
    throw new EnvironmentError(`CodeArtifact returned an authorization token for domain ${domain} that contains ${bad}; refusing to write it into any configuration file (check AWS_ENDPOINT_URL_CODEARTIFACT and the network path). Nothing was written.`);
  }
  if (got.token === '') throw new EnvironmentError(`CodeArtifact returned an empty authorization token for domain ${domain}. Nothing was written.`);
  if (got.expiration && !Number.isFinite(got.expiration.getTime())) {
    throw new EnvironmentError(`CodeArtifact returned a token expiration for domain ${domain} that is not a valid date (outside the range a date can hold). Nothing was written.`);
  }
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
