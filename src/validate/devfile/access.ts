import { isRecord } from '../../model/values.js';

/** Small readers for a parsed devfile whose shape the schema layer has already checked. */
export type Obj = Readonly<Record<string, unknown>>;

export function objAt(v: unknown, key: string): Obj | undefined {
  const x = isRecord(v) ? v[key] : undefined;
  return isRecord(x) ? x : undefined;
}

export function listAt(v: unknown, key: string): readonly unknown[] {
  const x = isRecord(v) ? v[key] : undefined;
  return Array.isArray(x) ? x : [];
}

export function strAt(v: unknown, key: string): string | undefined {
  const x = isRecord(v) ? v[key] : undefined;
  return typeof x === 'string' ? x : undefined;
}

/** The component's type key (`container`, `volume`, ...), or undefined. */
export function componentType(c: unknown): string | undefined {
  if (!isRecord(c)) return undefined;
  return ['container', 'kubernetes', 'openshift', 'volume', 'image', 'plugin', 'custom'].find((k) => k in c);
}

/** The command's type key (`exec`, `apply`, `composite`, ...), or undefined. */
export function commandType(c: unknown): string | undefined {
  if (!isRecord(c)) return undefined;
  return ['exec', 'apply', 'composite', 'vscodeTask', 'vscodeLaunch', 'custom'].find((k) => k in c);
}

/**
 * The component a Dev Environment's IDE works in: the first container that mounts the sources
 * (`mountSources` defaults to true in the specification).
 */
export function mainComponentName(devfile: unknown): string | undefined {
  for (const c of listAt(devfile, 'components')) {
    const container = objAt(c, 'container');
    if (container && container['mountSources'] !== false) return strAt(c, 'name');
  }
  return undefined;
}
