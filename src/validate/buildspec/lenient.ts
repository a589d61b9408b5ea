import { toPointer, type Finding } from '../../model/diagnostic.js';
import { isRecord } from '../../model/values.js';
import { matchPattern as matches } from '../path-pattern.js';

/**
 * Buildspecs people write use forms CodeBuild runs but its reference does not write: `version: 0.1`, the
 * string "0.2", one string where the reference has a list (AWS's own CodePipeline ECS tutorial writes
 * `files: imagedefinitions.json`), keys from older generators that CodeBuild ignores. They are warnings, each
 * with the canonical form as the fix; this rewrites them into that form so the schema and the rules check what
 * CodeBuild will run, and never report the same spelling twice. Pure: the input is not modified.
 */
export interface NormalizedBuildspec {
  readonly value: unknown;
  readonly findings: readonly Finding[];
}

/**
 * The list fields of a buildspec, as pointer patterns (`*` is any key or index). CodeBuild reads a single
 * string in any of them as a list of one.
 */
const LIST_FIELDS: readonly (readonly string[])[] = [
  ['phases', '*', 'commands'],
  ['phases', '*', 'finally'],
  ['artifacts', 'files'],
  ['artifacts', 'exclude-paths'],
  ['artifacts', 'secondary-artifacts', '*', 'files'],
  ['reports', '*', 'files'],
  ['cache', 'paths'],
  ['cache', 'fallback-keys'],
  ['env', 'exported-variables'],
  ['batch', 'build-graph', '*', 'depend-on'],
];

/**
 * Keys CodeBuild does not read, which older generators still write, and why ignoring them changes nothing the
 * author asked for. Any other unknown key stays an error: CodeBuild ignoring `discard_paths` would silently
 * keep the paths the author meant to discard.
 */
const IGNORED_KEYS: readonly { readonly path: readonly string[]; readonly why: string }[] = [
  {
    // Chalice's generated pipeline (and CodeBuild samples of the 0.1 era) write `type: zip`.
    path: ['artifacts', 'type'],
    why: 'CodeBuild takes the artifact type and packaging from the project (ZIP for CodePipeline and S3 by default), not from the buildspec',
  },
];

/**
 * Mappings and lists that are empty (null) when everything under them is commented out. CodeBuild reads an
 * empty section as absent; the schema wants a mapping or a list there.
 */
const SECTIONS: readonly (readonly string[])[] = [
  ['env'],
  ['env', 'variables|parameter-store|secrets-manager|exported-variables'],
  ['proxy'],
  ['phases', '*', 'runtime-versions'],
  ['artifacts', 'secondary-artifacts'],
  ['reports'],
  ['cache'],
];

/** The yes/no settings, and the YAML 1.1 spellings of a boolean that CodeBuild's reader takes for yes or no. */
const YES_NO_FIELDS: readonly (readonly string[])[] = [
  ['env', 'git-credential-helper'],
  ['proxy', 'upload-artifacts'],
  ['proxy', 'logs'],
  ['artifacts', 'discard-paths'],
  ['artifacts', 'enable-symlinks'],
  ['artifacts', 'secondary-artifacts', '*', 'discard-paths'],
  ['reports', '*', 'discard-paths'],
];
const YAML11_YES = /^(y|Y|Yes|YES|True|TRUE|on|On|ON)$/;
const YAML11_NO = /^(n|N|No|NO|False|FALSE|off|Off|OFF)$/;

