// Public library API: re-exports only.
export { defineBlueprint } from './model/blueprint.js';
export type { Blueprint, BlueprintDefinition, OptionsSchema } from './model/blueprint.js';
export type { FileKind, JsonPart, OwnershipMode, ProjectDef, ProjectPart, TemplatePart, TextPart, YamlPart } from './model/project.js';
export { renderProject, generatedHeader } from './render/project.js';
export type { FileMap, RenderedFile } from './render/file-map.js';
export { serializeJson, serializeYaml, sortedRecord } from './render/serialize.js';
export { normalizeRelativePath, SAFE_SEGMENT_PATTERN } from './render/paths.js';
export { shellQuote } from './render/templates.js';
export type { Diagnostic, Finding, Severity } from './validate/diagnostic.js';
export { validateText, validateFileMap } from './validate/file.js';
export { parseYamlSource } from './validate/source.js';
export { formatDiagnosticsJson, formatDiagnosticsSarif, formatDiagnosticsText } from './validate/format.js';
export { CatalystError, ConflictError, EnvironmentError, InternalError, UsageError, ValidationError } from './errors.js';
