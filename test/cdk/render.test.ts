import { hasShellcheck, shellcheck } from '../helpers/shell.js';
import { describe, expect, it } from 'vitest';
import { COMMIT_STATE_NOTE } from '../../blueprints/shared/files-table.js';
import { parse } from 'yaml';
import { secureCdkPipeline } from '../../blueprints/secure-cdk-pipeline/index.js';
import type { SecurePipelineDef } from '../../src/model/pipeline.js';
import { renderBoundaryTemplate } from '../../src/render/boundary.js';
import {
  checkPipelineDef,
  crossRegionSupportRegions,
  renderBootstrapCommands,
  renderBoundaryDeployCommands,
  renderCdkApp,
  renderPipelineConfig,
  renderPipelineDiagram,
} from '../../src/render/cdk-app.js';
import { renderPermissionCheckBuildspec } from '../../src/render/cdk-app-security-check.js';
import { serializeYaml } from '../../src/render/serialize.js';
import { validateText } from '../../src/validate/file.js';
import type { SecurityDiffReport } from '../../src/security/diff.js';
import { approvalSubject, formatSecurityDiffTemplate, SECURITY_DIFF_TEMPLATES } from '../../src/security/format.js';
import { loadTemplates } from '../../src/io/templates.js';
import { renderSecurePipeline } from './generated-app.js';

