import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { EnvironmentError } from '../errors.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { findUp } from './find-up.js';
import { runProcess } from './run-process.js';
import { LIBRARY_SPECIFIERS, libraryFile, type LibrarySpecifier } from './library.js';

/**
 * Type-check a TypeScript blueprint with the TypeScript compiler catalyst-gen ships, before it runs: a schema
 * that does not match the options interface, a wrong part type or a typo is reported as `tsc` reports it, with
 * file, line and column. Only on a cache miss (new or changed code); a cached blueprint is not checked again.
 *
 * The check uses the blueprint's own tsconfig.json when it has one (the nearest above the file), else strict
 * settings that match how esbuild compiles it (`module: preserve`, bundler resolution). `catalyst-gen` resolves
 * to the running copy's declarations unless the blueprint's folder has catalyst-gen installed; Node.js types come
 * with catalyst-gen, so a one-file blueprint that imports `node:fs` checks without a node_modules of its own.
 * Two settings of the blueprint's own tsconfig are replaced: `typeRoots` (the default places, then catalyst-gen's)
 * and, when catalyst-gen is not installed beside it, `paths`.
 */
export async function typeCheckBlueprint(entry: string, at: { readonly cacheDir: string; readonly key: string }): Promise<Diagnostic[]> {
  const require = createRequire(import.meta.url);
  const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
  const dir = join(at.cacheDir, 'typecheck', at.key);
  const config = join(dir, 'tsconfig.json');
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(config, JSON.stringify(checkConfig(entry, require), null, 2) + '\n');
  } catch (e) {
    throw new EnvironmentError(`Cannot write a type-check configuration under ${dir}: ${(e as Error).message}`, { cause: e });
  }
  const { code, output } = await runProcess(process.execPath, [tsc, '-p', config, '--pretty', 'false'], { cwd: dirname(entry), what: 'the TypeScript compiler' });
  const diagnostics = parseTscOutput(output, dirname(entry));
  if (code !== 0 && diagnostics.length === 0) {
    throw new EnvironmentError(`The TypeScript compiler failed while checking ${entry} (exit ${code}): ${output.trim().slice(0, 2000)}`);
  }
  return diagnostics;
}

function checkConfig(entry: string, require: NodeRequire): Record<string, unknown> {
  const own = findUp(dirname(entry), 'tsconfig.json');
  const installed = findUp(dirname(entry), join('node_modules', 'catalyst-gen', 'package.json'));
  const paths = installed
    ? undefined
    : Object.fromEntries(Object.keys(LIBRARY_SPECIFIERS).map((s) => [s, [libraryFile(s as LibrarySpecifier).dts]]));
  let nodeTypes: string | undefined;
  try {
    nodeTypes = dirname(dirname(require.resolve('@types/node/package.json')));
  } catch {
    nodeTypes = undefined;
  }
  // Where TypeScript looks for type packages by default (every node_modules/@types up from the blueprint), then
  // catalyst-gen's own: a blueprint whose tsconfig asks for "node" types checks before its npm install.
  const typeRoots = [...typeRootsAbove(dirname(entry)), ...(nodeTypes ? [nodeTypes] : [])];
  const defaults = {
    target: 'es2022',
    module: 'preserve',
    moduleResolution: 'bundler',
    lib: ['es2023'],
    strict: true,
    skipLibCheck: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    allowImportingTsExtensions: true,
    types: nodeTypes ? ['node'] : [],
  };
  return {
    ...(own ? { extends: own } : {}),
    compilerOptions: { ...(own ? {} : defaults), noEmit: true, typeRoots, ...(paths ? { paths } : {}) },
    files: [entry],
    include: [],
  };
}

function typeRootsAbove(from: string): string[] {
  const out: string[] = [];
  for (let d = from; ; d = dirname(d)) {
    const p = join(d, 'node_modules', '@types');
    if (existsSync(p)) out.push(p);
    if (dirname(d) === d) return out;
  }
}

/**
 * `file(line,col): error TS1234: message` lines (continuation lines indented below them) as diagnostics; tsc
 * prints paths relative to the folder it ran in.
 */
export function parseTscOutput(output: string, ranIn: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  let last: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } | undefined;
  for (const line of output.split(/\r?\n/)) {
    const located = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    const global = /^error (TS\d+): (.*)$/.exec(line);
    if (located) {
      last = { code: 'BLUEPRINT-TYPE', severity: 'error', message: `${located[5]} (${located[4]})`, file: resolve(ranIn, located[1]!), line: Number(located[2]), col: Number(located[3]) };
      out.push(last);
    } else if (global) {
      last = { code: 'BLUEPRINT-TYPE', severity: 'error', message: `${global[2]} (${global[1]})` };
      out.push(last);
    } else if (last && /^\s+\S/.test(line)) {
      last.message = `${last.message} ${line.trim()}`;
    }
  }
  return out;
}
