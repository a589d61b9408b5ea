import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EnvironmentError, ValidationError } from '../errors.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { writeFileAtomic } from './atomic-write.js';
import { LIBRARY_SPECIFIERS, libraryGlobal, type LibrarySpecifier } from './library.js';
import { typeCheckBlueprint } from './blueprint-typecheck.js';
import { findUp } from './find-up.js';

/**
 * Blueprint code of the user's (a TypeScript or JavaScript file, or a package's entry) made into one ES module
 * that Node.js imports, without a build step of theirs:
 *
 * - esbuild bundles the file and the files it imports by relative path (TypeScript transpiled, never stripped
 *   by hand). `catalyst-gen` and `catalyst-gen/testing` are the running catalyst-gen's own modules, read from a
 *   global the loader sets (`exposeLibrary`): a one-file blueprint works in a folder with no node_modules, and
 *   the blueprint shares the command's copy of the library instead of loading a second one. Other packages
 *   stay where they are installed: they are imported from their resolved files, as if from the blueprint's
 *   folder.
 * - `import.meta.url` (and `dirname`, `filename`) in the user's files keep meaning those files, so a blueprint
 *   reads its own templates as it would unbundled.
 * - TypeScript is type-checked (see blueprint-typecheck.ts): a type error stops the run, as a syntax error does,
 *   with the file, line and column.
 *
 * The result is cached by content: `<cache>/blueprints/<key>.json` records, for one entry file, every input's
 * sha256 and the module made from them. A later run hashes the inputs again and imports the cached module when
 * all still match, without loading esbuild or TypeScript; any change compiles (and checks) again.
 */
export interface CompileOptions {
  /** The cache folder (`cacheDir()`). */
  readonly cacheDir: string;
  /** Folder paths in messages are shown relative to. */
  readonly cwd: string;
  /** The catalyst-gen version: its library is compiled in, so another version is another key. */
  readonly toolVersion: string;
}

interface CacheRecord {
  readonly version: 1;
  readonly entry: string;
  /** File name of the compiled module in the cache folder. */
  readonly output: string;
  /** Absolute path -> sha256 of every file the module was made from (sources, tsconfig.json, package.json). */
  readonly inputs: Readonly<Record<string, string>>;
  /** Files of installed packages the module imports: they must still exist. */
  readonly externals: readonly string[];
}

const FORMAT_VERSION = 1;
const SOURCE_FILE = /\.[cm]?[jt]sx?$/;
const TYPESCRIPT_FILE = /\.[cm]?tsx?$/;

/** Compile (or find in the cache) the module for a blueprint entry file; its file URL. */
export async function compileBlueprintModule(entry: string, options: CompileOptions): Promise<string> {
  const dir = join(options.cacheDir, 'blueprints');
  const key = sha256(`${FORMAT_VERSION}\0${entry}\0${options.toolVersion}`).slice(0, 32);
  const recordPath = join(dir, `${key}.json`);
  const cached = readCacheRecord(recordPath);
  if (cached && cached.entry === entry && isFresh(cached, dir)) return pathToFileURL(join(dir, cached.output)).href;

  const built = await bundle(entry, options.cwd, dir);
  const typescript = built.inputs.filter((p) => TYPESCRIPT_FILE.test(p));
  if (typescript.length > 0) {
    const problems = await typeCheckBlueprint(entry, { cacheDir: options.cacheDir, key });
    if (problems.length > 0) throw blueprintCodeError(entry, problems, options.cwd, 'has type errors');
  }
  const inputs: Record<string, string> = {};
  for (const p of [...built.inputs, ...configFilesOf(entry)]) inputs[p] = sha256(readFileSync(p));
  const output = `${sha256(built.code).slice(0, 32)}.mjs`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(join(dir, output), built.code);
    const record: CacheRecord = { version: FORMAT_VERSION, entry, output, inputs, externals: built.externals };
    writeFileAtomic(recordPath, JSON.stringify(record, null, 2) + '\n');
  } catch (e) {
    throw new EnvironmentError(`Cannot write the compiled blueprint to the cache folder ${dir} (set CATALYST_GEN_CACHE_DIR to use another): ${(e as Error).message}`, { cause: e });
  }
  return pathToFileURL(join(dir, output)).href;
}

