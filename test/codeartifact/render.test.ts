import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { CodeArtifactLoginDef } from '../../src/model/codeartifact.js';
import { renderBuildspec } from '../../src/render/buildspec.js';
import { renderCodeArtifactLoginCommands, renderGradleRepositorySnippet, renderMavenSettings } from '../../src/render/codeartifact.js';
import { renderBuildRolePolicy, renderBuildRolePolicyPart } from '../../src/render/iam-policy.js';
import { CODEBUILD_VPC_WILDCARD_ACTIONS, RESOURCE_WILDCARD_ONLY_ACTIONS } from '../../src/wire/iam.js';
import { renderProject } from '../../src/render/project.js';
import { serializeYaml } from '../../src/render/serialize.js';
import { renderVpcEndpointsPart, renderVpcEndpointsTemplate } from '../../src/render/vpc-endpoints.js';
import { validateBuildspec } from '../../src/validate/buildspec/validate.js';
import { buildspecScript } from '../buildspec/shell.js';
import { hasShellcheck, shellcheck } from '../helpers/shell.js';

const all: CodeArtifactLoginDef = {
  domain: 'my-domain',
  repository: 'my.repo_1',
  tools: ['npm', 'pip', 'twine', 'dotnet', 'nuget', 'swift', 'maven', 'gradle'],
};

