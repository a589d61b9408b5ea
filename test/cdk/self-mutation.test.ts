import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCloudAssembly } from '../../src/io/cdk-out.js';
import type { StackTemplate } from '../../src/security/diff.js';
import { compileApp, renderSecurePipeline, synthApp, writeApp } from './generated-app.js';

// The two other ways the pipeline may update itself (`selfMutation: approval`, the default, is tested with the
// defaults in secure-pipeline-synth.test.ts): CDK's own unchecked self-mutation, and none.

type Resources = Record<string, { Type: string; Properties?: any }>;
const resourcesOf = (t: StackTemplate, type: string) => Object.entries((t.template['Resources'] ?? {}) as Resources).filter(([, r]) => r.Type === type);

/** The pipeline's stages, each with its actions' names. */
function stagesOf(stack: StackTemplate): [string, string[]][] {
  const pipelines = resourcesOf(stack, 'AWS::CodePipeline::Pipeline');
  expect(pipelines).toHaveLength(1);
  return (pipelines[0]![1].Properties.Stages as { Name: string; Actions: { Name: string }[] }[]).map((s) => [s.Name, s.Actions.map((a) => a.Name)]);
}

/** The build commands of every CodeBuild project that runs `cdk ... deploy`. */
function deployCommands(stack: StackTemplate): string[] {
  return resourcesOf(stack, 'AWS::CodeBuild::Project')
    .flatMap(([, p]) => (parse(p.Properties.Source.BuildSpec).phases?.build?.commands ?? []) as string[])
    .filter((c) => /^cdk .* deploy /.test(c));
}

function synth(name: string, overrides: Parameters<typeof renderSecurePipeline>[0]): { pipeline: StackTemplate; readme: string } {
  const files = renderSecurePipeline(overrides);
  const dir = writeApp(files, name);
  compileApp(dir);
  const stacks = readCloudAssembly(synthApp(dir, { validation: false }));
  return { pipeline: stacks.find((s) => s.name === 'secure-app-pipeline')!, readme: files.get('README.md')!.content };
}

const CODESTAR_CONNECTION = 'arn:aws:codestar-connections:us-east-1:111111111111:connection/00000000-0000-0000-0000-000000000000';

describe('selfMutation automatic, with a codestar-connections connection', () => {
  let pipeline: StackTemplate;
  let readme = '';
  beforeAll(() => {
    ({ pipeline, readme } = synth('self-mutation-automatic', {
      selfMutation: 'automatic',
      source: { repository: 'my-org/secure-app', branch: 'main', connectionArn: CODESTAR_CONNECTION },
    }));
  });

  it("runs CDK's self-mutation right after the build, with no check or approval before it", () => {
    const stages = stagesOf(pipeline);
    expect(stages.map(([n]) => n)).toEqual(['Source', 'Build', 'UpdatePipeline', 'Dev', 'Prod']);
    expect(stages.find(([n]) => n === 'UpdatePipeline')![1]).toEqual(['SelfMutate']);
    expect(deployCommands(pipeline)).toEqual(['cdk -a . deploy secure-app-pipeline --require-approval=never --verbose']);
    expect((pipeline.template['Metadata'] as any)['catalyst-gen:approval-gate'].selfMutation).toBe('automatic');
    // Every application stage keeps its check.
    for (const name of ['Dev', 'Prod']) expect(stages.find(([n]) => n === name)![1].filter((a) => a.endsWith('PermissionCheck.Check')).length).toBeGreaterThan(0);
  });

  it('grants the source action UseConnection in the connection\'s own prefix only (codestar-connections)', () => {
    const actions = resourcesOf(pipeline, 'AWS::IAM::Policy')
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
      .filter((st) => [st.Action].flat().some((a) => a.endsWith(':UseConnection')));
    expect(actions).toEqual([expect.objectContaining({ Action: 'codestar-connections:UseConnection', Resource: CODESTAR_CONNECTION })]);
  });

  it('says in the README that its changes are applied unchecked, and how to put them behind the check', () => {
    expect(readme).toContain('`selfMutation` is `automatic`.');
    expect(readme).toContain('**without any\ncheck or approval**');
    expect(readme).toContain('catalyst-gen update --set selfMutation=approval');
  });
});

describe('selfMutation off', () => {
  let pipeline: StackTemplate;
  let readme = '';
  beforeAll(() => {
    ({ pipeline, readme } = synth('self-mutation-off', { selfMutation: 'off' }));
  });

  it('never deploys itself: no UpdatePipeline stage, no project that runs cdk deploy', () => {
    expect(stagesOf(pipeline).map(([n]) => n)).toEqual(['Source', 'Build', 'Dev', 'Prod']);
    expect(deployCommands(pipeline)).toEqual([]);
  });

  it('gives the command to deploy the pipeline by hand in the README', () => {
    expect(readme).toContain('The pipeline never updates itself.');
    expect(readme).toContain('```sh\nnpx cdk deploy secure-app-pipeline\n```');
  });
});
