import { describe, expect, it } from 'vitest';
import type { WorkflowDef } from '../../src/model/workflow.js';
import { renderWorkflow } from '../../src/render/workflow.js';
import { effectivePredecessors, workflowGraph, type WorkflowGraph } from '../../src/wire/workflow-graph.js';
import { renderStages, type DeploymentStage, type StagesDef } from '../../src/render/workflow-stages.js';
import { parseWorkflow } from '../../src/wire/workflow-parse.js';
import { ValidationError } from '../../src/errors.js';
import { check, officialErrors, roundTripYaml } from './helpers.js';

const STAGE_NAMES = ['dev', 'test', 'prod'];
function stages(n: number): DeploymentStage[] {
  return Array.from({ length: n }, (_, i) => {
    const name = n === 3 ? STAGE_NAMES[i]! : `acct${String(i + 1).padStart(2, '0')}`;
    return {
      name,
      environment: name,
      connection: `${name}-connection`,
      role: 'CodeCatalystDeployRole',
      account: String(100000000000 + i),
      region: i % 2 === 0 ? 'eu-west-1' : 'us-east-1',
      ...(name === 'prod' ? { approval: true } : {}),
    };
  });
}

/** A whole workflow: a build, the stages, and a final check after every stage. */
function workflowFor(def: Omit<StagesDef, 'dependsOn' | 'artifact'>): WorkflowDef {
  const rendered = renderStages({ ...def, dependsOn: ['Build'], artifact: 'cdkout' });
  return {
    name: 'deploy',
    triggers: [{ type: 'PUSH', branches: ['main'] }],
    actions: [
      {
        name: 'Build',
        identifier: 'aws/build@v1',
        inputs: { sources: ['WorkflowSource'] },
        outputs: { artifacts: [{ name: 'cdkout', files: ['cdk.out/**/*'] }] },
        configuration: { steps: ['npm ci', 'npx cdk synth'] },
      },
      ...rendered.items,
      { name: 'Verify', identifier: 'aws/build@v1', dependsOn: rendered.tail, inputs: { sources: ['WorkflowSource'] }, configuration: { steps: ['npm run smoke'] } },
    ],
  };
}

function graphOf(def: WorkflowDef): WorkflowGraph {
  return workflowGraph(roundTripYaml(renderWorkflow(def)).parsed);
}
const edgeSet = (g: WorkflowGraph) => new Set(g.edges.map((e) => `${e.from}->${e.to}`));

function expectValid(def: WorkflowDef) {
  const { text, parsed } = roundTripYaml(renderWorkflow(def));
  expect(check(text)).toEqual([]);
  expect(officialErrors(parsed)).toEqual([]);
  expect(parseWorkflow(parsed)).toEqual(def);
}

