import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { GENERATED_VERSIONS } from '../../src/index.js';
import { validateOptions } from '../../src/options/validate.js';
import { blueprint, optionsOf, renderSet } from './harness.js';

type Wire = Record<string, any>;
const yamlOf = (files: ReturnType<typeof renderSet>, path: string): Wire => parse(files.get(path)!.content);
const steps = (action: Wire): string[] => action.Configuration.Steps.map((s: Wire) => s.Run);
const LOGIN = 'aws codeartifact login --tool pip --domain acme --domain-owner 123456789012 --repository pypi-store --region us-west-2';

describe('serverless-python: defaults (pip from PyPI)', () => {
  const files = renderSet('serverless-python', 'defaults');

  it('runs pytest in both workflows, with no AWS access for the tests', () => {
    for (const [path, action] of [['.codecatalyst/workflows/PullRequest.yaml', 'BuildAndTest'], ['.codecatalyst/workflows/Deploy.yaml', 'Test']] as const) {
      const a = yamlOf(files, path).Actions[action];
      expect(steps(a).slice(0, 2)).toEqual(['python3 -m pip install -r requirements-dev.txt', 'python3 -m pytest tests --junitxml=reports/pytest.xml']);
      expect(a.Environment).toBeUndefined();
      expect(steps(a).join('\n')).not.toContain('codeartifact');
    }
  });

  it('protects both APIs with IAM authorization by default and tells the README reader how to call them', () => {
    expect(files.get('infra/lib/app.ts')!.content).toContain('apiAuthorization: "iam",');
    const readme = files.get('README.md')!.content;
    expect(readme).toContain('## Call the APIs');
    expect(readme).toContain('--aws-sigv4 "aws:amz:<region>:execute-api"');
    expect(readme).toContain('`execute-api:Invoke` on the stack output `ImagesApiInvokeArn`');
    expect(readme).toContain('`ListApiInvokeArn`');
    expect(readme).not.toContain('Warning');
  });

  it('tells what happens to a message that keeps failing, and how to move it back', () => {
    const readme = files.get('README.md')!.content;
    expect(readme).toContain('## When a message keeps failing');
    expect(readme).toContain('aws sqs start-message-move-task --source-arn <ToRecognizeDeadLettersArn output>');
  });

  it("runs the CDK app's own tests (cdk-nag on every stage) in both workflows", () => {
    for (const [path, action] of [['.codecatalyst/workflows/PullRequest.yaml', 'BuildAndTest'], ['.codecatalyst/workflows/Deploy.yaml', 'Test']] as const) {
      const s = steps(yamlOf(files, path).Actions[action]);
      expect(s.indexOf('npm test --prefix infra'), path).toBeGreaterThan(s.indexOf('npm install --prefix infra'));
      expect(s.indexOf('npm install --prefix infra'), path).toBeGreaterThanOrEqual(0);
    }
    expect(JSON.parse(files.get('infra/package.json')!.content)).toMatchObject({ scripts: { test: 'tsx --test test/*.test.ts' }, devDependencies: { 'cdk-nag': GENERATED_VERSIONS['cdk-nag'] } });
  });

  it('installs the Python and npm dependencies when the Dev Environment starts', () => {
    const df = yamlOf(files, 'devfile.yaml');
    expect(df.components[0].container.image).toBe('public.ecr.aws/aws-mde/universal-image:4.0');
    expect(df.events.postStart).toEqual(['install-python', 'install-npm']);
    expect(files.get('README.md')!.content).not.toContain('CodeArtifact');
  });
});

describe('serverless-python: with CodeArtifact for pip', () => {
  const files = renderSet('serverless-python', 'alternative');

  it('logs pip in to CodeArtifact before installing, through the CodeArtifact environment, in both workflows', () => {
    for (const [path, action] of [['.codecatalyst/workflows/PullRequest.yaml', 'BuildAndTest'], ['.codecatalyst/workflows/Deploy.yaml', 'Test']] as const) {
      const a = yamlOf(files, path).Actions[action];
      expect(a.Environment).toEqual({ Name: 'build-env', Connections: [{ Name: 'build-connection', Role: 'codeartifact-read-role' }] });
      const s = steps(a);
      expect(s[0]).toBe(LOGIN);
      expect(s.indexOf(LOGIN)).toBeLessThan(s.indexOf('python3 -m pip install -r requirements-dev.txt'));
    }
  });

  it('gives developers the login command in the README and in a devfile command, and does not pip install before it', () => {
    const readme = files.get('README.md')!.content;
    expect(readme).toContain('## Python packages from CodeArtifact');
    expect(readme).toContain(LOGIN);
    expect(readme).toContain('catalyst-gen codeartifact login --tool pip --domain acme --domain-owner 123456789012 --repository pypi-store --region us-west-2');
    const df = yamlOf(files, 'devfile.yaml');
    expect(df.events.postStart).toEqual(['install-npm']);
    expect(df.commands.find((c: Wire) => c.id === 'codeartifact-login').exec.commandLine).toBe(LOGIN);
  });

  it('deploys dev -> approval -> prod with the e-mail API of the options', () => {
    const wf = yamlOf(files, '.codecatalyst/workflows/Deploy.yaml');
    expect(Object.keys(wf.Actions)).toEqual(['Test', 'Bootstrap_dev', 'Deploy_dev', 'Approve_prod', 'Bootstrap_prod', 'Deploy_prod']);
    expect(wf.Actions.Deploy_prod.Configuration).toEqual({
      StackName: 'photo-labels-prod',
      Region: 'us-west-2',
      CdkRootPath: 'infra',
      CdkCliVersion: GENERATED_VERSIONS['aws-cdk'],
      Context: '{"stage":"prod"}',
    });
    expect(files.get('infra/lib/app.ts')!.content).toContain('emailApiUrl: "https://mail.example.com/api/results"');
  });

  it('opens the APIs only because the options ask, and the README warns at the top and where it tells how to call them', () => {
    expect(files.get('infra/lib/app.ts')!.content).toContain('apiAuthorization: "none",');
    const readme = files.get('README.md')!.content;
    expect(readme.split('\n').slice(0, 20).join('\n')).toContain('**Warning: both APIs are open.**');
    expect(readme).toMatch(/## Call the APIs\n\n\*\*Warning\.\*\* The `apiAuthorization` option is `none`/);
    expect(readme).not.toContain('--aws-sigv4');
  });

  it('refuses CodeArtifact names the service would refuse, before rendering', () => {
    const bp = blueprint('serverless-python');
    const opts = optionsOf(bp, 'alternative') as { codeArtifact: Record<string, string> };
    const bad = { ...opts, codeArtifact: { ...opts.codeArtifact, domain: 'Acme; rm -rf ~', domainOwner: '1234' } };
    const pointers = validateOptions(bp, bad).map((f) => f.pointer).sort();
    expect(pointers).toEqual(['/codeArtifact/domain', '/codeArtifact/domainOwner']);
  });

  it('refuses an e-mail API that is not https or would break out of the generated TypeScript string', () => {
    const bp = blueprint('serverless-python');
    for (const url of ['http://mail.example.com', "https://x.example.com/'+process.exit()+'", 'https://x.example.com/${x}']) {
      expect(validateOptions(bp, { ...optionsOf(bp, 'defaults'), emailApiUrl: url }).map((f) => f.pointer), url).toEqual(['/emailApiUrl']);
    }
  });
});
