import type { Diagnostic } from './model/diagnostic.js';

/**
 * The closed set of failures. Each maps to one exit code; the CLI's single top-level catch does the mapping.
 *   1 validation failed, conflict or drift   2 usage error   3 environment (I/O, AWS, permissions)   4 internal error
 */
const BRAND = Symbol.for('catalyst-gen.error');

export abstract class CatalystError extends Error {
  abstract readonly exitCode: 1 | 2 | 3 | 4;
  readonly [BRAND] = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  /**
   * `instanceof` across copies of this library: a blueprint's `import 'catalyst-gen'` loads the library's own
   * files while the command runs its bundled copy, so a `ValidationError` a blueprint throws (options it
   * refuses) is another class of the same name. Errors carry a brand; a class matches a branded error whose
   * prototype chain has a class of its name.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (typeof value !== 'object' || value === null || (value as Record<symbol, unknown>)[BRAND] !== true) return false;
    for (let p = Object.getPrototypeOf(value) as object | null; p; p = Object.getPrototypeOf(p) as object | null) {
      if ((p as { constructor?: { name?: string } }).constructor?.name === this.name) return true;
    }
    return false;
  }
}

/** Input that does not pass validation: options, files, names. Carries every finding at once. */
export class ValidationError extends CatalystError {
  readonly exitCode = 1 as const;
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[] = [],
    /** Source texts by file name, so the printer can show the offending line. */
    readonly sources: ReadonlyMap<string, string> = new Map(),
  ) {
    super(message);
  }
}

/** Files on disk that the tool would overwrite although the user changed them, or drift found by --check. */
export class ConflictError extends CatalystError {
  readonly exitCode = 1 as const;
  constructor(message: string, readonly paths: readonly string[] = []) {
    super(message);
  }
}

/** The command line itself is wrong: unknown command, blueprint or flag, missing argument. */
export class UsageError extends CatalystError {
  readonly exitCode = 2 as const;
}

/** Something outside the tool failed: the file system, the network, AWS, permissions. Always with the cause. */
export class EnvironmentError extends CatalystError {
  readonly exitCode = 3 as const;
}

/** A bug in catalyst-gen or a blueprint, e.g. a generated file that fails validation. */
export class InternalError extends CatalystError {
  readonly exitCode = 4 as const;
  constructor(message: string, readonly diagnostics: readonly Diagnostic[] = [], options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Blueprint code that is not catalyst-gen's (a file or a package) failed: it threw while loading or rendering,
 * or rendered files that fail validation. Exit 4 like an internal error, but the report goes to its authors.
 */
export class BlueprintError extends InternalError {
  constructor(
    message: string,
    /** How the blueprint is named in messages: `"hello" from ./hello.ts`. */
    readonly blueprint: string,
    diagnostics: readonly Diagnostic[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, diagnostics, options);
  }
}
