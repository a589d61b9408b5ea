import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The public entry points of this package that blueprint code may import, by module specifier. */
export const LIBRARY_SPECIFIERS = { 'catalyst-gen': 'index', 'catalyst-gen/testing': 'testing/index' } as const;
export type LibrarySpecifier = keyof typeof LIBRARY_SPECIFIERS;

/** Where compiled blueprint code finds an entry point of the running catalyst-gen. */
export function libraryGlobal(specifier: LibrarySpecifier): symbol {
  return Symbol.for(`catalyst-gen.library:${specifier}`);
}

/**
 * Hand the running catalyst-gen's own modules to blueprint code: a compiled blueprint's `import 'catalyst-gen'`
 * reads them from a global (see blueprint-compile.ts), so the blueprint shares this process's copy (its classes,
 * its caches) and nothing is loaded twice. Called before a compiled blueprint module is imported.
 */
export async function exposeLibrary(): Promise<void> {
  const g = globalThis as Record<symbol, unknown>;
  g[libraryGlobal('catalyst-gen')] ??= await import('../index.js');
  g[libraryGlobal('catalyst-gen/testing')] ??= await import('../testing/index.js');
}

/**
 * The compiled file (and its declarations) of an entry point of the running catalyst-gen, for type-checking a
 * blueprint against the API it will run with. Next to this module in dist/ (dist/src/io -> dist/src/index.js);
 * run from source, the build's copy in dist/.
 */
export function libraryFile(specifier: LibrarySpecifier): { readonly js: string; readonly dts: string } {
  const rel = LIBRARY_SPECIFIERS[specifier];
  for (const base of ['../', '../../dist/src/']) {
    const js = fileURLToPath(new URL(`${base}${rel}.js`, import.meta.url));
    if (existsSync(js)) return { js, dts: js.replace(/\.js$/, '.d.ts') };
  }
  throw new Error(`catalyst-gen is installed incompletely: no compiled ${rel}.js (run "npm run build" in a clone).`);
}
