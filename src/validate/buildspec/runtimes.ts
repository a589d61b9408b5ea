import { CUSTOM_RUNTIME_SYNTAX, IMAGES, type ImageFamily, type ImageRuntimes, type RuntimeTable } from './runtime-table.js';

export type { ImageFamily, RuntimeTable };

/** The image an id names (aliases included), or undefined for an image catalyst-gen does not know. */
export function imageRuntimes(id: string): ImageRuntimes | undefined {
  return IMAGES.find((i) => i.ids.includes(id));
}

/** By image id, aliases included: the runtimes of every image the table knows. */
export const RUNTIMES_BY_IMAGE: Readonly<Record<string, RuntimeTable>> = Object.fromEntries(IMAGES.flatMap((i) => i.ids.map((id) => [id, i.runtimes] as const)));

/** Every runtime and version on a current image of any family: what a buildspec is checked against when the image is not given. */
export const ALL_RUNTIMES: RuntimeTable = (() => {
  const out: Record<string, string[]> = {};
  for (const image of IMAGES.filter((i) => i.current)) {
    for (const [rt, versions] of Object.entries(image.runtimes)) {
      const list = (out[rt] ??= []);
      for (const v of versions) if (!list.includes(v)) list.push(v);
    }
  }
  return out;
})();

/**
 * A runtime's versions on current images of every family, for messages when the image is not known:
 * `24, 22, 20, 18 (Linux); 20.18, 22.13 (Windows)`. Lambda compute images repeat Linux versions.
 */
export function describeCurrentVersions(runtime: string): string {
  const groups: [string, string[]][] = [
    ['Linux', []],
    ['Windows', []],
  ];
  for (const image of IMAGES.filter((i) => i.current && i.family !== 'lambda')) {
    const list = groups[image.family === 'windows' ? 1 : 0]![1];
    for (const v of image.runtimes[runtime] ?? []) if (!list.includes(v)) list.push(v);
  }
  const parts = groups.filter(([, l]) => l.length > 0);
  return parts.length === 1 ? parts[0]![1].join(', ') : parts.map(([name, l]) => `${l.join(', ')} (${name})`).join('; ');
}

/** Whether `value` selects one of `known`: an exact version, `<major>.x`, `latest`, or `$VARIABLE`. */
export function runtimeVersionAccepted(value: string, known: readonly string[]): boolean {
  if (value === 'latest' || value.startsWith('$')) return true;
  const v = value.toLowerCase();
  if (known.some((k) => k.toLowerCase() === v)) return true;
  const m = /^(.*)\.x$/.exec(v);
  if (m) return known.some((k) => k === m[1] || k.startsWith(`${m[1]}.`) || k.replace(/\d+$/, '') === m[1]);
  return false;
}

/** Whether CodeBuild installs `runtime` `value` on demand on an Ubuntu or Amazon Linux image (a custom runtime version). */
export function customRuntimeVersion(runtime: string, value: string): boolean {
  return CUSTOM_RUNTIME_SYNTAX[runtime]?.test(value) ?? false;
}

export function customRuntimeNames(): readonly string[] {
  return Object.keys(CUSTOM_RUNTIME_SYNTAX);
}
