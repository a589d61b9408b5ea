import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSchema } from '../../src/validate/schemas.js';
import { cli, tempDir } from '../helpers/cli.js';
import { BROKEN } from './helpers.js';


const GOOD = [
  'Name: release',
  'SchemaVersion: "1.0"',
  'Triggers:',
  '  - Type: Push',
  'Actions:',
  '  Build:',
  '    Identifier: aws/build@v1',
  '    Configuration: {Steps: [{Run: make}]}',
  '  Approve:',
  '    Identifier: aws/approval@v1',
  '    DependsOn: [Build]',
  '    Configuration: {ApprovalsRequired: 1}',
  '  Regions:',
  '    DependsOn: [Approve]',
  '    Actions:',
  '      DeployEU:',
  '        Identifier: aws/cdk-deploy@v1',
  '        Environment: {Name: prod, Connections: [{Name: prod-eu, Role: DeployRole}]}',
  '        Configuration: {StackName: app, Region: eu-west-1}',
  '      DeployUS:',
  '        Identifier: aws/cdk-deploy@v1',
  '        Environment: {Name: prod, Connections: [{Name: prod-us, Role: DeployRole}]}',
  '        Configuration: {StackName: app, Region: us-east-1}',
  '',
].join('\n');

function project(files: Record<string, string>): string {
  const dir = tempDir('cg-wf-');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

describe('catalyst-gen validate on workflows', () => {
  it('finds .codecatalyst/workflows/*.yaml and *.yml in a folder and reports file:line:col, exit 1', async () => {
    const dir = project({ '.codecatalyst/workflows/broken.yml': BROKEN, '.codecatalyst/workflows/release.yaml': GOOD, 'other/notes.yaml': 'a: 1\n' });
    const r = await cli('validate', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/broken\.yml:9:17: error WF-DEPENDS-MISSING "Deploy" depends on "Biuld"/);
    expect(r.stdout).toContain('Did you mean "Build"?');
    expect(r.stdout).toMatch(/release\.yaml:4:11: warning WF-LENIENT-TRIGGER-TYPE/);
    expect(r.stdout).toContain('2 files checked: 1 error, 1 warning.');
  });

  it('exits 0 for a workflow with warnings only', async () => {
    const dir = project({ '.codecatalyst/workflows/release.yaml': GOOD });
    expect((await cli('validate', join(dir, '.codecatalyst/workflows/release.yaml'))).code).toBe(0);
  });

  it('--format sarif writes well-formed SARIF 2.1.0 with the region of the fault', async () => {
    const dir = project({ '.codecatalyst/workflows/broken.yaml': BROKEN });
    const r = await cli('validate', '--format', 'sarif', dir);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    // The structure SARIF consumers need: version, one run with a driver, rules and results that point at them.
    const shape = compileSchema(
      {
        type: 'object',
        required: ['version', 'runs'],
        properties: {
          version: { const: '2.1.0' },
          runs: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['tool', 'results'],
              properties: {
                tool: { type: 'object', required: ['driver'], properties: { driver: { type: 'object', required: ['name', 'rules'] } } },
                results: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['ruleId', 'level', 'message', 'locations'],
                    properties: {
                      level: { enum: ['error', 'warning', 'note', 'none'] },
                      message: { type: 'object', required: ['text'] },
                      locations: {
                        type: 'array',
                        items: {
                          type: 'object',
                          required: ['physicalLocation'],
                          properties: {
                            physicalLocation: {
                              type: 'object',
                              required: ['artifactLocation', 'region'],
                              properties: { region: { type: 'object', required: ['startLine', 'startColumn'], properties: { startLine: { type: 'integer', minimum: 1 }, startColumn: { type: 'integer', minimum: 1 } } } },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
      'test:sarif-shape',
    );
    expect(shape(sarif), JSON.stringify(shape.errors)).toBe(true);
    const run = sarif.runs[0];
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'WF-DEPENDS-MISSING');
    expect(result.level).toBe('error');
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('WF-DEPENDS-MISSING');
    const loc = result.locations[0].physicalLocation;
    expect(loc.artifactLocation.uri).toMatch(/\.codecatalyst\/workflows\/broken\.yaml$/);
    expect(loc.region).toEqual({ startLine: 9, startColumn: 17, endLine: 9, endColumn: 22 });
  });

  it('bad input exits 1 with the line: not a mapping, and malformed YAML', async () => {
    const dir = project({ '.codecatalyst/workflows/list.yaml': '- a\n- b\n', '.codecatalyst/workflows/bad.yaml': 'Name: x\nActions: [\n' });
    const r = await cli('validate', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/list\.yaml:1:1: error WF-NOT-MAPPING/);
    expect(r.stdout).toMatch(/bad\.yaml:\d+:\d+: error YAML-SYNTAX/);
  });
});

describe('catalyst-gen schema workflow', () => {
  it('prints the workflow schema as JSON', async () => {
    const r = await cli('schema', 'workflow');
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.title).toBe('Amazon CodeCatalyst workflow');
    expect(schema.required).toEqual(['Name', 'SchemaVersion', 'Actions']);
  });
});

describe('catalyst-gen graph', () => {
  it('prints a Mermaid flowchart with the group as a subgraph, the gate as a hexagon and every dependency', async () => {
    const dir = project({ 'release.yaml': GOOD });
    const r = await cli('graph', join(dir, 'release.yaml'));
    expect(r.code).toBe(0);
    const text = r.stdout;
    expect(text.startsWith('flowchart TD\n')).toBe(true);
    const ids = Object.fromEntries([...text.matchAll(/(n\d+)(?:\{\{|\[)"([A-Za-z0-9_-]+)/g)].map((m) => [m[2]!, m[1]!]));
    expect(Object.keys(ids).sort()).toEqual(['Approve', 'Build', 'DeployEU', 'DeployUS', 'Regions']);
    expect(text).toContain(`${ids['Approve']}{{"Approve<br/><small>aws/approval@v1</small>"}}`);
    expect(text).toMatch(new RegExp(`subgraph ${ids['Regions']}\\["Regions"\\][\\s\\S]*${ids['DeployEU']}\\[[\\s\\S]*${ids['DeployUS']}\\[[\\s\\S]*end`));
    const edges = [...text.matchAll(/(n\d+) --> (n\d+)/g)].map((m) => `${m[1]}>${m[2]}`);
    expect(edges).toEqual([`${ids['Build']}>${ids['Approve']}`, `${ids['Approve']}>${ids['Regions']}`]);
  });

  it('draws a broken workflow, marking the action with the error and the missing target (exit 1, the diagnostics on stderr)', async () => {
    const dir = project({ 'broken.yaml': BROKEN });
    const r = await cli('graph', join(dir, 'broken.yaml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\.yaml:9:17: error WF-DEPENDS-MISSING/);
    const ids = Object.fromEntries([...r.stdout.matchAll(/(n\d+)\["([A-Za-z0-9_-]+)/g)].map((m) => [m[2]!, m[1]!]));
    expect(Object.keys(ids).sort()).toEqual(['Build', 'Deploy']);
    expect(r.stdout).toContain(`class ${ids['Deploy']} broken`);
    expect(r.stdout).toContain('classDef broken');
    expect(r.stdout).toMatch(new RegExp(`m0\\["Biuld<br/><small>no such action</small>"\\]:::missing\n  m0 -.-> ${ids['Deploy']}`));
    expect((await cli('graph', join(dir, 'nope.yaml'))).code).toBe(2);
  });

  it('marks every action of a cycle', async () => {
    const cycle = ['Name: c', 'SchemaVersion: "1.0"', 'Actions:', '  A: {Identifier: aws/build@v1, DependsOn: [C], Configuration: {Steps: [{Run: a}]}}', '  B: {Identifier: aws/build@v1, DependsOn: [A], Configuration: {Steps: [{Run: b}]}}', '  C: {Identifier: aws/build@v1, DependsOn: [B], Configuration: {Steps: [{Run: c}]}}', '  D: {Identifier: aws/build@v1, Configuration: {Steps: [{Run: d}]}}', ''].join('\n');
    const dir = project({ 'cycle.yaml': cycle });
    const r = await cli('graph', join(dir, 'cycle.yaml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('WF-DEPENDS-CYCLE');
    expect(r.stdout).toContain('class n0,n1,n2 broken');
    expect([...r.stdout.matchAll(/(n\d+) --> (n\d+)/g)].map((m) => `${m[1]}>${m[2]}`)).toEqual(['n2>n0', 'n0>n1', 'n1>n2']);
  });
});
