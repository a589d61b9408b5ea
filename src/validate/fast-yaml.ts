import { createRequire } from 'node:module';
import type { Schema } from 'js-yaml';
import { CORE_TYPES, mayBeNonString } from './core-scalars.js';
import { MAX_YAML_DEPTH } from './yaml-limits.js';

/**
 * The second fast parser of `parseYamlSource`, for what `block-yaml.ts` declines: js-yaml, set up to give
 * exactly the value `yaml` (YAML 1.2, core schema, no merge keys) gives, or to decline so the caller parses with
 * `yaml` instead. Declining is always safe; a wrong value is not, so anything where the two libraries could
 * differ is declined:
 *
 * - scalars: js-yaml's default schema reads `1_000`, `0b1`, `+0x1` and `2001-12-14` (a Date) differently, and
 *   has `<<` merge keys; the core schema's types come from `core-scalars.ts` instead;
 * - anchors and tags (`&a`, `!Ref`, `!!set`): `yaml` caps alias expansion and resolves tags its own way;
 * - directives (`%YAML 1.1` switches `yaml` to 1.1 scalars), explicit `?` keys and collections as keys (the two
 *   libraries turn them into different strings), null keys (`yaml` says `""`, js-yaml `"null"`);
 * - any js-yaml error (syntax, duplicate keys, several documents) and empty documents: the position-aware parse
 *   reports those with their line and column;
 * - nesting deeper than MAX_YAML_DEPTH, which the position-aware parse refuses with its line.
 * `test/perf/fast-parse.test.ts` checks the two parses agree on generated corpora, conformance files and edge cases.
 */
// Most files never get here (the block parser reads them), so js-yaml is loaded on first use.
const requireLib = createRequire(import.meta.url);
let jsYaml: { load: typeof import('js-yaml').load; schema: Schema } | undefined;
function loadJsYaml(): NonNullable<typeof jsYaml> {
  if (!jsYaml) {
    const { FAILSAFE_SCHEMA, Type, load } = requireLib('js-yaml') as typeof import('js-yaml');
    const schema = FAILSAFE_SCHEMA.extend({
      implicit: CORE_TYPES.map(
        (t) => new Type(`tag:yaml.org,2002:${t.tag}`, { kind: 'scalar', resolve: (s: unknown) => typeof s === 'string' && mayBeNonString(s) && t.resolve(s), construct: t.construct }),
      ),
    });
    jsYaml = { load, schema };
  }
  return jsYaml;
}

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

/** Thrown by the depth listener (a shared object: no stack to capture). */
const TOO_DEEP = { tooDeep: true };

export type FastParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

export function parseYamlFast(text: string): FastParse {
  if (DECLINE.some(([guard, re]) => (guard === undefined || guard.test(text)) && re.test(text))) return { ok: false };
  let value: unknown;
  // js-yaml recurses once per level and has no limit of its own: stop it at MAX_YAML_DEPTH (a node inside that
  // many), long before the stack runs out, and let `yaml` say where the file is too deep.
  let depth = 0;
  const listener = (event: 'open' | 'close') => {
    if (event === 'close') depth--;
    else if (++depth > MAX_YAML_DEPTH) throw TOO_DEEP;
  };
  try {
    const { load, schema } = loadJsYaml();
    value = load(text, { schema, json: false, listener });
  } catch {
    return { ok: false };
  }
  // undefined: no document (yaml reports "empty"); null: let yaml decide between an empty and a null document.
  if (value === undefined || value === null) return { ok: false };
  return { ok: true, value };
}
