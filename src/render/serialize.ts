import { Document, isScalar, parse, Schema, visit, type ToStringOptions } from 'yaml';

/**
 * The one place structured output is stringified. Fixed options so the same value always gives the
 * same bytes: 2-space indent, no line folding, no anchors or aliases, LF, one trailing newline.
 */
export const YAML_OUTPUT_OPTIONS: ToStringOptions = {
  indent: 2,
  lineWidth: 0,
  minContentWidth: 0,
  indentSeq: true,
  defaultStringType: 'PLAIN',
  defaultKeyType: 'PLAIN',
  singleQuote: false,
  nullStr: 'null',
};

export interface YamlSerializeOptions {
  /**
   * Keys whose string values are written plain even where a YAML 1.1 reader would see a boolean: formats that
   * document plain `yes`/`no` flags (buildspec `git-credential-helper: yes`) want exactly that form.
   * @default []
   */
  readonly plainValuesOf?: readonly string[];
}

/** `header`: `# ...` comment lines to put above the document (generated-file header). */
export function serializeYaml(value: unknown, header?: string, options: YamlSerializeOptions = {}): string {
  const doc = new Document(value, { aliasDuplicateObjects: false, version: '1.2' });
  quoteYaml11Ambiguities(doc, new Set(options.plainValuesOf ?? []));
  if (header) doc.commentBefore = header.split('\n').map((l) => ` ${l}`).join('\n');
  return ensureTrailingNewline(doc.toString(YAML_OUTPUT_OPTIONS));
}

/**
 * We write YAML 1.2, but some readers of these files use YAML 1.1, where plain `yes`, `on`, `n`, `0755`, `1:20`
 * or `2024-01-01` are booleans, numbers or dates. Double-quote every string that a 1.1 reader would not read back
 * as the same string, so both readers agree.
 */
function quoteYaml11Ambiguities(doc: Document, plainValuesOf: ReadonlySet<string>): void {
  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && plainValuesOf.has(String(pair.key.value)) && isScalar(pair.value)) return visit.SKIP;
      return undefined;
    },
    Scalar(_key, node) {
      if (typeof node.value === 'string' && isYaml11Ambiguous(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
}

/**
 * Whether a YAML 1.1 reader would read this string, written plain, as something else (`yes`, `on`, `0755`,
 * `1:20`, `2024-01-01`). Such strings must be quoted. Pure; shared by the renderers and the edits of user files.
 *
 * The answer is what `yaml` parsing the string as a YAML 1.1 document gives. Parsing costs a lexer, a composer
 * and a document for every string scalar (a project has thousands), so most strings take a shortcut with the
 * same result: words of letters, digits, `_`, `.` and `-`, joined by single spaces or by colons inside a word,
 * are one plain scalar with no structure, and `yaml` resolves such a scalar by the first of its YAML 1.1 tags
 * whose test matches it (the same regular expressions, taken from its schema). Anything else is parsed, once
 * per string. `test/perf/new-startup.test.ts` checks the shortcut against the parse.
 */
export function isYaml11Ambiguous(value: string): boolean {
  if (value.length > 40 || !/^[\w.:+\-=<~ ]+$/.test(value)) return false;
  if (PLAIN_WORDS.test(value)) return yaml11Tests().some((test) => test.test(value));
  let hit = parsedAmbiguity.get(value);
  if (hit === undefined) {
    try {
      hit = parse(value, { version: '1.1' }) !== value;
    } catch {
      hit = true;
    }
    if (parsedAmbiguity.size >= 10_000) parsedAmbiguity.clear(); // a long-lived process edits many files
    parsedAmbiguity.set(value, hit);
  }
  return hit;
}

/**
 * One plain scalar without structure: no `: `, no trailing `:`, no leading space, `.` or `- `, no `#`. A leading
 * `-` is followed by a letter, digit or `_` (`-jar`, `-5`), never by `-` (`---` starts a document).
 */
const PLAIN_WORDS = /^-?[A-Za-z0-9_][\w.-]*(?::+[\w.-]+)*(?: [\w.-]+(?::+[\w.-]+)*)*$/;

let yaml11TagTests: readonly RegExp[] | undefined;
/** The tests `yaml` tries, in order, on a plain scalar outside a key in a YAML 1.1 document (`default: true`). */
function yaml11Tests(): readonly RegExp[] {
  return (yaml11TagTests ??= new Schema({ schema: 'yaml-1.1' }).tags.flatMap((t) => (t.default === true && t.test ? [t.test] : [])));
}

const parsedAmbiguity = new Map<string, boolean>();

export function serializeJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

export function ensureTrailingNewline(text: string): string {
  const lf = text.replace(/\r\n?/g, '\n');
  return lf.endsWith('\n') ? lf : lf + '\n';
}

/** Sort a free-form map by key (code point order), for deterministic output. Arrays keep their order. */
export function sortedRecord<V>(record: Readonly<Record<string, V>>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const k of Object.keys(record).sort(byCodePoint)) out[k] = record[k]!;
  return out;
}

export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
