import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blueprint, nagFindings, optionsOf, renderSet, SET_NAMES, writeProject } from './harness.js';

// The CDK apps of three-tier-web and serverless-python test themselves with cdk-nag's AwsSolutions rules
// (infra/test/nag.test.ts: the stack of every stage, synthesized with the pack as a CDK validation plugin). Here
// that test runs as a team runs it, `npm test` in infra/, offline: the project is written inside this repository,
// so tsx, aws-cdk-lib and cdk-nag resolve from this repository's node_modules.

const CASES = ['three-tier-web', 'serverless-python'].flatMap((id) => SET_NAMES.map((set) => ({ id, set })));

/** `npm test` in a generated app: its exit status and what it printed. */
function npmTest(dir: string): { status: number | null; output: string } {
  const r = spawnSync('npm', ['test'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe.each(CASES)("the generated app's cdk-nag test: $id ($set)", ({ id, set }) => {
  it('passes for every stage: each finding is fixed or acknowledged with a reason', () => {
    const files = renderSet(id, set);
    expect(JSON.parse(files.get('infra/package.json')!.content).scripts.test).toBe('tsx --test test/*.test.ts');
    const r = npmTest(join(writeProject(files, 'nag', id, set), 'infra'));
    expect(r.status, r.output).toBe(0);
    // One test a stage, each of them run: a loop that tested nothing would pass too.
    const stages = (optionsOf(blueprint(id), set)['stages'] as { name: string }[]).map((s) => s.name);
    for (const stage of stages) expect(r.output).toMatch(new RegExp(`^ok \\d+ - the ${stage} stack has no unacknowledged AwsSolutions finding$`, 'm'));
    expect(r.output).toMatch(new RegExp(`^# pass ${stages.length}$`, 'm'));
  });
});

describe("the generated app's cdk-nag test can fail", () => {
  /** Write the defaults of `id`, apply `edit` to the stack (it must change it), run `npm test`. */
  function brokenApp(id: string, stack: string, edit: (source: string) => string): { status: number | null; output: string } {
    const infra = join(writeProject(renderSet(id, 'defaults'), 'nag-broken', id, 'defaults'), 'infra');
    const file = join(infra, 'lib', stack);
    const before = readFileSync(file, 'utf8');
    const after = edit(before);
    expect(after, 'the edit applies to the generated stack').not.toBe(before);
    writeFileSync(file, after);
    return npmTest(infra);
  }

  it('serverless-python: queues without their dead-letter queues fail it with AwsSolutions-SQS3, and nothing else', () => {
    const r = brokenApp('serverless-python', 'image-recognition-stack.ts', (s) => s.replace(', deadLetterQueue: { queue: deadLetters, maxReceiveCount: MAX_RECEIVE_COUNT }', ''));
    expect(r.status).not.toBe(0);
    expect(nagFindings(r.output)).toEqual(['AwsSolutions-SQS3']);
    expect(r.output).toContain('image-recognition-dev/ToRecognize/Resource');
    expect(r.output).toContain('image-recognition-prod/ToSend/Resource');
  });

  it('three-tier-web: an API without its Cognito authorizer fails it with AwsSolutions-APIG4 and -COG4', () => {
    const r = brokenApp('three-tier-web', 'three-tier-stack.ts', (s) =>
      s.replace(
        "authorizationType: apigateway.AuthorizationType.COGNITO,\n        authorizer: new apigateway.CognitoUserPoolsAuthorizer(this, 'ApiAuthorizer', { cognitoUserPools: [users] }),",
        'authorizationType: apigateway.AuthorizationType.NONE,',
      ),
    );
    expect(r.status).not.toBe(0);
    expect(nagFindings(r.output)).toEqual(['AwsSolutions-APIG4', 'AwsSolutions-COG4']);
    expect(r.output).toContain('three-tier-web-prod/Api/Default/POST/Resource');
  });
});
