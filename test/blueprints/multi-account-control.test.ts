import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { multiAccountControl, type MultiAccountControlOptions, type TargetOption } from '../../blueprints/multi-account-control/index.js';
import { CONFIG_RULES } from '../../blueprints/multi-account-control/rules.js';
import { run } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';
import { GENERATED_VERSIONS, renderMermaid, validateFileMap, workflowGraph, effectivePredecessors, type WorkflowGraph } from '../../src/index.js';
import { renderBlueprint } from '../../src/io/generate.js';
import type { FileMap } from '../../src/model/file-map.js';
import { compileApp, REPO_ROOT, writeFileMap } from '../helpers/files.js';

const TMP = join(REPO_ROOT, '.tmp', 'multi-account-control');
const DEPLOY = '.codecatalyst/workflows/deploy-control.yaml';
const CHECK = '.codecatalyst/workflows/check-control.yaml';

afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** Targets with real-looking (non-placeholder) accounts; every `prodEvery`-th one is production. */
function targets(n: number, prod: (i: number) => boolean): TargetOption[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `t${i + 1}`,
    account: String(100000000001 + i),
    region: i % 2 === 0 ? 'us-east-1' : 'eu-west-1',
    environment: `t${i + 1}-env`,
    connection: `t${i + 1}-connection`,
    role: 'DeployRole',
    production: prod(i),
  }));
}

function options(overrides: Partial<MultiAccountControlOptions> = {}): MultiAccountControlOptions {
  return { ...(multiAccountControl.defaults as MultiAccountControlOptions), ...overrides };
}

function render(o: MultiAccountControlOptions): FileMap {
  return renderBlueprint(multiAccountControl, o as unknown as Record<string, unknown>);
}

/** The deploy workflow as written, parsed back from its bytes. */
function deployGraph(files: FileMap): WorkflowGraph {
  return workflowGraph(parse(files.get(DEPLOY)!.content));
}

/** Everything a node waits for, directly or not, groups taken into account. */
function upstream(graph: WorkflowGraph, name: string): Set<string> {
  const preds = effectivePredecessors(graph);
  const seen = new Set<string>();
  const todo = [...(preds.get(name) ?? [])];
  while (todo.length > 0) {
    const n = todo.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    todo.push(...(preds.get(n) ?? []));
  }
  return seen;
}

function node(graph: WorkflowGraph, name: string) {
  const n = graph.nodes.find((x) => x.name === name);
  if (!n) throw new Error(`no node ${name} in ${graph.nodes.map((x) => x.name).join(', ')}`);
  return n;
}

const deploys = (graph: WorkflowGraph) => graph.nodes.filter((n) => n.identifier === 'aws/cdk-deploy@v1');
const gates = (graph: WorkflowGraph) => graph.nodes.filter((n) => n.kind === 'gate');

