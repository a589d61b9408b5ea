import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsCronToPosix, regexToGlob } from '../../src/export/github-actions/triggers.js';
import { jobIds } from '../../src/export/github-actions/translate.js';
import { STEP_SHELL } from '../../src/export/github-actions/shell.js';
import { tempDir } from '../helpers/cli.js';
import { exportChecked, job, runOf } from './helpers.js';

// One row per construct: the CodeCatalyst YAML, and what the GitHub workflow must say. Every row's export must
// also pass GitHub's workflow schema and actionlint.

const wf = (actions: string, head = '') => `Name: W\nSchemaVersion: "1.0"\n${head}Actions:\n${actions}`;
const build = (name: string, extra = '', steps = ['echo hi']) =>
  `  ${name}:\n    Identifier: aws/build@v1\n${extra}    Configuration:\n      Steps:\n${steps.map((s) => `        - Run: ${JSON.stringify(s)}`).join('\n')}\n`;
const untranslated = (e: { findings: readonly { kind: string; message: string }[] }) => e.findings.filter((f) => f.kind === 'untranslated').map((f) => f.message);

describe('export github-actions: triggers', () => {
  it('push branches and file filters: regular expressions to globs', async () => {
    const e = await exportChecked(wf(build('A'), 'Triggers:\n  - Type: Push\n    Branches: [main, "feature-.*"]\n    FilesChanged: ["vpc\\\\/.*"]\n'));
    expect(e.problems).toEqual([]);
    expect(e.parsed.on).toEqual({ push: { branches: ['main', 'feature-**'], paths: ['vpc/**'] }, workflow_dispatch: {} });
    expect(untranslated(e)).toEqual([]);
  });

  it('a regular expression globs cannot express is reported', () => {
    expect(regexToGlob('(main|develop)')).toEqual({ glob: '*', exact: false });
    expect(regexToGlob('x[^y]')).toEqual({ glob: 'x*', exact: false });
    // GitHub's patterns have classes, + and ? of the preceding character, and escapes: these convert exactly.
    expect(regexToGlob('^release-\\d+$')).toEqual({ glob: 'release-[0-9]+', exact: true });
    expect(regexToGlob('main')).toEqual({ glob: 'main', exact: true });
  });

  it('pull-request events in the console spelling; destination branches', async () => {
    const e = await exportChecked(wf(build('A'), 'Triggers:\n  - Type: PullRequest\n    Events: [open, revision]\n    Branches: [main]\n'));
    expect(e.problems).toEqual([]);
    expect(e.parsed.on['pull_request']).toEqual({ types: ['opened', 'synchronize'], branches: ['main'] });
  });

  it('MERGED without CLOSED: the closed activity, and root jobs run only for a merged pull request', async () => {
    const e = await exportChecked(wf(build('A') + build('B', '    DependsOn: [A]\n'), 'Triggers:\n  - Type: PULLREQUEST\n    Events: [MERGED]\n'));
    expect(e.problems).toEqual([]);
    expect(e.parsed.on['pull_request']).toEqual({ types: ['closed'] });
    expect(job(e, 'A').if).toContain('github.event.pull_request.merged');
    expect(job(e, 'B').if).toBeUndefined(); // skipped with A
  });

  it('schedules: AWS cron to POSIX cron (no year, ? is *, weekdays from 0)', async () => {
    const e = await exportChecked(wf(build('A'), 'Triggers:\n  - Type: SCHEDULE\n    Expression: "0 9 ? * MON-FRI *"\n'));
    expect(e.problems).toEqual([]);
    expect(e.parsed.on['schedule']).toEqual([{ cron: '0 9 * * MON-FRI' }]);
    expect(awsCronToPosix('15 3 ? * 2-6 *')).toEqual({ ok: true, cron: '15 3 * * 1-5' });
    expect(awsCronToPosix('0 9 L * ? *').ok).toBe(false);
    expect(awsCronToPosix('0 9 * * ? 2027').ok).toBe(false);
  });

  it('a schedule on one branch: GitHub runs it on the default branch (to check); on several: reported', async () => {
    const one = await exportChecked(wf(build('A'), 'Triggers:\n  - Type: SCHEDULE\n    Expression: "0 9 * * ? *"\n    Branches: [main]\n'));
    expect(one.findings.find((f) => f.pointer === '/Triggers/0/Branches')?.kind).toBe('setup');
    const two = await exportChecked(wf(build('A'), 'Triggers:\n  - Type: SCHEDULE\n    Expression: "0 9 * * ? *"\n    Branches: [main, develop]\n'));
    expect(two.findings.find((f) => f.pointer === '/Triggers/0/Branches')?.kind).toBe('untranslated');
  });

  it('no triggers: manual runs only; every workflow can also be started by hand', async () => {
    const e = await exportChecked(wf(build('A')));
    expect(e.parsed.on).toEqual({ workflow_dispatch: {} });
  });
});

