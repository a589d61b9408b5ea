/**
 * Row 12 of `npm run bench`, run in a process of its own: `node dist/bench/lsp-latency.js <bin> <samples>`.
 * Starts `catalyst-gen lsp --stdio` (what an editor starts), opens a 12-action workflow, warms the server up with
 * edits, then times each edit from sending `didChange` to receiving the diagnostics of that version. Every edit
 * changes one step's command, so each one is a full re-validation. Prints JSON `{ "samples": [ms, ...], "text": "<the
 * workflow as opened>" }`.
 */
import { performance } from 'node:perf_hooks';
import { startLspClient } from './lsp-client.js';

/** A release workflow of 12 actions: build, tests, a group of regional deployments, a gate, production. */
function twelveActionWorkflow(step: string): string {
  const env = (name: string) => `    Environment:\n      Name: ${name}\n      Connections:\n        - Name: ${name}-account\n          Role: ${name}-deploy\n`;
  const build = (name: string, deps: string[], run: string, id = 'aws/build@v1') =>
    `  ${name}:\n    Identifier: ${id}\n${deps.length ? `    DependsOn: [${deps.join(', ')}]\n` : ''}    Inputs:\n      Sources: [WorkflowSource]\n    Configuration:\n      Steps:\n        - Run: ${run}\n`;
  // `extra` indents the whole action further, for the members of a group.
  const deploy = (name: string, deps: string[], region: string, stage: string, extra = '') =>
    `  ${name}:\n    Identifier: aws/cdk-deploy@v2\n${deps.length ? `    DependsOn: [${deps.join(', ')}]\n` : ''}${env(stage)}    Inputs:\n      Artifacts: [cdkout]\n    Configuration:\n      StackName: app-${stage}-${region}\n      Region: ${region}\n`
      .split('\n')
      .map((l) => (l === '' ? l : extra + l))
      .join('\n');
  return [
    'Name: release',
    'SchemaVersion: "1.0"',
    'Triggers:',
    '  - Type: PUSH',
    '    Branches: [main]',
    'Actions:',
    build('Build', [], step).replace('        - Run:', '        - Run: npm ci\n        - Run:') + '    Outputs:\n      Artifacts:\n        - Name: cdkout\n          Files: ["cdk.out/**/*"]\n',
    build('Unit', ['Build'], 'npm test', 'aws/managed-test@v1'),
    build('Lint', ['Build'], 'npm run lint'),
    build('Audit', ['Build'], 'npm audit'),
    deploy('DeployDev', ['Unit', 'Lint', 'Audit'], 'eu-west-1', 'dev'),
    '  Staging:\n    DependsOn: [DeployDev]\n    Actions:',
    deploy('StagingEU', [], 'eu-west-1', 'staging', '    '),
    deploy('StagingUS', [], 'us-east-1', 'staging', '    '),
    build('Smoke', ['Staging'], 'npm run smoke'),
    '  Approve:\n    Identifier: aws/approval@v1\n    DependsOn: [Smoke]\n    Configuration:\n      ApprovalsRequired: 1',
    deploy('ProdEU', ['Approve'], 'eu-west-1', 'prod'),
    deploy('ProdUS', ['Approve'], 'us-east-1', 'prod'),
  ].join('\n');
}

async function main(): Promise<void> {
  const [bin, samplesArg] = process.argv.slice(2);
  const samples = Number(samplesArg ?? 100);
  const client = await startLspClient([bin!, 'lsp', '--stdio']);
  const uri = 'file:///bench/.codecatalyst/workflows/release.yaml';
  let version = 1;
  client.open(uri, twelveActionWorkflow('npm run build'), version);
  const first = await client.diagnostics(uri, version);
  if (first.diagnostics.some((d) => d.severity === 1)) throw new Error(`the bench workflow has errors: ${JSON.stringify(first.diagnostics)}`);
  const edit = async () => {
    version++;
    const t0 = performance.now();
    client.change(uri, twelveActionWorkflow(`npm run build -- --step ${version}`), version);
    await client.diagnostics(uri, version);
    return performance.now() - t0;
  };
  for (let i = 0; i < 50; i++) await edit(); // warm: modules loaded, schemas compiled, the JIT settled
  const out: number[] = [];
  for (let i = 0; i < samples; i++) out.push(await edit());
  await client.stop();
  process.stdout.write(JSON.stringify({ samples: out, text: twelveActionWorkflow('npm run build') }) + '\n');
}

await main();
