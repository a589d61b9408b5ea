import { toPointer } from '../../../model/diagnostic.js';
import { isRecord } from '../../../model/values.js';
import type { BuildspecRule, Obj } from './context.js';
import { batch, build, GOOD } from './examples.js';

/** A buildspec's environment variables. */
const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL)/i;
const CREDENTIAL_VALUE = /\b(AKIA|ASIA)[0-9A-Z]{16}\b|-----BEGIN [A-Z ]*PRIVATE KEY-----|\bgh[pousr]_[A-Za-z0-9]{36}\b|\bxox[baprs]-[A-Za-z0-9-]{10,}/;

/** What a batch build's `env` sets on the build itself; under `env.variables` the same names are only variables. */
const BATCH_ENV_KEYS = ['image', 'compute-type', 'fleet', 'type', 'privileged-mode'];
/** A CodeBuild-provided build image: only the project (or a batch build's env.image) can make a build run on it. */
const CODEBUILD_IMAGE = /^aws\/codebuild\//;

/**
 * `image: ...` one level too deep (under `env.variables` of a batch build) becomes an environment variable named
 * image, and the build runs on the project's image; so does a CodeBuild image id as the value of any variable.
 * CodeBuild runs it, so a warning, with the key where it takes effect as the fix.
 */
function imageVariables(vars: Obj, at: readonly (string | number)[], batchBuild: boolean): { pointer: string; atKey: true; message: string; fix: string }[] {
  const out: { pointer: string; atKey: true; message: string; fix: string }[] = [];
  for (const [name, value] of Object.entries(vars)) {
    const setting = batchBuild ? BATCH_ENV_KEYS.find((k) => k === name.toLowerCase()) : undefined;
    const image = typeof value === 'string' && CODEBUILD_IMAGE.test(value);
    if (!setting && !image) continue;
    const key = setting ?? 'image';
    out.push({
      pointer: toPointer([...at, name]),
      atKey: true,
      message: batchBuild
        ? `"${name}" under env.variables becomes an environment variable of the build, not its ${key}: this batch build runs with the project's ${key}.`
        : `"${name}" holds the CodeBuild image ${String(value)}, but a variable does not choose the image: the build runs on the project's image.`,
      fix: batchBuild
        ? `Move it up one level, beside "variables": env: { ${key}: ${JSON.stringify(value)} }.`
        : 'Set the image in the project (or in a batch build\'s env.image); keep the variable only if a command reads it.',
    });
  }
  return out;
}

export const reservedVariable: BuildspecRule = {
  kind: 'buildspec',
    code: 'BUILDSPEC-RESERVED-VARIABLE',
    severity: 'error',
    title: 'A variable name starts with CODEBUILD_.',
    description: 'CodeBuild reserves the CODEBUILD_ prefix for its own environment variables; a buildspec may not define one.',
    bad: build('      - npm test\n', 'env:\n  variables:\n    CODEBUILD_STAGE: prod\n'),
    good: build('      - npm test\n', 'env:\n  variables:\n    STAGE: prod\n'),
  check(ctx) {
    for (const section of ['variables', 'parameter-store', 'secrets-manager']) {
      const map = ctx.env?.[section];
      if (!isRecord(map)) continue;
      for (const name of Object.keys(map)) {
        if (!/^CODEBUILD_/i.test(name)) continue;
        ctx.report({ pointer: toPointer(['env', section, name]), atKey: true, message: `Variable "${name}" starts with CODEBUILD_, a prefix CodeBuild reserves for its own variables.`, fix: 'Rename the variable.' });
      }
    }
  },
};

export const secretInVariables: BuildspecRule = {
  kind: 'buildspec',
    code: 'BUILDSPEC-SECRET-IN-VARIABLES',
    severity: 'error',
    title: 'A plain-text variable holds a credential, or is named like a secret.',
    description: 'env.variables are plain text, visible in the source, the console and the logs. A value that looks like a credential (an access key id, a private key, a GitHub or Slack token) is an error; a variable named like a secret (PASSWORD, TOKEN, ...) with a literal value is a warning. Use env.secrets-manager or env.parameter-store.',
    bad: build('      - npm test\n', 'env:\n  variables:\n    AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE\n'),
    good: build('      - npm test\n', 'env:\n  secrets-manager:\n    AWS_ACCESS_KEY_ID: ci/credentials:access-key-id\n'),
  check(ctx) {
    const vars = ctx.env?.['variables'];
    if (!isRecord(vars)) return;
    for (const [name, value] of Object.entries(vars)) {
      const pointer = toPointer(['env', 'variables', name]);
      const text = typeof value === 'string' ? value : '';
      if (CREDENTIAL_VALUE.test(text)) {
        ctx.report({
          pointer,
          message: `Variable "${name}" holds what looks like a credential in plain text; it would be visible in the source, the console and the logs.`,
          fix: `Store it in Secrets Manager and reference it under env.secrets-manager (${name}: my-secret:key), then rotate the exposed credential.`,
        });
      } else if (SECRET_NAME.test(name) && text !== '' && !text.startsWith('$')) {
        ctx.report({
          severity: 'warning',
          pointer,
          message: `Variable "${name}" looks like a secret but is a plain-text variable.`,
          fix: `Move it to env.secrets-manager or env.parameter-store (a SecureString), e.g. ${name}: my-secret:${name.toLowerCase()}.`,
        });
      }
    }
  },
};