describe('multi-account-control: the deploy workflow graph', () => {
  it('with 3 targets (waves, approval): non-production in parallel, then the gate, then production', () => {
    const g = deployGraph(render(options({ targets: targets(3, (i) => i === 2) })));
    const group = node(g, 'DeployNonProduction');
    expect(group.kind).toBe('group');
    expect(group.dependsOn).toEqual(['Synth']);
    expect(group.members).toEqual(['Bootstrap_t1', 'Deploy_t1', 'Bootstrap_t2', 'Deploy_t2']);
    // In parallel: neither target waits for the other.
    expect(upstream(g, 'Deploy_t1')).toEqual(new Set(['Bootstrap_t1', 'Synth']));
    expect(upstream(g, 'Deploy_t2')).toEqual(new Set(['Bootstrap_t2', 'Synth']));
    const gate = node(g, 'ApproveProduction');
    expect(gate.identifier).toBe('aws/approval@v1');
    expect(gate.dependsOn).toEqual(['DeployNonProduction']);
    // One production target: no group, its bootstrap waits for the gate.
    expect(node(g, 'Bootstrap_t3').dependsOn).toEqual(['ApproveProduction']);
    expect(upstream(g, 'Deploy_t3')).toEqual(new Set(['Bootstrap_t3', 'ApproveProduction', 'DeployNonProduction', 'Bootstrap_t1', 'Deploy_t1', 'Bootstrap_t2', 'Deploy_t2', 'Synth']));
    expect(g.nodes.map((n) => n.name).filter((n) => !n.includes('_'))).toEqual(['Synth', 'DeployNonProduction', 'ApproveProduction']);
  });

  it('with 20 targets: two action groups, one gate between them, every production deploy behind it', () => {
    const t = targets(20, (i) => i >= 8);
    const g = deployGraph(render(options({ targets: t, approvalsRequired: 2 })));
    expect(node(g, 'DeployNonProduction').members).toHaveLength(16);
    expect(node(g, 'DeployProduction').members).toHaveLength(24);
    expect(node(g, 'DeployProduction').dependsOn).toEqual(['ApproveProduction']);
    expect(gates(g).map((x) => x.name)).toEqual(['ApproveProduction']);
    expect(parse(render(options({ targets: t, approvalsRequired: 2 })).get(DEPLOY)!.content).Actions.ApproveProduction.Configuration).toEqual({ ApprovalsRequired: 2 });
    expect(deploys(g)).toHaveLength(20);
    for (const d of deploys(g)) {
      const i = Number(d.name.slice('Deploy_t'.length)) - 1;
      const up = upstream(g, d.name);
      expect(up.has('ApproveProduction'), d.name).toBe(t[i]!.production);
      expect(d.group).toBe(t[i]!.production ? 'DeployProduction' : 'DeployNonProduction');
      // No deploy waits for another target of its own wave.
      const sameWave = deploys(g).filter((o) => o.group === d.group && o.name !== d.name).map((o) => o.name);
      expect(sameWave.filter((o) => up.has(o))).toEqual([]);
    }
  });

  it('with 1 production target: Synth, the gate, then bootstrap and deploy, no group', () => {
    const g = deployGraph(render(options({ targets: targets(1, () => true) })));
    expect(g.nodes.map((n) => [n.name, n.kind, n.dependsOn])).toEqual([
      ['Synth', 'action', []],
      ['ApproveProduction', 'gate', ['Synth']],
      ['Bootstrap_t1', 'action', ['ApproveProduction']],
      ['Deploy_t1', 'action', ['Bootstrap_t1']],
    ]);
  });

  it('with 1 non-production target and approval asked: no gate, nothing to approve', () => {
    const g = deployGraph(render(options({ targets: targets(1, () => false) })));
    expect(gates(g)).toEqual([]);
    expect(upstream(g, 'Deploy_t1')).toEqual(new Set(['Bootstrap_t1', 'Synth']));
  });

  it('without approvalBeforeProduction: production still waits for non-production, but no gate', () => {
    const g = deployGraph(render(options({ targets: targets(4, (i) => i > 1), approvalBeforeProduction: false })));
    expect(gates(g)).toEqual([]);
    expect(node(g, 'DeployProduction').dependsOn).toEqual(['DeployNonProduction']);
  });

  it('parallel strategy: every target in one group; the gate (production present) holds the whole group', () => {
    const g = deployGraph(render(options({ targets: targets(20, (i) => i % 4 === 0), strategy: 'parallel' })));
    expect(node(g, 'ApproveProduction').dependsOn).toEqual(['Synth']);
    const all = node(g, 'DeployAll');
    expect(all.dependsOn).toEqual(['ApproveProduction']);
    expect(all.members).toHaveLength(40);
    for (const d of deploys(g)) expect([...upstream(g, d.name)].sort()).toEqual([`Bootstrap_${d.name.slice(7)}`, 'ApproveProduction', 'Synth'].sort());
    const noGate = deployGraph(render(options({ targets: targets(3, () => true), strategy: 'parallel', approvalBeforeProduction: false })));
    expect(gates(noGate)).toEqual([]);
    expect(node(noGate, 'DeployAll').dependsOn).toEqual(['Synth']);
  });

  it('without bootstrapInWorkflow: deploy actions only, each waiting for nothing but its wave', () => {
    const g = deployGraph(render(options({ targets: targets(3, (i) => i === 2), bootstrapInWorkflow: false })));
    expect(g.nodes.some((n) => n.identifier?.startsWith('aws/cdk-bootstrap'))).toBe(false);
    expect(node(g, 'Deploy_t3').dependsOn).toEqual(['ApproveProduction']);
    expect(node(g, 'Deploy_t1').dependsOn).toEqual([]);
  });

  it('every deploy action deploys the synthesized assembly into its own environment, stack and region', () => {
    const t = targets(3, (i) => i === 2);
    const wf = parse(render(options({ targets: t })).get(DEPLOY)!.content);
    expect(wf.Actions.Synth.Outputs.Artifacts).toEqual([{ Name: 'cdk_out', Files: ['infra/cdk.out/**/*'] }]);
    expect(wf.Actions.Synth.Configuration.Steps.at(-1)).toEqual({ Run: 'npx cdk synth -c deploy=true' });
    const deploy3 = wf.Actions.Deploy_t3;
    expect(deploy3.Environment).toEqual({ Name: 't3-env', Connections: [{ Name: 't3-connection', Role: 'DeployRole' }] });
    expect(deploy3.Inputs).toEqual({ Artifacts: ['cdk_out'] });
    expect(deploy3.Configuration).toEqual({ StackName: 'baseline-control-t3', Region: 'us-east-1', CdkCliVersion: GENERATED_VERSIONS['aws-cdk'], CloudAssemblyRootPath: 'infra/cdk.out' });
    // The CLI that deploys is the one the app pins, so it reads the app's cloud assembly.
    expect(wf.Actions.Bootstrap_t3.Configuration.CdkCliVersion).toBe(JSON.parse(render(options({ targets: t })).get('infra/package.json')!.content).devDependencies['aws-cdk']);
    expect(wf.Actions.DeployNonProduction.Actions.Deploy_t2.Configuration.Region).toBe('eu-west-1');
    expect(wf.Triggers).toEqual([{ Type: 'PUSH', Branches: ['main'] }]);
  });
});

