/**
 * The test kit for blueprint authors (`import { renderInMemory, assertValidBlueprint } from 'catalyst-gen/testing'`).
 * It runs a blueprint exactly as `catalyst-gen new` does (defaults, then the options given; the options schema;
 * render; every structured file through the same validators) but in memory: nothing is read from or written to
 * a project folder. It needs no test framework: results are plain values, and `assertValidBlueprint` throws an
 * Error whose message lists every problem with its file, line and column.
 */
import { definitionProblems, type Blueprint } from '../model/blueprint.js';
import type { FileKind, OwnershipMode } from '../model/project.js';
import { mergeOptions } from '../options/resolve.js';
import { validateOptions } from '../options/validate.js';
import { renderProject, templatesUsed } from '../render/project.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { hasErrors } from '../model/diagnostic.js';
import { validateFileMap } from '../validate/file.js';
import { formatDiagnosticsText } from '../validate/format.js';
import { loadTemplates } from '../io/templates.js';
import { parse as parseYaml } from 'yaml';

/** One file as `new` would write it. */
export interface TestFile {
  readonly path: string;
  readonly content: string;
  readonly kind: FileKind;
  readonly mode: OwnershipMode;
  readonly executable: boolean;
}

export interface InMemoryRender<O> {
  /** The options the blueprint rendered with: its defaults, then the options given. */
  readonly options: O;
  /** Every file, by path (sorted), as `new` would write it. Empty when the options are not valid. */
  readonly files: ReadonlyMap<string, TestFile>;
  /**
   * Every problem: the definition's (`BLUEPRINT-DEFINITION`), the options' (`OPTION-*`, file `options`), and each
   * rendered file's (its validators' codes, with the file's path, line and column). Warnings included.
   */
  readonly diagnostics: readonly Diagnostic[];
  /** The content of a rendered file; throws when the blueprint did not render it. */
  file(path: string): string;
  /** A rendered YAML or JSON file, parsed; throws when the blueprint did not render it. */
  value(path: string): unknown;
}

/**
 * Render a blueprint in memory with its defaults and `options` (deep-merged over them, lists replaced). Problems
 * are collected, not thrown; an exception thrown by the blueprint's `render` is not caught.
 */
export function renderInMemory<O>(blueprint: Blueprint<O>, options: DeepPartial<O> = {} as DeepPartial<O>): InMemoryRender<O> {
  const values = mergeOptions(blueprint.defaults, options) as O;
  const diagnostics: Diagnostic[] = definitionProblems(blueprint).map((message) => ({ code: 'BLUEPRINT-DEFINITION', severity: 'error' as const, message: `The blueprint definition: ${message}.` }));
  for (const f of validateOptions(blueprint as Blueprint<any>, values)) {
    diagnostics.push({ code: f.code, severity: f.severity, message: f.message, ...(f.fix ? { fix: f.fix } : {}), file: 'options', pointer: f.pointer });
  }
  const files = new Map<string, TestFile>();
  if (!hasErrors(diagnostics)) {
    const def = blueprint.render(values);
    const own = blueprint.templates ?? {};
    const templates = new Map([...Object.entries(own), ...loadTemplates(templatesUsed(def).filter((t) => !Object.hasOwn(own, t)))]);
    const rendered = renderProject(def, { blueprintId: blueprint.id, templates });
    diagnostics.push(...validateFileMap(rendered));
    for (const [path, f] of rendered) files.set(path, { path, content: f.content, kind: f.kind, mode: f.mode, executable: f.executable });
  }
  const file = (path: string): string => {
    const f = files.get(path);
    if (!f) throw new Error(`Blueprint "${blueprint.id}" rendered no file "${path}"; it rendered ${[...files.keys()].join(', ') || 'nothing'}.`);
    return f.content;
  };
  return { options: values, files, diagnostics, file, value: (path) => (path.endsWith('.json') ? (JSON.parse(file(path)) as unknown) : parseYaml(file(path))) };
}

/**
 * Render in memory and throw unless everything `new` checks passes: the definition, the options schema (with the
 * defaults and `options`), every rendered file's validators (errors; warnings are allowed, as `new` allows them),
 * and determinism (a second render gives the same bytes, which `update` relies on). Returns the render.
 */
export function assertValidBlueprint<O>(blueprint: Blueprint<O>, options: DeepPartial<O> = {} as DeepPartial<O>): InMemoryRender<O> {
  const result = renderInMemory(blueprint, options);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const sources = new Map([...result.files].map(([p, f]) => [p, f.content]));
    throw new Error(`Blueprint "${blueprint.id}" is not valid with these options:\n${formatDiagnosticsText(errors, { sources, color: false })}`);
  }
  const again = renderInMemory(blueprint, options);
  for (const [path, f] of result.files) {
    if (again.files.get(path)?.content !== f.content) throw new Error(`Blueprint "${blueprint.id}" is not deterministic: ${path} differs between two renders with the same options (a clock, a random value, an unordered map?).`);
  }
  if (again.files.size !== result.files.size) throw new Error(`Blueprint "${blueprint.id}" is not deterministic: two renders with the same options gave different files.`);
  return result;
}

/** Options as a test gives them: any part, at any depth (lists are given whole). */
export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { readonly [K in keyof T]?: DeepPartial<T[K]> } : T;
