import * as jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { workflowCorpus } from '../../bench/corpus.js';
import { validateWorkflowValue } from '../../src/validate/workflow/index.js';

// The workflow validator's fast paths (lazy rule inputs, one walk per action only when it can hold a reference,
// the graph's node values reused) must not change a finding. This pins
// every finding (code, severity, pointer, order) on seeded corpora and on mutations that reach every rule, in a
// golden file that was checked against the straightforward implementation the fast paths replaced. A change to
// a rule shows up here as a reviewed diff of the golden file. Message wording is pinned by test/workflow.

type Wire = Record<string, any>;

const clone = <T>(v: T): T => structuredClone(v);

/** Edits that reach the rules the generated corpus does not (references, lenient forms, environments, names). */
const MUTATIONS: Record<string, (w: Wire) => void> = {
  'variable references': (w) => {
    const names = Object.keys(w.Actions ?? {});
    const a = w.Actions?.[names[names.length - 1]!];
    if (!a || a.Actions) return;
    a.Configuration = { ...a.Configuration, Steps: [{ Run: `echo \${Build0.VERSION} \${Nope.X} \${WorkflowSource.CommitId} \${${names[0]}.Missing}` }, { Run: '${Group9.Build0.X} ${Build0.Y}' }] };
  },
  'too many secrets': (w) => {
    const b = w.Actions?.Build0;
    if (b) b.Configuration = { Steps: [{ Run: ['A', 'B', 'C', 'D', 'E', 'F'].map((s) => `\${Secrets.${s}}`).join(' ') }] };
  },
  'grouped references': (w) => {
    for (const [name, v] of Object.entries<Wire>(w.Actions ?? {})) {
      if (!v?.Actions || typeof v.Actions !== 'object') continue;
      const [first] = Object.keys(v.Actions);
      w.Actions.Build0 && (w.Actions.Build0.Configuration = { Steps: [{ Run: `\${${first}.X} \${${name}.${first}.X} \${${name}.Y} \${Other.${first}.Z}` }] });
      return;
    }
  },
  'console-style casing': (w) => {
    w.Triggers = [{ Type: 'push', Branches: ['main'] }, { Type: 'Pull_Request', Events: ['open', 'REVISION', 'closed', 3] }, { Type: 'manual' }, 'x', { Type: 7 }];
    w.SchemaVersion = 1;
    w.Compute = { Type: 'ec2', SharedInstance: true };
  },
  'lambda compute': (w) => {
    w.Compute = { Type: 'Lambda', SharedInstance: 'false' };
    if (w.Actions?.Build0) w.Actions.Build0.Caching = { FileCaching: {} };
    if (w.Actions?.Build0) w.Actions.Build0.Compute = { Type: 'lambda' };
  },
  'action compute and caching': (w) => {
    if (w.Actions?.Build0) w.Actions.Build0 = { ...w.Actions.Build0, Compute: { Type: 'LAMBDA' }, Caching: { FileCaching: {} } };
  },
  'environments': (w) => {
    const deploys = Object.values<Wire>(w.Actions ?? {}).flatMap((a) => (a?.Actions ? Object.values<Wire>(a.Actions) : [a])).filter((a) => a && typeof a === 'object' && String(a.Identifier).includes('deploy'));
    const envs = [
      undefined,
      { Name: ' ', Connections: [] },
      { Name: '${ENV}', Connections: [{ Name: 'a', Role: 'arn:aws:iam::1:role/x' }, { Name: '', Role: '' }] },
      { Name: 'dev', Connections: [{ Name: 12345, Role: '${R}' }, { Name: '${C}', Role: 'bad role!' }, 'x'] },
      { Name: 'dev', Connections: [{ Name: '012345678901', Role: 'Good' }] },
    ];
    deploys.forEach((a, i) => {
      const env = envs[i % envs.length];
      if (env === undefined) delete a.Environment;
      else a.Environment = env;
    });
  },
  'names and groups': (w) => {
    const acts: Wire = {};
    for (const [k, v] of Object.entries(w.Actions ?? {})) acts[k] = v;
    acts['Bad name'] = { Identifier: 'aws/build-beta@v1', Configuration: { Steps: [{ Run: 'x' }] } };
    acts['a/b~c'] = { Identifier: 'aws/approval@v1', DependsOn: ['Bad name', 'Missing', 4], Configuration: { ApprovalsRequired: 1 } };
    acts.Grp = { Actions: { Build0: { Identifier: 'aws/build@v1', Configuration: { Steps: [] } }, Gate: { Identifier: 'aws/approval@v1' }, 'x y': 'not an action' } };
    w.Actions = acts;
    w.Build9 = { Identifier: 'aws/build@v1' };
  },
  'map forms and legacy parameters': (w) => {
    if (w.Actions?.Build0) {
      w.Actions.Build0.Inputs = { Variables: { A: '1' }, Artifacts: ['nope', 'out_0', 5] };
      w.Actions.Build0.Outputs = { Artifacts: { out_0: { Files: ['x'] } } };
    }
    w.Actions && (w.Actions.Cfn = { Identifier: 'aws/cfn-deploy@v1', Environment: { Name: 'dev' }, Configuration: { Parameters: { name: 's' } } });
  },
  'artifacts not upstream': (w) => {
    const names = Object.keys(w.Actions ?? {});
    if (names.length < 2 || !w.Actions.Build0) return;
    w.Actions.Build0.Inputs = { Artifacts: Object.values<Wire>(w.Actions).flatMap((a) => (Array.isArray(a?.Outputs?.Artifacts) ? a.Outputs.Artifacts.map((x: Wire) => x?.Name) : [])) };
    w.Actions.Build0.DependsOn = [];
  },
  'odd values': (w) => {
    if (!w.Actions) return;
    w.Actions.Str = '${Build0.VERSION}';
    w.Actions.Nul = null;
    w.Actions.Arr = ['${Build0.X}', { Run: '${Secrets.S}' }];
    w.Actions.Grp2 = { Actions: 'none', DependsOn: ['Str', 'Arr'] };
  },
  'cycle through a group': (w) => {
    const names = Object.keys(w.Actions ?? {});
    const g = names.find((n) => w.Actions[n]?.Actions);
    if (g && w.Actions.Build0) w.Actions.Build0.DependsOn = [g];
  },
};