describe('export github-actions: actions, dependencies and groups', () => {
  it('DependsOn to needs; a group flattened: its actions wait for what it waits for, and waiting for it is waiting for each', async () => {
    const text = wf(
      build('Build') +
        '  Deploy:\n    DependsOn: [Build]\n    Actions:\n' +
        build('One').replace(/^/gm, '    ').replace(/^ {4}$/gm, '') +
        build('Two', '    DependsOn: [One]\n').replace(/^/gm, '    ').replace(/^ {4}$/gm, '') +
        build('Verify', '    DependsOn: [Deploy]\n'),
    );
    const e = await exportChecked(text);
    expect(e.problems).toEqual([]);
    expect(Object.keys(e.parsed.jobs)).toEqual(['Build', 'One', 'Two', 'Verify']);
    expect(job(e, 'One').needs).toEqual(['Build']);
    expect(job(e, 'Two').needs).toEqual(['One', 'Build']);
    expect(job(e, 'Verify').needs).toEqual(['One', 'Two']);
    expect(job(e, 'One').name).toBe('Deploy / One');
  });

  it('names GitHub refuses as job ids get an id it takes', () => {
    expect([...jobIds(['1st', 'Build', 'build', '-x'])]).toEqual([
      ['1st', '_1st'],
      ['Build', 'Build'],
      ['build', 'build_2'],
      ['-x', '_-x'],
    ]);
  });

  it('Timeout to timeout-minutes; Compute to the runner table', async () => {
    const e = await exportChecked(
      wf(
        build('A', '    Timeout: 30\n    Compute:\n      Type: EC2\n      Fleet: Linux.Arm64.Large\n') +
          build('B', '    Compute:\n      Type: EC2\n      Fleet: my-fleet\n') +
          build('C', '    Compute:\n      Type: Lambda\n'),
      ),
    );
    expect(e.problems).toEqual([]);
    expect(job(e, 'A')['runs-on']).toBe('ubuntu-24.04-arm');
    expect(job(e, 'A')['timeout-minutes']).toBe(30);
    expect(job(e, 'B')['runs-on']).toEqual(['self-hosted', 'my-fleet']);
    expect(job(e, 'C')['runs-on']).toBe('ubuntu-latest');
    expect(e.findings.some((f) => f.kind === 'setup' && f.message.includes('my-fleet'))).toBe(true);
  });

  it('SharedInstance (files shared between actions) is reported', async () => {
    const e = await exportChecked(wf(build('A'), 'Compute:\n  Type: EC2\n  SharedInstance: TRUE\n'));
    expect(untranslated(e).join()).toMatch(/share one instance/);
  });

  it('RunMode: QUEUED and SUPERSEDED to a concurrency group (cancel in progress for SUPERSEDED); PARALLEL to none', async () => {
    expect((await exportChecked(wf(build('A'), 'RunMode: SUPERSEDED\n'))).parsed.concurrency).toEqual({ group: 'W-${{ github.ref }}', 'cancel-in-progress': true });
    expect((await exportChecked(wf(build('A'), 'RunMode: QUEUED\n'))).parsed.concurrency).toEqual({ group: 'W-${{ github.ref }}', 'cancel-in-progress': false });
    expect((await exportChecked(wf(build('A'), 'RunMode: PARALLEL\n'))).parsed.concurrency).toBeUndefined();
  });
});

