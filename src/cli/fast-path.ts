import type { ValidateFlags } from './commands/validate.js';

/**
 * `catalyst-gen validate <paths>` without commander. A pre-commit hook runs validate on one or two files, so
 * start-up is most of its cost; loading commander and building every command's definition is about 10-15 ms
 * of it. This recognises only the plain forms (paths, `--format` and `--devfile-profile` with an allowed value, `--build-image`,
 * `--skip-unknown`)
 * and declines anything else (help, unknown or repeated options, `--`, a bad choice), which then goes through
 * commander in `main.ts` with its usual messages. `run.ts` runs what it recognises with the same `runValidate`, and
 * reports errors with the same handler.
 */
export function parseValidateArgs(argv: readonly string[]): { paths: string[]; flags: ValidateFlags } | undefined {
  if (argv[0] !== 'validate') return undefined;
  type Name = 'format' | 'devfileProfile' | 'buildImage';
  const accepts: Record<Name, (v: string) => boolean> = {
    format: (v) => ['text', 'json', 'sarif'].includes(v),
    devfileProfile: (v) => ['codecatalyst', 'generic'].includes(v),
    buildImage: (v) => v !== '' && !v.startsWith('-'),
  };
  const options: Record<string, Name> = { '--format': 'format', '--devfile-profile': 'devfileProfile', '--build-image': 'buildImage' };
  const set: Partial<Record<Name, string>> = {};
  const paths: string[] = [];
  let skipUnknown = false;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '') return undefined;
    if (!arg.startsWith('-')) {
      paths.push(arg);
      continue;
    }
    if (arg === '--skip-unknown') {
      if (skipUnknown) return undefined;
      skipUnknown = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = options[eq >= 0 ? arg.slice(0, eq) : arg];
    if (!name || set[name] !== undefined) return undefined;
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || !accepts[name](value)) return undefined;
    set[name] = value;
  }
  return {
    paths,
    flags: {
      format: (set.format ?? 'text') as ValidateFlags['format'],
      devfileProfile: (set.devfileProfile ?? 'codecatalyst') as ValidateFlags['devfileProfile'],
      ...(set.buildImage !== undefined ? { buildImage: set.buildImage } : {}),
      ...(skipUnknown ? { skipUnknown } : {}),
    },
  };
}