function readCacheRecord(path: string): CacheRecord | undefined {
  try {
    const r = JSON.parse(readFileSync(path, 'utf8')) as CacheRecord;
    return r.version === FORMAT_VERSION && typeof r.output === 'string' && typeof r.inputs === 'object' && Array.isArray(r.externals) ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Every input still has the content it was compiled from, and every imported package file is still there. */
function isFresh(r: CacheRecord, dir: string): boolean {
  if (!/^[0-9a-f]{32}\.mjs$/.test(r.output) || !existsSync(join(dir, r.output))) return false;
  for (const [path, hash] of Object.entries(r.inputs)) {
    try {
      if (sha256(readFileSync(path)) !== hash) return false;
    } catch {
      return false;
    }
  }
  return r.externals.every((p) => existsSync(p));
}

/** The nearest tsconfig.json and package.json above the entry: they change how its code compiles. */
function configFilesOf(entry: string): string[] {
  const out: string[] = [];
  for (const name of ['tsconfig.json', 'package.json']) {
    const found = findUp(dirname(entry), name);
    if (found) out.push(found);
  }
  return out;
}

interface Bundled {
  readonly code: string;
  readonly inputs: string[];
  readonly externals: string[];
}

async function bundle(entry: string, cwd: string, outDir: string): Promise<Bundled> {
  const esbuild = await import('esbuild');
  const externals = new Set<string>();
  const workingDir = dirname(entry);
  const plugin: import('esbuild').Plugin = {
    name: 'catalyst-gen-blueprint',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if ((args.pluginData as { inner?: boolean } | undefined)?.inner) return undefined;
        const spec = args.path;
        if (spec === 'catalyst-gen' || spec.startsWith('catalyst-gen/')) {
          if (!(spec in LIBRARY_SPECIFIERS)) {
            return { errors: [{ text: `"${spec}" is not an entry point of catalyst-gen; import from "catalyst-gen" or "catalyst-gen/testing".` }] };
          }
          return { path: spec, namespace: 'catalyst-gen-library' };
        }
        if (isBuiltin(spec)) return { path: spec, external: true };
        if (spec.startsWith('.') || isAbsolute(spec)) return undefined;
        // A package: resolved from the importing file as Node.js would, then imported from where it is installed.
        const r = await b.resolve(spec, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { inner: true } });
        if (r.errors.length > 0) return { errors: r.errors };
        if (r.external || !r.path.split(sep).includes('node_modules')) return { path: r.path, external: r.external }; // a tsconfig path alias to own code
        externals.add(r.path);
        return { path: pathToFileURL(r.path).href, external: true };
      });
      b.onLoad({ filter: /.*/, namespace: 'catalyst-gen-library' }, (args) => ({
        contents: `const lib = globalThis[Symbol.for(${JSON.stringify(libraryGlobal(args.path as LibrarySpecifier).description)})];\nif (!lib) throw new Error('This module is a blueprint compiled by catalyst-gen; it runs inside catalyst-gen.');\nmodule.exports = lib;\n`,
        loader: 'js',
      }));
      // The user's own files: `import.meta.url` keeps naming the file it is written in, not the bundle.
      b.onLoad({ filter: SOURCE_FILE, namespace: 'file' }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        const url = pathToFileURL(args.path).href;
        const contents = text
          .replace(/\bimport\.meta\.url\b/g, JSON.stringify(url))
          .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(dirname(args.path)))
          .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(args.path));
        return { contents, loader: loaderOf(args.path), resolveDir: dirname(args.path) };
      });
    },
  };
  let result: import('esbuild').BuildResult<{ write: false; metafile: true }>;
  try {
    result = await esbuild.build({
      entryPoints: [entry],
      absWorkingDir: workingDir,
      bundle: true,
      write: false,
      // Where the module will be: the source map's paths are relative to it.
      outfile: join(outDir, 'blueprint.mjs'),
      format: 'esm',
      platform: 'node',
      target: 'node20',
      metafile: true,
      logLevel: 'silent',
      // Stack traces of a blueprint's own errors point at its source lines (process.setSourceMapsEnabled).
      sourcemap: 'inline',
      sourcesContent: false,
      plugins: [plugin],
    });
  } catch (e) {
    const failure = e as { errors?: import('esbuild').Message[] };
    if (!Array.isArray(failure.errors)) throw e;
    throw blueprintCodeError(entry, failure.errors.map((m) => esbuildDiagnostic(m, workingDir)), cwd, 'cannot be compiled');
  }
  const inputs = Object.keys(result.metafile.inputs)
    .filter((p) => !/^[a-z-]+:/.test(p)) // namespaced virtual inputs
    .map((p) => resolve(workingDir, p));
  return { code: result.outputFiles[0]!.text, inputs, externals: [...externals].sort() };
}

function loaderOf(path: string): 'ts' | 'tsx' | 'js' | 'jsx' {
  const ext = extname(path);
  return ext.endsWith('tsx') ? 'tsx' : ext.endsWith('ts') ? 'ts' : ext.endsWith('jsx') ? 'jsx' : 'js';
}

function esbuildDiagnostic(m: import('esbuild').Message, workingDir: string): Diagnostic {
  const loc = m.location;
  const notes = m.notes.map((n) => n.text).filter(Boolean);
  return {
    code: 'BLUEPRINT-SYNTAX',
    severity: 'error',
    message: [m.text, ...notes].join(' '),
    ...(loc ? { file: resolve(workingDir, loc.file), line: loc.line, col: loc.column + 1, ...(loc.length > 0 ? { endLine: loc.line, endCol: loc.column + 1 + loc.length } : {}) } : {}),
  };
}

/**
 * Problems in blueprint code, with the source lines they point at. Paths are shown relative to the current
 * folder when inside it. Nothing has been rendered or written yet.
 */
export function blueprintCodeError(entry: string, problems: readonly Diagnostic[], cwd: string, what: string): ValidationError {
  const show = (p: string) => {
    const rel = relative(cwd, p);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p;
  };
  const sources = new Map<string, string>();
  const diagnostics = problems.map((d) => {
    if (!d.file) return d;
    const file = show(d.file);
    if (!sources.has(file)) {
      try {
        sources.set(file, readFileSync(d.file, 'utf8'));
      } catch {
        /* the message stands without its source line */
      }
    }
    return { ...d, file };
  });
  return new ValidationError(`The blueprint ${show(entry)} ${what}; nothing was written.`, diagnostics, sources);
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