describe('multi-account-control: rendered files', () => {
  const optionSets: [string, MultiAccountControlOptions][] = [
    ['defaults', options()],
    [
      'parallel, 20 targets, every rule',
      options({ controlName: 'org-guardrails', rules: CONFIG_RULES.map((r) => r.id), targets: targets(20, (i) => i >= 10), strategy: 'parallel', approvalsRequired: 2, branch: 'release/v1' }),
    ],
  ];

  for (const [label, o] of optionSets) {
    it(`${label}: every file validates, with no warning, and renders to the same bytes twice`, () => {
      const files = render(o);
      expect(validateFileMap(files)).toEqual([]);
      const again = render(o);
      expect([...again.entries()].map(([p, f]) => [p, f.content])).toEqual([...files.entries()].map(([p, f]) => [p, f.content]));
    });
  }

  it('owns every file deliberately', () => {
    const modes = Object.fromEntries([...render(options()).values()].map((f) => [f.path, f.mode]));
    expect(modes).toEqual({
      [CHECK]: 'managed',
      [DEPLOY]: 'managed',
      '.gitignore': 'seed',
      '.vscode/schemas/devfile.schema.json': 'managed',
      '.vscode/schemas/workflow.lenient.schema.json': 'managed',
      '.vscode/settings.json': 'seed',
      'README.md': 'managed',
      'devfile.yaml': 'merged',
      'infra/bin/app.ts': 'managed',
      'infra/cdk.json': 'seed',
      'infra/lib/control-config.ts': 'managed',
      'infra/lib/guardrail-stack.ts': 'seed',
      'infra/package.json': 'seed',
      'infra/test/guardrail-stack.test.ts': 'seed',
      'infra/tsconfig.json': 'seed',
    });
  });

  it('the pull-request workflow type-checks, tests and synthesizes pull requests into the branch', () => {
    const wf = parse(render(options({ branch: 'trunk' })).get(CHECK)!.content);
    expect(wf.Triggers).toEqual([{ Type: 'PULLREQUEST', Events: ['OPEN', 'REVISION'], Branches: ['trunk'] }]);
    expect(wf.Actions.TypeCheckAndSynth.Configuration.Steps.map((s: { Run: string }) => s.Run)).toEqual([
      'cd infra',
      'npm install --no-audit --no-fund',
      'npm run build',
      'npm test',
      'npx cdk synth',
    ]);
    expect(JSON.parse(render(options()).get('infra/package.json')!.content).scripts).toMatchObject({ build: 'tsc --noEmit', test: 'tsx --test test/*.test.ts' });
  });

  it('the devfile installs the app on start', () => {
    const devfile = parse(render(options()).get('devfile.yaml')!.content);
    expect(devfile.events.postStart).toEqual(['install']);
    expect(devfile.commands[0].exec).toMatchObject({ commandLine: 'npm install --no-audit --no-fund', workingDir: '$PROJECT_SOURCE/infra' });
  });

  it('the README carries the deploy workflow as a Mermaid diagram and flags placeholder accounts', () => {
    const files = render(options());
    const readme = files.get('README.md')!.content;
    expect(readme).toContain('```mermaid\n' + renderMermaid(deployGraph(files)) + '```');
    expect(readme).toContain('## Values to replace before the first deployment');
    for (const i of [0, 1, 2, 3]) expect(readme).toMatch(new RegExp(`- \`targets\\.${i}\\.account\` = \`\\d{12}\``));
    expect(readme).toContain('## What the approver receives');
    expect(readme).toContain('npx cdk bootstrap aws://333333333333/eu-west-1   # prod-eu (production)');
    const real = render(options({ targets: targets(2, (i) => i === 1) })).get('README.md')!.content;
    expect(real).not.toContain('Values to replace');
  });

  it('refuses two targets with one name, or one account and region twice', () => {
    const [a, b] = targets(2, () => false);
    expect(() => render(options({ targets: [a!, { ...b!, name: a!.name }] }))).toThrow(/targets\.1\.name: "t1" is also the name of targets\.0/);
    expect(() => render(options({ targets: [a!, { ...b!, account: a!.account, region: a!.region }] }))).toThrow(/deployed twice/);
  });
});



