import {
  CodeCatalystClient,
  CreateDevEnvironmentCommand,
  CreateProjectCommand,
  CreateSourceRepositoryCommand,
  GetDevEnvironmentCommand,
  GetProjectCommand,
  GetSourceRepositoryCloneUrlsCommand,
  GetSourceRepositoryCommand,
  GetWorkflowRunCommand,
  ListSourceRepositoryBranchesCommand,
  ListWorkflowRunsCommand,
  ListWorkflowsCommand,
  StartWorkflowRunCommand,
  VerifySessionCommand,
  type _InstanceType,
} from '@aws-sdk/client-codecatalyst';
import { fromSso } from '@aws-sdk/token-providers';
import { EnvironmentError } from '../errors.js';
import { awsCaller, sdkClientConfig, type AwsClientSettings } from './client.js';

/** A workflow as `codecatalyst run` finds it. */
export interface WorkflowSummary {
  readonly id: string;
  readonly name: string;
  readonly repository: string;
  readonly branch: string;
  /** `ACTIVE`, or `INVALID` for a workflow file CodeCatalyst could not read. */
  readonly status: string;
}

export interface WorkflowRunState {
  readonly id: string;
  readonly workflowId: string;
  readonly status: string;
  /** Why it ended as it did, when CodeCatalyst says (its status reasons, as text). */
  readonly reasons: readonly string[];
  readonly startTime?: Date;
  readonly endTime?: Date;
}

export interface DevEnvironmentState {
  readonly id: string;
  readonly status: string;
  readonly statusReason?: string;
}

export interface DevEnvironmentInput {
  readonly repository: string;
  readonly branch: string;
  readonly ide: { readonly name: string; readonly runtime?: string };
  readonly instanceType: string;
  readonly storageGiB: number;
  readonly inactivityTimeoutMinutes: number;
  readonly alias?: string;
}

/** What the `codecatalyst` commands need from CodeCatalyst; tests hand in fakes. */
export interface CodeCatalystApi {
  /** Who the session belongs to; fails (exit 3, with the command to run) without a usable session. */
  verifySession(): Promise<string | undefined>;
  /** The project's name, or undefined when the space has no such project. */
  getProject(space: string, project: string): Promise<string | undefined>;
  createProject(space: string, project: string, description: string): Promise<string>;
  /** Whether the repository exists and, if so, whether it has a branch yet (a non-empty repository). */
  getRepository(space: string, project: string, repository: string): Promise<{ readonly exists: boolean; readonly branches: readonly string[] }>;
  createRepository(space: string, project: string, repository: string, description: string): Promise<void>;
  /** The HTTPS clone URL (credentials stay with the user's git). */
  cloneUrl(space: string, project: string, repository: string): Promise<string>;
  listWorkflows(space: string, project: string): Promise<WorkflowSummary[]>;
  startWorkflowRun(space: string, project: string, workflowId: string): Promise<WorkflowRunState>;
  getWorkflowRun(space: string, project: string, runId: string): Promise<WorkflowRunState>;
  listWorkflowRuns(space: string, project: string, workflowId: string, max: number): Promise<WorkflowRunState[]>;
  createDevEnvironment(space: string, project: string, input: DevEnvironmentInput): Promise<string>;
  getDevEnvironment(space: string, project: string, id: string): Promise<DevEnvironmentState>;
}

