import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderBlueprint } from '../../src/io/generate.js';
import { mergeOptions } from '../../src/options/resolve.js';
import { blueprint, nagFindings } from '../catalogue/harness.js';
import { writeFileMap } from '../helpers/files.js';

// The CDK apps of secure-cdk-pipeline and private-build test themselves with cdk-nag's AwsSolutions rules
// (test/cdk-nag.test.ts: the whole app as `cdk synth` builds it, the pack as a CDK validation plugin). Here that
// test runs as a team runs it, `npm test` in the app, offline: the project is written inside this repository, so
// tsx, aws-cdk-lib and cdk-nag resolve from this repository's node_modules. Each blueprint's defaults pass, and the
// same app with a finding put back fails, naming it. The option variations run in the synthesis matrix (e2e).

interface Run {
  readonly status: number | null;
  readonly output: string;
}

/** `npm test` in a generated app: its exit status and what it printed. Runs alongside the other one. */
function npmTest(dir: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['test'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

/** A blueprint's defaults written twice: as generated, and with `edits` (each must change its file) applied. */
function writeApps(id: string, appDir: string, edits: Record<string, (source: string) => string>): { clean: string; broken: string } {
  const bp = blueprint(id);
  const files = renderBlueprint(bp, mergeOptions(bp.defaults));
  const [clean, broken] = ['clean', 'broken'].map((v) => join(writeFileMap(files, 'cdk-nag', id, v), appDir)) as [string, string];
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(broken, file);
    const before = readFileSync(path, 'utf8');
    const after = edit(before);
    expect(after, `the edit applies to ${file}`).not.toBe(before);
    writeFileSync(path, after);
  }
  return { clean, broken };
}

describe("secure-cdk-pipeline (defaults): the generated app's cdk-nag test", () => {
  let clean: Run;
  let broken: Run;
  beforeAll(async () => {
    const apps = writeApps('secure-cdk-pipeline', '', {
      // The artifact keys without rotation, the approval topic open to plain HTTP, the stage's bucket without access logs.
      'lib/pipeline-stack.ts': (s) => s.replace('      enableKeyRotation: config.crossAccountKeys,\n', '').replace('      enforceSSL: true,\n', ''),
      'lib/app-stage.ts': (s) => s.replace("      serverAccessLogsBucket: accessLogs,\n      serverAccessLogsPrefix: 'data/',\n", ''),
    });
    [clean, broken] = await Promise.all([npmTest(apps.clean), npmTest(apps.broken)]);
  });

  it('passes: every finding in the pipeline stack, its support stack and every stage is fixed or acknowledged with a reason', () => {
    expect(clean.status, clean.output).toBe(0);
    expect(clean.output).toMatch(/^ok 1 - cdk-nag AwsSolutions: no unacknowledged finding in the pipeline stack or any application stage$/m);
    expect(clean.output).toMatch(/^# pass 1$/m);
  });

  it('fails on a finding put back, in the pipeline stack, its support stack or a stage, naming each', () => {
    expect(broken.status).not.toBe(0);
    expect(nagFindings(broken.output)).toEqual(['AwsSolutions-KMS5', 'AwsSolutions-S1', 'AwsSolutions-SNS3']);
    expect(broken.output).toContain('secure-app-pipeline/Pipeline/Pipeline/ArtifactsBucketEncryptionKey/Resource');
    expect(broken.output).toContain('cross-region-stack-111111111111:eu-west-1/Default/CrossRegionCodePipelineReplicationBucketEncryptionKey/Resource');
    expect(broken.output).toContain('secure-app-pipeline/SecurityApprovalTopic/Resource');
    for (const stage of ['Dev', 'Prod-us-east-1', 'Prod-eu-west-1']) expect(broken.output).toContain(`secure-app-pipeline/${stage}/Service/Data/Resource`);
  });
});

describe("private-build (defaults): the generated pipeline app's cdk-nag test", () => {
  let clean: Run;
  let broken: Run;
  beforeAll(async () => {
    const apps = writeApps('private-build', 'pipeline', {
      'lib/private-build-stack.ts': (s) => s.replace('      enableKeyRotation: true,\n', ''),
    });
    [clean, broken] = await Promise.all([npmTest(apps.clean), npmTest(apps.broken)]);
  });

  it('passes: every finding is fixed or acknowledged with a reason', () => {
    expect(clean.status, clean.output).toBe(0);
    expect(clean.output).toMatch(/^ok 1 - cdk-nag AwsSolutions: no unacknowledged finding in the pipeline stack$/m);
    expect(clean.output).toMatch(/^# pass 1$/m);
  });

  it("fails when the build output's key does not rotate, naming it", () => {
    expect(broken.status).not.toBe(0);
    expect(nagFindings(broken.output)).toEqual(['AwsSolutions-KMS5']);
    expect(broken.output).toContain('private-build-pipeline/BuildKey/Resource');
  });
});
