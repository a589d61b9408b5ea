import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, closeSync, constants, fsync, fsyncSync, lstatSync, openSync, readdirSync, readlinkSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { EnvironmentError } from '../errors.js';

/**
 * The one way this project writes a file: the new content goes to a temporary file beside the target, which is
 * then renamed over it, so a crash or a full disk never leaves half a file. Used by `new`/`update` (which stage
 * every file first and rename them all at the end), the devfile edit commands and `codeartifact login`.
 *
 * - A symbolic link is followed: the file it points to is replaced and the link is kept (dotfile managers).
 * - The existing file's permission bits are kept (a user's `chmod` survives). New files get 0666, or 0777
 *   when executable, less the umask (0644 and 0755 under the usual 022; 0600 under 077), as any tool's files.
 *   `secret` files are always 0600.
 * - A file the user cannot write (read-only) is not replaced behind their back: EnvironmentError.
 */
export interface AtomicWriteOptions {
  /** Set the executable bits (scripts). @default false */
  readonly executable?: boolean;
  /** The content is a secret (a token): owner read/write only, whatever the file's mode was. @default false */
  readonly secret?: boolean;
}

export interface StageOptions extends AtomicWriteOptions {
  /**
   * Leave the temporary file open and unflushed; `flush()` makes it durable. A caller staging many files flushes
   * them concurrently, which costs about one disk flush instead of one per file.
   * @default false (flushed and closed before `stageFileWrite` returns)
   */
  readonly deferFlush?: boolean;
}

/** A file written to its temporary name, not yet in place. */
export interface StagedWrite {
  /** The file that will be replaced: the target with symbolic links resolved. */
  readonly dest: string;
  readonly tmp: string;
  /** Flush the content to disk and close the file, when staged with `deferFlush` (else nothing to do). */
  flush(): Promise<void>;
  /** Rename the temporary file into place (after `flush`, for a deferred write). */
  commit(): void;
  /** Remove the temporary file (best effort). */
  discard(): void;
}

/** Write `content` to `path` atomically. Errors are EnvironmentErrors that name the file and the cause. */
export function writeFileAtomic(path: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const staged = stageFileWrite(path, content, options);
  try {
    staged.commit();
  } catch (e) {
    staged.discard();
    throw writeError(path, e);
  }
}

/**
 * First half of an atomic write: the content in a temporary file beside the (symlink-resolved) target, with
 * the mode the target will have. Nothing visible changes until `commit`.
 */
export function stageFileWrite(path: string, content: string | Uint8Array, options: StageOptions = {}): StagedWrite {
  let dest: string;
  let tmp: OpenTemp | undefined;
  try {
    dest = resolveLinks(resolve(path));
    const existing = statOrUndefined(dest);
    if (existing?.isDirectory()) throw Object.assign(new Error(`EISDIR: ${dest} is a folder`), { code: 'EISDIR' });
    if (existing) accessSync(dest, constants.W_OK); // a read-only file stays as it is
    const mode = targetMode(existing?.mode, options);
    tmp = openTemp(dest, mode, content, options.deferFlush ?? false);
  } catch (e) {
    throw writeError(path, e);
  }
  const staged = tmp;
  let fd = staged.fd;
  const close = () => {
    if (fd === undefined) return;
    const open = fd;
    fd = undefined;
    closeSync(open);
  };
  return {
    dest,
    tmp: staged.path,
    flush: async () => {
      if (fd === undefined) return;
      const open = fd;
      try {
        await new Promise<void>((done, fail) => fsync(open, (e) => (e ? fail(e) : done())));
        close();
      } catch (e) {
        throw writeError(path, e);
      }
    },
    commit: () => {
      if (fd !== undefined) throw new Error(`${staged.path} was committed before it was flushed.`);
      renameSync(staged.path, dest);
    },
    discard: () => {
      try {
        close();
      } catch {
        /* already closed */
      }
      try {
        unlinkSync(staged.path);
      } catch {
        /* already gone */
      }
    },
  };
}

/**
 * The permission bits a written file gets: `exact` bits are set as they are; the others are what a new file is
 * created with, which the umask then reduces.
 */
export function targetMode(existingMode: number | undefined, options: AtomicWriteOptions): { readonly mode: number; readonly exact: boolean } {
  if (options.secret) return { mode: 0o600, exact: true };
  if (existingMode === undefined) return { mode: options.executable ? 0o777 : 0o666, exact: false };
  // Executable: add x wherever r is set (0644 -> 0755, 0600 -> 0700).
  const mode = existingMode & 0o7777;
  return { mode: options.executable ? mode | ((mode & 0o444) >> 2) : mode, exact: true };
}

/** A temporary file with its content; `fd` is still open when its flush was deferred. */
interface OpenTemp {
  readonly path: string;
  readonly fd?: number;
}

function openTemp(dest: string, { mode, exact }: ReturnType<typeof targetMode>, content: string | Uint8Array, deferFlush: boolean): OpenTemp {
  for (let attempt = 0; ; attempt++) {
    const tmp = join(dirname(dest), `.${basename(dest)}.catalyst-gen-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    let fd: number;
    try {
      fd = openSync(tmp, 'wx', mode);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 5) continue;
      throw e;
    }
    try {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
      if (exact) chmodSync(tmp, mode); // openSync's mode is masked by the umask, which new files keep
      if (deferFlush) return { path: tmp, fd };
      fsyncSync(fd);
      closeSync(fd);
      return { path: tmp };
    } catch (e) {
      try {
        closeSync(fd);
      } catch {
        /* already closed */
      }
      try {
        unlinkSync(tmp);
      } catch {
        /* nothing to remove */
      }
      throw e;
    }
  }
}

/** The name `openTemp` gives a temporary file, with the process that made it. */
const TEMP_NAME = /^\..+\.catalyst-gen-(\d+)-[0-9a-f]{8}\.tmp$/;

/**
 * Remove the temporary files that a run killed while writing left in `dir` (their process is gone), so that they
 * do not pile up or get committed. Called by the next run that holds the project's lock. The count removed.
 */
export function removeLeftoverTemps(dir: string): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const pid = TEMP_NAME.exec(name)?.[1];
    if (pid === undefined || processRuns(Number(pid))) continue;
    try {
      unlinkSync(join(dir, name));
      removed++;
    } catch {
      /* gone meanwhile */
    }
  }
  return removed;
}

function processRuns(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Follow symbolic links (also dangling ones, whose target is created) to the file that is really written. */
function resolveLinks(path: string): string {
  let p = path;
  for (let hops = 0; hops < 40; hops++) {
    let st;
    try {
      st = lstatSync(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return p;
      throw e;
    }
    if (!st.isSymbolicLink()) return p;
    p = resolve(dirname(p), readlinkSync(p));
  }
  throw Object.assign(new Error(`ELOOP: too many symbolic links (a symbolic link loop) at ${path}`), { code: 'ELOOP' });
}

function statOrUndefined(p: string) {
  try {
    return statSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function writeError(path: string, e: unknown): EnvironmentError {
  if (e instanceof EnvironmentError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const hint =
    code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
      ? ' (permission denied: the file or its folder is read-only for you)'
      : code === 'ENOTDIR'
        ? ' (a part of the path is a file, not a folder)'
        : code === 'ENOSPC'
          ? ' (the disk is full)'
          : '';
  return new EnvironmentError(`Cannot write ${path}: ${(e as Error).message}${hint}`, { cause: e });
}