describe('CodeArtifact login steps', () => {
  it('logs in every tool `aws codeartifact login` supports, and exports token and URL for Maven/Gradle', () => {
    const lines = renderCodeArtifactLoginCommands(all);
    expect(lines.filter((l) => l.startsWith('aws codeartifact login')).map((l) => /--tool (\S+)/.exec(l)![1])).toEqual(['npm', 'pip', 'twine', 'dotnet', 'nuget', 'swift']);
    expect(lines).toContain('export CODEARTIFACT_AUTH_TOKEN');
    expect(lines).toContain('export CODEARTIFACT_REPOSITORY_URL');
    expect(lines.find((l) => l.startsWith('CODEARTIFACT_REPOSITORY_URL='))).toContain('--format maven');
    // Account from STS through the regional endpoint, as in the article.
    expect(lines.slice(0, 2)).toEqual([
      'export AWS_STS_REGIONAL_ENDPOINTS=regional',
      'CODEARTIFACT_DOMAIN_OWNER="$(aws sts get-caller-identity --region "${AWS_REGION}" --query Account --output text)"',
    ]);
  });

  it('uses the account from the definition without calling STS, and passes region, namespace and duration', () => {
    const lines = renderCodeArtifactLoginCommands({ domain: 'd1', domainOwner: '012345678901', repository: 'r1', region: 'eu-west-1', tools: ['npm', 'pip'], namespace: '@acme', durationSeconds: 900 });
    expect(lines).toEqual([
      "aws codeartifact login --tool npm --domain d1 --domain-owner 012345678901 --repository r1 --region eu-west-1 --namespace @acme --duration-seconds 900",
      'aws codeartifact login --tool pip --domain d1 --domain-owner 012345678901 --repository r1 --region eu-west-1 --duration-seconds 900',
    ]);
  });

  const variants: [string, CodeArtifactLoginDef][] = [
    ['all tools, account from STS', all],
    ['all tools, fixed account, region, namespace, duration', { ...all, domainOwner: '111122223333', region: 'us-west-2', namespace: 'acme', durationSeconds: 0 }],
    ['maven only', { domain: 'dd', repository: 'rr', tools: ['maven'] }],
  ];
  it.skipIf(!hasShellcheck).each(variants)('the generated shell passes shellcheck: %s', (_, def) => {
    const wire = renderBuildspec({ phases: { install: { commands: ['npm ci'] }, build: { commands: ['mvn -s settings.xml package'] } }, codeArtifact: def });
    expect(validateBuildspec(wire)).toEqual([]);
    const r = shellcheck(buildspecScript(wire));
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  it('shellcheck is really run (a bad script fails)', () => {
    if (!hasShellcheck) return;
    expect(shellcheck('#!/bin/bash\nX=$(aws sts get-caller-identity)\naws codeartifact login --domain-owner $X\n').status).not.toBe(0);
  });

  it('renders a Maven settings.xml whose server id matches the repository and mirror ids', () => {
    const xml = renderMavenSettings();
    const ids = [...xml.matchAll(/<id>([^<]+)<\/id>/g)].map((m) => m[1]);
    expect(new Set(ids)).toEqual(new Set(['codeartifact']));
    expect(xml).toContain('<password>${env.CODEARTIFACT_AUTH_TOKEN}</password>');
    expect(xml).toContain('<mirrorOf>*</mirrorOf>');
    expect(renderMavenSettings('a<b')).toContain('<id>a&lt;b</id>');
    expect(renderGradleRepositorySnippet()).toContain('password System.env.CODEARTIFACT_AUTH_TOKEN');
  });
});

describe('least-privilege build role policy', () => {
  const policy = renderBuildRolePolicy({
    region: 'us-west-2',
    account: '111122223333',
    projectName: 'Private',
    codeArtifact: { domain: 'private', repository: 'Private', upstreams: ['npm-store'], tools: ['npm'] },
    vpcSubnetIds: ['subnet-0123456789abcdef0'],
  });
  const byAction = (a: string) => policy.Statement.filter((s) => ([] as string[]).concat(s.Action as string[]).includes(a));

  it('grants the token on the domain ARN and reads on the repository and upstream ARNs', () => {
    expect(byAction('codeartifact:GetAuthorizationToken').map((s) => s.Resource)).toEqual(['arn:aws:codeartifact:us-west-2:111122223333:domain/private']);
    for (const a of ['codeartifact:GetRepositoryEndpoint', 'codeartifact:ReadFromRepository']) {
      expect(byAction(a).map((s) => s.Resource)).toEqual([
        ['arn:aws:codeartifact:us-west-2:111122223333:repository/private/Private', 'arn:aws:codeartifact:us-west-2:111122223333:repository/private/npm-store'],
      ]);
    }
  });

  it('limits the bearer token to CodeArtifact and logs to the build log group', () => {
    expect(byAction('sts:GetServiceBearerToken')[0]!.Condition).toEqual({ StringEquals: { 'sts:AWSServiceName': 'codeartifact.amazonaws.com' } });
    expect(byAction('sts:GetCallerIdentity')).toHaveLength(1);
    expect(byAction('logs:PutLogEvents')[0]!.Resource).toEqual([
      'arn:aws:logs:us-west-2:111122223333:log-group:/aws/codebuild/Private',
      'arn:aws:logs:us-west-2:111122223333:log-group:/aws/codebuild/Private:*',
    ]);
  });

  it('uses "*" only for actions without resource-level permissions and the ENI create/delete CodeBuild documents on "*"', () => {
    for (const s of policy.Statement) {
      if (([] as string[]).concat(s.Resource as string[]).includes('*')) {
        for (const a of ([] as string[]).concat(s.Action as string[])) expect([...RESOURCE_WILDCARD_ONLY_ACTIONS, ...CODEBUILD_VPC_WILDCARD_ACTIONS], a).toContain(a);
      }
      for (const a of ([] as string[]).concat(s.Action as string[])) expect(a).not.toMatch(/\*/);
    }
  });

  it('scopes network-interface permissions to the build subnets', () => {
    expect(byAction('ec2:CreateNetworkInterfacePermission')[0]!.Condition).toEqual({
      StringEquals: { 'ec2:Subnet': ['arn:aws:ec2:us-west-2:111122223333:subnet/subnet-0123456789abcdef0'], 'ec2:AuthorizedService': 'codebuild.amazonaws.com' },
    });
  });

  it('uses the domain owner and region of a cross-account domain', () => {
    const p = renderBuildRolePolicy({ region: 'us-west-2', account: '111122223333', projectName: 'p1', codeArtifact: { domain: 'd1', domainOwner: '444455556666', region: 'eu-west-1', repository: 'r1', tools: ['pip'] } });
    expect(p.Statement.find((s) => s.Sid === 'CodeArtifactToken')!.Resource).toBe('arn:aws:codeartifact:eu-west-1:444455556666:domain/d1');
  });

  it('refuses names that would make a wrong or wider ARN', () => {
    expect(() => renderBuildRolePolicy({ region: 'us-west-2', account: '111122223333', projectName: 'p1', codeArtifact: { domain: 'd*', repository: 'r1', tools: ['npm'] } })).toThrow(/not be rendered/);
    expect(() => renderBuildRolePolicy({ region: 'us-west-2', account: '1111', projectName: 'p1' })).toThrow();
  });

  it('is written as a JSON file of kind iam-policy', () => {
    const files = renderProject({ files: [renderBuildRolePolicyPart('iam/build-role-policy.json', { region: 'us-east-1', account: '111122223333', projectName: 'p1' })] }, { blueprintId: 'x', templates: new Map() });
    const f = files.get('iam/build-role-policy.json')!;
    expect(f.kind).toBe('iam-policy');
    expect(JSON.parse(f.content).Version).toBe('2012-10-17');
  });
});

describe('VPC endpoints template', () => {
  type Res = Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string }>;
  const services = (t: Record<string, unknown>) =>
    Object.values(t['Resources'] as Res)
      .filter((r) => r.Type === 'AWS::EC2::VPCEndpoint')
      .map((r) => `${(r.Properties['ServiceName'] as { 'Fn::Sub': string })['Fn::Sub'].replace('com.amazonaws.${AWS::Region}.', '')}:${r.Properties['VpcEndpointType']}`);

  it('has logs, codeartifact.api, codeartifact.repositories (private DNS), sts and the S3 gateway', () => {
    const t = renderVpcEndpointsTemplate();
    expect(services(t)).toEqual(['logs:Interface', 'codeartifact.api:Interface', 'codeartifact.repositories:Interface', 'sts:Interface', 's3:Gateway']);
    const res = t['Resources'] as Res;
    expect(res['CodeArtifactRepositoriesEndpoint']!.Properties['PrivateDnsEnabled']).toBe(true);
    expect((t['Parameters'] as object)).toHaveProperty('CodeArtifactAssetBucketArn');
    expect(JSON.stringify(res['S3GatewayEndpoint']!.Properties['PolicyDocument'])).toContain('${CodeArtifactAssetBucketArn}/*');
  });

  it('adds the optional endpoints the definition needs and a fixed asset bucket', () => {
    const t = renderVpcEndpointsTemplate({ kms: true, secretsManager: true, ssm: true, ecr: true, codeArtifactAssetBucketArn: 'arn:aws:s3:::assets-193858265520-us-east-1' });
    expect(services(t)).toEqual(expect.arrayContaining(['kms:Interface', 'secretsmanager:Interface', 'ssm:Interface', 'ecr.api:Interface', 'ecr.dkr:Interface']));
    expect(t['Parameters']).not.toHaveProperty('CodeArtifactAssetBucketArn');
    const policy = JSON.stringify((t['Resources'] as Res)['S3GatewayEndpoint']!.Properties['PolicyDocument']);
    expect(policy).toContain('arn:aws:s3:::assets-193858265520-us-east-1/*');
    expect(policy).toContain('starport-layer-bucket');
  });

  it('refuses a bucket that is not an S3 bucket ARN', () => {
    expect(() => renderVpcEndpointsTemplate({ codeArtifactAssetBucketArn: 'assets-1' })).toThrow(/S3 bucket ARN/);
  });

  it('serializes as a CloudFormation YAML file that parses back to the template', () => {
    const part = renderVpcEndpointsPart('infra/vpc-endpoints.yml');
    const files = renderProject({ files: [part] }, { blueprintId: 'private-build', templates: new Map() });
    const f = files.get('infra/vpc-endpoints.yml')!;
    expect(f.kind).toBe('cloudformation');
    expect(YAML.parse(f.content)).toEqual(renderVpcEndpointsTemplate());
    expect(f.content).toBe(serializeYaml(renderVpcEndpointsTemplate(), f.content.split('\n')[0]!.slice(2)));
  });
});

describe('policy and template validators', () => {
  it('find nothing wrong in what the renderers produce', async () => {
    const { validateText } = await import('../../src/validate/file.js');
    const policy = JSON.stringify(renderBuildRolePolicy({ region: 'us-east-1', account: '111122223333', projectName: 'p1', codeArtifact: { domain: 'd1', repository: 'r1', tools: ['npm'] }, vpcSubnetIds: ['subnet-0123456789abcdef0'] }));
    expect(validateText(policy, 'policy.json', 'iam-policy')).toEqual([]);
    expect(validateText(serializeYaml(renderVpcEndpointsTemplate({ ecr: true, kms: true })), 'endpoints.yml', 'cloudformation')).toEqual([]);
  });

  it('flag a wide resource, a bad effect and a dangling Ref', async () => {
    const { validateText } = await import('../../src/validate/file.js');
    const policy = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "codeartifact:ReadFromRepository", "Resource": "*" },\n    { "Effect": "allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" }\n  ]\n}\n';
    expect(validateText(policy, 'policy.json', 'iam-policy').map((d) => `${d.line} ${d.severity} ${d.code}`)).toEqual(['4 warning IAM-POLICY-WILDCARD-RESOURCE', '5 error IAM-POLICY-EFFECT']);
    const cfn = 'Resources:\n  Ep:\n    Type: AWS::EC2::VPCEndpoint\n    DependsOn: Missing\n    Properties:\n      VpcId:\n        Ref: VpcId\n';
    expect(validateText(cfn, 't.yml', 'cloudformation').map((d) => `${d.line} ${d.code}`)).toEqual(['4 CFN-DEPENDS-ON', '7 CFN-REF']);
  });
});
