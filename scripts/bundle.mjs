// Build step (after tsc, copy-assets and precompile): the `catalyst-gen` command as one bundled file with a V8
// code cache, in dist/src/bundle/. Most of a short command's time (`new`, `list`, `validate` of one file) was
// loading and compiling modules: unbundled, `new three-tier-web` opens about 240 files (yaml, diff, commander,
// the Handlebars runtime and ~90 of ours) and compiles every function it calls. dist/src/cli/bin.js stays as it
// is: the tests and the library use the tsc output, and both must behave the same (test/cli/bundle.test.ts).
//
//   dist/src/bundle/bin.js       the command (package.json `bin`): scripts/bundle-loader.cjs, which compiles
//                                cli.js with cli.cache. CommonJS (package.json there), which starts sooner.
//   dist/src/bundle/cli.js       the CLI bundled by esbuild, as `(async function (require, __cgBundleUrl, __cgImport) {...})`
//   dist/src/bundle/cli.cache    V8's code cache for cli.js, made by running TRAINING through it at build time
//
// - One file, no code splitting: esbuild does not guarantee the evaluation order of modules across split
//   chunks. A module reached only through `await import()` is still evaluated when that import runs.
// - Node.js built-ins and EXTERNAL libraries are required when the code that imports them first runs (an ESM
//   import would be hoisted and load for every command, and would keep cli.js from being a plain function).
// - Libraries that code requires lazily with `createRequire(import.meta.url)(<name>)` are invisible to esbuild;
//   those in BUNDLED_REQUIRES are bundled all the same (still evaluated on the first call).
// - Code that finds files from `import.meta.url` gets the URL of its unbundled file, so the precompiled
//   validators and templates, schemas/, templates/ and package.json are found exactly as without the bundle.
import { spawnSync } from 'node:child_process';
import { builtinModules, createRequire } from 'node:module';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

/**
 * Loaded from node_modules, never bundled: big, and needed only by commands few runs use (CDK synthesis, the AWS
 * commands, security-diff, interactive prompts, compiling a blueprint of the user's: esbuild finds its binary
 * from its own package folder; the language server's protocol library). Each must be loadable with `require` (all
 * ship CommonJS).
 */
const EXTERNAL = ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', '@aws-cdk/*', '@aws-sdk/*', '@inquirer/*', 'esbuild', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-textdocument'];

/**
 * Libraries our code requires lazily through `createRequire(import.meta.url)` that the bundle carries: each such
 * call becomes a `require` esbuild resolves. The Handlebars runtime renders every template of `new` (22 files
 * unbundled), and `yaml` is bundled anyway for serializing, so the position-aware parse uses that copy. The rest of those calls stay as they are: ajv and the
 * Handlebars compiler (only when something was not precompiled) and the precompiled modules (data read by path).
 */
const BUNDLED_REQUIRES = ['handlebars/runtime', 'yaml'];

/**
 * What the code cache is made from: each command run once through cli.js at build time, in one process (`<dir>`
 * is an empty temporary folder). V8 caches what these runs compiled; anything else is compiled as it is used.
 */
const TRAINING = (dir, blueprints) => [
  ['--version'],
  ['list'],
  ['show', blueprints[0]],
  ...blueprints.map((id) => ['new', id, join(dir, id), '--no-input']),
  ...blueprints.map((id) => ['validate', join(dir, id)]),
];

const OUT_DIR = 'dist/src/bundle';

const root = process.cwd();
const outAbs = resolve(OUT_DIR);
const distAbs = join(root, 'dist') + sep;
const builtins = new Set(builtinModules);
const externalPatterns = EXTERNAL.map((p) => new RegExp(`^${p.replace(/[.]/g, '\\.').replace('*', '.+')}$`));
const bundledRequiresSeen = new Set();

async function bundle() {
  // Built beside OUT_DIR (same depth, so the same relative paths) and swapped in at the end: a test or a benchmark
  // running the command meanwhile sees the old bundle or the new one, never half of one.
  const work = `${OUT_DIR}.${process.pid}.tmp`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    await bundleInto(work);
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
  rmSync(OUT_DIR, { recursive: true, force: true });
  renameSync(work, OUT_DIR);
}