describe('export github-actions: build and test steps', () => {
  it('the steps are one bash script with input variables as env, runtimes set up, secrets and references as expressions', async () => {
    const e = await exportChecked(
      wf(
        build('A', '    Inputs:\n      Sources: [WorkflowSource]\n      Variables:\n        - Name: STAGE\n          Value: prod\n    Outputs:\n      Variables: [VERSION]\n', ['npm ci', 'VERSION=$(cat v.txt)', 'echo ${Secrets.TOKEN}']) +
          build('B', '    DependsOn: [A]\n', ['echo ${A.VERSION} ${WorkflowSource.CommitId}']),
      ),
    );
    expect(e.problems).toEqual([]);
    const a = job(e, 'A');
    expect(a.env).toEqual({ STAGE: 'prod' });
    expect(a.steps[0]!.uses).toBe('actions/checkout@v4');
    expect(a.steps.some((s) => s.uses === 'actions/setup-node@v4')).toBe(true);
    const main = a.steps.find((s) => s.id === 'main')!;
    expect(main.shell).toBe(STEP_SHELL);
    expect(main.run).toContain('npm ci || exit $?');
    expect(main.run).toContain('echo ${{ secrets.TOKEN }} || exit $?');
    expect(main.run).toContain('echo "VERSION=${VERSION}" >> "$GITHUB_OUTPUT"');
    expect(a.outputs).toEqual({ VERSION: '${{ steps.main.outputs.VERSION }}' });
    expect(runOf(job(e, 'B'))).toContain('echo ${{ needs.A.outputs.VERSION }} ${{ github.sha }}');
    expect(e.findings.some((f) => f.kind === 'setup' && f.message.includes('TOKEN'))).toBe(true);
  });

  it('the script behaves as CodeCatalyst steps do: one shell, and the first failing step ends it with its status', async () => {
    const e = await exportChecked(wf(build('A', '', ['GREETING=hello', 'echo "$GREETING" > a.txt', 'false; echo "a failing command inside a step does not stop it" > b.txt', 'exit 3', 'echo never > c.txt'])));
    const script = job(e, 'A').steps.find((s) => s.id === 'main')!.run!;
    const dir = tempDir('cg-export-shell-');
    writeFileSync(join(dir, 'script.sh'), script);
    // The shell line GitHub runs: "bash --noprofile --norc {0}" with the script's path.
    const r = spawnSync('bash', ['--noprofile', '--norc', join(dir, 'script.sh')], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(3);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('hello\n');
    expect(existsSync(join(dir, 'b.txt'))).toBe(true);
    expect(existsSync(join(dir, 'c.txt'))).toBe(false);
  });

  it('CATALYST_DEFAULT_DIR and CATALYST_SOURCE_DIR_WorkflowSource are the workspace; other run variables are reported', async () => {
    const e = await exportChecked(wf(build('A', '    Inputs:\n      Sources: [WorkflowSource]\n', ['cd $CATALYST_DEFAULT_DIR', 'ls $CATALYST_SOURCE_DIR_WorkflowSource', 'echo $CATALYST_EVENT_SHA'])));
    expect(e.problems).toEqual([]);
    expect(job(e, 'A').env).toEqual({ CATALYST_SOURCE_DIR_WorkflowSource: '${{ github.workspace }}', CATALYST_DEFAULT_DIR: '${{ github.workspace }}' });
    expect(untranslated(e)).toEqual(['The action reads CodeCatalyst run variables GitHub does not set: CATALYST_EVENT_SHA.']);
  });

  it('a container image from a registry is the job container; a CodeCatalyst image is the runner', async () => {
    const e = await exportChecked(
      wf(build('A', '') + '  B:\n    Identifier: aws/managed-test@v1\n    Configuration:\n      Container:\n        Registry: DockerHub\n        Image: node:20\n      Steps:\n        - Run: npm test\n'),
    );
    expect(e.problems).toEqual([]);
    expect(job(e, 'B').container).toEqual({ image: 'node:20' });
    expect(job(e, 'A').container).toBeUndefined();
  });

  it('artifacts: upload in the producer (paths kept from the source root), download in the consumer', async () => {
    const e = await exportChecked(
      wf(
        build('A', '    Outputs:\n      Artifacts:\n        - Name: out\n          Files: ["dist/**/*"]\n') +
          build('B', '    DependsOn: [A]\n    Inputs:\n      Artifacts: [out]\n', ['ls $CATALYST_SOURCE_DIR_out']),
      ),
    );
    expect(e.problems).toEqual([]);
    const up = job(e, 'A').steps.find((s) => s.uses === 'actions/upload-artifact@v4')!;
    expect(up.with).toMatchObject({ name: 'out', path: '.artifact-root\ndist/**/*' });
    const down = job(e, 'B').steps.find((s) => s.uses === 'actions/download-artifact@v4')!;
    expect(down.with).toEqual({ name: 'out', path: '.' });
    expect(job(e, 'B').env).toEqual({ CATALYST_SOURCE_DIR_out: '${{ github.workspace }}' });
    expect(job(e, 'B').steps.some((s) => s.uses === 'actions/checkout@v4')).toBe(false);
  });

  it('a JUnit report is a report step that runs after failures; a pass rate of 100 fails the job on a failed test', async () => {
    const e = await exportChecked(
      wf(build('A', '    Outputs:\n      Reports:\n        unit:\n          Format: JUNITXML\n          IncludePaths: [reports/junit.xml]\n          SuccessCriteria:\n            PassRate: 100\n')),
    );
    expect(e.problems).toEqual([]);
    const step = job(e, 'A').steps.find((s) => s.uses?.startsWith('mikepenz/action-junit-report@'))!;
    expect(step.if).toBe('always()');
    expect(step.with).toEqual({ report_paths: 'reports/junit.xml', check_name: 'unit', fail_on_failure: true });
    expect(job(e, 'A').permissions).toMatchObject({ checks: 'write' });
  });

  it('file caching to actions/cache, saved every run and restored from the newest', async () => {
    const e = await exportChecked(wf(build('A', '    Caching:\n      FileCaching:\n        npm:\n          Path: /root/.npm\n          RestoreKeys: [npm-old]\n')));
    expect(e.problems).toEqual([]);
    const step = job(e, 'A').steps.find((s) => s.uses === 'actions/cache@v4')!;
    expect(step.with).toEqual({ path: '~/.npm', key: 'npm-${{ github.run_id }}', 'restore-keys': 'npm-\nnpm-old' });
  });

  it('CodeCatalyst package repositories are reported', async () => {
    const e = await exportChecked(wf(build('A', '    Packages:\n      NpmConfiguration:\n        PackageRegistries:\n          - PackagesRepository: main-repo\n')));
    expect(untranslated(e).join()).toMatch(/package repositories/);
  });
});

const env = (name: string, conn = 'dev-account') => `    Environment:\n      Name: ${name}\n      Connections:\n        - Name: "${conn}"\n          Role: DeployRole\n`;

describe('export github-actions: environments, connections and gates', () => {
  it('an environment and connection: the GitHub environment and an OIDC role from a variable to create', async () => {
    const e = await exportChecked(wf(`  D:\n    Identifier: aws/cdk-deploy@v1\n${env('dev')}    Configuration:\n      StackName: app-dev\n      Region: eu-west-1\n`));
    expect(e.problems).toEqual([]);
    const d = job(e, 'D');
    expect(d.environment).toBe('dev');
    expect(d.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(d.steps.find((s) => s.uses === 'aws-actions/configure-aws-credentials@v4')!.with).toEqual({ 'role-to-assume': '${{ vars.AWS_ROLE_ARN_DEV_ACCOUNT }}', 'aws-region': 'eu-west-1' });
    expect(e.findings.some((f) => f.kind === 'setup' && f.action.includes('AWS_ROLE_ARN_DEV_ACCOUNT'))).toBe(true);
  });

  it('the role ARN from --role-arn, or built from an account id', async () => {
    const text = wf(`  D:\n    Identifier: aws/cdk-bootstrap@v1\n${env('dev', '111122223333')}    Configuration:\n      Region: eu-west-1\n`);
    const known = await exportChecked(text);
    expect(job(known, 'D').steps.find((s) => s.uses?.startsWith('aws-actions/'))!.with!['role-to-assume']).toBe('arn:aws:iam::111122223333:role/DeployRole');
    const given = await exportChecked(text, { roleArns: { '*': 'arn:aws:iam::444455556666:role/Gh' } });
    expect(job(given, 'D').steps.find((s) => s.uses?.startsWith('aws-actions/'))!.with!['role-to-assume']).toBe('arn:aws:iam::444455556666:role/Gh');
    expect(runOf(job(known, 'D'))).toContain('bootstrap "aws://${account}/eu-west-1"');
  });

  it('an approval gate is a job in an environment of its name, whose required reviewers MIGRATION.md says how to set; two approvals are reported', async () => {
    const one = await exportChecked(wf(build('A') + '  Approve:\n    Identifier: aws/approval@v1\n    DependsOn: [A]\n    Configuration:\n      ApprovalsRequired: 1\n' + build('B', '    DependsOn: [Approve]\n')));
    expect(one.problems).toEqual([]);
    expect(job(one, 'Approve').environment).toBe('Approve');
    expect(job(one, 'B').needs).toEqual(['Approve']);
    expect(one.findings.find((f) => f.kind === 'setup' && f.message.includes('Approve'))!.action).toMatch(/Required reviewers/);
    expect(untranslated(one)).toEqual([]);
    const two = await exportChecked(wf(build('A') + '  Approve:\n    Identifier: aws/approval@v1\n    DependsOn: [A]\n    Configuration:\n      ApprovalsRequired: 2\n'));
    expect(untranslated(two).join()).toMatch(/2 approvals/);
  });
});

describe('export github-actions: deploy actions to CLI steps', () => {
  it('cdk-deploy: cdk deploy of the stack with context, version, folder and the outputs other jobs read', async () => {
    const e = await exportChecked(
      wf(
        `  D:\n    Identifier: aws/cdk-deploy@v1\n${env('dev')}    Configuration:\n      StackName: app-dev\n      Region: eu-west-1\n      CdkCliVersion: 2.1148.1\n      CdkRootPath: infra\n      Context: '{"stage":"dev"}'\n` +
          build('After', '    DependsOn: [D]\n', ['curl ${D.ApiUrl}']),
      ),
    );
    expect(e.problems).toEqual([]);
    const step = job(e, 'D').steps.find((s) => s.id === 'deploy')!;
    expect(step['working-directory']).toBe('infra');
    expect(step.run).toContain('npx --yes aws-cdk@2.1148.1 deploy app-dev --require-approval never --context stage=dev');
    expect(job(e, 'D').outputs).toEqual({ ApiUrl: '${{ steps.deploy.outputs.ApiUrl }}' });
    expect(runOf(job(e, 'After'))).toContain('${{ needs.D.outputs.ApiUrl }}');
  });

  it('cdk-deploy of a cloud assembly from an app folder: the assembly path stays from the source root', async () => {
    const e = await exportChecked(wf(`  D:\n    Identifier: aws/cdk-deploy@v1\n${env('dev')}    Configuration:\n      StackName: s\n      Region: eu-west-1\n      CdkRootPath: infra\n      CloudAssemblyRootPath: infra/cdk.out\n`));
    expect(e.problems).toEqual([]);
    expect(runOf(job(e, 'D'))).toContain('deploy s --require-approval never --app "$GITHUB_WORKSPACE"/infra/cdk.out');
    expect(runOf(job(e, 'D'))).not.toContain('npm ci'); // an assembly needs no synthesis
  });

  it('cfn-deploy, ecs-deploy, lambda-invoke and s3-publish: the AWS CLI commands', async () => {
    const e = await exportChecked(
      wf(
        `  Cfn:\n    Identifier: aws/cfn-deploy@v1\n${env('dev')}    Configuration:\n      name: stack\n      region: us-east-1\n      template: template.yaml\n      capabilities: CAPABILITY_IAM,CAPABILITY_NAMED_IAM\n      parameter-overrides: Env=dev\n` +
          `  Ecs:\n    Identifier: aws/ecs-deploy@v1\n${env('dev')}    Configuration:\n      region: us-east-1\n      cluster: c\n      service: s\n      task-definition: task.json\n` +
          `  Lambda:\n    Identifier: aws/lambda-invoke@v1\n${env('dev')}    Configuration:\n      Function: f\n      AWSRegion: us-east-1\n      RequestPayload: '{"a":1}'\n` +
          `  S3:\n    Identifier: aws/s3-publish@v1\n${env('dev')}    Configuration:\n      SourcePath: dist\n      DestinationBucketName: bucket\n`,
      ),
    );
    expect(e.problems).toEqual([]);
    expect(runOf(job(e, 'Cfn'))).toMatch(/aws cloudformation deploy \\\n {2}--stack-name stack \\\n {2}--template-file template.yaml \\\n {2}--region us-east-1 \\\n {2}--capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM \\\n {2}--parameter-overrides Env=dev \\\n {2}--no-fail-on-empty-changeset/);
    expect(runOf(job(e, 'Ecs'))).toContain('aws ecs update-service --region us-east-1 --cluster c --service s --task-definition "$arn"');
    expect(runOf(job(e, 'Lambda'))).toContain(`aws lambda invoke --function-name f --region us-east-1 --cli-binary-format raw-in-base64-out --payload '{"a":1}'`);
    expect(runOf(job(e, 'S3'))).toContain('aws s3 cp dist s3://bucket/ --recursive');
    // S3 needs a region the configuration does not give: a variable to create.
    expect(e.findings.some((f) => f.kind === 'setup' && f.message.includes('AWS_REGION'))).toBe(true);
  });

  it('a pinned or pre-release identifier is the same action', async () => {
    const e = await exportChecked(wf(`  D:\n    Identifier: aws/cdk-deploy@v1.0.12\n${env('dev')}    Configuration:\n      StackName: s\n      Region: eu-west-1\n`));
    expect(runOf(job(e, 'D'))).toContain('deploy s --require-approval never');
  });

  it('an action with no translation (labs, third-party, custom) is a failing placeholder job, reported', async () => {
    const e = await exportChecked(wf('  T:\n    Identifier: codecatalyst-labs/provision-with-terraform-community@v1\n    Configuration:\n      AWSRegion: us-east-1\n'));
    expect(e.problems).toEqual([]);
    expect(runOf(job(e, 'T'))).toContain('exit 1');
    expect(untranslated(e).join()).toMatch(/provision-with-terraform-community/);
  });

  it('GitHub Actions runner steps are kept as they are', async () => {
    const e = await exportChecked(wf('  G:\n    Identifier: aws/github-actions-runner@v1\n    Configuration:\n      Steps:\n        - name: Hello\n          uses: actions/hello-world-javascript-action@v1\n          with:\n            who-to-greet: you\n'));
    expect(e.problems).toEqual([]);
    expect(job(e, 'G').steps).toContainEqual({ name: 'Hello', uses: 'actions/hello-world-javascript-action@v1', with: { 'who-to-greet': 'you' } });
  });
});
