import { toPointer, type Finding } from '../../model/diagnostic.js';
import { closest } from '../suggest.js';
import { awsCliV1Rules } from './aws-cli-v1.js';
import { runtimeRules, type RuntimeRuleOptions } from './runtime-rules.js';
import { isRecord } from '../../model/values.js';

export type BuildspecRuleOptions = RuntimeRuleOptions;

type Obj = Record<string, unknown>;

const PHASES = ['install', 'pre_build', 'build', 'post_build'];
const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL)/i;
const CREDENTIAL_VALUE = /\b(AKIA|ASIA)[0-9A-Z]{16}\b|-----BEGIN [A-Z ]*PRIVATE KEY-----|\bgh[pousr]_[A-Za-z0-9]{36}\b|\bxox[baprs]-[A-Za-z0-9-]{10,}/;

/**
 * Rules a JSON schema cannot say, on a buildspec in its canonical form (`lenient.ts` has rewritten the forms
 * CodeBuild also accepts). Pure; works on whatever parsed, so it checks shapes before trusting them. Severity
 * follows one rule (README, "What validate calls an error"): an error only where CodeBuild rejects the file or
 * does what the author cannot have meant; what CodeBuild runs is at most a warning.
 */
export function buildspecRules(doc: unknown, opts: BuildspecRuleOptions = {}): Finding[] {
  if (!isRecord(doc)) return [];
  const out: Finding[] = [];
  const phases = doc['phases'];
  const batch = doc['batch'];
  if (isRecord(phases)) {
    if (Object.keys(phases).filter((k) => PHASES.includes(k)).length === 0 && !isRecord(batch)) {
      out.push({ code: 'BUILDSPEC-NO-PHASES', severity: 'warning', pointer: '/phases', message: 'phases is empty: the build would run no commands.', fix: 'Add a build phase with at least one command.' });
    }
    for (const name of PHASES) {
      if (!(name in phases)) continue;
      out.push(...phaseRules(name, phases[name], opts));
    }
    out.push(...awsCliV1Rules(phases));
  }
  const env = doc['env'];
  if (isRecord(env)) out.push(...envRules(env));
  if (isRecord(batch)) out.push(...batchRules(batch, isRecord(phases)));
  return out;
}

function phaseRules(name: string, phase: unknown, opts: BuildspecRuleOptions): Finding[] {
  const out: Finding[] = [];
  const at = ['phases', name];
  const hasRuntimes = isRecord(phase) && isRecord(phase['runtime-versions']) && Object.keys(phase['runtime-versions']).length > 0;
  const commands = isRecord(phase) ? phase['commands'] : undefined;
  // The reference calls commands required in a phase, but CodeBuild runs a phase without any (AWS's own awscrt
  // release pipeline has an empty install phase): commands commented out are a warning, not a broken file.
  if (!isRecord(phase) || commands === undefined || commands === null || (Array.isArray(commands) && commands.length === 0)) {
    if (!(name === 'install' && hasRuntimes && (commands === undefined || (Array.isArray(commands) && commands.length > 0)))) {
      out.push({
        code: 'BUILDSPEC-EMPTY-COMMANDS',
        severity: 'warning',
        pointer: toPointer(isRecord(phase) && commands !== undefined ? [...at, 'commands'] : at),
        atKey: true,
        message: `Phase "${name}" has no commands (commented out?); CodeBuild runs it without any.`,
        fix: `Add a command, or remove the "${name}" phase.`,
      });
    }
  }
  for (const key of ['commands', 'finally']) {
    const list = isRecord(phase) ? phase[key] : undefined;
    if (key === 'finally' && (list === null || (Array.isArray(list) && list.length === 0))) {
      out.push({ code: 'BUILDSPEC-EMPTY-COMMANDS', severity: 'warning', pointer: toPointer([...at, key]), atKey: true, message: `"finally" in phase "${name}" is empty; CodeBuild runs nothing after the commands.`, fix: 'Add a command or remove "finally".' });
    }
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      if (c === null || (typeof c === 'string' && c.trim() === '')) {
        out.push({
          code: 'BUILDSPEC-EMPTY-COMMAND',
          severity: 'warning',
          pointer: toPointer([...at, key, i]),
          message: `Command ${i + 1} of "${name}.${key}" is empty${c === null ? ' (a "- # comment" line leaves an empty item)' : ''}; CodeBuild tolerates it.`,
          fix: 'Remove the empty item, or comment out the whole line ("# - ...").',
        });
      }
    });
  }
  if (isRecord(phase) && isRecord(phase['runtime-versions'])) out.push(...runtimeRules(phase['runtime-versions'], opts, name));
  return out;
}