/**
 * Synthesize the compiled app in this process the way the CDK CLI drives it (context in CDK_CONTEXT_JSON, output
 * folder in CDK_OUTDIR). The app's modules are dropped from the require cache afterwards so it can run again.
 */
let synths = 0;
function synth(infra: string, context: Record<string, unknown>, validation: boolean): string {
  // A fresh folder per synthesis: CDK's validation can still be reading the previous cloud assembly
  // (tree.json) after synth returns, so an earlier folder is never removed or reused while the file runs.
  const outdir = join(infra, `cdk.out.${++synths}`);
  const saved = { ...process.env };
  const cdkJson = JSON.parse(readFileSync(join(infra, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  process.env['CDK_CONTEXT_JSON'] = JSON.stringify({ ...cdkJson.context, ...context });
  process.env['CDK_OUTDIR'] = outdir;
  process.env['CDK_VALIDATION'] = String(validation);
  const req = createRequire(join(infra, 'package.json'));
  try {
    req(join(infra, 'bin', 'app.js'));
  } finally {
    for (const k of Object.keys(req.cache)) if (k.startsWith(infra)) delete req.cache[k];
    for (const k of ['CDK_CONTEXT_JSON', 'CDK_OUTDIR', 'CDK_VALIDATION']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
  return outdir;
}

interface Manifest {
  artifacts: Record<string, { type: string; environment?: string; properties?: { templateFile?: string } }>;
}

function configRules(outdir: string, stack: string): { ConfigRuleName: string; Source: { Owner: string; SourceIdentifier: string }; InputParameters?: unknown }[] {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as Manifest;
  const template = JSON.parse(readFileSync(join(outdir, manifest.artifacts[stack]!.properties!.templateFile!), 'utf8')) as {
    Resources: Record<string, { Type: string; Properties: never }>;
  };
  return Object.values(template.Resources)
    .filter((r) => r.Type === 'AWS::Config::ConfigRule')
    .map((r) => r.Properties);
}

describe('multi-account-control: the CDK app compiles with tsc and synthesizes', () => {
  it('defaults: one Config rule per chosen rule in every target stack; a deployment synth refuses placeholder accounts; the app tests pass', () => {
    const o = options();
    const infra = join(writeFileMap(render(o), 'multi-account-control', 'defaults'), 'infra');
    compileApp(infra);
    // Built-in CloudFormation validation stays on here; the larger app below turns it off for speed.
    const outdir = synth(infra, {}, true);
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as Manifest;
    const stacks = Object.entries(manifest.artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack');
    expect(stacks.map(([id, a]) => [id, a.environment]).sort()).toEqual(
      o.targets.map((t) => [`baseline-control-${t.name}`, `aws://${t.account}/${t.region}`]).sort(),
    );
    const identifiers = o.rules.map((id) => CONFIG_RULES.find((r) => r.id === id)!.identifier);
    for (const t of o.targets) {
      const rules = configRules(outdir, `baseline-control-${t.name}`);
      expect(rules.map((r) => r.Source.SourceIdentifier).sort()).toEqual([...identifiers].sort());
      expect(rules.map((r) => r.ConfigRuleName).sort()).toEqual(o.rules.map((id) => `baseline-control-${id}`).sort());
      expect(rules.every((r) => r.Source.Owner === 'AWS')).toBe(true);
    }
    expect(() => synth(infra, { deploy: 'true' }, false)).toThrow(/dev \(111111111111\), test \(222222222222\), prod-us \(333333333333\), prod-eu \(333333333333\) still use a placeholder account id/);

    // The generated unit tests, run as `npm test` runs them (tsx on Node's test runner).
    const testFile = join(infra, 'test', 'guardrail-stack.test.ts');
    expect(existsSync(testFile)).toBe(true);
    const out = execFileSync(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['--test', '--test-reporter=tap', 'test/guardrail-stack.test.ts'], { cwd: infra, encoding: 'utf8', stdio: 'pipe' });
    expect(out).toMatch(/# pass 2/);
    expect(out).toMatch(/# fail 0/);
  });

  it('20 real accounts and every rule: 20 stacks with every rule each, and a deployment synth goes ahead', () => {
    const o = options({ controlName: 'org-guardrails', rules: CONFIG_RULES.map((r) => r.id), targets: targets(20, (i) => i >= 10) });
    const infra = join(writeFileMap(render(o), 'multi-account-control', 'twenty'), 'infra');
    compileApp(infra);
    const outdir = synth(infra, { deploy: 'true' }, false);
    for (const t of o.targets) {
      const rules = configRules(outdir, `org-guardrails-${t.name}`);
      expect(rules).toHaveLength(CONFIG_RULES.length);
      expect(new Set(rules.map((r) => r.Source.SourceIdentifier)).size).toBe(CONFIG_RULES.length);
      expect(rules.find((r) => r.Source.SourceIdentifier === 'ACCESS_KEYS_ROTATED')!.InputParameters).toEqual({ maxAccessKeyAge: '90' });
    }
  });
});

describe('multi-account-control: catalyst-gen new', () => {
  async function cli(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const o: Output = { out: (t) => out.push(t), err: (t) => err.push(t), color: false, stdinIsTty: false };
    return { code: await run(args, o), out: out.join('\n'), err: err.join('\n') };
  }

  it('writes the project from the defaults, and `validate` passes on it', async () => {
    const dir = join(TMP, 'cli-defaults');
    rmSync(dir, { recursive: true, force: true });
    const r = await cli(['new', 'multi-account-control', dir, '--no-input']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, DEPLOY))).toBe(true);
    expect((await cli(['validate', dir])).code).toBe(0);
  });

  it('rejects a rule outside the curated list and writes nothing', async () => {
    const dir = join(TMP, 'cli-bad');
    rmSync(dir, { recursive: true, force: true });
    const r = await cli(['new', 'multi-account-control', dir, '--no-input', '--set', 'rules.0=no-such-rule']);
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'README.md'))).toBe(false);
  });

  it('refuses a connection name the workflow validator would refuse, as an option error (not an internal one)', async () => {
    const dir = join(TMP, 'cli-bad-connection');
    rmSync(dir, { recursive: true, force: true });
    const r = await cli(['new', 'multi-account-control', dir, '--no-input', '--set', 'targets.0.connection=a.b']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('targets.0.connection');
    expect(existsSync(join(dir, 'README.md'))).toBe(false);
  });
});
