import { dirname, resolve } from 'node:path';
import { ValidationError } from '../errors.js';
import { parseSourceSpec, type CodeSourceSpec } from '../model/blueprint-source.js';
import { isRecord } from '../model/values.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { parseYamlSource } from '../validate/source.js';
import { findUp } from './find-up.js';
import { userConfigFile } from './user-dirs.js';
import { readTextIfExists } from './read-file.js';

/** The project's catalogue file, found in the current folder or the nearest parent that has one. */
export const PROJECT_CONFIG_FILE = '.catalyst-gen.yaml';

/** One blueprint source a catalogue file lists, with paths made absolute from the file's folder. */
export interface ConfiguredSource {
  /** The folder of the file that lists it: packages are looked up in node_modules from there. */
  readonly base: string;
  readonly spec: CodeSourceSpec;
  /** As written in the file, for messages. */
  readonly text: string;
  /** `file:line` where it is listed. */
  readonly where: string;
}

/**
 * The extra blueprint sources of the catalogue files that apply here: the user's (XDG config folder) first,
 * then the project's. A file lists sources, never ids:
 *
 * ```yaml
 * blueprints:
 *   - ./blueprints/service.ts          # a file or folder, relative to this file
 *   - "@acme/platform-blueprints@^2"   # an npm package (a version or range is optional)
 * ```
 */
export function readCatalogueConfigs(cwd: string, env: Readonly<Record<string, string | undefined>> = process.env): ConfiguredSource[] {
  const files = [userConfigFile(env), findUp(resolve(cwd), PROJECT_CONFIG_FILE)].filter((f): f is string => f !== undefined);
  const out: ConfiguredSource[] = [];
  for (const file of [...new Set(files)]) {
    const text = readTextIfExists(file, 'catalogue file');
    if (text !== undefined) out.push(...parseCatalogueConfig(text, file));
  }
  return out;
}

/** The sources one catalogue file lists; every problem in it at once, with its line. */
export function parseCatalogueConfig(text: string, file: string): ConfiguredSource[] {
  const parsed = parseYamlSource(text, file);
  if (!parsed.ok) throw new ValidationError(`The catalogue file ${file} is not valid YAML.`, parsed.diagnostics, new Map([[file, text]]));
  const { source } = parsed;
  const problems: Diagnostic[] = [];
  const problem = (pointer: string, message: string, fix?: string, atKey = false) =>
    problems.push({ code: 'CATALOGUE-CONFIG', severity: 'error', message, ...(fix ? { fix } : {}), file, pointer, ...(source.locate(pointer, atKey) ?? {}) });
  const value = source.value ?? {};
  const out: ConfiguredSource[] = [];
  if (!isRecord(value)) {
    problem('', 'A catalogue file is a mapping with one key, "blueprints".', 'Write "blueprints:" followed by a list of sources.');
  } else {
    for (const key of Object.keys(value)) if (key !== 'blueprints') problem(`/${key}`, `Unknown key "${key}"; a catalogue file has only "blueprints".`, undefined, true);
    const list = value['blueprints'] ?? [];
    if (!Array.isArray(list)) problem('/blueprints', '"blueprints" must be a list of blueprint sources.', 'e.g. - ./blueprints/service.ts or - "@acme/blueprints@^2"');
    else
      list.forEach((item, i) => {
        const pointer = `/blueprints/${i}`;
        if (typeof item !== 'string') return problem(pointer, `Item ${i} is ${JSON.stringify(item)}; each item is a source written as a string.`);
        const spec = parseSourceSpec(item);
        if (!spec.ok) return problem(pointer, `${spec.reason}.`);
        if (spec.spec.kind === 'catalogue') {
          return problem(pointer, `"${item}" is a blueprint id; a catalogue file lists where blueprints come from.`, `Write a path (./${item}.ts) or a package (@scope/${item}, npm:${item}).`);
        }
        const pos = source.locate(pointer);
        out.push({
          base: dirname(file),
          spec: spec.spec.kind === 'path' ? { ...spec.spec, path: resolve(dirname(file), spec.spec.path) } : spec.spec,
          text: item,
          where: `${file}${pos ? `:${pos.line}` : ''}`,
        });
      });
  }
  if (problems.length > 0) throw new ValidationError(`The catalogue file ${file} is not valid; nothing was done.`, problems, new Map([[file, text]]));
  return out;
}
