import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../blueprints/index.js';
import { LAMBDA_RUNTIMES, lambdaRuntime, newestLike, runtimeState, RUNTIME_WARNING_MONTHS } from '../../src/model/lambda-runtimes.js';
import { validateOptions } from '../../src/options/validate.js';
import { cli, tempDir } from '../helpers/cli.js';

// Lambda runtimes come from one table with AWS's dates. Every expectation here takes its dates from the table
// (never from the test), so the table can change without the tests lying.

const day = (iso: string, deltaDays = 0) => new Date(Date.parse(`${iso}T12:00:00Z`) + deltaDays * 86_400_000);
const monthsBefore = (iso: string, months: number) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};

describe('the runtime table', () => {
  it('is consistent: deprecated, then create blocked, then update blocked; every id has its CDK constant', async () => {
    const { Runtime } = await import('aws-cdk-lib/aws-lambda');
    for (const r of LAMBDA_RUNTIMES) {
      expect(r.deprecated <= r.createBlocked && r.createBlocked <= r.updateBlocked, r.id).toBe(true);
      expect((Runtime as unknown as Record<string, { name: string }>)[r.cdkConstant]?.name, r.id).toBe(r.id);
    }
  });

  // cfn-lint ships AWS's schedule for its rule E2533: the same dates, when cfn-lint is installed.
  const cfnLintData = (() => {
    const r = spawnSync('python3', ['-c', 'import cfnlint, os; print(os.path.join(os.path.dirname(cfnlint.__file__), "data", "AdditionalSpecs", "LmbdRuntimeLifecycle.json"))'], { encoding: 'utf8' });
    const file = r.status === 0 ? r.stdout.trim() : '';
    return file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, { deprecated: string; 'create-block': string; 'update-block': string }>) : undefined;
  })();
  it.skipIf(!cfnLintData)("agrees with cfn-lint's runtime lifecycle data (skipped when cfn-lint is not installed)", () => {
    for (const r of LAMBDA_RUNTIMES) {
      const c = cfnLintData![r.id];
      expect(c, r.id).toBeDefined();
      expect({ deprecated: r.deprecated, createBlocked: r.createBlocked, updateBlocked: r.updateBlocked }, r.id).toEqual({ deprecated: c!.deprecated, createBlocked: c!['create-block'], updateBlocked: c!['update-block'] });
    }
  });

  it('names the newest runtime of a language as the replacement', () => {
    const newest = newestLike('python3.10');
    for (const r of LAMBDA_RUNTIMES.filter((x) => x.id.startsWith('python'))) expect(r.createBlocked <= newest.createBlocked).toBe(true);
  });
});

describe('where a runtime stands on a day', () => {
  const r = lambdaRuntime('python3.11')!;

  it('supported until six months before its create block, ending from then, retired from the create block on', () => {
    expect(runtimeState(r.id, day(monthsBefore(r.createBlocked, RUNTIME_WARNING_MONTHS).toISOString().slice(0, 10), -1)).state).toBe('supported');
    expect(runtimeState(r.id, monthsBefore(r.createBlocked, RUNTIME_WARNING_MONTHS)).state).toBe('ending');
    expect(runtimeState(r.id, day(r.createBlocked, -1)).state).toBe('ending');
    expect(runtimeState(r.id, day(r.createBlocked))).toEqual({
      state: 'retired',
      message: `AWS Lambda stopped creating functions on ${r.id} on ${r.createBlocked} and stops updating them on ${r.updateBlocked}; use ${newestLike(r.id).id}.`,
    });
    expect(runtimeState(r.id, day(r.updateBlocked)).state === 'retired' && runtimeState(r.id, day(r.updateBlocked))).toMatchObject({ message: expect.stringContaining(`and updating them on ${r.updateBlocked}`) });
  });

  it('an id outside the table is not judged', () => {
    expect(runtimeState('nodejs99.x', day('2030-01-01')).state).toBe('supported');
  });
});

describe('runtime options of the catalogue', () => {
  const withRuntime = catalogue.filter((bp) => 'pythonRuntime' in (bp.options.properties as object));

  it('the blueprints with a Lambda runtime option have one', () => {
    expect(withRuntime.map((b) => b.id).sort()).toEqual(['serverless-python', 'three-tier-web']);
  });

  it.each(withRuntime.map((b) => [b.id, b] as const))('%s: a retired runtime is an error naming the dates and the replacement, an ending one a warning', (_, bp) => {
    const r = lambdaRuntime('python3.11')!;
    const values = { ...bp.defaults, pythonRuntime: r.id };
    const retired = validateOptions(bp, values, day(r.createBlocked));
    expect(retired).toEqual([expect.objectContaining({ code: 'OPTION-RUNTIME-RETIRED', severity: 'error', pointer: '/pythonRuntime', message: expect.stringContaining(r.createBlocked) })]);
    const ending = validateOptions(bp, values, day(r.createBlocked, -30));
    expect(ending).toEqual([expect.objectContaining({ code: 'OPTION-RUNTIME-ENDING', severity: 'warning' })]);
    // The default is the newest runtime: nothing to say about it for years.
    expect(validateOptions(bp, bp.defaults, day(newestLike('python3').createBlocked, -365 * 2))).toEqual([]);
  });
});

describe('through the command line (today)', () => {
  const retired = LAMBDA_RUNTIMES.find((r) => new Date().toISOString().slice(0, 10) >= r.createBlocked);

  it.skipIf(!retired)('new refuses a retired runtime, nothing written', async () => {
    const dir = join(tempDir('cg-runtime-'), 'app');
    const r = await cli('new', 'three-tier-web', dir, '--no-input', '--set', `pythonRuntime=${retired!.id}`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error OPTION-RUNTIME-RETIRED Option "pythonRuntime" is ${retired!.id}: AWS Lambda stopped creating functions on ${retired!.id} on ${retired!.createBlocked}`);
    expect(existsSync(dir)).toBe(false);
  });

  it.skipIf(!retired)('update of a project made with a runtime that has since retired warns, and goes on', async () => {
    const dir = join(tempDir('cg-runtime-'), 'app');
    expect((await cli('new', 'three-tier-web', dir, '--no-input')).code).toBe(0);
    // As a project made before the runtime retired records it.
    const manifestPath = join(dir, '.catalyst-gen/manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { options: Record<string, unknown> };
    manifest.options['pythonRuntime'] = retired!.id;
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    const r = await cli('update', dir, '--set', 'branch=release');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`warning OPTION-RUNTIME-RETIRED Option "pythonRuntime" is ${retired!.id}`);
    expect(r.stderr).toContain(`fix: --set pythonRuntime=${newestLike(retired!.id).id}`);
    // Choosing it again, explicitly, is refused.
    expect((await cli('update', dir, '--set', `pythonRuntime=${retired!.id}`)).code).toBe(1);
  });
});
