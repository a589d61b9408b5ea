import { AWS_ACCOUNT_PATTERN, AWS_REGION_PATTERN } from './aws.js';

/**
 * A CodeArtifact repository a build (or a developer) logs in to. Names follow the service's own rules
 * (checked by `validateCodeArtifactLogin` before anything is rendered): see `CODEARTIFACT_NAME_RULES`.
 */

/** Tools `aws codeartifact login --tool` supports, plus Maven and Gradle (token and endpoint in the environment). */
export const CODEARTIFACT_TOOLS = ['npm', 'pip', 'twine', 'dotnet', 'nuget', 'swift', 'maven', 'gradle'] as const;
export type CodeArtifactTool = (typeof CODEARTIFACT_TOOLS)[number];

/** The tools `aws codeartifact login` itself handles. */
export const LOGIN_TOOLS: readonly CodeArtifactTool[] = ['npm', 'pip', 'twine', 'dotnet', 'nuget', 'swift'];

/** Package format of each tool, as `GetRepositoryEndpoint` names it. */
export const TOOL_FORMAT: Readonly<Record<CodeArtifactTool, 'npm' | 'pypi' | 'nuget' | 'swift' | 'maven'>> = {
  npm: 'npm',
  pip: 'pypi',
  twine: 'pypi',
  dotnet: 'nuget',
  nuget: 'nuget',
  swift: 'swift',
  maven: 'maven',
  gradle: 'maven',
};

export interface CodeArtifactLoginDef {
  /** Domain name: 2-50 characters, lowercase letters, digits and `-`, starting with a letter. */
  readonly domain: string;
  /** 12-digit account that owns the domain. @default - the build's own account, from `aws sts get-caller-identity` */
  readonly domainOwner?: string;
  /** Repository name: 2-100 characters, letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
  readonly repository: string;
  /** Region of the domain, e.g. `eu-west-1`. @default - the build's region (`AWS_REGION`) */
  readonly region?: string;
  /** The package tools to configure, in the order their logins run. */
  readonly tools: readonly CodeArtifactTool[];
  /** npm scope or Swift scope: only these packages come from the repository. @default - all packages */
  readonly namespace?: string;
  /** Token lifetime in seconds: 0 (as long as the role session) or 900-43200. @default 43200 (the service default) */
  readonly durationSeconds?: number;
  /** Repositories upstream of `repository` (for the IAM policy: reads go through them). @default - none */
  readonly upstreams?: readonly string[];
}

/** The service's rules, anchored (the API model's patterns are not, and the SDK checks nothing client-side). */
export const CODEARTIFACT_NAME_RULES = {
  domain: /^[a-z][a-z0-9-]{0,48}[a-z0-9]$/,
  repository: /^[A-Za-z0-9][A-Za-z0-9._-]{1,99}$/,
  account: new RegExp(AWS_ACCOUNT_PATTERN),
  region: new RegExp(AWS_REGION_PATTERN),
  /** npm scope (the `@` is optional, as for `aws codeartifact login --namespace`) or Swift scope. */
  namespace: /^@?[a-z0-9~-][a-z0-9._~-]{0,213}$/,
} as const;