async function bundleInto(work) {
  const { build } = await import('esbuild');
  const common = {
    bundle: true,
    splitting: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Error classes name themselves from `new.target.name`; esbuild would rename two classes of the same name.
    keepNames: true,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    plugins: [requiredAtFirstUse, ourModules],
  };

  const cli = await build({ ...common, entryPoints: ['dist/src/cli/bin.js'], write: false, outdir: work });
  const kept = Object.values(cli.metafile.outputs)[0].imports.filter((i) => i.kind !== 'require-call');
  if (kept.length > 0) throw new Error(`bundle: cli.js would keep ${kept.map((i) => `${i.kind} ${i.path}`).join(', ')}; it must be a plain function.`);
  const code = cli.outputFiles[0].text.replace(/^#!.*\n/, '');
  if (code.includes('import.meta')) throw new Error('bundle: cli.js uses import.meta, which a function cannot.');
  // An import() esbuild could not resolve (a computed specifier) would fail at run time in a function compiled by vm.
  if (/\bimport\s*\(/.test(code)) throw new Error('bundle: cli.js calls import() on something esbuild could not bundle; use a literal specifier, or require it.');
  // The ES module without imports or exports, as the body of a function: its top-level awaits become the
  // function's, and its strictness is made explicit.
  writeFileSync(join(work, 'cli.js'), `(async function (require, __cgBundleUrl, __cgImport) {"use strict";\n${code}\n})\n`);
  copyFileSync('scripts/bundle-loader.cjs', join(work, 'bin.js'));
  chmodSync(join(work, 'bin.js'), 0o755);
  writeFileSync(join(work, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);

  const missing = BUNDLED_REQUIRES.filter((n) => !bundledRequiresSeen.has(n));
  if (missing.length > 0) console.warn(`bundle: no createRequire(import.meta.url) call loads ${missing.join(', ')} any more; check BUNDLED_REQUIRES in scripts/bundle.mjs.`);

  // The code cache, from a fresh process with Node.js's default flags: V8 accepts a cache only under the flags
  // (and the version) it was made with. The run doubles as a smoke test of the bundle.
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--train', work], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`bundle: the bundled CLI failed its training run (exit ${run.status}):\n${run.stderr}`);
}

/** Run TRAINING through cli.js, in this process, then write what V8 compiled as cli.cache. */
async function train(outDir) {
  const file = resolve(outDir, 'cli.js');
  // Named as it will be once moved into place: the code cache keeps this name, and stack traces would otherwise
  // show a build folder that no longer exists.
  const script = new Script(readFileSync(file, 'utf8'), { filename: join(outAbs, 'cli.js') });
  const main = script.runInThisContext();
  const { catalogueEntries } = await import(pathToFileURL(resolve('dist/blueprints/catalogue.js')).href);
  const dir = mkdtempSync(join(tmpdir(), 'catalyst-gen-bundle-'));
  try {
    for (const argv of TRAINING(dir, catalogueEntries.map((b) => b.id))) {
      process.argv = [process.execPath, resolve(outDir, 'bin.js'), ...argv];
      process.exitCode = undefined;
      await main(createRequire(file), pathToFileURL(file).href, (url) => import(url));
      if ((process.exitCode ?? 0) !== 0) throw new Error(`"catalyst-gen ${argv.join(' ')}" exited with ${process.exitCode}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  writeFileSync(resolve(outDir, 'cli.cache'), script.createCachedData());
}

/** Node.js built-ins and EXTERNAL imports become `require` calls inside CommonJS stubs, run on first use. */
const requiredAtFirstUse = {
  name: 'required-at-first-use',
  setup(b) {
    b.onResolve({ filter: /^[@a-z]/ }, (args) => {
      const builtin = args.path.startsWith('node:') || builtins.has(args.path);
      if (!builtin && !externalPatterns.some((re) => re.test(args.path))) return undefined;
      if (args.namespace === 'required-at-first-use') return { path: args.path, external: true };
      return { path: args.path, namespace: 'required-at-first-use' };
    });
    b.onLoad({ filter: /.*/, namespace: 'required-at-first-use' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

/**
 * The one module that imports code by URL at run time (a blueprint of the user's, compiled): a function compiled by
 * `vm.Script` cannot call `import()`, so it calls the importer bin.js passes in.
 */
const IMPORT_MODULE = join(distAbs, 'src', 'io', 'import-module.js');

/**
 * Our compiled modules, as esbuild reads them:
 * - `import-module.js` calls `__cgImport`, the loader's `import()`;
 * - `import.meta.url` is the URL of the module's own compiled file (`new URL('<path from the bundle folder>',
 *   __cgBundleUrl).href`), so every path built from it, and every `createRequire` resolution, is unchanged.
 * - `<r>('<name>')` where `const <r> = createRequire(import.meta.url)` and <name> is in BUNDLED_REQUIRES becomes
 *   `require('<name>')`, which esbuild bundles.
 */
const ourModules = {
  name: 'our-modules',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, (args) => {
      const file = args.path;
      if (!file.startsWith(distAbs) || file.startsWith(outAbs + sep)) return undefined;
      if (file === IMPORT_MODULE) return { contents: 'export function importModule(url) { return __cgImport(url); }\n', loader: 'js' };
      let text = readFileSync(file, 'utf8');
      if (!text.includes('import.meta')) return undefined;
      for (const [, fn] of text.matchAll(/\b(?:const|let|var)\s+([\w$]+)\s*=\s*createRequire\(\s*import\.meta\.url\s*\)/g)) {
        for (const name of BUNDLED_REQUIRES) {
          const call = new RegExp(`(?<![\\w$.])${fn.replace(/\$/g, '\\$')}\\(\\s*(['"])${name.replace(/[./]/g, '\\$&')}\\1\\s*\\)`, 'g');
          text = text.replace(call, () => {
            bundledRequiresSeen.add(name);
            return `require(${JSON.stringify(name)})`;
          });
        }
      }
      const own = `new URL(${JSON.stringify(relative(outAbs, file).split(sep).join('/'))}, __cgBundleUrl).href`;
      text = text.replaceAll('import.meta.url', `(${own})`);
      if (text.includes('import.meta')) return { errors: [{ text: `${relative(root, file)} uses import.meta other than import.meta.url, which the bundle does not support.` }] };
      return { contents: text, loader: 'js' };
    });
  },
};

if (process.argv[2] === '--train') await train(process.argv[3]);
else await bundle();
