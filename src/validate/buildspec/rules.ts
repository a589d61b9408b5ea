import { toPointer, type Finding } from '../diagnostic.js';
import { closest } from '../suggest.js';
import { ALL_RUNTIMES, RUNTIMES_BY_IMAGE, runtimeVersionAccepted } from './runtimes.js';
import { isRecord } from '../../model/values.js';

export interface BuildspecRuleOptions {
  /** The CodeBuild image the buildspec runs on, to check runtime versions against. @default - any current standard image */
  readonly image?: string;
}

type Obj = Record<string, unknown>;

const PHASES = ['install', 'pre_build', 'build', 'post_build'];
const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL)/i;
const CREDENTIAL_VALUE = /\b(AKIA|ASIA)[0-9A-Z]{16}\b|-----BEGIN [A-Z ]*PRIVATE KEY-----|\bgh[pousr]_[A-Za-z0-9]{36}\b|\bxox[baprs]-[A-Za-z0-9-]{10,}/;

/**
 * Rules a JSON schema cannot say, on a buildspec that passed (or mostly passed) the schema. Pure; works on
 * whatever parsed, so it checks shapes before trusting them.
 */
export function buildspecRules(doc: unknown, opts: BuildspecRuleOptions = {}): Finding[] {
  if (!isRecord(doc)) return [];
  const out: Finding[] = [];
  if (doc['version'] === '0.2') {
    out.push({
      code: 'BUILDSPEC-VERSION-STRING',
      severity: 'warning',
      pointer: '/version',
      message: 'version is the string "0.2"; CodeBuild accepts it for single builds, but batch builds reject it.',
      fix: 'Write version: 0.2 without quotes.',
    });
  }
  const phases = doc['phases'];
  if (isRecord(phases)) {
    if (Object.keys(phases).filter((k) => PHASES.includes(k)).length === 0) {
      out.push({ code: 'BUILDSPEC-NO-PHASES', severity: 'error', pointer: '/phases', message: 'phases is empty: the build would run no commands.', fix: 'Add a build phase with at least one command.' });
    }
    for (const name of PHASES) {
      if (!(name in phases)) continue;
      out.push(...phaseRules(name, phases[name], opts));
    }
  }
  const env = doc['env'];
  if (isRecord(env)) out.push(...envRules(env));
  const batch = doc['batch'];
  if (isRecord(batch)) out.push(...batchRules(batch));
  return out;
}

function phaseRules(name: string, phase: unknown, opts: BuildspecRuleOptions): Finding[] {
  const out: Finding[] = [];
  const at = ['phases', name];
  const hasRuntimes = isRecord(phase) && isRecord(phase['runtime-versions']) && Object.keys(phase['runtime-versions']).length > 0;
  const commands = isRecord(phase) ? phase['commands'] : undefined;
  if (!isRecord(phase) || commands === undefined || commands === null || (Array.isArray(commands) && commands.length === 0)) {
    if (!(name === 'install' && hasRuntimes && (commands === undefined || (Array.isArray(commands) && commands.length > 0)))) {
      out.push({
        code: 'BUILDSPEC-EMPTY-COMMANDS',
        severity: 'error',
        pointer: toPointer(isRecord(phase) && commands !== undefined ? [...at, 'commands'] : at),
        atKey: true,
        message: `Phase "${name}" has no commands; CodeBuild requires at least one command in every phase it runs.`,
        fix: `Add a command, or remove the "${name}" phase.`,
      });
    }
  }
  for (const key of ['commands', 'finally']) {
    const list = isRecord(phase) ? phase[key] : undefined;
    if (key === 'finally' && (list === null || (Array.isArray(list) && list.length === 0))) {
      out.push({ code: 'BUILDSPEC-EMPTY-COMMANDS', severity: 'error', pointer: toPointer([...at, key]), atKey: true, message: `"finally" in phase "${name}" is empty.`, fix: 'Add a command or remove "finally".' });
    }
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      if (c === null || (typeof c === 'string' && c.trim() === '')) {
        out.push({ code: 'BUILDSPEC-EMPTY-COMMAND', severity: 'error', pointer: toPointer([...at, key, i]), message: `Command ${i + 1} of "${name}.${key}" is empty.`, fix: 'Remove the empty list item.' });
      }
    });
  }
  if (isRecord(phase) && isRecord(phase['runtime-versions'])) out.push(...runtimeRules(phase['runtime-versions'], opts));
  return out;
}

function runtimeRules(runtimes: Obj, opts: BuildspecRuleOptions): Finding[] {
  const out: Finding[] = [];
  const table = opts.image ? RUNTIMES_BY_IMAGE[opts.image] : undefined;
  if (opts.image && !table) {
    // An older or custom image: its runtimes are its own, so claim nothing about them.
    if (Object.keys(runtimes).length > 0) {
      out.push({
        code: 'BUILDSPEC-RUNTIME-IMAGE-UNKNOWN',
        severity: 'info',
        pointer: '/phases/install/runtime-versions',
        atKey: true,
        message: `catalyst-gen does not know the runtimes of image ${opts.image}; runtime versions were not checked.`,
      });
    }
    return out;
  }
  const known = table ?? ALL_RUNTIMES;
  const where = table ? `image ${opts.image}` : 'any current CodeBuild standard image';
  for (const [rt, raw] of Object.entries(runtimes)) {
    const pointer = toPointer(['phases', 'install', 'runtime-versions', rt]);
    const versions = known[rt];
    if (!versions) {
      // An image we do not know may have runtimes we do not know: only a warning then.
      const guess = closest(rt, Object.keys(known));
      out.push({
        code: 'BUILDSPEC-RUNTIME-UNKNOWN',
        severity: table ? 'error' : 'warning',
        pointer,
        atKey: true,
        message: `Runtime "${rt}" is not available on ${where}. Known runtimes: ${Object.keys(known).join(', ')}.`,
        ...(guess ? { fix: `Did you mean "${guess}"?` } : {}),
      });
      continue;
    }
    if (typeof raw !== 'string' && typeof raw !== 'number') continue;
    const value = String(raw);
    if (runtimeVersionAccepted(value, versions)) continue;
    // YAML reads `3.10` as the number 3.1: say so instead of "3.1 is unknown".
    const asTyped = typeof raw === 'number' ? versions.find((v) => v !== value && Number(v) === raw) : undefined;
    if (asTyped) {
      out.push({
        code: 'BUILDSPEC-RUNTIME-VERSION-NUMBER',
        severity: 'error',
        pointer,
        message: `${rt} ${value}: YAML reads this version as the number ${value}, not "${asTyped}".`,
        fix: `Quote it: ${rt}: "${asTyped}".`,
      });
      continue;
    }
    out.push({
      code: 'BUILDSPEC-RUNTIME-VERSION',
      severity: table ? 'error' : 'warning',
      pointer,
      message: `${rt} ${value} is not available on ${where}; available: ${versions.join(', ')} (or <major>.x, latest).`,
      fix: `Use one of ${versions.slice(0, 3).join(', ')}.`,
    });
  }
  return out;
}

function envRules(env: Obj): Finding[] {
  const out: Finding[] = [];
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

function batchRules(batch: Obj): Finding[] {
  const out: Finding[] = [];
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
