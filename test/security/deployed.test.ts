import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeployedApi, type DeployedApi } from '../../src/aws/deployed.js';
import { runSecurityDiff, resolvePlaceholders } from '../../src/cli/commands/security-diff.js';
import type { Output } from '../../src/cli/output.js';
import { loadTemplates } from '../../src/io/templates.js';
import { securityDiff, type Template } from '../../src/security/diff.js';
import { formatSecurityDiffTemplate, SECURITY_DIFF_TEMPLATES } from '../../src/security/format.js';
import { FakeAwsQuery } from '../helpers/fake-aws-query.js';
import { tempDir } from '../helpers/cli.js';
import { sandboxEnv } from '../codeartifact/env.js';

// security-diff against what is deployed, and the approver's message: a template compared with the deployed stack
// (a fake API, then the real SDK against loopback CloudFormation, STS and SNS), and a message that fits SNS.

const role = (actions: string[]): Template => ({
  Resources: {
    Worker: {
      Type: 'AWS::IAM::Role',
      Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }, Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] } }] },
    },
  },
});

function capture(): Output & { text: () => string; errors: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return { out: (t) => void out.push(t), err: (t) => void err.push(t), color: false, stdinIsTty: false, text: () => out.join('\n'), errors: () => err.join('\n') };
}

describe('security-diff --stack (a template against the deployed stack)', () => {
  const dir = tempDir('cg-deployed-');
  const file = join(dir, 'service.json');
  writeFileSync(file, JSON.stringify(role(['s3:GetObject', 's3:PutObject'])));
  const fake = (deployed: Template | undefined): DeployedApi & { published: [string, string, string][]; asked: unknown[] } => {
    const published: [string, string, string][] = [];
    const asked: unknown[] = [];
    return {
      published,
      asked,
      getTemplate: async (s) => (asked.push(s), deployed === undefined ? undefined : JSON.stringify(deployed)),
      publish: async (t, s, m) => (published.push([t, s, m]), 'id-1'),
    };
  };

  it('compares with the deployed template, and e-mails the approvers only when permissions broaden', async () => {
    const api = fake(role(['s3:GetObject']));
    const o = capture();
    expect(await runSecurityDiff([file], { format: 'text', stack: ['service-prod'], region: 'eu-west-1', notify: 'arn:aws:sns:eu-west-1:111111111111:approvals' }, o, { api })).toBe(1);
    expect(api.asked).toEqual([{ stackName: 'service-prod', region: 'eu-west-1' }]);
    expect(o.text()).toContain('Role Worker may now call s3:PutObject on every resource (*).');
    expect(api.published).toHaveLength(1);
    expect(api.published[0]!.slice(0, 2)).toEqual(['arn:aws:sns:eu-west-1:111111111111:approvals', 'Approve? 1 permission change(s) broaden in stack service-prod']);

    const same = fake(role(['s3:GetObject', 's3:PutObject']));
    expect(await runSecurityDiff([file], { format: 'text', stack: ['service-prod'], notify: 'arn:aws:sns:eu-west-1:111111111111:approvals' }, capture(), { api: same })).toBe(0);
    expect(same.published).toEqual([]);
  });

  it('a stack that is not deployed yet is new', async () => {
    const o = capture();
    expect(await runSecurityDiff([file], { format: 'text', stack: ['service-new'] }, o, { api: fake(undefined) })).toBe(1);
    expect(o.text()).toContain('service-new [new stack]: BROADENS permissions');
  });

  it('needs the deployed name of a template file, and refuses a topic that is not an SNS ARN', async () => {
    await expect(runSecurityDiff([file], { format: 'text', deployed: true }, capture(), { api: fake(undefined) })).rejects.toThrow('is a template file: name the deployed stack it is compared with, e.g. --stack my-stack.');
    await expect(runSecurityDiff([file], { format: 'text', stack: ['x'], notify: 'approvals@example.com' }, capture(), { api: fake(undefined) })).rejects.toThrow('--notify approvals@example.com is not an SNS topic ARN.');
  });

  it("fills in the placeholders of an assembly's role ARN for each stack", () => {
    expect(resolvePlaceholders('arn:${AWS::Partition}:iam::222222222222:role/cdk-hnb659fds-deploy-role-222222222222-cn-north-1', '222222222222', 'cn-north-1')).toBe('arn:aws-cn:iam::222222222222:role/cdk-hnb659fds-deploy-role-222222222222-cn-north-1');
    expect(resolvePlaceholders('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/r-${AWS::Region}', '333333333333', 'us-gov-west-1')).toBe('arn:aws-us-gov:iam::333333333333:role/r-us-gov-west-1');
  });
});

