/**
 * Runtime versions each CodeBuild standard image accepts in `phases.install.runtime-versions`, from the
 * images' `runtimes.yml` (github aws/aws-codebuild-docker-images). Besides these, every runtime accepts
 * `<major>.x`, `latest`, and a value taken from an environment variable.
 */
export type RuntimeTable = Readonly<Record<string, readonly string[]>>;

const java = ['corretto25', 'corretto21', 'corretto17', 'corretto11', 'corretto8'];
const py = (oldest: number) => Array.from({ length: 14 - oldest + 1 }, (_, i) => `3.${14 - i}`);
const go = (oldest: number) => Array.from({ length: 26 - oldest + 1 }, (_, i) => `1.${26 - i}`);
const php = (oldest: number) => Array.from({ length: 5 - oldest + 1 }, (_, i) => `8.${5 - i}`);

const al5: RuntimeTable = {
  nodejs: ['24', '22', '20', '18'],
  python: py(9),
  java,
  golang: go(20),
  dotnet: ['10.0', '8.0', '6.0'],
  ruby: ['4.0', '3.4', '3.3', '3.2', '3.1'],
  php: php(2),
};
const al6: RuntimeTable = {
  nodejs: ['24', '22'],
  python: py(10),
  java,
  golang: go(24),
  dotnet: ['10.0', '8.0'],
  ruby: ['4.0', '3.4', '3.3'],
  php: php(2),
  rust: ['1.93'],
};
const arm3: RuntimeTable = { ...al5, php: php(1), rust: ['1.94'], docker: ['23'] };

/** By image id, aliases included. */
export const RUNTIMES_BY_IMAGE: Readonly<Record<string, RuntimeTable>> = {
  'aws/codebuild/amazonlinux-x86_64-standard:5.0': al5,
  'aws/codebuild/amazonlinux2-x86_64-standard:5.0': al5,
  'aws/codebuild/amazonlinux-x86_64-standard:6.0': al6,
  'aws/codebuild/standard:7.0': al5,
  'aws/codebuild/standard:8.0': al6,
  'aws/codebuild/amazonlinux-aarch64-standard:3.0': arm3,
  'aws/codebuild/amazonlinux2-aarch64-standard:3.0': arm3,
};

/** Every runtime and version known on any current image: used when the image is not known. */
export const ALL_RUNTIMES: RuntimeTable = (() => {
  const out: Record<string, string[]> = {};
  for (const table of Object.values(RUNTIMES_BY_IMAGE)) {
    for (const [rt, versions] of Object.entries(table)) {
      const list = (out[rt] ??= []);
      for (const v of versions) if (!list.includes(v)) list.push(v);
    }
  }
  return out;
})();

/** Whether `value` selects one of `known`: an exact version, `<major>.x`, `latest`, or `$VARIABLE`. */
export function runtimeVersionAccepted(value: string, known: readonly string[]): boolean {
  if (value === 'latest' || value.startsWith('$')) return true;
  if (known.includes(value)) return true;
  const m = /^(.*)\.x$/.exec(value);
  if (m) return known.some((k) => k === m[1] || k.startsWith(`${m[1]}.`) || k.replace(/\d+$/, '') === m[1]);
  return false;
}
