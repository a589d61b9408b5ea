import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';

/**
 * The fast half of `parseYamlSource`: js-yaml, set up to give exactly the value `yaml` (YAML 1.2, core schema,
 * no merge keys) gives, or to decline so the caller parses with `yaml` instead. Declining is always safe; a
 * wrong value is not, so anything where the two libraries could differ is declined:
 *
 * - scalars: js-yaml's default schema reads `1_000`, `0b1`, `+0x1` and `2001-12-14` (a Date) differently, and
 *   has `<<` merge keys; these four types copy the core schema's patterns from `yaml` (`dist/schema/core`);
 * - anchors and tags (`&a`, `!Ref`, `!!set`): `yaml` caps alias expansion and resolves tags its own way;
 * - directives (`%YAML 1.1` switches `yaml` to 1.1 scalars), explicit `?` keys and collections as keys (the two
 *   libraries turn them into different strings), null keys (`yaml` says `""`, js-yaml `"null"`);
 * - any js-yaml error (syntax, duplicate keys, several documents) and empty documents: the position-aware parse
 *   reports those with their line and column.
 * `test/perf/fast-parse.test.ts` checks the two parses agree on generated corpora, conformance files and edge cases.
 */
const scalar = (tag: string, resolve: (s: string) => boolean, construct: (s: string) => unknown) =>
  new Type(`tag:yaml.org,2002:${tag}`, { kind: 'scalar', resolve: (s: unknown) => typeof s === 'string' && resolve(s), construct: (s: string) => construct(s) });

const INT_OCT = /^0o[0-7]+$/;
const INT_DEC = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$|^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;

/**
 * Every scalar that is not a string in the core schema is empty or starts with one of `~nNtTfF.+-` or a digit;
 * most plain scalars in these files (names, commands, identifiers) fail this one comparison and skip the patterns.
 */
function mayBeNonString(s: string): boolean {
  const c = s.charCodeAt(0);
  return s.length === 0 || (c >= 48 && c <= 57) || 'nNtTfF~.+-'.includes(s[0]!);
}

/** Whether a plain scalar reads as a string in the core schema (not null, a boolean or a number). */
export function isCoreStringScalar(s: string): boolean {
  return !mayBeNonString(s) || !(NULL.test(s) || BOOL.test(s) || INT_OCT.test(s) || INT_DEC.test(s) || INT_HEX.test(s) || FLOAT_NAN.test(s) || FLOAT.test(s));
}

const CORE_LIKE_YAML = FAILSAFE_SCHEMA.extend({
  implicit: [
    scalar('null', (s) => mayBeNonString(s) && NULL.test(s), () => null),
    scalar('bool', (s) => mayBeNonString(s) && BOOL.test(s), (s) => s[0] === 't' || s[0] === 'T'),
    scalar(
      'int',
      (s) => mayBeNonString(s) && (INT_OCT.test(s) || INT_DEC.test(s) || INT_HEX.test(s)),
      (s) => (INT_OCT.test(s) ? parseInt(s.slice(2), 8) : INT_HEX.test(s) ? parseInt(s.slice(2), 16) : parseInt(s, 10)),
    ),
    scalar(
      'float',
      (s) => mayBeNonString(s) && (FLOAT_NAN.test(s) || FLOAT.test(s)),
      (s) => (FLOAT_NAN.test(s) ? (s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity) : parseFloat(s)),
    ),
  ],
});

/**
 * Constructs the fast path leaves to `yaml`; false positives (e.g. `!` in a shell line) only cost speed. Each
 * pattern that must look at every line start is guarded by a cheap search for what it cannot match without
 * (a null key needs `~` or `null`; a collection key needs `]` or `}` before a colon), because running them on
 * every file cost a sixth of the fast parse.
 */
const DECLINE: readonly (readonly [guard: RegExp | undefined, pattern: RegExp])[] = [
  [undefined, /(?:^|[\s[{,])[&!][^\s&=]/], // an anchor or a tag in front of a node
  [undefined, /^%/m], // a directive
  [undefined, /(?:^|[\s[{,])\?(?:[ \t]|$)/m], // an explicit key
  [/~|null|Null|NULL/, /^[ \t-]*(?:~|null|Null|NULL)?[ \t]*:(?:[ \t]|$)/m], // a null key (js-yaml says "null", yaml "")
  [undefined, /[[{,][ \t]*(?:~|null|Null|NULL)?[ \t]*:(?:[ \t,\]}]|$)/m], // the same in a flow mapping
  [/[\]}][ \t]*:/, /(?:^[ \t-]*|[[{,][ \t]*)[[{][^\n]*[\]}][ \t]*:(?:[ \t]|$)/m], // a flow collection used as a key
];

export type FastParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

export function parseYamlFast(text: string): FastParse {
  if (DECLINE.some(([guard, re]) => (guard === undefined || guard.test(text)) && re.test(text))) return { ok: false };
  let value: unknown;
  try {
    value = load(text, { schema: CORE_LIKE_YAML, json: false });
  } catch {
    return { ok: false };
  }
  // undefined: no document (yaml reports "empty"); null: let yaml decide between an empty and a null document.
  if (value === undefined || value === null) return { ok: false };
  return { ok: true, value };
}
