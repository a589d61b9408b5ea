import {
  CodeCatalystClient,
  CreateDevEnvironmentCommand,
  CreateProjectCommand,
  GetProjectCommand,
  GetSourceRepositoryCommand,
  GetWorkflowRunCommand,
  ListSourceRepositoryBranchesCommand,
  ListWorkflowsCommand,
  ResourceNotFoundException,
  StartWorkflowRunCommand,
  ThrottlingException,
} from '@aws-sdk/client-codecatalyst';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createCodeCatalystApi } from '../../src/aws/codecatalyst.js';

// The request shapes the adapter sends, with the SDK mocked (the wire format is in cli.test.ts).
// The CodeCatalyst client is of an older SDK generation (its last release) than the types aws-sdk-client-mock
// is built against; the stub works on any client's `send`, so the types are loosened here.
const cc: AwsStub<any, any, any> = mockClient(CodeCatalystClient as any) as any;
const on = (command: unknown, input?: object) => cc.on(command as any, input as any);
/** The input of each call of a command, in order. */
const inputsOf = (command: unknown): unknown[] => cc.commandCalls(command as any).map((c) => c.args[0].input);
const api = createCodeCatalystApi({ env: { AWS_BEARER_TOKEN_CODECATALYST: 'not-used-by-the-mock' } });
afterAll(() => cc.restore());
beforeEach(() => cc.reset());

const notFound = () => new ResourceNotFoundException({ message: 'not found', $metadata: { httpStatusCode: 404 } });

describe('the CodeCatalyst adapter', () => {
  it('reads a missing project as undefined, and creates one by display name', async () => {
    on(GetProjectCommand).rejects(notFound());
    on(CreateProjectCommand).resolves({ spaceName: 'acme', name: 'shop', displayName: 'shop' });
    expect(await api.getProject('acme', 'shop')).toBeUndefined();
    expect(await api.createProject('acme', 'shop', 'why')).toBe('shop');
    expect(inputsOf(GetProjectCommand)[0]).toEqual({ spaceName: 'acme', name: 'shop' });
    expect(inputsOf(CreateProjectCommand)[0]).toEqual({ spaceName: 'acme', displayName: 'shop', description: 'why' });
  });

  it('tells a missing repository from an empty one and from one with branches', async () => {
    on(GetSourceRepositoryCommand).rejectsOnce(notFound()).resolves({ spaceName: 'acme', projectName: 'shop', name: 'r', lastUpdatedTime: new Date(), createdTime: new Date() });
    on(ListSourceRepositoryBranchesCommand).resolvesOnce({ items: [] }).resolves({ items: [{ name: 'main', ref: 'refs/heads/main' }] });
    expect(await api.getRepository('acme', 'shop', 'r')).toEqual({ exists: false, branches: [] });
    expect(await api.getRepository('acme', 'shop', 'r')).toEqual({ exists: true, branches: [] });
    expect(await api.getRepository('acme', 'shop', 'r')).toEqual({ exists: true, branches: ['main'] });
    expect(inputsOf(ListSourceRepositoryBranchesCommand)[0]).toEqual({ spaceName: 'acme', projectName: 'shop', sourceRepositoryName: 'r', maxResults: 5 });
  });

  it('lists workflows across pages', async () => {
    const wf = (id: string, name: string) => ({ id, name, sourceRepositoryName: 'shop', sourceBranchName: 'main', status: 'ACTIVE', definition: { path: `.codecatalyst/workflows/${name}.yaml` }, createdTime: new Date(), lastUpdatedTime: new Date(), runMode: 'QUEUED' as const });
    on(ListWorkflowsCommand, { spaceName: 'acme', projectName: 'shop' }).resolves({ items: [wf('1', 'Deploy')], nextToken: 'page-2' });
    on(ListWorkflowsCommand, { spaceName: 'acme', projectName: 'shop', nextToken: 'page-2' }).resolves({ items: [wf('2', 'PullRequest')] });
    expect((await api.listWorkflows('acme', 'shop')).map((w) => [w.id, w.name, w.repository, w.branch])).toEqual([
      ['1', 'Deploy', 'shop', 'main'],
      ['2', 'PullRequest', 'shop', 'main'],
    ]);
  });

  it('starts a run of a workflow by id and reads its status reasons', async () => {
    on(StartWorkflowRunCommand).resolves({ spaceName: 'acme', projectName: 'shop', id: 'r1', workflowId: 'w1' });
    on(GetWorkflowRunCommand).resolves({ spaceName: 'acme', projectName: 'shop', id: 'r1', workflowId: 'w1', status: 'FAILED', statusReasons: [{}], startTime: new Date('2026-12-04T12:00:00Z'), lastUpdatedTime: new Date() });
    expect(await api.startWorkflowRun('acme', 'shop', 'w1')).toMatchObject({ id: 'r1', workflowId: 'w1', status: 'VALIDATING' });
    expect(inputsOf(StartWorkflowRunCommand)[0]).toEqual({ spaceName: 'acme', projectName: 'shop', workflowId: 'w1' });
    expect(await api.getWorkflowRun('acme', 'shop', 'r1')).toMatchObject({ status: 'FAILED', reasons: [] });
  });

  it('creates a Dev Environment with the IDE runtime JetBrains IDEs need', async () => {
    on(CreateDevEnvironmentCommand).resolves({ spaceName: 'acme', projectName: 'shop', id: 'd1' });
    await api.createDevEnvironment('acme', 'shop', { repository: 'shop', branch: 'dev', ide: { name: 'PyCharm', runtime: 'public.ecr.aws/jetbrains/py:release' }, instanceType: 'dev.standard1.medium', storageGiB: 32, inactivityTimeoutMinutes: 60, alias: 'pair' });
    expect(inputsOf(CreateDevEnvironmentCommand)[0]).toEqual({
      spaceName: 'acme',
      projectName: 'shop',
      repositories: [{ repositoryName: 'shop', branchName: 'dev' }],
      ides: [{ name: 'PyCharm', runtime: 'public.ecr.aws/jetbrains/py:release' }],
      instanceType: 'dev.standard1.medium',
      persistentStorage: { sizeInGiB: 32 },
      inactivityTimeoutMinutes: 60,
      alias: 'pair',
    });
  });

  it('maps AWS errors as the other AWS commands do', async () => {
    on(ListWorkflowsCommand).rejects(new ThrottlingException({ message: 'slow down', $metadata: { httpStatusCode: 429, attempts: 3 } }));
    await expect(api.listWorkflows('acme', 'shop')).rejects.toThrow('AWS is throttling codecatalyst:ListWorkflows in acme/shop (gave up after 3 attempts): wait a minute and try again.');
  });
});
