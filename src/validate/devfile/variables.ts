import { toPointer, type Finding } from '../../model/diagnostic.js';
import { walkStrings } from '../walk-strings.js';
import { isRecord } from '../../model/values.js';

/**
 * Devfile variables (2.1.0 and later): `{{name}}` in a string is replaced with `variables.name` before the
 * devfile library checks anything but the schema (devfile/library `ParseDevfileAndValidate`: parse and schema,
 * then `ValidateAndReplaceGlobalVariable`, then the semantic rules). So a `memoryLimit: "{{memoryLimit}}"` is
 * a quantity check of the value, not of the braces. The library replaces them in components, commands and
 * projects; it resolves the parent (and reads metadata and events) before, so a variable there stays as
 * written. A devfile 2.0.0 has no variables: nothing is replaced, as in the library.
 */
export interface SubstitutedDevfile {
  /** The devfile with every defined variable replaced where the library replaces it. */
  readonly value: unknown;
  readonly findings: readonly Finding[];
}

/** The library's pattern (devfile/api `pkg/validation/variables`). */
const REFERENCE = /\{\{\s*(.*?)\s*\}\}/g;

/** Where the library replaces variables, directly or after merging the parent's overrides into the devfile. */
const REPLACED = ['components', 'commands', 'projects', 'starterProjects', 'dependentProjects'];
/** Where a variable is left as written: read before variables are applied, or never replaced. */
const NOT_REPLACED = ['metadata', 'events'];
/** What of the parent only says where to fetch it from, which happens before variables are applied. */
const PARENT_REFERENCE = ['uri', 'id', 'registryUrl', 'version', 'kubernetes'];

export function substituteDevfileVariables(devfile: unknown): SubstitutedDevfile {
  if (!isRecord(devfile) || devfile['schemaVersion'] === '2.0.0') return { value: devfile, findings: [] };
  const own = isRecord(devfile['variables']) ? devfile['variables'] : {};
  const parent = isRecord(devfile['parent']) ? devfile['parent'] : undefined;
  const parentOverrides = parent && isRecord(parent['variables']) ? parent['variables'] : {};
  const values = new Map<string, string>();
  for (const [k, v] of Object.entries({ ...parentOverrides, ...own })) if (typeof v === 'string') values.set(k, v);
  const findings: Finding[] = [];
  // A parent devfile may define variables of its own, which this file cannot see.
  const unlessParent = parent ? ', unless the parent devfile defines it' : '';

  const undefinedAt = (name: string, path: readonly (string | number)[]) =>
    findings.push({
      code: 'DEVFILE-VARIABLE',
      severity: 'warning',
      pointer: toPointer(path),
      message: `"{{${name}}}" names a variable that "variables" does not define${unlessParent}; it will be left as written.`,
      fix: `Define "${name}" under "variables" (or pass it to the tool, e.g. odo --var ${name}=...).`,
    });

  // Shallow copies: mapStrings copies only what it changes, so the caller's value is never modified.
  const value: Record<string, unknown> = { ...devfile };
  if (parent) value['parent'] = { ...parent };
  const replaceIn = (root: Record<string, unknown>, key: string, base: readonly (string | number)[]) => {
    if (!(key in root)) return;
    root[key] = mapStrings(root[key], (s, path) => {
      if (!s.includes('{{')) return s;
      return s.replace(REFERENCE, (whole, name: string) => {
        const v = values.get(name);
        if (v === undefined) {
          undefinedAt(name, [...base, key, ...path]);
          return whole;
        }
        return v;
      });
    });
  };
  for (const key of REPLACED) replaceIn(value, key, []);
  if (isRecord(value['parent'])) for (const key of REPLACED) replaceIn(value['parent'], key, ['parent']);

  const leftAsWritten = (root: unknown, base: readonly (string | number)[], where: string) =>
    walkStrings(
      root,
      (s, path) => {
        for (const m of s.matchAll(REFERENCE)) {
          const name = m[1]!;
          if (!values.has(name)) {
            undefinedAt(name, [...base, ...path]);
            continue;
          }
          findings.push({
            code: 'DEVFILE-VARIABLE-NOT-REPLACED',
            severity: 'warning',
            pointer: toPointer([...base, ...path]),
            message: `"{{${name}}}" is defined, but ${where}, so the tools use "{{${name}}}" as written here.`,
            fix: `Write the value itself ("${values.get(name)!}").`,
          });
        }
      },
      (k) => k === 'attributes',
    );
  for (const key of NOT_REPLACED) if (key in devfile) leftAsWritten(devfile[key], [key], `variables are not applied to ${key}`);
  if (parent) {
    for (const key of PARENT_REFERENCE) {
      if (key in parent) leftAsWritten(parent[key], ['parent', key], 'the devfile library fetches the parent before it applies variables');
    }
  }
  return { value, findings };
}

/**
 * `value` with every string mapped (not keys; not under `attributes`, which is free-form). Subtrees in which
 * nothing changes are returned as they are, so a devfile without variables costs one walk and no copies. The
 * path is the walk's own stack, valid only during the call.
 */
function mapStrings(value: unknown, f: (s: string, path: readonly (string | number)[]) => string, path: (string | number)[] = []): unknown {
  if (typeof value === 'string') return f(value, path);
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      const x = mapStrings(value[i], f, path);
      path.pop();
      if (x !== value[i]) (out ??= [...value])[i] = x;
    }
    return out ?? value;
  }
  if (isRecord(value)) {
    let out: Record<string, unknown> | undefined;
    for (const k of Object.keys(value)) {
      if (k === 'attributes') continue;
      path.push(k);
      const x = mapStrings(value[k], f, path);
      path.pop();
      if (x !== value[k]) (out ??= { ...value })[k] = x;
    }
    return out ?? value;
  }
  return value;
}