function envRules(env: Obj): Finding[] {
  const out: Finding[] = [];
  if (isRecord(env['variables'])) out.push(...imageVariables(env['variables'], ['env', 'variables'], false));
  for (const section of ['variables', 'parameter-store', 'secrets-manager']) {
    const map = env[section];
    if (!isRecord(map)) continue;
    for (const [name, value] of Object.entries(map)) {
      const pointer = toPointer(['env', section, name]);
      if (/^CODEBUILD_/i.test(name)) {
        out.push({ code: 'BUILDSPEC-RESERVED-VARIABLE', severity: 'error', pointer, atKey: true, message: `Variable "${name}" starts with CODEBUILD_, a prefix CodeBuild reserves for its own variables.`, fix: 'Rename the variable.' });
      }
      if (section !== 'variables') continue;
      const text = typeof value === 'string' ? value : '';
      if (CREDENTIAL_VALUE.test(text)) {
        out.push({
          code: 'BUILDSPEC-SECRET-IN-VARIABLES',
          severity: 'error',
          pointer,
          message: `Variable "${name}" holds what looks like a credential in plain text; it would be visible in the source, the console and the logs.`,
          fix: `Store it in Secrets Manager and reference it under env.secrets-manager (${name}: my-secret:key), then rotate the exposed credential.`,
        });
      } else if (SECRET_NAME.test(name) && text !== '' && !text.startsWith('$')) {
        out.push({
          code: 'BUILDSPEC-SECRET-IN-VARIABLES',
          severity: 'warning',
          pointer,
          message: `Variable "${name}" looks like a secret but is a plain-text variable.`,
          fix: `Move it to env.secrets-manager or env.parameter-store (a SecureString), e.g. ${name}: my-secret:${name.toLowerCase()}.`,
        });
      }
    }
  }
  const exported = env['exported-variables'];
  if (Array.isArray(exported)) {
    const secretNames = new Set([...Object.keys(isRecord(env['secrets-manager']) ? env['secrets-manager'] : {}), ...Object.keys(isRecord(env['parameter-store']) ? env['parameter-store'] : {})]);
    exported.forEach((v, i) => {
      if (typeof v !== 'string') return;
      const pointer = toPointer(['env', 'exported-variables', i]);
      if (/^(AWS_|CODEBUILD_)/.test(v)) {
        out.push({ code: 'BUILDSPEC-EXPORTED-VARIABLE', severity: 'error', pointer, message: `"${v}" cannot be exported: CodeBuild does not export AWS_* or CODEBUILD_* variables.`, fix: 'Copy the value into a variable of your own and export that.' });
      } else if (secretNames.has(v) || SECRET_NAME.test(v)) {
        out.push({ code: 'BUILDSPEC-EXPORTED-SECRET', severity: 'warning', pointer, message: `"${v}" looks like a secret; exported variables are shown in plain text in CodePipeline.`, fix: 'Do not export secrets.' });
      }
    });
  }
  return out;
}

/** What a batch build's `env` sets on the build itself; under `env.variables` the same names are only variables. */
const BATCH_ENV_KEYS = ['image', 'compute-type', 'fleet', 'type', 'privileged-mode'];
/** A CodeBuild-provided build image: only the project (or a batch build's env.image) can make a build run on it. */
const CODEBUILD_IMAGE = /^aws\/codebuild\//;

/**
 * `image: ...` one level too deep (under `env.variables` of a batch build) becomes an environment variable named
 * image, and the build runs on the project's image; so does a CodeBuild image id as the value of any variable.
 * CodeBuild runs it, so a warning, with the key where it takes effect as the fix.
 */