describe('workflow validator: findings pinned on seeded corpora and rule-reaching mutations', () => {
  it('gives the reviewed findings, and reaches every rule', async () => {
    const lines: string[] = [];
    const record = (label: string, value: unknown) => {
      for (const f of validateWorkflowValue(value)) lines.push(`${label}\t${f.code}\t${f.severity}\t${f.pointer}`);
    };
    // As generated, and as parsed from its text (the parser may give other shapes, e.g. numbers for keys).
    for (const f of workflowCorpus(1000, 20240801).slice(0, 120)) {
      record(f.name, f.value);
      record(`${f.name} (parsed)`, jsYaml.load(f.text));
    }
    // Corpora where every file is broken.
    for (const seed of [1, 2]) for (const f of workflowCorpus(300, seed, 1).slice(0, 60)) record(`${seed}/${f.name}`, f.value);
    // Mutations, one at a time and all together, and values that are not workflows at all.
    const base = workflowCorpus(60, 3, 0.3).slice(0, 20);
    for (const [what, mutate] of Object.entries(MUTATIONS)) {
      for (const f of base) {
        const v = clone(f.value) as Wire;
        mutate(v);
        record(`${what}: ${f.name}`, v);
      }
    }
    for (const f of base) {
      const v = clone(f.value) as Wire;
      for (const mutate of Object.values(MUTATIONS)) mutate(v);
      record(`all: ${f.name}`, v);
    }
    for (const v of [null, [], 'text', 3, {}, { Actions: null }, { Actions: [] }, { Actions: { A: { Actions: { B: {} } } } }]) record(JSON.stringify(v), v);

    const codes = new Set(lines.map((l) => l.split('\t')[1]));
    for (const code of [
      'WF-VAR-UNKNOWN-ACTION', 'WF-VAR-NOT-EXPORTED', 'WF-VAR-GROUP', 'WF-SECRETS-LIMIT', 'WF-LENIENT-TRIGGER-TYPE', 'WF-LENIENT-EVENT',
      'WF-TRIGGER-MANUAL', 'WF-LENIENT-SCHEMA-VERSION', 'WF-LENIENT-COMPUTE-TYPE', 'WF-LENIENT-SHARED-INSTANCE', 'WF-SHARED-INSTANCE-LAMBDA',
      'WF-COMPUTE-BOTH', 'WF-CACHE-LAMBDA', 'WF-ENV-MISSING', 'WF-ENV-NAME-BLANK', 'WF-ENV-PLACEHOLDER', 'WF-ENV-CONNECTIONS', 'WF-CONNECTION-BLANK',
      'WF-CONNECTION-PLACEHOLDER', 'WF-CONNECTION-NAME', 'WF-CONNECTION-NUMERIC', 'WF-ROLE-BLANK', 'WF-ROLE-PLACEHOLDER', 'WF-ROLE-ARN', 'WF-ROLE-NAME',
      'WF-NAME-INVALID', 'WF-NAME-DUPLICATE', 'WF-GATE-IN-GROUP', 'WF-DEPENDS-MISSING', 'WF-DEPENDS-CYCLE', 'WF-IDENTIFIER-PRERELEASE',
      'WF-ACTION-AT-TOP-LEVEL', 'WF-LENIENT-MAP-FORM', 'WF-LENIENT-CFN-PARAMETERS', 'WF-ARTIFACT-UNKNOWN', 'WF-ARTIFACT-NOT-UPSTREAM', 'WF-GATE-PARALLEL',
    ]) {
      expect(codes, code).toContain(code);
    }
    await expect(lines.join('\n') + '\n').toMatchFileSnapshot('./__golden__/workflow-findings.tsv');
  });
});
