/**
 * Plain scalars in the YAML 1.2 core schema, as `yaml` reads them: the patterns copy `yaml`'s
 * (`dist/schema/core`), so the block parser resolves `1_000`, `0b1`, `+0x1` and `2001-12-14` as strings, like it.
 */
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

/** The core schema's types other than strings, tried in this order (as `yaml` does). */
const CORE_TYPES: readonly { resolve(s: string): boolean; construct(s: string): unknown }[] = [
  { resolve: (s) => NULL.test(s), construct: () => null },
  { resolve: (s) => BOOL.test(s), construct: (s) => s[0] === 't' || s[0] === 'T' },
  {
    resolve: (s) => INT_OCT.test(s) || INT_DEC.test(s) || INT_HEX.test(s),
    construct: (s) => (INT_OCT.test(s) ? parseInt(s.slice(2), 8) : INT_HEX.test(s) ? parseInt(s.slice(2), 16) : parseInt(s, 10)),
  },
  {
    resolve: (s) => FLOAT_NAN.test(s) || FLOAT.test(s),
    construct: (s) => (FLOAT_NAN.test(s) ? (s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity) : parseFloat(s)),
  },
];

/** Whether a plain scalar reads as a string in the core schema (not null, a boolean or a number). */
export function isCoreStringScalar(s: string): boolean {
  return !mayBeNonString(s) || !CORE_TYPES.some((t) => t.resolve(s));
}

/** The value of a plain scalar in the core schema: null, a boolean, a number or the string itself. */
export function resolveCoreScalar(s: string): unknown {
  if (!mayBeNonString(s)) return s;
  for (const t of CORE_TYPES) if (t.resolve(s)) return t.construct(s);
  return s;
}

