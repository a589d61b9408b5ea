import type { Document } from 'yaml';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Position } from './source.js';
import type { TagToken } from './yaml-limits.js';

/**
 * Explicit tags (`!!js/function`, `!Ref`, `!!binary`) in a file people wrote. catalyst-gen reads YAML 1.2 with
 * the core schema, where a tag it does not know is ignored (the value is read as written); the readers of the services
 * may reject the file instead, and some loaders build objects from such tags or run them as code. None of the
 * files catalyst-gen checks needs a tag, so each one is reported where it is written:
 *
 * - a language type in the `!!` namespace (`!!js/function`, `!!python/object/apply:os.system`,
 *   `!!javax.script.ScriptEngineManager`): an error, the shape of a deserialization attack;
 * - any other tag outside the core schema (`!Ref`, `!!binary`, `!!set`): a warning.
 */

const YAML_ORG = 'tag:yaml.org,2002:';
/** The YAML 1.2 core schema's tags: they say what the value is, as its plain form would. */
const CORE = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => YAML_ORG + t));
/** The YAML 1.1 type repository: data types, not code, but not read alike by every tool. */
const YAML_11_TYPES = new Set(['binary', 'merge', 'omap', 'pairs', 'set', 'timestamp', 'value', 'yaml'].map((t) => YAML_ORG + t));

export function tagFindings(tags: readonly TagToken[], doc: Document, file: string, at: (offset: number) => Position): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of tags) {
    const name = doc.directives?.tagName(t.source, () => {}) ?? t.source;
    if (name === '!' || CORE.has(name)) continue;
    const unsafe = name.startsWith(YAML_ORG) && !YAML_11_TYPES.has(name);
    out.push(
      unsafe
        ? {
            code: 'YAML-TAG-UNSAFE',
            severity: 'error',
            message: `The tag ${t.source} names a programming-language type: catalyst-gen ignores it and reads the value as written, but YAML loaders that construct such types (js-yaml's and PyYAML's unsafe loaders, SnakeYAML) build objects from it, or run it as code.`,
            fix: `Remove the tag ${t.source}; a devfile, workflow, buildspec or options file needs no tags.`,
            file,
            ...at(t.offset),
          }
        : {
            code: 'YAML-TAG-UNKNOWN',
            severity: 'warning',
            message: `The tag ${t.source} is not one of the YAML 1.2 core schema's (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq): catalyst-gen reads the value without it, other tools may read it differently or reject the file.`,
            fix: `Remove the tag ${t.source} (quote the value if it must stay a string).`,
            file,
            ...at(t.offset),
          },
    );
  }
  return out;
}
