import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { EnvironmentError, UsageError } from '../errors.js';
import { decodeText } from '../validate/text.js';

/**
 * The largest file catalyst-gen reads: far above any devfile, workflow, buildspec, options file or
 * CloudFormation template (CloudFormation itself takes at most 1 MB), and low enough that no command holds much
 * memory or takes long on it.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/**
 * The one way files are read: the user's files, the project's files, cloud assemblies, configuration. Regular
 * files only (a device such as /dev/zero or a pipe would never end or would block), at most MAX_FILE_BYTES. The
 * failures, one message each: a missing path, a folder, a device or pipe, or a file over the limit is a usage
 * error (exit 2); a symbolic link loop, a permission problem or another I/O failure is an environment error
 * (exit 3) with its cause. The file is opened without blocking and checked on the open descriptor, so a pipe
 * swapped in after a check cannot hang the read.
 */
export function readUserFile(path: string, what = 'file'): Buffer {
  const bytes = readIfExists(path, what);
  if (bytes === undefined) throw new UsageError(`No such file or folder: ${path}`);
  return bytes;
}

/** `readUserFile`, or undefined when nothing exists at the path (a project file not written yet). */
export function readIfExists(path: string, what = 'file'): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') throw new UsageError(`No such file or folder: ${path} (a part of the path is a file, not a folder)`);
    if (code === 'EISDIR') throw new UsageError(`${path} is a folder, not a ${what}.`);
    throw ioError(path, e);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new UsageError(`${path} is a folder, not a ${what}.`);
    if (!st.isFile()) throw new UsageError(`${path} is not a regular file (a device, socket or pipe), so it cannot be read as a ${what}.`);
    if (st.size > MAX_FILE_BYTES) throw tooLarge(path, what, st.size);
    // Read to the end, not to the size stat gave: the file may grow meanwhile (and must still stay under the
    // limit). One byte past the limit is enough to tell.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(MAX_FILE_BYTES + 1 - total, Math.max(st.size + 1 - total, 65_536)));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > MAX_FILE_BYTES) throw tooLarge(path, what, total);
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw ioError(path, e);
  } finally {
    closeSync(fd);
  }
}

/** `readUserFile`, decoded as UTF-8 text (a BOM is dropped); a binary file is a usage error. */
export function readUserTextFile(path: string, what = 'file'): string {
  return decodeUserText(readUserFile(path, what), path, what);
}

/** `readIfExists`, decoded as `readUserTextFile` does. */
export function readTextIfExists(path: string, what = 'file'): string | undefined {
  const bytes = readIfExists(path, what);
  return bytes === undefined ? undefined : decodeUserText(bytes, path, what);
}

/** Bytes read from `path` as UTF-8 text (a BOM is dropped; `startsWithBom` tells); binary data is a usage error. */
export function decodeUserText(bytes: Buffer, path: string, what: string): string {
  const text = decodeText(bytes);
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

/** Whether the bytes start with the UTF-8 byte-order mark, which an edit must give back. */
export function startsWithBom(bytes: Buffer): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function tooLarge(path: string, what: string, size: number): UsageError {
  return new UsageError(`${path} is too large to be a ${what}: ${(size / 1024 / 1024).toFixed(1)} MiB, and catalyst-gen reads files of at most ${MAX_FILE_BYTES / 1024 / 1024} MiB.`);
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
