import { createRequire } from 'node:module';
import type Handlebars from 'handlebars';

// Handlebars is loaded on the first render, not at import: validators import `shellQuote` from here, and
// `validate` must not pay for it. The build precompiles every template (`scripts/precompile.mjs`, into
// dist/compiled-templates/<name>.cjs), so an installed CLI needs only the small Handlebars runtime; a template
// whose text differs from the one it was precompiled from, or a run from source, compiles with the full library.
const requireLib = createRequire(import.meta.url);

interface PrecompiledTemplate {
  /** The template text it was made from. */
  readonly source: string;
  readonly spec: Parameters<typeof Handlebars.template>[0];
}

function loadPrecompiledTemplate(name: string, source: string): PrecompiledTemplate | undefined {
  if (!/^[A-Za-z0-9._/-]+$/.test(name) || name.split('/').includes('..')) return undefined;
  let mod: PrecompiledTemplate;
  try {
    mod = requireLib(`../../compiled-templates/${name}.cjs`) as PrecompiledTemplate;
  } catch (e) {
    if ((e as { code?: string }).code === 'MODULE_NOT_FOUND') return undefined;
    throw e;
  }
  return mod.source === source ? mod : undefined;
}

function registerHelpers(hb: typeof Handlebars): typeof Handlebars {
  hb.registerHelper('ts', (v: unknown) => JSON.stringify(v));
  hb.registerHelper('json', (v: unknown) => JSON.stringify(v, null, 2));
  hb.registerHelper('sh', (v: unknown) => shellQuote(String(v)));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('join', (v: unknown, sep: unknown) => (Array.isArray(v) ? v.join(typeof sep === 'string' ? sep : ', ') : ''));
  hb.registerHelper('inc', (v: unknown) => (typeof v === 'number' ? v + 1 : v));
  return hb;
}

/** The options every template is compiled with, here and in the build's precompile step. */
export const TEMPLATE_COMPILE_OPTIONS = { noEscape: true, strict: true } as const;

/** Template sources by name (path under `templates/`), loaded at the edge and handed in. */
export type TemplateSources = ReadonlyMap<string, string>;

/**
 * A private Handlebars environment: no HTML escaping (we write code and prose, not HTML), strict lookups
 * so a misspelled variable fails instead of rendering as empty, and escaping helpers for values that land
 * in code: `{{ts x}}` a TypeScript/JSON literal, `{{sh x}}` a single-quoted shell word.
 */
export function createTemplateEngine(
  sources: TemplateSources,
  /** Precompiled specs by template name (a blueprint's own, from the cache), used when given. @default none */
  precompiled: ReadonlyMap<string, unknown> = new Map(),
) {
  let full: typeof Handlebars | undefined;
  let runtime: typeof Handlebars | undefined;
  const compiler = () => (full ??= registerHelpers((requireLib('handlebars') as typeof Handlebars).create()));
  const runtimeEnv = () => (runtime ??= registerHelpers((requireLib('handlebars/runtime') as typeof Handlebars).create()));
  const cache = new Map<string, Handlebars.TemplateDelegate>();
  return {
    render(name: string, data: unknown): string {
      let fn = cache.get(name);
      if (!fn) {
        const src = sources.get(name);
        if (src === undefined) throw new Error(`Template "${name}" was not loaded.`);
        const spec = precompiled.get(name) ?? loadPrecompiledTemplate(name, src)?.spec;
        fn = spec ? runtimeEnv().template(spec as PrecompiledTemplate['spec']) : compiler().compile(src, TEMPLATE_COMPILE_OPTIONS);
        cache.set(name, fn);
      }
      return fn(data);
    },
  };
}

/** POSIX single-quote a word: safe for any content, including quotes, `$()` and newlines. */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
