import Handlebars from 'handlebars';

/** Template sources by name (path under `templates/`), loaded at the edge and handed in. */
export type TemplateSources = ReadonlyMap<string, string>;

/**
 * A private Handlebars environment: no HTML escaping (we write code and prose, not HTML), strict lookups
 * so a misspelled variable fails instead of rendering as empty, and escaping helpers for values that land
 * in code: `{{ts x}}` a TypeScript/JSON literal, `{{sh x}}` a single-quoted shell word.
 */
export function createTemplateEngine(sources: TemplateSources) {
  const hb = Handlebars.create();
  hb.registerHelper('ts', (v: unknown) => JSON.stringify(v));
  hb.registerHelper('json', (v: unknown) => JSON.stringify(v, null, 2));
  hb.registerHelper('sh', (v: unknown) => shellQuote(String(v)));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('join', (v: unknown, sep: unknown) => (Array.isArray(v) ? v.join(typeof sep === 'string' ? sep : ', ') : ''));
  const cache = new Map<string, Handlebars.TemplateDelegate>();
  return {
    render(name: string, data: unknown): string {
      let fn = cache.get(name);
      if (!fn) {
        const src = sources.get(name);
        if (src === undefined) throw new Error(`Template "${name}" was not loaded.`);
        fn = hb.compile(src, { noEscape: true, strict: true });
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
