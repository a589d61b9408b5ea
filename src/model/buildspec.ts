/**
 * Authoring model for CodeBuild buildspec files (version 0.2). camelCase and typed here; the renderer
 * (`src/render/buildspec.ts`) turns it into the service's own spelling (`pre_build`, `run-as`,
 * `secrets-manager`, `yes`/`no`). Reference: the CodeBuild user guide, "Build specification reference".
 */
import type { CodeArtifactLoginDef } from './codeartifact.js';

/** The four phases a buildspec may have, in the order CodeBuild runs them. */
export const BUILDSPEC_PHASES = ['install', 'pre_build', 'build', 'post_build'] as const;
export type BuildspecPhaseName = (typeof BUILDSPEC_PHASES)[number];

/**
 * What CodeBuild does when a phase fails: `ABORT`, `CONTINUE`, `RETRY` (up to 3 retries), `RETRY-<n>`
 * (0 < n < 100), `RETRY-<regex>` or `RETRY-<n>-<regex>` (retry only when the error output matches).
 */
export type OnFailure = 'ABORT' | 'CONTINUE' | 'RETRY' | `RETRY-${string}`;

export interface BuildspecPhase {
  /** Linux user the phase's commands run as. @default - the buildspec's `runAs`, else root */
  readonly runAs?: string;
  /** @default - the normal phase transitions (a failed install or pre_build skips the later phases) */
  readonly onFailure?: OnFailure;
  /** Shell commands, run in order in one shell (variables exported earlier carry over). Must not be empty. */
  readonly commands: readonly string[];
  /** Commands that always run after `commands`, even when one of them failed. @default - none */
  readonly finally?: readonly string[];
}

export interface BuildspecInstallPhase extends Omit<BuildspecPhase, 'commands'> {
  /**
   * Runtimes to select on a standard image, e.g. `{ nodejs: '20', python: '3.12' }`. Give versions as
   * strings: `3.10` written as a number is `3.1`. @default - the image's defaults
   */
  readonly runtimeVersions?: Readonly<Record<string, string>>;
  /** @default - none (an install phase may consist of runtime versions and the CodeArtifact login only) */
  readonly commands?: readonly string[];
}

export interface BuildspecEnv {
  /** @default - `bash` on Linux images (CodeBuild's default is `sh` for some images; bash is what generated commands assume) */
  readonly shell?: 'bash' | '/bin/sh' | 'powershell.exe' | 'cmd.exe';
  /** Plain-text variables. Never put secrets here: use `secretsManager` or `parameterStore`. @default - none */
  readonly variables?: Readonly<Record<string, string>>;
  /** Variable name to Systems Manager parameter name. @default - none */
  readonly parameterStore?: Readonly<Record<string, string>>;
  /** Variable name to `secret-id:json-key:version-stage:version-id` (only the secret id is required). @default - none */
  readonly secretsManager?: Readonly<Record<string, string>>;
  /** Variables exported to CodePipeline as action variables. Not `AWS_*`, not secrets. @default - none */
  readonly exportedVariables?: readonly string[];
  /** @default false */
  readonly gitCredentialHelper?: boolean;
}

export interface BuildspecProxy {
  /** @default false */
  readonly uploadArtifacts?: boolean;
  /** @default false */
  readonly logs?: boolean;
}

export interface BatchBuildEnv {
  readonly computeType?: string;
  readonly image?: string;
  readonly type?: string;
  readonly privilegedMode?: boolean;
  readonly variables?: Readonly<Record<string, string>>;
}

export interface BatchBuild {
  /** Letters, digits and underscores. */
  readonly identifier: string;
  /** Buildspec file for this build. @default - the project's buildspec */
  readonly buildspec?: string;
  /** @default - the project's environment */
  readonly env?: BatchBuildEnv;
  /** @default false */
  readonly ignoreFailure?: boolean;
  /** Identifiers this build waits for (build graphs only). @default - none */
  readonly dependOn?: readonly string[];
}

