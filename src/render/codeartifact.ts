import { ValidationError } from '../errors.js';
import { CODEARTIFACT_NAME_RULES, CODEARTIFACT_TOOLS, LOGIN_TOOLS, type CodeArtifactLoginDef } from '../model/codeartifact.js';
import type { Finding } from '../model/diagnostic.js';
import { shellQuote } from './templates.js';

/** Environment variables the generated steps set; Maven's settings.xml and Gradle's snippet read them. */
export const CODEARTIFACT_ENV = {
  owner: 'CODEARTIFACT_DOMAIN_OWNER',
  token: 'CODEARTIFACT_AUTH_TOKEN',
  mavenUrl: 'CODEARTIFACT_REPOSITORY_URL',
} as const;

/**
 * Check a login definition against the service's name rules before anything is rendered. Every value
 * here ends up on a shell line, so a name the service would refuse (`x; rm -rf ~`, `$(curl evil)`) is an
 * error, not something to quote and hope.
 */
export function validateCodeArtifactLogin(def: CodeArtifactLoginDef, at = ''): Finding[] {
  const out: Finding[] = [];
  const bad = (key: string, message: string, fix?: string) =>
    out.push({ code: 'CODEARTIFACT-NAME', severity: 'error', pointer: `${at}/${key}`, message, ...(fix ? { fix } : {}) });
  const show = (v: unknown) => JSON.stringify(v);
  if (typeof def.domain !== 'string' || !CODEARTIFACT_NAME_RULES.domain.test(def.domain)) {
    bad('domain', `The CodeArtifact domain ${show(def.domain)} is not a valid domain name: 2-50 characters, lowercase letters, digits and "-", starting with a letter and not ending with "-".`);
  }
  if (typeof def.repository !== 'string' || !CODEARTIFACT_NAME_RULES.repository.test(def.repository)) {
    bad('repository', `The CodeArtifact repository ${show(def.repository)} is not a valid repository name: 2-100 characters, letters, digits, ".", "_" and "-", starting with a letter or digit.`);
  }
  if (def.domainOwner !== undefined && (typeof def.domainOwner !== 'string' || !CODEARTIFACT_NAME_RULES.account.test(def.domainOwner))) {
    bad('domainOwner', `The domain owner ${show(def.domainOwner)} is not an AWS account id: exactly 12 digits.`, 'Give the account id as a string of 12 digits (quote it in YAML so leading zeros survive).');
  }
  if (def.region !== undefined && (typeof def.region !== 'string' || !CODEARTIFACT_NAME_RULES.region.test(def.region))) {
    bad('region', `The region ${show(def.region)} is not an AWS region name such as "us-east-1".`);
  }
  if (def.namespace !== undefined && (typeof def.namespace !== 'string' || !CODEARTIFACT_NAME_RULES.namespace.test(def.namespace))) {
    bad('namespace', `The namespace ${show(def.namespace)} is not a valid npm or Swift scope: lowercase letters, digits, ".", "_", "~" and "-".`);
  }
  (def.upstreams ?? []).forEach((u, i) => {
    if (typeof u !== 'string' || !CODEARTIFACT_NAME_RULES.repository.test(u)) bad(`upstreams/${i}`, `The upstream repository ${show(u)} is not a valid repository name.`);
  });
  if (!Array.isArray(def.tools) || def.tools.length === 0) {
    bad('tools', 'No tools to log in: list at least one of ' + CODEARTIFACT_TOOLS.join(', ') + '.');
  } else {
    def.tools.forEach((t, i) => {
      if (!(CODEARTIFACT_TOOLS as readonly string[]).includes(t)) bad(`tools/${i}`, `Unknown tool ${show(t)}; expected one of ${CODEARTIFACT_TOOLS.join(', ')}.`);
    });
    if (def.namespace !== undefined && !def.tools.some((t) => t === 'npm' || t === 'swift')) {
      bad('namespace', 'A namespace applies only to npm and swift, and neither is in "tools".');
    }
  }
  const d = def.durationSeconds;
  if (d !== undefined && !(Number.isInteger(d) && (d === 0 || (d >= 900 && d <= 43200)))) {
    bad('durationSeconds', `The token duration ${show(d)} is not allowed: use 0 (as long as the role session) or 900 to 43200 seconds.`);
  }
  return out;
}

/** Throw the findings of `validateCodeArtifactLogin` as one ValidationError. */
export function assertCodeArtifactLogin(def: CodeArtifactLoginDef, at = ''): void {
  const findings = validateCodeArtifactLogin(def, at);
  if (findings.length > 0) {
    throw new ValidationError(
      'The CodeArtifact settings are not valid; nothing was rendered.',
      findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, ...(f.fix ? { fix: f.fix } : {}), pointer: f.pointer, file: 'codeArtifact' })),
    );
  }
}

export interface CodeArtifactCommandOptions {
  /**
   * How the commands name the domain owner when the definition has none: `sts` looks the account up first (a
   * build: `aws sts get-caller-identity` through the regional endpoint), `none` leaves `--domain-owner` out so
   * the AWS CLI uses the caller's account (a developer's shell, where AWS_REGION may be unset).
   * @default 'sts'
   */
  readonly ownerLookup?: 'sts' | 'none';
}