function imageVariables(vars: Obj, at: readonly (string | number)[], batchBuild: boolean): Finding[] {
  const out: Finding[] = [];
  for (const [name, value] of Object.entries(vars)) {
    const setting = batchBuild ? BATCH_ENV_KEYS.find((k) => k === name.toLowerCase()) : undefined;
    const image = typeof value === 'string' && CODEBUILD_IMAGE.test(value);
    if (!setting && !image) continue;
    const key = setting ?? 'image';
    out.push({
      code: 'BUILDSPEC-ENV-IMAGE-VARIABLE',
      severity: 'warning',
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

/** The batch builds that run this file itself (no buildspec of their own), by pointer. */
function buildsRunningThisFile(batch: Obj): string[] {
  const out: string[] = [];
  for (const form of ['build-list', 'build-graph']) {
    const list = batch[form];
    if (Array.isArray(list)) list.forEach((b, i) => isRecord(b) && typeof b['buildspec'] !== 'string' && out.push(toPointer(['batch', form, i])));
  }
  const matrix = batch['build-matrix'];
  if (isRecord(matrix)) {
    const dynamic = matrix['dynamic'];
    const specs = isRecord(dynamic) ? dynamic['buildspec'] : undefined;
    if (!Array.isArray(specs) || specs.length === 0) out.push('/batch/build-matrix');
  }
  if (isRecord(batch['build-fanout'])) out.push('/batch/build-fanout');
  return out;
}

function batchRules(batch: Obj, hasPhases: boolean): Finding[] {
  const out: Finding[] = [];
  // A batch-only buildspec (AWS's own CI writes them) is fine when every build names its buildspec.
  if (!hasPhases) {
    for (const pointer of buildsRunningThisFile(batch)) {
      out.push({
        code: 'BUILDSPEC-BATCH-NO-PHASES',
        severity: 'warning',
        pointer,
        message: 'This batch build names no buildspec of its own, so it runs this file, which has no phases: it would run no commands.',
        fix: 'Give the build a "buildspec: path/to/buildspec.yml", or add phases to this file.',
      });
    }
  }
  for (const form of ['build-list', 'build-graph']) {
    const list = batch[form];
    if (!Array.isArray(list)) continue;
    list.forEach((b, i) => {
      const vars = isRecord(b) && isRecord(b['env']) ? b['env']['variables'] : undefined;
      if (isRecord(vars)) out.push(...imageVariables(vars, ['batch', form, i, 'env', 'variables'], true));
    });
  }
  const matrix = batch['build-matrix'];
  for (const kind of ['static', 'dynamic']) {
    const env = isRecord(matrix) && isRecord(matrix[kind]) ? (matrix[kind] as Obj)['env'] : undefined;
    const vars = isRecord(env) ? env['variables'] : undefined;
    if (isRecord(vars)) out.push(...imageVariables(vars, ['batch', 'build-matrix', kind, 'env', 'variables'], true));
  }
  const forms = ['build-list', 'build-graph', 'build-matrix', 'build-fanout'].filter((k) => k in batch);
  if (forms.length !== 1) {
    out.push({
      code: 'BUILDSPEC-BATCH-FORM',
      severity: 'error',
      pointer: '/batch',
      atKey: true,
      message: forms.length === 0 ? 'batch has none of build-list, build-graph, build-matrix, build-fanout.' : `batch has ${forms.join(' and ')}; a batch build uses exactly one of them.`,
      fix: 'Keep exactly one batch form.',
    });
  }
  for (const form of ['build-list', 'build-graph']) {
    const list = batch[form];
    if (!Array.isArray(list)) continue;
    const ids = new Map<string, number>();
    list.forEach((b, i) => {
      if (!isRecord(b) || typeof b['identifier'] !== 'string') return;
      if (ids.has(b['identifier'])) {
        out.push({ code: 'BUILDSPEC-BATCH-DUPLICATE', severity: 'error', pointer: toPointer(['batch', form, i, 'identifier']), message: `Batch build identifier "${b['identifier']}" is used twice.` });
      }
      ids.set(b['identifier'], i);
    });
    list.forEach((b, i) => {
      if (!isRecord(b) || !Array.isArray(b['depend-on'])) return;
      if (form === 'build-list') {
        out.push({ code: 'BUILDSPEC-BATCH-DEPEND-ON', severity: 'error', pointer: toPointer(['batch', form, i, 'depend-on']), atKey: true, message: 'depend-on is only meaningful in a build-graph.', fix: 'Use build-graph, or remove depend-on.' });
        return;
      }
      b['depend-on'].forEach((d, j) => {
        if (typeof d === 'string' && !ids.has(d)) {
          const guess = closest(d, [...ids.keys()]);
          out.push({ code: 'BUILDSPEC-BATCH-DEPEND-ON', severity: 'error', pointer: toPointer(['batch', form, i, 'depend-on', j]), message: `depend-on names "${d}", which is not a build in this graph.`, ...(guess ? { fix: `Did you mean "${guess}"?` } : {}) });
        }
      });
    });
  }
  return out;
}