export interface BuildspecBatch {
  /** @default false */
  readonly fastFail?: boolean;
  /** Exactly one of the four forms. @default - none */
  readonly buildList?: readonly BatchBuild[];
  readonly buildGraph?: readonly BatchBuild[];
  readonly buildMatrix?: {
    readonly static?: { readonly ignoreFailure?: boolean; readonly env?: BatchBuildEnv };
    readonly dynamic: {
      readonly buildspec?: readonly string[];
      readonly env?: {
        readonly computeType?: readonly string[];
        readonly image?: readonly string[];
        readonly variables?: Readonly<Record<string, readonly string[]>>;
      };
    };
  };
  readonly buildFanout?: { readonly parallelism: number; readonly ignoreFailure?: boolean };
}

export type ReportFileFormat =
  | 'JUNITXML'
  | 'CUCUMBERJSON'
  | 'NUNITXML'
  | 'NUNIT3XML'
  | 'TESTNGXML'
  | 'VISUALSTUDIOTRX'
  | 'CLOVERXML'
  | 'COBERTURAXML'
  | 'JACOCOXML'
  | 'SIMPLECOV';

export interface BuildspecReport {
  readonly files: readonly string[];
  /** @default - the source folder */
  readonly baseDirectory?: string;
  /** @default false */
  readonly discardPaths?: boolean;
  /** @default 'JUNITXML' */
  readonly fileFormat?: ReportFileFormat;
}

export interface SecondaryArtifact {
  readonly files: readonly string[];
  /** @default - the identifier */
  readonly name?: string;
  /** @default false */
  readonly discardPaths?: boolean;
  /** @default - the source folder */
  readonly baseDirectory?: string;
}

export interface BuildspecArtifacts {
  /** Globs of the files to upload, e.g. `['**\/*']`. CodeBuild requires it even with secondary artifacts only. */
  readonly files: readonly string[];
  /** @default - the project's artifact name */
  readonly name?: string;
  /** @default false */
  readonly discardPaths?: boolean;
  /** @default - the source folder */
  readonly baseDirectory?: string;
  /** @default - none */
  readonly excludePaths?: readonly string[];
  /** @default false */
  readonly enableSymlinks?: boolean;
  /** @default - none */
  readonly s3Prefix?: string;
  /** By artifact identifier (must match the project's `secondaryArtifacts`). @default - none */
  readonly secondaryArtifacts?: Readonly<Record<string, SecondaryArtifact>>;
}

export interface BuildspecCache {
  /** Paths inside the build container, e.g. `/root/.npm/**\/*`. */
  readonly paths: readonly string[];
  /** S3 cache key, e.g. `npm-$(codebuild-hash-files package-lock.json)`. @default - none */
  readonly key?: string;
  /** @default - none */
  readonly fallbackKeys?: readonly string[];
  /** @default - restore and save */
  readonly action?: 'restore' | 'save';
}

export interface BuildspecPhases {
  readonly install?: BuildspecInstallPhase;
  readonly preBuild?: BuildspecPhase;
  readonly build?: BuildspecPhase;
  readonly postBuild?: BuildspecPhase;
}

export interface BuildspecDef {
  /** @default - root */
  readonly runAs?: string;
  /** @default - none */
  readonly env?: BuildspecEnv;
  /** @default - none */
  readonly proxy?: BuildspecProxy;
  /** @default - not a batch build */
  readonly batch?: BuildspecBatch;
  readonly phases: BuildspecPhases;
  /** By report group name or ARN (at most 5). @default - none */
  readonly reports?: Readonly<Record<string, BuildspecReport>>;
  /** @default - no artifacts */
  readonly artifacts?: BuildspecArtifacts;
  /** @default - no cache */
  readonly cache?: BuildspecCache;
  /**
   * Log in to a CodeArtifact repository at the start of the install phase (after runtime selection), so
   * every later command installs from it. @default - no login
   */
  readonly codeArtifact?: CodeArtifactLoginDef;
}