/**
 * Shell lines that log a build in to the repository: `aws codeartifact login --tool` for the tools it
 * supports, and for Maven/Gradle an exported token plus the repository URL (read by the generated
 * settings.xml / Gradle snippet). The account comes from the definition or from STS, through the
 * regional endpoint so a VPC endpoint can serve it. Every value is validated, then single-quoted when
 * it needs quoting.
 */
export function renderCodeArtifactLoginCommands(def: CodeArtifactLoginDef, opts: CodeArtifactCommandOptions = {}): string[] {
  assertCodeArtifactLogin(def);
  const lines: string[] = [];
  let owner: string | undefined;
  if (def.domainOwner) {
    owner = shellQuote(def.domainOwner);
  } else if ((opts.ownerLookup ?? 'sts') === 'sts') {
    lines.push('export AWS_STS_REGIONAL_ENDPOINTS=regional');
    lines.push(`${CODEARTIFACT_ENV.owner}="$(aws sts get-caller-identity --region "\${AWS_REGION}" --query Account --output text)"`);
    owner = `"\${${CODEARTIFACT_ENV.owner}}"`;
  }
  const common = [`--domain ${shellQuote(def.domain)}`, ...(owner !== undefined ? [`--domain-owner ${owner}`] : [])];
  const region = def.region ? [`--region ${shellQuote(def.region)}`] : [];
  const duration = def.durationSeconds !== undefined ? [`--duration-seconds ${def.durationSeconds}`] : [];
  const repo = `--repository ${shellQuote(def.repository)}`;
  // In the order given: Maven and Gradle share one token and endpoint, exported where the first of them is.
  let mavenDone = false;
  for (const tool of new Set(def.tools)) {
    if (LOGIN_TOOLS.includes(tool)) {
      const ns = def.namespace !== undefined && (tool === 'npm' || tool === 'swift') ? [`--namespace ${shellQuote(def.namespace)}`] : [];
      lines.push(['aws codeartifact login', `--tool ${tool}`, ...common, repo, ...region, ...ns, ...duration].join(' '));
    } else if ((tool === 'maven' || tool === 'gradle') && !mavenDone) {
      mavenDone = true;
      // Split assignment and export: `export X=$(...)` would hide a failed call behind export's own status.
      lines.push(
        `${CODEARTIFACT_ENV.token}="$(${['aws codeartifact get-authorization-token', ...common, ...region, ...duration, '--query authorizationToken --output text'].join(' ')})"`,
        `export ${CODEARTIFACT_ENV.token}`,
        `${CODEARTIFACT_ENV.mavenUrl}="$(${['aws codeartifact get-repository-endpoint', ...common, repo, ...region, '--format maven --query repositoryEndpoint --output text'].join(' ')})"`,
        `export ${CODEARTIFACT_ENV.mavenUrl}`,
      );
    }
  }
  return lines;
}

/**
 * Maven `settings.xml` for the repository: a server with the token from the environment, a profile with
 * the repository, and a mirror so every download goes through CodeArtifact (a private build has no other
 * way out). The server id equals the repository and mirror ids, as Maven requires.
 */
export function renderMavenSettings(serverId = 'codeartifact'): string {
  const id = xmlEscape(serverId);
  const url = `\${env.${CODEARTIFACT_ENV.mavenUrl}}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!-- CodeArtifact: the build exports CODEARTIFACT_AUTH_TOKEN and CODEARTIFACT_REPOSITORY_URL before running Maven. -->',
    '<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://maven.apache.org/SETTINGS/1.0.0 https://maven.apache.org/xsd/settings-1.0.0.xsd">',
    '  <servers>',
    '    <server>',
    `      <id>${id}</id>`,
    '      <username>aws</username>',
    `      <password>\${env.${CODEARTIFACT_ENV.token}}</password>`,
    '    </server>',
    '  </servers>',
    '  <profiles>',
    '    <profile>',
    `      <id>${id}</id>`,
    '      <repositories>',
    '        <repository>',
    `          <id>${id}</id>`,
    `          <url>${url}</url>`,
    '        </repository>',
    '      </repositories>',
    '      <pluginRepositories>',
    '        <pluginRepository>',
    `          <id>${id}</id>`,
    `          <url>${url}</url>`,
    '        </pluginRepository>',
    '      </pluginRepositories>',
    '    </profile>',
    '  </profiles>',
    '  <activeProfiles>',
    `    <activeProfile>${id}</activeProfile>`,
    '  </activeProfiles>',
    '  <mirrors>',
    '    <mirror>',
    `      <id>${id}</id>`,
    `      <url>${url}</url>`,
    '      <mirrorOf>*</mirrorOf>',
    '    </mirror>',
    '  </mirrors>',
    '</settings>',
    '',
  ].join('\n');
}

/** Gradle (Groovy DSL) repository block reading the same two variables; paste into `repositories {}` and `pluginManagement.repositories {}`. */
export function renderGradleRepositorySnippet(): string {
  return [
    '// CodeArtifact: the build exports CODEARTIFACT_AUTH_TOKEN and CODEARTIFACT_REPOSITORY_URL before running Gradle.',
    'maven {',
    `    url System.env.${CODEARTIFACT_ENV.mavenUrl}`,
    '    credentials {',
    '        username "aws"',
    `        password System.env.${CODEARTIFACT_ENV.token}`,
    '    }',
    '}',
    '',
  ].join('\n');
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
