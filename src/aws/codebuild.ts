import {
  BatchGetBuildsCommand,
  BatchGetProjectsCommand,
  CodeBuildClient,
  CreateProjectCommand,
  StartBuildCommand,
  StopBuildCommand,
  UpdateProjectCommand,
  type Build,
  type CreateProjectCommandInput,
  type UpdateProjectCommandInput,
} from '@aws-sdk/client-codebuild';
import { awsCaller, sdkClientConfig, type AwsClientSettings } from './client.js';
import type { ExistingProject } from './codebuild-project.js';

/** A build as `codebuild run` shows it. */
export interface BuildState {
  readonly id: string;
  readonly status: string;
  readonly complete: boolean;
  readonly currentPhase?: string;
  readonly phases: readonly { readonly type: string; readonly status?: string; readonly seconds?: number; readonly messages: readonly string[] }[];
  readonly logsLink?: string;
}

/** What `codebuild sync|run` need from CodeBuild; tests hand in fakes. */
export interface CodeBuildApi {
  /** The project's current source, environment and logs settings; undefined when there is no such project. */
  getProject(name: string): Promise<ExistingProject | undefined>;
  createProject(input: Record<string, unknown>): Promise<void>;
  updateProject(input: Record<string, unknown>): Promise<void>;
  /**
   * The calls `codebuild run` makes while it follows a build take `cancel`: when it aborts (a signal), the call
   * ends at once and rejects with its reason (see awsCaller); each is bounded by the AWS timeouts anyway.
   */
  startBuild(input: { projectName: string; buildspecOverride?: string; sourceVersion?: string }, cancel?: AbortSignal): Promise<BuildState>;
  getBuild(id: string, cancel?: AbortSignal): Promise<BuildState>;
  /** Ask CodeBuild to stop a running build; it ends as STOPPED a little later. */
  stopBuild(id: string, cancel?: AbortSignal): Promise<BuildState>;
}

export function createCodeBuildApi(settings: AwsClientSettings = {}): CodeBuildApi {
  const client = new CodeBuildClient(sdkClientConfig(settings));
  const call = awsCaller(settings);
  return {
    getProject: (name) =>
      call(`codebuild:BatchGetProjects on project ${name}`, async (abortSignal) => {
        const out = await client.send(new BatchGetProjectsCommand({ names: [name] }), { abortSignal });
        const p = (out.projects ?? []).find((x) => x.name === name);
        if (!p) return undefined;
        return {
          ...(p.source ? { source: p.source as unknown as Record<string, unknown> } : {}),
          ...(p.environment ? { environment: p.environment as unknown as Record<string, unknown> } : {}),
          ...(p.logsConfig ? { logsConfig: p.logsConfig as unknown as Record<string, unknown> } : {}),
        };
      }),
    createProject: (input) =>
      call(`codebuild:CreateProject on project ${String(input['name'])}`, async (abortSignal) => {
        await client.send(new CreateProjectCommand(input as unknown as CreateProjectCommandInput), { abortSignal });
      }),
    updateProject: (input) =>
      call(`codebuild:UpdateProject on project ${String(input['name'])}`, async (abortSignal) => {
        await client.send(new UpdateProjectCommand(input as unknown as UpdateProjectCommandInput), { abortSignal });
      }),
    startBuild: (input, cancel) =>
      call(
        `codebuild:StartBuild on project ${input.projectName}`,
        async (abortSignal) => {
          const out = await client.send(new StartBuildCommand(input), { abortSignal });
          if (!out.build) throw new Error('the response has no build');
          return toState(out.build);
        },
        cancel,
      ),
    stopBuild: (id, cancel) =>
      call(
        `codebuild:StopBuild on build ${id}`,
        async (abortSignal) => {
          const out = await client.send(new StopBuildCommand({ id }), { abortSignal });
          if (!out.build) throw new Error('the response has no build');
          return toState(out.build);
        },
        cancel,
      ),
    getBuild: (id, cancel) =>
      call(
        `codebuild:BatchGetBuilds on build ${id}`,
        async (abortSignal) => {
          const out = await client.send(new BatchGetBuildsCommand({ ids: [id] }), { abortSignal });
          const b = out.builds?.find((x) => x.id === id);
          if (!b) throw Object.assign(new Error(`build ${id} was not found`), { name: 'ResourceNotFoundException' });
          return toState(b);
        },
        cancel,
      ),
  };
}

function toState(b: Build): BuildState {
  return {
    id: b.id ?? '',
    status: b.buildStatus ?? 'IN_PROGRESS',
    complete: b.buildComplete === true,
    ...(b.currentPhase ? { currentPhase: b.currentPhase } : {}),
    phases: (b.phases ?? []).map((p) => ({
      type: p.phaseType ?? 'UNKNOWN',
      ...(p.phaseStatus ? { status: p.phaseStatus } : {}),
      ...(p.durationInSeconds !== undefined ? { seconds: p.durationInSeconds } : {}),
      messages: (p.contexts ?? []).map((c) => [c.statusCode, c.message].filter(Boolean).join(': ')).filter(Boolean),
    })),
    ...(b.logs?.deepLink ? { logsLink: b.logs.deepLink } : {}),
  };
}