export function normalizeBuildspec(doc: unknown): NormalizedBuildspec {
  if (!isRecord(doc)) return { value: doc, findings: [] };
  const value = structuredClone(doc) as Record<string, unknown>;
  const findings: Finding[] = [];

  const version = value['version'];
  if (version === 0.1 || version === '0.1') {
    findings.push({
      code: 'BUILDSPEC-VERSION-0-1',
      severity: 'warning',
      pointer: '/version',
      message:
        'version is 0.1. CodeBuild still runs it, but in 0.1 each command runs in a shell of its own, so a "cd" or an exported variable does not reach the next command; 0.2 runs all the commands of a build in one shell, and is the version the reference recommends.',
      fix: 'Write version: 0.2, then check commands that relied on starting afresh (a relative path after an earlier cd, a variable set again).',
    });
    value['version'] = 0.2;
  } else if (version === '0.2') {
    // The batch build parser reads version as a number and fails on the string (aws/aws-cdk#29592:
    // "cannot unmarshal !!str `0.2` into float64"); single builds accept it.
    const batch = 'batch' in value;
    findings.push({
      code: 'BUILDSPEC-VERSION-STRING',
      severity: batch ? 'error' : 'warning',
      pointer: '/version',
      message: batch
        ? 'version is the string "0.2"; batch builds read it as a number and fail on the string ("cannot unmarshal !!str into float64"), and this buildspec defines a batch.'
        : 'version is the string "0.2"; CodeBuild accepts it for single builds, but batch builds reject it.',
      fix: 'Write version: 0.2 without quotes.',
    });
    value['version'] = 0.2;
  }

  for (const pattern of SECTIONS) {
    for (const { path, parent, key } of matches(value, pattern)) {
      if (parent[key] !== null) continue;
      findings.push({
        code: 'BUILDSPEC-EMPTY-SECTION',
        severity: 'warning',
        pointer: toPointer(path),
        atKey: true,
        message: `${path.join('.')} is empty (everything under it commented out?); CodeBuild reads it as absent.`,
        fix: `Remove "${String(key)}:" or give it content.`,
      });
      delete parent[key];
    }
  }

  for (const pattern of LIST_FIELDS) {
    for (const { path, parent, key } of matches(value, pattern)) {
      const v = parent[key];
      // "- # comment" leaves a null item, which CodeBuild's reader takes as an empty string. In commands the
      // rules report it (BUILDSPEC-EMPTY-COMMAND); elsewhere it is made the empty string here, keeping the
      // indices of the items after it for the findings that point at them.
      if (Array.isArray(v) && key !== 'commands' && key !== 'finally') {
        v.forEach((item, i) => {
          if (item !== null) return;
          findings.push({
            code: 'BUILDSPEC-EMPTY-ITEM',
            severity: 'warning',
            pointer: toPointer([...path, i]),
            message: `Item ${i + 1} of ${path.join('.')} is empty (a "- # comment" line leaves an empty item); CodeBuild reads it as an empty string.`,
            fix: 'Remove the empty item, or comment out the whole line ("# - ...").',
          });
          v[i] = '';
        });
      }
      if (typeof v !== 'string') continue;
      const name = path.join('.');
      findings.push({
        code: 'BUILDSPEC-SCALAR-LIST',
        severity: 'warning',
        pointer: toPointer(path),
        message: `${name} is one string; CodeBuild reads it as a list of one item, but the reference writes a list.`,
        fix: `Write it as a list item: "${key}:" and on the next line "  - ${v.length > 60 ? `${v.slice(0, 57)}...` : v}".`,
      });
      parent[key] = [v];
    }
  }

  // CodeBuild reads buildspecs with Go's YAML 1.1 reader (its batch errors are go-yaml's, "cannot unmarshal
  // !!str"), where Yes, ON or n are booleans; YAML 1.2 (and the schema) sees strings other than yes and no.
  for (const pattern of YES_NO_FIELDS) {
    for (const { path, parent, key } of matches(value, pattern)) {
      const v = parent[key];
      if (typeof v !== 'string' || v === 'yes' || v === 'no') continue;
      const canonical = YAML11_YES.test(v) ? 'yes' : YAML11_NO.test(v) ? 'no' : undefined;
      if (!canonical) continue;
      findings.push({
        code: 'BUILDSPEC-YES-NO',
        severity: 'warning',
        pointer: toPointer(path),
        message: `${path.join('.')} is "${v}"; CodeBuild reads it as ${canonical}, the reference writes ${canonical}.`,
        fix: `Write ${key}: ${canonical}.`,
      });
      parent[key] = canonical;
    }
  }

  for (const { path, why } of IGNORED_KEYS) {
    const key = path.at(-1)!;
    for (const { path: at, parent } of matches(value, path)) {
      findings.push({
        code: 'BUILDSPEC-IGNORED-KEY',
        severity: 'warning',
        pointer: toPointer(at),
        atKey: true,
        message: `${at.join('.')} is not a buildspec key; CodeBuild ignores it: ${why}.`,
        fix: `Remove "${key}".`,
      });
      delete parent[key];
    }
  }
  return { value, findings };
}