const defaults = secureCdkPipeline.defaults as SecurePipelineDef;
const privateBuild = { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'], codeArtifact: { domain: 'my-domain', repository: 'npm-proxy' } };


describe('permission check buildspec', () => {
  const value = renderPermissionCheckBuildspec();
  const text = serializeYaml(value);

  it('is a valid buildspec under the project validator', () => {
    expect(validateText(text, 'buildspecs/permission-check.yml', 'buildspec').filter((d) => d.severity !== 'info')).toEqual([]);
    expect(parse(text)).toEqual(value);
  });

  it("installs the app's pinned catalyst-gen with npm ci, then compares the stacks with what is deployed", () => {
    const v = value as any;
    expect(v.phases.install.commands).toEqual(['npm ci']);
    const script = v.phases.build.commands.join('\n');
    expect(script).toContain('npx --no-install catalyst-gen security-diff --deployed cdk.out --stack "$STACKS" --notify "$NOTIFICATION_ARN"');
    // The auto-approval only when nothing broadens (exit 0) and the approval gate is the same; the fail-safe
    // e-mail only when the check failed; the gate's e-mail only when it changes.
    const [, decide] = script.split('\nif [ "$rc" -eq 0 ] && [ -z "$gate" ]; then\n');
    const [ok, rest] = decide.split('\nelif [ "$rc" -eq 1 ]; then\n');
    const [broadens, rest2] = rest.split('\nelif [ "$rc" -eq 0 ]; then\n');
    const [gateChanged, failed] = rest2.split('\nelse\n');
    expect(ok).toContain('aws lambda invoke');
    expect(ok).not.toContain('sns publish');
    // Both wait for a person (security-diff and the gate's e-mail above have told the approvers); each says why.
    for (const waits of [broadens, gateChanged]) {
      expect(waits).not.toContain('aws lambda invoke');
      expect(waits).not.toContain('sns publish');
    }
    expect(broadens).toContain('export MESSAGE="Permissions broaden.');
    expect(gateChanged).toContain('export MESSAGE="No permission broadens, but the approval gate changes.');
    expect(failed).toContain('aws sns publish --topic-arn "$NOTIFICATION_ARN" --subject "$NOTIFICATION_SUBJECT"');
    expect(script).toContain('gate=$(npx --no-install tsx lib/approval-gate.ts "$GATE" "cdk.out/${PIPELINE_TEMPLATE}") || rc=2');
    expect(script).toMatch(/if \[ -n "\$gate" \] && \[ "\$rc" -le 1 \]; then\n {2}body=[^\n]*\n {2}aws sns publish --topic-arn "\$NOTIFICATION_ARN" --subject "Approve\? The approval gate of pipeline \$\{PIPELINE_NAME\} changes"/);
    expect(v.env['exported-variables']).toEqual(['LINK', 'MESSAGE']);
  });

  it.skipIf(!hasShellcheck)('is shellcheck-clean (bash, all commands in one shell as buildspec 0.2 runs them)', () => {
    const v = value as any;
    const script = ['#!/bin/bash', ...v.phases.install.commands, ...v.phases.build.commands].join('\n') + '\n';
    expect(shellcheck(script)).toEqual({ status: 0, output: '' });
  });
});

describe('boundary template', () => {
  const t = renderBoundaryTemplate() as any;
  const statements = t.Resources.PermissionsBoundary.Properties.PolicyDocument.Statement;

  it("is the seed's developer-policy with the name and the denied actions as parameters", () => {
    expect(Object.keys(t.Parameters)).toEqual(['BoundaryName', 'DeniedActions']);
    expect(t.Resources.PermissionsBoundary.Properties.ManagedPolicyName).toEqual({ Ref: 'BoundaryName' });
    expect(statements.map((s: any) => s.Sid ?? 'conditional')).toEqual([
      'ExplicitAllowAll',
      'DenyAccessIfRequiredPermBoundaryIsNotBeingApplied',
      'DenyPermBoundaryIAMPolicyAlteration',
      'DenyRemovalOfPermBoundaryFromAnyUserOrRole',
      'conditional',
    ]);
    expect(statements[1].Condition.StringNotEquals['iam:PermissionsBoundary']).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/${BoundaryName}' });
    expect(statements[4]['Fn::If'][1]).toMatchObject({ Effect: 'Deny', Action: { Ref: 'DeniedActions' } });
  });

  it('is rendered into the project as a CloudFormation file', () => {
    const files = renderSecurePipeline();
    const f = files.get('boundary/permissions-boundary.yaml')!;
    expect(f.kind).toBe('cloudformation');
    expect(parse(f.content)).toEqual(t);
  });
});

describe('bootstrap and boundary commands', () => {
  it('bootstraps the pipeline account, and every target with --trust and its own boundary', () => {
    expect(renderBootstrapCommands(defaults)).toEqual([
      'npx cdk bootstrap aws://111111111111/us-east-1 --cloudformation-execution-policies arn:aws:iam::aws:policy/AdministratorAccess --custom-permissions-boundary cdk-hnb659fds-permissions-boundary',
      'npx cdk bootstrap aws://222222222222/us-east-1 --trust 111111111111 --cloudformation-execution-policies arn:aws:iam::aws:policy/AdministratorAccess --custom-permissions-boundary dev-boundary',
      'npx cdk bootstrap aws://333333333333/us-east-1 --trust 111111111111 --cloudformation-execution-policies arn:aws:iam::aws:policy/AdministratorAccess --custom-permissions-boundary prod-boundary',
      'npx cdk bootstrap aws://333333333333/eu-west-1 --trust 111111111111 --cloudformation-execution-policies arn:aws:iam::aws:policy/AdministratorAccess --custom-permissions-boundary prod-boundary',
    ]);
  });

  it('passes a non-default qualifier and resolves it in boundary names', () => {
    const cmds = renderBootstrapCommands({ ...defaults, qualifier: 'team1' });
    expect(cmds[0]).toContain('--custom-permissions-boundary cdk-team1-permissions-boundary --qualifier team1');
  });

  it('deploys the boundary template with each stage’s denied actions', () => {
    const cmds = renderBoundaryDeployCommands(defaults);
    expect(cmds[2]).toContain("--parameter-overrides BoundaryName=prod-boundary 'DeniedActions=config:*,cloudtrail:*,organizations:*'");
    expect(cmds[1]).toContain("--parameter-overrides BoundaryName=dev-boundary 'DeniedActions=config:*'");
  });

  it('deploys each boundary once per (account, name), in the region of the first stage using it: IAM policy names are account-wide', () => {
    const where = (cmds: string[]) => cmds.map((c) => `${/# in account (\d+)/.exec(c)![1]} ${/--region (\S+)/.exec(c)![1]} ${/BoundaryName=(\S+)/.exec(c)![1]}`);
    // Prod-us-east-1 and Prod-eu-west-1 share account 333333333333 and the name prod-boundary: one stack, in us-east-1.
    expect(where(renderBoundaryDeployCommands(defaults))).toEqual([
      '111111111111 us-east-1 cdk-hnb659fds-permissions-boundary',
      '222222222222 us-east-1 dev-boundary',
      '333333333333 us-east-1 prod-boundary',
    ]);
    // A region placeholder makes one policy per region; a stage in the pipeline account shares the pipeline's.
    const perRegion: SecurePipelineDef = {
      ...defaults,
      stages: [
        { name: 'Beta', account: '111111111111', region: 'eu-west-1' },
        { name: 'Eu', wave: 'Prod', account: '333333333333', region: 'eu-west-1', permissionsBoundary: { name: 'prod-${AWS::Region}' } },
        { name: 'Us', wave: 'Prod', account: '333333333333', region: 'us-west-2', permissionsBoundary: { name: 'prod-${AWS::Region}' } },
      ],
    };
    expect(checkPipelineDef(perRegion)).toEqual([]);
    expect(where(renderBoundaryDeployCommands(perRegion))).toEqual([
      '111111111111 us-east-1 cdk-hnb659fds-permissions-boundary',
      '333333333333 eu-west-1 prod-eu-west-1',
      '333333333333 us-west-2 prod-us-west-2',
    ]);
  });

  it('refuses one boundary name in one account with two lists of denied actions (it is one policy)', () => {
    const bad: SecurePipelineDef = {
      ...defaults,
      stages: [
        { name: 'A', account: '333333333333', region: 'us-east-1', permissionsBoundary: { name: 'prod-boundary', deniedActions: ['config:*'] } },
        { name: 'B', account: '333333333333', region: 'eu-west-1', permissionsBoundary: { name: 'prod-boundary', deniedActions: ['cloudtrail:*'] } },
      ],
    };
    expect(checkPipelineDef(bad).map((f) => f.pointer)).toEqual(['/stages/1/permissionsBoundary/deniedActions']);
  });

  it('names the cross-region support environments: the pipeline account in each other stage region, once, in stage order', () => {
    expect(crossRegionSupportRegions(defaults)).toEqual(['eu-west-1']);
    const many: SecurePipelineDef = {
      ...defaults,
      stages: [
        { name: 'A', account: '222222222222', region: 'eu-central-1' },
        { name: 'B', account: '111111111111', region: 'us-east-1' },
        { name: 'C', account: '333333333333', region: 'ap-southeast-2' },
        { name: 'D', account: '111111111111', region: 'eu-central-1' },
      ],
    };
    expect(crossRegionSupportRegions(many)).toEqual(['eu-central-1', 'ap-southeast-2']);
    const readme = renderSecurePipeline(many).get('README.md')!.content;
    expect(readme).toContain('- `secure-app-pipeline-support-eu-central-1` in aws://111111111111/eu-central-1\n- `secure-app-pipeline-support-ap-southeast-2` in aws://111111111111/ap-southeast-2\n');
    expect(readme).toContain('need no bootstrap of their own');
    expect(renderSecurePipeline({ stages: [{ name: 'Beta', account: '111111111111', region: 'us-east-1' }] }).get('README.md')!.content).not.toContain('support stack');
  });

  it('the README carries the bootstrap commands', () => {
    const readme = renderSecurePipeline().get('README.md')!.content;
    for (const c of renderBootstrapCommands(defaults)) expect(readme).toContain(c);
  });
});

describe('README', () => {
  const readme = renderSecurePipeline().get('README.md')!.content;

  it('lists the values to replace: placeholder accounts, the all-zero connection, example repository and e-mails', () => {
    const section = readme.slice(readme.indexOf('## Values to replace'), readme.indexOf('## What is here'));
    for (const option of ['pipeline.account', 'stages.0.account', 'stages.1.account', 'stages.2.account', 'source.repository', 'source.connectionArn', 'approverEmails.0']) {
      expect(section).toContain(`- \`${option}\` = `);
    }
    expect(section).toContain('connection/00000000-0000-0000-0000-000000000000');
    const real = renderSecurePipeline({
      pipeline: { account: '123456789012', region: 'us-east-1' },
      source: { repository: 'acme/app', connectionArn: 'arn:aws:codeconnections:us-east-1:123456789012:connection/3f0a1b2c-1234-4d5e-8f90-abcdef012345' },
      stages: [{ name: 'Prod', account: '210987654321', region: 'us-east-1' }],
      approverEmails: ['sec@acme.test'],
    }).get('README.md')!.content;
    expect(real).not.toContain('## Values to replace');
  });

  it('has a "What is here" table with every generated file and its owner', () => {
    const files = renderSecurePipeline();
    // The editor files catalyst-gen adds have one row, for their folder.
    const rowOf = (path: string) => (path.startsWith('.vscode/') ? '.vscode/' : path);
    for (const path of files.keys()) expect(readme).toMatch(new RegExp(`^\\| \`${rowOf(path).replace(/\./g, '\\.')}\` \\| .+ \\| .+ \\|$`, 'm'));
    expect([...files.keys()].filter((p) => p.startsWith('.vscode/')), 'the project has editor files').not.toEqual([]);
    expect(readme).toContain('| `lib/app-stage.ts` | your application: the stacks every stage deploys | you (written once) |');
  });

  it('draws the pipeline: source, synth, self-update, then check -> confirm -> deploy per stage, the wave in parallel', () => {
    const diagram = renderPipelineDiagram(defaults);
    expect(readme).toContain('```mermaid\n' + diagram);
    const label = (name: string) => new RegExp(`(n\\d+)[\\[{]+"${name.replace(/\./g, '\\.')}[<"]`).exec(diagram)![1];
    const edge = (a: string, b: string) => `  ${label(a)} --> ${label(b)}\n`;
    expect(diagram).toContain(edge('Source', 'Synth'));
    // selfMutation approval (the default): the pipeline's own update is behind its check and approval.
    expect(diagram).toContain(edge('Synth', 'UpdatePipeline.PermissionCheck.Check'));
    expect(diagram).toContain(edge('UpdatePipeline.PermissionCheck.Check', 'UpdatePipeline.PermissionCheck.Confirm'));
    expect(diagram).toContain(edge('UpdatePipeline.PermissionCheck.Confirm', 'UpdatePipeline.SelfMutate'));
    expect(diagram).toContain(edge('UpdatePipeline.SelfMutate', 'Dev.PermissionCheck.Check'));
    for (const st of ['Dev', 'Prod-us-east-1', 'Prod-eu-west-1']) {
      expect(diagram).toContain(edge(`${st}.PermissionCheck.Check`, `${st}.PermissionCheck.Confirm`));
      expect(diagram).toContain(edge(`${st}.PermissionCheck.Confirm`, `${st}.Deploy`));
    }
    // Both Prod stages start after Dev, side by side in one subgraph (the wave).
    expect(diagram).toContain(edge('Dev.Deploy', 'Prod-us-east-1.PermissionCheck.Check'));
    expect(diagram).toContain(edge('Dev.Deploy', 'Prod-eu-west-1.PermissionCheck.Check'));
    expect(diagram).not.toContain(edge('Prod-us-east-1.Deploy', 'Prod-eu-west-1.PermissionCheck.Check'));
    expect(diagram).toMatch(/subgraph n\d+\["Prod"\]/);
  });

  it('draws the self-update each selfMutation value makes: unchecked, or none', () => {
    const automatic = renderPipelineDiagram({ ...defaults, selfMutation: 'automatic' });
    expect(automatic).toMatch(/n\d+\["UpdatePipeline<br\/><small>the pipeline updates itself, unchecked<\/small>"\]/);
    expect(automatic).not.toContain('UpdatePipeline.PermissionCheck');
    const off = renderPipelineDiagram({ ...defaults, selfMutation: 'off' });
    expect(off).not.toContain('UpdatePipeline');
    const synth = /(n\d+)\["Synth</.exec(off)![1];
    const dev = /(n\d+)\["Dev\.PermissionCheck\.Check</.exec(off)![1];
    expect(off).toContain(`  ${synth} --> ${dev}\n`);
  });

  it('explains each selfMutation value in the README: what waits for an approver, what does not, what to run by hand', () => {
    expect(readme).toContain('`selfMutation` is `approval`.');
    expect(readme).toContain('or its approval gate changes, though no permission broadens');
    const automatic = renderSecurePipeline({ selfMutation: 'automatic' }).get('README.md')!.content;
    expect(automatic).toContain('**without any\ncheck or approval**');
    expect(automatic).toContain('--set selfMutation=approval');
    const off = renderSecurePipeline({ selfMutation: 'off' }).get('README.md')!.content;
    expect(off).toContain('The pipeline never updates itself.');
    expect(off).toContain('```sh\nnpx cdk deploy secure-app-pipeline\n```');
    for (const other of [automatic, off]) expect(other).not.toContain('or its approval gate changes');
  });

  it("shows the approver's e-mail as catalyst-gen formats it, and how to keep the project current", () => {
    const example = /```text\n(Subject: [^\n]*)\n\n([\s\S]*?)\n\nEVERY CHANGE, BY STACK\n/.exec(readme);
    expect(example, 'the README shows an example e-mail').not.toBeNull();
    // The example's two sentences, in the forms the security diff writes (test/security/verdicts.test.ts).
    const sentences = [...example![2]!.matchAll(/^ {2}\d+\. (.*)$/gm)].map((m) => m[1]!);
    expect(sentences).toHaveLength(2);
    expect(sentences[0]).toMatch(/^Role \S+ \(of Lambda function \S+\) may now call s3:\* on every resource \(\*\)\.$/);
    // The boundary as PermissionsBoundary.fromName writes it in the Dev stage's stack (an account, AWS::Partition a reference).
    expect(sentences[1]).toBe(`The permission boundary arn:${'${Partition}'}:iam::${defaults.stages[0]!.account}:policy/${defaults.stages[0]!.permissionsBoundary!.name} was removed from role worker/Role.`);
    const report: SecurityDiffReport = {
      broadened: true,
      broadening: 2,
      narrowing: 0,
      stacks: [{ stack: 'secure-app-pipeline/Dev/Service', stage: 'Dev', account: defaults.stages[0]!.account, region: defaults.stages[0]!.region, isNew: false, isRemoved: false, broadened: true, changes: sentences.map((summary) => ({ category: 'permission', broadens: true, summary, data: {} })) }],
    };
    const ctx = {
      pipeline: 'secure-app',
      executionId: '<execution id>',
      commit: { id: '<commit id>', message: '<commit message>' },
      approveUrl: `<link to the secure-app pipeline in the console of ${defaults.pipeline.region}>`,
      executionUrl: '<link>',
      logUrl: "<link to the check's CodeBuild run>",
    };
    expect(example![1]).toBe(`Subject: ${approvalSubject(report, ctx)}`);
    const formatted = formatSecurityDiffTemplate('email', report, ctx, loadTemplates([SECURITY_DIFF_TEMPLATES.email]));
    expect(formatted.slice(0, formatted.indexOf('\n\nEVERY CHANGE, BY STACK'))).toBe(example![2]);
    expect(readme).toContain('## Keep it current');
    expect(readme).toContain('`catalyst-gen update`');
    expect(readme).toContain(COMMIT_STATE_NOTE);
  });

  it('says to run npm install once and commit package-lock.json, because the Synth step runs npm ci', () => {
    expect(readme).toContain('npm install          # once; it writes package-lock.json: commit it');
    expect(readme).toContain('runs `npm ci`');
  });

  it('with privateBuild, names the stages in other regions whose check always goes to an approver', () => {
    const priv = renderSecurePipeline({ privateBuild }).get('README.md')!.content;
    expect(priv).toContain('That is the case here for:\n- Prod-eu-west-1 (eu-west-1)\n');
    expect(priv).toContain('sends every deployment of that stage to an approver');
    const sameRegion = renderSecurePipeline({ privateBuild, stages: [{ name: 'Beta', account: '222222222222', region: 'us-east-1' }] }).get('README.md')!.content;
    expect(sameRegion).toContain('so this does not apply now');
    expect(readme).not.toContain('Stages in other regions: the check runs');
  });
});

describe('pipeline definition', () => {
  it('groups consecutive stages of one wave and turns on crossAccountKeys only for other accounts', () => {
    const cfg = renderPipelineConfig(defaults) as any;
    expect(cfg.crossAccountKeys).toBe(true);
    expect(cfg.deployments.map((d: any) => [d.wave ?? null, d.stages.map((s: any) => s.name)])).toEqual([
      [null, ['Dev']],
      ['Prod', ['Prod-us-east-1', 'Prod-eu-west-1']],
    ]);
    const same = renderPipelineConfig({ ...defaults, stages: [{ name: 'Beta', account: '111111111111', region: 'eu-west-1' }] }) as any;
    expect(same.crossAccountKeys).toBe(false);
  });

  it('rejects a split wave, duplicate names, unknown placeholders and two boundaries in one environment', () => {
    const bad: SecurePipelineDef = {
      ...defaults,
      stages: [
        { name: 'A', wave: 'W', account: '222222222222', region: 'us-east-1' },
        { name: 'B', account: '222222222222', region: 'us-east-1', permissionsBoundary: { name: 'other' } },
        { name: 'B', wave: 'W', account: '333333333333', region: 'us-east-1', permissionsBoundary: { name: 'x-${Stage}' } },
      ],
    };
    const messages = checkPipelineDef(bad).map((f) => `${f.pointer} ${f.message}`);
    expect(messages).toEqual([
      '/stages/2/name Stage name "B" is used twice.',
      '/stages/2/wave Stage "B" joins wave "W", but that wave\'s stages are not listed one after another.',
      '/stages/2/permissionsBoundary/name Boundary name "x-${Stage}" uses the unknown placeholder "${Stage}".',
      '/stages Environment 222222222222/us-east-1 is bootstrapped once, but its stages ask for different permission boundaries: cdk-hnb659fds-permissions-boundary, other.',
    ]);
    expect(checkPipelineDef(defaults)).toEqual([]);
  });

  it("rejects a stage or wave named like one of the pipeline's own stages (the self-update among them)", () => {
    const stages = [
      { name: 'UpdatePipeline', account: '222222222222', region: 'us-east-1' },
      { name: 'Prod', wave: 'Assets', account: '333333333333', region: 'us-east-1' },
    ];
    expect(checkPipelineDef({ ...defaults, stages }).map((f) => `${f.pointer} ${f.message}`)).toEqual([
      '/stages/0/name "UpdatePipeline" is the name of a stage CDK Pipelines adds itself (Source, Build, UpdatePipeline, Assets); CodePipeline stage names must be unique.',
      '/stages/1/wave "Assets" is the name of a stage CDK Pipelines adds itself (Source, Build, UpdatePipeline, Assets); CodePipeline stage names must be unique.',
    ]);
  });

  it('the blueprint refuses options that cannot work, before rendering', () => {
    expect(() => secureCdkPipeline.render({ ...defaults, stages: [defaults.stages[0]!, defaults.stages[0]!] })).toThrow(/used twice/);
  });

  it('renders the same bytes twice, and both variants have the permission check and its buildspec', () => {
    const a = renderSecurePipeline();
    const b = renderSecurePipeline();
    expect([...a.values()].map((f) => f.content)).toEqual([...b.values()].map((f) => f.content));
    expect(a.has('buildspecs/permission-check.yml')).toBe(true);
    expect(a.has('lib/permission-check.ts')).toBe(true);
    const p = renderCdkApp({ ...defaults, privateBuild }, 'secure-cdk-pipeline').map((x) => x.path);
    expect(p).toContain('buildspecs/permission-check.yml');
    expect(p).toContain('lib/permission-check.ts');
  });

  it('pins the CDK app dependencies and runs the app with tsx', () => {
    const files = renderSecurePipeline();
    const pkg = JSON.parse(files.get('package.json')!.content);
    expect(pkg.dependencies).toEqual({ 'aws-cdk-lib': '2.276.0', constructs: '10.8.1', yaml: '2.9.1' });
    // The permission check runs the catalyst-gen this app pins (its lockfile), not whatever is newest.
    expect(pkg.devDependencies).toMatchObject({ 'aws-cdk': '2.1148.1', 'catalyst-gen': '0.1.0', typescript: '7.0.2', tsx: expect.any(String), '@types/node': expect.any(String) });
    expect(JSON.parse(files.get('cdk.json')!.content).app).toBe('npx tsx bin/app.ts');
    expect(JSON.parse(files.get('tsconfig.json')!.content).compilerOptions.types).toEqual(['node']);
  });
});
