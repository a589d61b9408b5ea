import { readFileSync, statSync } from 'node:fs';
import { EnvironmentError, UsageError } from '../errors.js';
import { decodeText } from '../validate/text.js';

/**
 * Read a file the user named, with one message per way that can fail: a missing file or a path that is not a
 * file (a folder, a device) is a usage error (exit 2); a symbolic link loop, a permission problem or another
 * I/O failure is an environment error (exit 3) with its cause.
 */
export function readUserFile(path: string, what = 'file'): Buffer {
  const st = statUserPath(path);
  if (st.isDirectory()) throw new UsageError(`${path} is a folder, not a ${what}.`);
  if (!st.isFile()) throw new UsageError(`${path} is not a regular file (a device, socket or pipe), so it cannot be read as a ${what}.`);
  try {
    return readFileSync(path);
  } catch (e) {
    throw ioError(path, e);
  }
}

/**
 * A file found by listing a folder, so known to be a regular file a moment ago: read it without stating it
 * first (one system call fewer per file when `validate` scans a tree). Fails as `readUserFile` does.
 */
export function readFoundFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`No such file or folder: ${path} (it was removed while being validated)`);
    if (code === 'EISDIR') throw new UsageError(`${path} is a folder, not a file.`);
    throw ioError(path, e);
  }
}

/** `readUserFile`, decoded as UTF-8 text; a binary file is a usage error. */
export function readUserTextFile(path: string, what = 'file'): string {
  const text = decodeText(readUserFile(path, what));
  if (text === undefined) throw new UsageError(`${path} is not a text file (it holds binary data), so it cannot be a ${what}.`);
  return text;
}

/** The stat of a path the user named (symbolic links followed), with the errors above. */
export function statUserPath(path: string) {
  try {
    return statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`No such file or folder: ${path}`);
    if (code === 'ENOTDIR') throw new UsageError(`No such file or folder: ${path} (a part of the path is a file, not a folder)`);
    throw ioError(path, e);
  }
}

function ioError(path: string, e: unknown): EnvironmentError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'ELOOP'
      ? `a symbolic link loop (ELOOP): ${path} leads back to itself`
      : code === 'EACCES' || code === 'EPERM'
        ? `permission denied (${code})`
        : (e as Error).message;
  return new EnvironmentError(`Cannot read ${path}: ${why}`, { cause: e });
}