export interface CodeCatalystSettings extends AwsClientSettings {
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The variable CI sets to a CodeCatalyst personal bearer token instead of an SSO session. */
export const BEARER_TOKEN_ENV = 'AWS_BEARER_TOKEN_CODECATALYST';

/**
 * CodeCatalyst authenticates with a bearer token, not AWS credentials: `AWS_BEARER_TOKEN_CODECATALYST` when set
 * (CI), else the token of the AWS Builder ID or IAM Identity Center session that `aws sso login --profile P`
 * left in the SSO cache for a profile with an `sso_session` (the SDK's own provider, which refreshes it).
 */
function tokenProvider(settings: CodeCatalystSettings) {
  const env = settings.env ?? process.env;
  const fromEnv = env[BEARER_TOKEN_ENV];
  if (fromEnv) return async () => ({ token: fromEnv });
  const sso = fromSso({ ...(settings.profile ? { profile: settings.profile } : {}) });
  return async () => {
    try {
      return await sso();
    } catch (e) {
      throw new EnvironmentError(noSession(settings.profile ?? env['AWS_PROFILE'], (e as Error).message), { cause: e });
    }
  };
}

/** One line that says which command gives a session; never the token. */
function noSession(profile: string | undefined, why: string): string {
  const login = profile ? `aws sso login --profile ${profile}` : 'aws sso login --profile <profile>';
  return `No CodeCatalyst session${profile ? ` for profile "${profile}"` : ''} (${why}): run "${login}" (a profile with an sso_session for your AWS Builder ID or IAM Identity Center), or set ${BEARER_TOKEN_ENV} in CI.`;
}

export function createCodeCatalystApi(settings: CodeCatalystSettings = {}): CodeCatalystApi {
  // The endpoint follows AWS_ENDPOINT_URL_CODECATALYST (the SDK reads it); the service signs in us-west-2.
  const { profile: _profile, ...config } = sdkClientConfig(settings);
  const client = new CodeCatalystClient({ region: 'us-west-2', ...config, token: tokenProvider(settings) });
  const call = authCaller(settings);
  const run = (r: { id?: string; workflowId?: string; status?: string; statusReasons?: unknown[]; startTime?: Date; endTime?: Date }): WorkflowRunState => ({
    id: r.id ?? '',
    workflowId: r.workflowId ?? '',
    status: r.status ?? 'UNKNOWN',
    reasons: (r.statusReasons ?? []).map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).filter((x) => x !== '{}'),
    ...(r.startTime ? { startTime: r.startTime } : {}),
    ...(r.endTime ? { endTime: r.endTime } : {}),
  });
  return {
    verifySession: () => call('codecatalyst:VerifySession', async (abortSignal) => (await client.send(new VerifySessionCommand({}), { abortSignal })).identity),
    getProject: (space, project) =>
      call(`codecatalyst:GetProject on ${space}/${project}`, async (abortSignal) => {
        try {
          return (await client.send(new GetProjectCommand({ spaceName: space, name: project }), { abortSignal })).name;
        } catch (e) {
          if (isNotFound(e)) return undefined;
          throw e;
        }
      }),
    createProject: (space, project, description) =>
      call(`codecatalyst:CreateProject ${project} in space ${space}`, async (abortSignal) => (await client.send(new CreateProjectCommand({ spaceName: space, displayName: project, description }), { abortSignal })).name ?? project),
    getRepository: (space, project, repository) =>
      call(`codecatalyst:GetSourceRepository ${repository} in ${space}/${project}`, async (abortSignal) => {
        try {
          await client.send(new GetSourceRepositoryCommand({ spaceName: space, projectName: project, name: repository }), { abortSignal });
        } catch (e) {
          if (isNotFound(e)) return { exists: false, branches: [] };
          throw e;
        }
        const out = await client.send(new ListSourceRepositoryBranchesCommand({ spaceName: space, projectName: project, sourceRepositoryName: repository, maxResults: 5 }), { abortSignal });
        return { exists: true, branches: (out.items ?? []).map((b) => b.name ?? b.ref ?? '').filter(Boolean) };
      }),
    createRepository: (space, project, repository, description) =>
      call(`codecatalyst:CreateSourceRepository ${repository} in ${space}/${project}`, async (abortSignal) => {
        await client.send(new CreateSourceRepositoryCommand({ spaceName: space, projectName: project, name: repository, description }), { abortSignal });
      }),
    cloneUrl: (space, project, repository) =>
      call(`codecatalyst:GetSourceRepositoryCloneUrls for ${repository}`, async (abortSignal) => {
        const url = (await client.send(new GetSourceRepositoryCloneUrlsCommand({ spaceName: space, projectName: project, sourceRepositoryName: repository }), { abortSignal })).https;
        if (!url) throw new EnvironmentError(`CodeCatalyst returned no clone URL for ${space}/${project}/${repository}.`);
        return url;
      }),
    listWorkflows: (space, project) =>
      call(`codecatalyst:ListWorkflows in ${space}/${project}`, async (abortSignal) => {
        const out: WorkflowSummary[] = [];
        let nextToken: string | undefined;
        do {
          const page = await client.send(new ListWorkflowsCommand({ spaceName: space, projectName: project, ...(nextToken ? { nextToken } : {}) }), { abortSignal });
          for (const w of page.items ?? []) out.push({ id: w.id ?? '', name: w.name ?? '', repository: w.sourceRepositoryName ?? '', branch: w.sourceBranchName ?? '', status: w.status ?? '' });
          nextToken = page.nextToken;
        } while (nextToken);
        return out;
      }),
    startWorkflowRun: (space, project, workflowId) =>
      call(`codecatalyst:StartWorkflowRun of workflow ${workflowId}`, async (abortSignal) => {
        const out = await client.send(new StartWorkflowRunCommand({ spaceName: space, projectName: project, workflowId }), { abortSignal });
        return run({ ...out, status: 'VALIDATING' });
      }),
    getWorkflowRun: (space, project, runId) => call(`codecatalyst:GetWorkflowRun ${runId}`, async (abortSignal) => run(await client.send(new GetWorkflowRunCommand({ spaceName: space, projectName: project, id: runId }), { abortSignal }))),
    listWorkflowRuns: (space, project, workflowId, max) =>
      call(`codecatalyst:ListWorkflowRuns of workflow ${workflowId}`, async (abortSignal) => (await client.send(new ListWorkflowRunsCommand({ spaceName: space, projectName: project, workflowId, maxResults: max }), { abortSignal })).items?.map(run) ?? []),
    createDevEnvironment: (space, project, input) =>
      call(`codecatalyst:CreateDevEnvironment in ${space}/${project}`, async (abortSignal) => {
        const out = await client.send(
          new CreateDevEnvironmentCommand({
            spaceName: space,
            projectName: project,
            repositories: [{ repositoryName: input.repository, branchName: input.branch }],
            ides: [{ name: input.ide.name, ...(input.ide.runtime ? { runtime: input.ide.runtime } : {}) }],
            instanceType: input.instanceType as _InstanceType,
            persistentStorage: { sizeInGiB: input.storageGiB },
            inactivityTimeoutMinutes: input.inactivityTimeoutMinutes,
            ...(input.alias ? { alias: input.alias } : {}),
          }),
          { abortSignal },
        );
        return out.id ?? '';
      }),
    getDevEnvironment: (space, project, id) =>
      call(`codecatalyst:GetDevEnvironment ${id}`, async (abortSignal) => {
        const out = await client.send(new GetDevEnvironmentCommand({ spaceName: space, projectName: project, id }), { abortSignal });
        return { id: out.id ?? id, status: out.status ?? 'UNKNOWN', ...(out.statusReason ? { statusReason: out.statusReason } : {}) };
      }),
  };
}

function isNotFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === 'ResourceNotFoundException' || err?.$metadata?.httpStatusCode === 404;
}

/**
 * The shared AWS error mapping, with what is particular to a bearer token: a session CodeCatalyst refuses (401,
 * or access denied for the session itself) says how to sign in again.
 */
function authCaller(settings: CodeCatalystSettings) {
  const call = awsCaller(settings);
  const profile = settings.profile ?? (settings.env ?? process.env)['AWS_PROFILE'];
  return <T>(op: string, fn: (abortSignal: AbortSignal) => Promise<T>): Promise<T> =>
    call(op, async (abortSignal) => {
      try {
        return await fn(abortSignal);
      } catch (e) {
        if ((e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 401) {
          throw new EnvironmentError(noSession(profile, `CodeCatalyst refused the session for ${op}; it may have expired`), { cause: e });
        }
        throw e;
      }
    });
}