export const exportedVariable: BuildspecRule = {
  kind: 'buildspec',
    code: 'BUILDSPEC-EXPORTED-VARIABLE',
    severity: 'error',
    title: 'exported-variables names an AWS_ or CODEBUILD_ variable.',
    description: 'CodeBuild does not export its own (CODEBUILD_*) or AWS_* variables; copy the value into a variable of your own and export that.',
    bad: build('      - npm test\n', 'env:\n  exported-variables:\n    - CODEBUILD_BUILD_NUMBER\n'),
    good: build('      - npm test\n', 'env:\n  exported-variables:\n    - BUILD_NUMBER\n'),
  check(ctx) {
    const exported = ctx.env?.['exported-variables'];
    if (!Array.isArray(exported)) return;
    exported.forEach((v, i) => {
      if (typeof v !== 'string' || !/^(AWS_|CODEBUILD_)/.test(v)) return;
      ctx.report({ pointer: toPointer(['env', 'exported-variables', i]), message: `"${v}" cannot be exported: CodeBuild does not export AWS_* or CODEBUILD_* variables.`, fix: 'Copy the value into a variable of your own and export that.' });
    });
  },
};

export const exportedSecret: BuildspecRule = {
  kind: 'buildspec',
    code: 'BUILDSPEC-EXPORTED-SECRET',
    severity: 'warning',
    title: 'exported-variables names a secret.',
    description: 'Exported variables are shown in plain text in CodePipeline; a secret (from secrets-manager or parameter-store, or named like one) should not be exported.',
    bad: build('      - npm test\n', 'env:\n  secrets-manager:\n    DB_PASSWORD: prod/db:password\n  exported-variables:\n    - DB_PASSWORD\n'),
    good: build('      - npm test\n', 'env:\n  secrets-manager:\n    DB_PASSWORD: prod/db:password\n'),
  check(ctx) {
    const env = ctx.env;
    const exported = env?.['exported-variables'];
    if (!env || !Array.isArray(exported)) return;
    const secretNames = new Set([...Object.keys(isRecord(env['secrets-manager']) ? env['secrets-manager'] : {}), ...Object.keys(isRecord(env['parameter-store']) ? env['parameter-store'] : {})]);
    exported.forEach((v, i) => {
      if (typeof v !== 'string' || /^(AWS_|CODEBUILD_)/.test(v) || !(secretNames.has(v) || SECRET_NAME.test(v))) return;
      ctx.report({ pointer: toPointer(['env', 'exported-variables', i]), message: `"${v}" looks like a secret; exported variables are shown in plain text in CodePipeline.`, fix: 'Do not export secrets.' });
    });
  },
};

export const envImageVariable: BuildspecRule = {
  kind: 'buildspec',
    code: 'BUILDSPEC-ENV-IMAGE-VARIABLE',
    severity: 'warning',
    title: 'An environment variable that looks like it selects the build image or compute.',
    description: 'A variable holding an aws/codebuild/ image (or, in a batch build, named image, compute-type, fleet, type or privileged-mode) only sets a variable: the image and compute come from the project, or from a batch build\'s env keys.',
    bad: build('      - npm test\n', 'env:\n  variables:\n    IMAGE: aws/codebuild/standard:7.0\n'),
    good: GOOD,
  check(ctx) {
    const report = (vars: unknown, at: readonly (string | number)[], batchBuild: boolean) => {
      if (!isRecord(vars)) return;
      for (const f of imageVariables(vars, at, batchBuild)) ctx.report(f);
    };
    report(ctx.env?.['variables'], ['env', 'variables'], false);
    const b = ctx.batch;
    if (!b) return;
    for (const form of ['build-list', 'build-graph']) {
      const list = b[form];
      if (!Array.isArray(list)) continue;
      list.forEach((x, i) => report(isRecord(x) && isRecord(x['env']) ? x['env']['variables'] : undefined, ['batch', form, i, 'env', 'variables'], true));
    }
    const matrix = b['build-matrix'];
    for (const kind of ['static', 'dynamic']) {
      const env = isRecord(matrix) && isRecord(matrix[kind]) ? (matrix[kind] as Obj)['env'] : undefined;
      report(isRecord(env) ? env['variables'] : undefined, ['batch', 'build-matrix', kind, 'env', 'variables'], true);
    }
  },
};
