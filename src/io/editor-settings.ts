import type { FileMap, RenderedFile } from '../model/file-map.js';
import { byCodePoint, serializeJson } from '../render/serialize.js';
import { devfileSchemaName } from '../validate/devfile/schema-layer.js';
import { parseYamlSource } from '../validate/source.js';
import { schemaDocument } from './schema-document.js';

/**
 * What a generated project carries so that an editor checks its devfile, workflows and buildspecs against the
 * schemas `validate` uses, offline and without catalyst-gen installed: the schemas themselves, and
 * `.vscode/settings.json` mapping them with `yaml.schemas`, the setting of Red Hat's YAML extension
 * (redhat.vscode-yaml) and of the yaml-language-server it runs.
 *
 * - Settings, not a `# yaml-language-server: $schema=...` modeline in each file: a modeline would be a line in
 *   files CodeCatalyst reads and the user owns (the devfile is merged), would hold a path relative to each file
 *   that breaks when a workflow is copied elsewhere, and would not cover a workflow the user adds; one glob for
 *   `.codecatalyst/workflows/` does.
 * - The schemas in `.vscode/schemas/`, not `.catalyst-gen/`: that folder is catalyst-gen's bookkeeping, which no
 *   generated file may be under (the renderer and the manifest parser refuse it); beside the settings, the two
 *   are committed (or ignored) together.
 * - The schemas are managed, so `update` rewrites them with the catalyst-gen that runs it; the settings are a
 *   seed file, like every user-owned JSON file here: VS Code itself writes workspace settings into it and users
 *   add theirs, with comments the JSON merge cannot parse, so after the first write it is the user's. The cost:
 *   an option change that adds a kind of file (a buildspec where there was a workflow) adds its schema but not
 *   its mapping; the README says what to add.
 * - No JetBrains file: JetBrains IDEs keep schema mappings in `.idea/jsonSchemas.xml`, a format they do not
 *   document, and it would be the only file of an `.idea/` folder the IDE otherwise sets up itself on first open
 *   (modules, interpreter); the language server (README, "Editors") gives JetBrains users the same checks.
 */
export const EDITOR_SETTINGS_PATH = '.vscode/settings.json';
export const EDITOR_SCHEMA_DIR = '.vscode/schemas';

const WORKFLOW_DIR = '.codecatalyst/workflows/';

/** A schema as `catalyst-gen schema <name> [--lenient]` gives it, and the file a project keeps it in. */
interface SchemaChoice {
  readonly name: string;
  readonly lenient: boolean;
}

/**
 * The schema `validate` checks a rendered file against, or undefined for kinds without one. Workflows: the
 * lenient copy, because `validate` accepts (and only warns about) the spellings it adds, so an editor must not
 * mark them as errors. Devfiles: the schema of the file's own `schemaVersion`, chosen as `validate` chooses it
 * (generated devfiles pass the CodeCatalyst profile, so 2.0.0).
 */
function schemaFor(file: RenderedFile): SchemaChoice | undefined {
  switch (file.kind) {
    case 'workflow':
      return { name: 'workflow', lenient: true };
    case 'buildspec':
      return { name: 'buildspec', lenient: false };
    case 'devfile': {
      const parsed = parseYamlSource(file.content, file.path);
      const value = parsed.ok ? (parsed.source.value as Record<string, unknown> | null) : undefined;
      const name = devfileSchemaName(value?.['schemaVersion']);
      // No schema for the version: validate has none either (and refuses the file), so there is nothing to map.
      return name ? { name, lenient: false } : undefined;
    }
    default:
      return undefined;
  }
}

function schemaPath(choice: SchemaChoice): string {
  return `${EDITOR_SCHEMA_DIR}/${choice.name}${choice.lenient ? '.lenient' : ''}.schema.json`;
}

/**
 * The globs that associate a file with its schema. A leading `/` anchors the path at a folder boundary in both
 * ways yaml-language-server reads globs (a regular expression matched at the end of the file's URI, and a
 * `**`-prefixed glob), so `/devfile.yaml` does not catch `my-devfile.yaml`. Workflows in CodeCatalyst's folder
 * get the folder's globs, so workflows added later are checked too; anything else is mapped by its own path.
 */
function globsFor(file: RenderedFile): string[] {
  const inWorkflowDir = file.path.startsWith(WORKFLOW_DIR) && !file.path.slice(WORKFLOW_DIR.length).includes('/');
  if (file.kind === 'workflow' && inWorkflowDir) return [`/${WORKFLOW_DIR}*.yaml`, `/${WORKFLOW_DIR}*.yml`];
  return [`/${file.path}`];
}

/**
 * Pure given the schema assets: the files to add to a render, none when it has no devfile, workflow or buildspec,
 * or when the blueprint renders one of these paths itself (its authors chose the editor set-up).
 */
export function editorSettingsFiles(files: FileMap): RenderedFile[] {
  const extra = editorFiles(files);
  return extra.some((f) => files.has(f.path)) ? [] : extra;
}

function editorFiles(files: FileMap): RenderedFile[] {
  const bySchema = new Map<string, { choice: SchemaChoice; globs: Set<string> }>();
  for (const file of files.values()) {
    const choice = schemaFor(file);
    if (!choice) continue;
    const path = schemaPath(choice);
    const entry = bySchema.get(path) ?? { choice, globs: new Set<string>() };
    for (const g of globsFor(file)) entry.globs.add(g);
    bySchema.set(path, entry);
  }
  if (bySchema.size === 0) return [];
  const schemas = [...bySchema.entries()].sort(([a], [b]) => byCodePoint(a, b));
  const json = (path: string, value: unknown, mode: RenderedFile['mode']): RenderedFile => ({ path, content: serializeJson(value), mode, kind: 'json', executable: false });
  // `./`: yaml-language-server reads a relative schema path from the workspace root, the project folder.
  const settings = { 'yaml.schemas': Object.fromEntries(schemas.map(([path, e]) => [`./${path}`, [...e.globs].sort(byCodePoint)])) };
  return [...schemas.map(([path, e]) => json(path, schemaDocument(e.choice.name, e.choice.lenient), 'managed')), json(EDITOR_SETTINGS_PATH, settings, 'seed')];
}

/** The render with the editor files added, in code-point order like every file map. */
export function withEditorSettings(files: FileMap): FileMap {
  const extra = editorSettingsFiles(files);
  if (extra.length === 0) return files;
  return new Map([...files, ...extra.map((f): [string, RenderedFile] => [f.path, f])].sort(([a], [b]) => byCodePoint(a, b)));
}