describe.each([1, 3, 20])('%i stage(s)', (n) => {
  const list = stages(n);
  const names = list.map((s) => s.name);

  it('sequential: renders, validates, and chains every stage after the previous one', () => {
    const def = workflowFor({ stages: list, strategy: 'sequential' });
    expectValid(def);
    const g = graphOf(def);
    expect(g.nodes.some((x) => x.kind === 'group')).toBe(false);
    const edges = edgeSet(g);
    let prev = 'Build';
    for (const s of names) {
      if (s === 'prod') {
        expect(edges.has(`${prev}->Approve_prod`)).toBe(true);
        prev = 'Approve_prod';
      }
      expect(edges.has(`${prev}->Bootstrap_${s}`)).toBe(true);
      expect(edges.has(`Bootstrap_${s}->Deploy_${s}`)).toBe(true);
      prev = `Deploy_${s}`;
    }
    expect(edges.has(`${prev}->Verify`)).toBe(true);
    // One bootstrap and one deploy per stage, nothing else besides Build, Verify and the gate.
    expect(g.nodes.filter((x) => x.identifier === 'aws/cdk-deploy@v1')).toHaveLength(n);
    expect(g.nodes.filter((x) => x.identifier === 'aws/cdk-bootstrap@v1')).toHaveLength(n);
    expect(g.edges).toHaveLength(2 * n + 1 + (names.includes('prod') ? 1 : 0));
    expect(g.nodes.filter((x) => x.kind === 'gate').map((x) => x.name)).toEqual(names.includes('prod') ? ['Approve_prod'] : []);
  });

  it('parallel: renders, validates, and deploys every stage at once inside one group', () => {
    const def = workflowFor({ stages: list, strategy: 'parallel' });
    expectValid(def);
    const g = graphOf(def);
    const edges = edgeSet(g);
    if (n === 1) {
      // A group of one is noise: one stage renders as plain actions.
      expect(g.nodes.some((x) => x.kind === 'group')).toBe(false);
      expect(edges.has('Build->Bootstrap_acct01')).toBe(true);
      expect(edges.has('Deploy_acct01->Verify')).toBe(true);
      return;
    }
    const group = g.nodes.find((x) => x.kind === 'group')!;
    expect(group.name).toBe('DeployAll');
    expect(group.members).toHaveLength(2 * n);
    const gate = names.includes('prod') ? 'Approve_DeployAll' : undefined;
    if (gate) {
      expect(g.nodes.find((x) => x.name === gate)).toMatchObject({ kind: 'gate' });
      expect(g.nodes.find((x) => x.name === gate)!.group).toBeUndefined();
      expect(edges.has(`Build->${gate}`)).toBe(true);
      expect(edges.has(`${gate}->DeployAll`)).toBe(true);
    } else expect(edges.has('Build->DeployAll')).toBe(true);
    expect(edges.has('DeployAll->Verify')).toBe(true);
    for (const s of names) {
      // Stages do not wait for each other: only the deploy for its own bootstrap.
      expect(g.nodes.find((x) => x.name === `Bootstrap_${s}`)).toMatchObject({ group: 'DeployAll', dependsOn: [] });
      expect(g.nodes.find((x) => x.name === `Deploy_${s}`)).toMatchObject({ group: 'DeployAll', dependsOn: [`Bootstrap_${s}`] });
    }
    // Every stage effectively starts after the build (through the group), and Verify after all of them.
    const preds = effectivePredecessors(g);
    expect(preds.get(`Bootstrap_${names[0]}`)).toContain(gate ?? 'Build');
    expect(preds.get('DeployAll')).toEqual(expect.arrayContaining(names.map((s) => `Deploy_${s}`)));
  });
});

describe('waves and details', () => {
  it('waves: parallel groups one after another, with a gate before a wave that asks for approval', () => {
    const [a, b, c, d] = stages(4);
    const def = workflowFor({ waves: [[a!, b!], [{ ...c!, approval: 2 }, d!]] });
    expectValid(def);
    const g = graphOf(def);
    const edges = edgeSet(g);
    expect([...edges]).toEqual(expect.arrayContaining(['Build->Wave1', 'Wave1->Approve_Wave2', 'Approve_Wave2->Wave2', 'Wave2->Verify']));
    const w = renderWorkflow(def) as unknown as { Actions: Record<string, any> };
    expect(w.Actions['Approve_Wave2'].Configuration).toEqual({ ApprovalsRequired: 2 });
  });

  it('each stage deploys with its own environment, one connection, region and stack', () => {
    const w = renderWorkflow(workflowFor({ stages: stages(3), stackName: 'shop' })) as unknown as { Actions: Record<string, any> };
    expect(w.Actions['Deploy_test']).toMatchObject({
      Identifier: 'aws/cdk-deploy@v1',
      Environment: { Name: 'test', Connections: [{ Name: 'test-connection', Role: 'CodeCatalystDeployRole' }] },
      Inputs: { Artifacts: ['cdkout'] },
      Configuration: { StackName: 'shop-test', Region: 'us-east-1' },
    });
    expect(w.Actions['Bootstrap_test'].Configuration).toEqual({ Region: 'us-east-1' });
  });

  it('turns stage names into valid action names and refuses two stages that collide', () => {
    const [a, b] = stages(2);
    const items = renderStages({ stages: [{ ...a!, name: 'prod eu' }] }).items;
    expect(items.map((i) => i.name)).toEqual(['Bootstrap_prod_eu', 'Deploy_prod_eu']);
    expect(() => renderStages({ stages: [{ ...a!, name: 'prod eu' }, { ...b!, name: 'prod/eu' }] })).toThrow(ValidationError);
    expect(() => renderStages({ stages: [] })).toThrow(/at least one stage/);
  });
});
