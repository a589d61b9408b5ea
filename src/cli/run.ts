import { parseValidateArgs } from './fast-path.js';
import { processOutput, type Output } from './output.js';

/** How a command's errors are printed: its --format, when it has one. */
type ErrorFormat = 'text' | 'json' | 'sarif';

/**
 * Run the command line and return the exit code: every way in (the binary, its bundle, the tests) comes through
 * here, and this is the one place errors become exit codes (`reportError`). Plain `validate` runs skip commander
 * (`fast-path.ts`); everything else, and everything the fast path declines, goes through commander (`main.ts`),
 * loaded only then. `via: 'commander'` skips the fast path, for tests that compare the two.
 */
export async function run(argv: readonly string[], o: Output = processOutput(), via: 'auto' | 'commander' = 'auto'): Promise<number> {
  let format: ErrorFormat = 'text';
  // The command's --format also decides how its errors are printed (JSON or SARIF for machines).
  const setFormat = (f: unknown) => (format = f === 'json' || f === 'sarif' ? f : 'text');
  try {
    const fast = via === 'auto' ? parseValidateArgs(argv) : undefined;
    if (fast) {
      setFormat(fast.flags.format);
      return await (await import('./commands/validate.js')).runValidate(fast.paths, fast.flags, o);
    }
    return await (await import('./main.js')).runCommands(argv, o, setFormat);
  } catch (e) {
    return (await import('./report-error.js')).reportError(e, o, format);
  }
}
