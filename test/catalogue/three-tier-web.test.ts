import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { GENERATED_VERSIONS, workflowGraph } from '../../src/index.js';
import { renderBlueprint } from '../../src/io/generate.js';
import { mergeOptions } from '../../src/options/resolve.js';
import { validateOptions } from '../../src/options/validate.js';
import { blueprint, optionsOf, renderSet } from './harness.js';

type Wire = Record<string, any>;
const yamlOf = (files: ReturnType<typeof renderSet>, path: string): Wire => parse(files.get(path)!.content);

/** Action names in run order, following DependsOn from the action that depends on nothing. */
function chain(wf: Wire): string[] {
  const g = workflowGraph(wf);
  const order: string[] = [];
  let next = g.nodes.filter((n) => n.dependsOn.length === 0).map((n) => n.name);
  while (next.length === 1) {
    order.push(next[0]!);
    next = g.edges.filter((e) => e.from === next[0]).map((e) => e.to);
  }
  expect(next, 'the deploy workflow is one chain').toEqual([]);
  return order;
}

describe('three-tier-web: defaults', () => {
  const files = renderSet('three-tier-web', 'defaults');

  it('tests, type-checks and synthesizes on pull requests into main', () => {
    const pr = yamlOf(files, '.codecatalyst/workflows/PullRequest.yaml');
    expect(pr.Triggers).toEqual([{ Type: 'PULLREQUEST', Events: ['OPEN', 'REVISION'], Branches: ['main'] }]);
    const steps = pr.Actions.BuildAndTest.Configuration.Steps.map((s: Wire) => s.Run);
    expect(steps).toEqual(
      expect.arrayContaining([expect.stringMatching(/pytest api/), 'npm run build --prefix infra', expect.stringMatching(/cdk synth .*-c stage=dev/)]),
    );
    // The CDK app's own tests (cdk-nag on every stage) run in both workflows, after its packages are installed.
    const deploySteps = yamlOf(files, '.codecatalyst/workflows/Deploy.yaml').Actions.Test.Configuration.Steps.map((s: Wire) => s.Run);
    for (const list of [steps, deploySteps]) {
      expect(list.indexOf('npm install --prefix infra')).toBeGreaterThanOrEqual(0);
      expect(list.indexOf('npm test --prefix infra')).toBeGreaterThan(list.indexOf('npm install --prefix infra'));
    }
    expect(pr.Actions.BuildAndTest.Outputs.Reports.unit_tests.Format).toBe('JUNITXML');
  });

  it('deploys on push to main through dev -> test -> approval -> prod, each stage in its own environment and connection', () => {
    const wf = yamlOf(files, '.codecatalyst/workflows/Deploy.yaml');
    expect(wf.Triggers).toEqual([{ Type: 'PUSH', Branches: ['main'] }]);
    expect(chain(wf)).toEqual(['Test', 'Bootstrap_dev', 'Deploy_dev', 'Bootstrap_test', 'Deploy_test', 'Approve_prod', 'Bootstrap_prod', 'Deploy_prod']);
    expect(wf.Actions.Approve_prod).toEqual({ Identifier: 'aws/approval@v1', DependsOn: ['Deploy_test'], Configuration: { ApprovalsRequired: 1 } });
    for (const stage of ['dev', 'test', 'prod']) {
      const env = { Name: `${stage}-environment`, Connections: [{ Name: `${stage}-account`, Role: 'CodeCatalystWorkflowDevelopmentRole' }] };
      expect(wf.Actions[`Bootstrap_${stage}`]).toMatchObject({ Identifier: 'aws/cdk-bootstrap@v1', Environment: env, Configuration: { Region: 'us-east-1' } });
      const deploy = wf.Actions[`Deploy_${stage}`];
      expect(deploy).toMatchObject({ Identifier: 'aws/cdk-deploy@v1', Environment: env });
      // The stack the CDK app names `<appName>-<stage>`, from infra/, with the stage in the context, deployed with the
      // CLI version the app pins (an older bundled CLI refuses a newer aws-cdk-lib's cloud assembly).
      expect(deploy.Configuration).toEqual({
        StackName: `three-tier-web-${stage}`,
        Region: 'us-east-1',
        CdkRootPath: 'infra',
        CdkCliVersion: GENERATED_VERSIONS['aws-cdk'],
        Context: JSON.stringify({ stage }),
      });
      expect(wf.Actions[`Bootstrap_${stage}`].Configuration.CdkCliVersion).toBe(GENERATED_VERSIONS['aws-cdk']);
    }
  });

  it('gives the Dev Environment the universal image, IS_LOCAL=true, DynamoDB Local and installs on start (merged: the team edits it)', () => {
    expect(files.get('devfile.yaml')!.mode).toBe('merged');
    const df = yamlOf(files, 'devfile.yaml');
    const [main, sidecar] = df.components;
    expect(main.container.image).toBe('public.ecr.aws/aws-mde/universal-image:4.0');
    expect(main.container.env).toEqual(
      expect.arrayContaining([{ name: 'IS_LOCAL', value: 'true' }, { name: 'DYNAMODB_ENDPOINT', value: 'http://localhost:8000' }, { name: 'TABLE_NAME', value: 'three-tier-web-local' }]),
    );
    expect(sidecar).toMatchObject({ name: 'dynamodb-local', container: { image: 'public.ecr.aws/aws-dynamodb-local/aws-dynamodb-local:2.5.3', mountSources: false } });
    expect(df.events.postStart).toEqual(['install-python', 'install-npm']);
    const lines = Object.fromEntries(df.commands.map((c: Wire) => [c.id, c.exec.commandLine]));
    expect(lines['install-python']).toContain('api/requirements-dev.txt');
    expect(lines['install-npm']).toBe('npm install --prefix infra');
  });

  it('owns each file deliberately: options-driven files managed, application code seed', () => {
    const modes = Object.fromEntries([...files.values()].map((f) => [f.path, f.mode]));
    expect(modes).toMatchObject({
      '.codecatalyst/workflows/Deploy.yaml': 'managed',
      '.codecatalyst/workflows/PullRequest.yaml': 'managed',
      'README.md': 'managed',
      'infra/bin/app.ts': 'managed',
      'infra/lib/app.ts': 'managed',
      'infra/lib/three-tier-stack.ts': 'seed',
      'infra/lib/hardening.ts': 'seed',
      'infra/test/nag.test.ts': 'seed',
      'api/app.py': 'seed',
      'api/test_app.py': 'seed',
      'web/index.html': 'seed',
      '.gitignore': 'seed',
    });
  });

  it('flags the placeholder accounts in the README and draws the deploy workflow with its gate', () => {
    const readme = files.get('README.md')!.content;
    expect(readme).toContain('## Values to replace before the first deployment');
    for (const [i, acct] of ['111111111111', '222222222222', '333333333333'].entries()) expect(readme).toContain(`\`stages.${i}.account\` = \`${acct}\``);
    const mermaid = /```mermaid\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(mermaid).toMatch(/^flowchart LR\n/);
    expect(mermaid).toMatch(/\{\{"Approve_prod<br\/><small>aws\/approval@v1<\/small>"\}\}/);
    expect(readme).toContain('npx cdk bootstrap aws://333333333333/us-east-1   # prod');
  });
});

describe('three-tier-web: API authorization', () => {
  const cognito = renderSet('three-tier-web', 'defaults');

  it('puts the API behind a Cognito user pool by default, and the README and web page sign users in', () => {
    expect(cognito.get('infra/lib/app.ts')!.content).toContain('apiAuthorization: "cognito",');
    const readme = cognito.get('README.md')!.content;
    expect(readme).toContain('## Sign in and call the API');
    expect(readme).toContain('aws cognito-idp admin-create-user');
    expect(readme).toContain('curl -H "Authorization: $ID_TOKEN" "<ApiUrl>"');
    expect(readme).not.toContain('The API is open');
    expect(cognito.get('web/index.html')!.content).toContain("AuthFlow: 'USER_PASSWORD_AUTH'");
  });

  it('opens the API only when asked, and then the README says so at the top, with a warning', () => {
    const bp = blueprint('three-tier-web');
    const files = renderBlueprint(bp, mergeOptions(bp.defaults, { apiAuthorization: 'none' }));
    expect(files.get('infra/lib/app.ts')!.content).toContain('apiAuthorization: "none",');
    const readme = files.get('README.md')!.content;
    expect(readme.split('\n').slice(0, 12).join('\n')).toContain('**Warning: the API is open.**');
    expect(readme).toContain('## The API is open');
    expect(readme).toContain('anyone on the internet');
    expect(readme).toContain("| `AwsSolutions-APIG4`, `-COG4` | the API methods | the options' choice | open access, chosen with `apiAuthorization: none` |");
    expect(readme).not.toContain('## Sign in and call the API');
  });

  it('refuses an authorization it does not know', () => {
    const bp = blueprint('three-tier-web');
    expect(validateOptions(bp, { ...optionsOf(bp, 'defaults'), apiAuthorization: 'iam' }).map((f) => f.pointer)).toEqual(['/apiAuthorization']);
  });
});

describe('three-tier-web: alternative options', () => {
  const files = renderSet('three-tier-web', 'alternative');

  it('gates every stage that asks for approval, on the chosen branch, in the chosen regions', () => {
    const wf = yamlOf(files, '.codecatalyst/workflows/Deploy.yaml');
    expect(wf.Triggers).toEqual([{ Type: 'PUSH', Branches: ['release'] }]);
    expect(chain(wf)).toEqual(['Test', 'Bootstrap_dev', 'Deploy_dev', 'Approve_staging', 'Bootstrap_staging', 'Deploy_staging', 'Approve_prod', 'Bootstrap_prod', 'Deploy_prod']);
    expect(wf.Actions.Deploy_prod.Configuration).toMatchObject({ StackName: 'mysfits-prod', Region: 'eu-central-1', Context: '{"stage":"prod"}' });
    expect(wf.Actions.Deploy_prod.Environment).toEqual({ Name: 'prod-env', Connections: [{ Name: 'prod-connection', Role: 'prod-deploy-role' }] });
  });

  it('has no placeholder section when every account is real', () => {
    expect(files.get('README.md')!.content).not.toContain('Values to replace');
  });
});