describe('the deployed-stack adapter (real SDK, loopback CloudFormation, STS and SNS)', () => {
  const aws = new FakeAwsQuery();
  let env: ReturnType<typeof sandboxEnv>;
  beforeAll(async () => {
    env = sandboxEnv();
    const url = await aws.start();
    Object.assign(process.env, { AWS_ENDPOINT_URL_STS: url, AWS_ENDPOINT_URL_CLOUDFORMATION: url, AWS_ENDPOINT_URL_SNS: url });
  });
  afterAll(async () => {
    await aws.stop();
    for (const k of ['AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL_CLOUDFORMATION', 'AWS_ENDPOINT_URL_SNS']) delete process.env[k];
    env.restore();
  });

  it('assumes the deploy role once, reads templates with its credentials, and publishes in the topic region', async () => {
    aws.templates.set('svc', '{"Resources":{}}');
    const api = createDeployedApi();
    const roleArn = 'arn:aws:iam::222222222222:role/cdk-hnb659fds-deploy-role-222222222222-us-east-1';
    expect(await api.getTemplate({ stackName: 'svc', region: 'us-east-1', roleArn })).toBe('{"Resources":{}}');
    expect(await api.getTemplate({ stackName: 'missing', region: 'us-east-1', roleArn })).toBeUndefined();
    expect(aws.of('AssumeRole')).toHaveLength(1);
    expect(aws.of('AssumeRole')[0]!.params).toMatchObject({ RoleArn: roleArn, RoleSessionName: 'catalyst-gen-security-diff' });
    expect(aws.of('GetTemplate').map((c) => [c.params['StackName'], c.params['TemplateStage']])).toEqual([['svc', 'Original'], ['missing', 'Original']]);
    expect(aws.of('GetTemplate').every((c) => c.authorization.includes('Credential=ASIAFAKEASSUMED0001/'))).toBe(true);
    expect(await api.publish('arn:aws:sns:eu-west-1:111111111111:approvals', 'Subject line', 'Body')).toBe('msg-1');
    expect(aws.of('Publish')[0]!.params).toMatchObject({ TopicArn: 'arn:aws:sns:eu-west-1:111111111111:approvals', Subject: 'Subject line', Message: 'Body' });
    expect(aws.of('Publish')[0]!.authorization).toContain('/eu-west-1/sns/aws4_request');
  });
});

describe("the approver's message fits SNS", () => {
  it('leaves out the list of every change, then summary sentences, and says so and where to look', () => {
    const many = (n: number): Template => ({
      Resources: Object.fromEntries(Array.from({ length: n }, (_, i) => [`Role${i}`, { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } }])),
    });
    const report = securityDiff([], [{ name: 'Big', template: many(400) }]);
    const templates = loadTemplates([SECURITY_DIFF_TEMPLATES.email]);
    const ctx = { logUrl: 'https://example.com/log' };
    const full = formatSecurityDiffTemplate('email', report, ctx, templates);
    expect(full).toContain('EVERY CHANGE, BY STACK');
    const cut = formatSecurityDiffTemplate('email', report, ctx, templates, 40_000);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(40_000);
    expect(cut).not.toContain('EVERY CHANGE, BY STACK');
    expect(cut).toContain("The list of all 400 changes, by stack, was left out to fit the message: see the check's log (https://example.com/log).");
    const tiny = formatSecurityDiffTemplate('email', report, ctx, templates, 8_000);
    expect(Buffer.byteLength(tiny)).toBeLessThanOrEqual(8_000);
    expect(tiny).toMatch(/Only the first \d+ of 400 broadening changes are listed/);
  });
});
