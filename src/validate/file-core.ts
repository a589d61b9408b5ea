/**
 * The validation entry points. Each finds a kind's validator through `validators`: by default the ones loaded
 * lazily (a caller that imports this module directly, the `validate` command, must `await loadValidators(kinds)`
 * for the kinds it validates first); `file.ts` exports the same functions with every validator at hand.
 */
import type { FileKind } from '../model/project.js';
import type { FileMap } from '../model/file-map.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { sortDiagnostics } from '../model/diagnostic.js';
import { detectKind, detectKindFromContent, validatorFor, type ValidateOptions, type ValidatorLookup } from './registry.js';
import { parseYamlSource, type ParseResult } from './source.js';
import { decodeText } from './text.js';

/** Parse a file of a known kind and run its validator. Text files have nothing to check. */
export function validateText(text: string, file: string, kind: FileKind, options: ValidateOptions = {}, validators: ValidatorLookup = validatorFor): Diagnostic[] {
  if (kind === 'text') return [];
  return validateParsed(parseYamlSource(text, file), kind, options, validators);
}

/** `validateText` for a file already parsed with `parseYamlSource` (by a caller that read its content first). */
export function validateParsed(parsed: ParseResult, kind: FileKind, options: ValidateOptions = {}, validators: ValidatorLookup = validatorFor): Diagnostic[] {
  if (kind === 'text') return [];
  if (!parsed.ok) return [...parsed.diagnostics];
  const validator = validators(kind);
  const found = validator ? validator.validate(parsed.source, options) : [];
  return sortDiagnostics([...parsed.diagnostics, ...found]);
}

/** Validate every structured file a blueprint rendered. Any error here is a bug in the blueprint. */
export function validateFileMap(files: FileMap, options: ValidateOptions = {}, validators: ValidatorLookup = validatorFor): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of files.values()) {
    if (f.kind === 'json' && isSerializedJson(f.content)) continue;
    out.push(...validateText(f.content, f.path, f.kind, options, validators));
  }
  return sortDiagnostics(out);
}

/**
 * Whether a rendered JSON file is exactly what the one serializer writes for its value (`JSON.stringify` with
 * two spaces, then a newline): then it is valid JSON without duplicate keys by construction, and the YAML parser's
 * syntax check finds nothing. That check of the editor schemas every project carries (60 KB) cost `new` 150 ms.
 * Anything else (a template, hand-written text) is parsed as before.
 */
function isSerializedJson(text: string): boolean {
  try {
    return JSON.stringify(JSON.parse(text), null, 2) + '\n' === text;
  } catch {
    return false;
  }
}

/** What `validateFileBytes` did with a file. */
export interface FileCheck {
  /** `validated`: its kind's validator ran; `syntax-only`: only YAML/JSON syntax was checked; `rejected`: not checkable. */
  readonly outcome: 'validated' | 'syntax-only' | 'rejected';
  /** The kind it was validated as. */
  readonly kind?: FileKind;
  readonly diagnostics: Diagnostic[];
  /** The file's text (absent when it is not text), for showing the lines findings point at. */
  readonly text?: string;
}

export interface FileCheckOptions extends ValidateOptions {
  /** Normalized absolute path (`/` separators): its folders and name may say the kind. */
  readonly path: string;
  /** Validate as this kind whatever the path and content say (`validate --kind`). @default - detected */
  readonly kind?: FileKind;
}

/**
 * Validate a file from its bytes. Its kind is the forced one, else what its path says, else what its content's
 * shape says (a workflow, devfile or buildspec named explicitly under another name). A YAML/JSON file of unknown
 * kind is checked for syntax only and says so in a warning; a file that is neither text nor YAML is rejected.
 */
export function validateFileBytes(bytes: Uint8Array, file: string, options: FileCheckOptions, validators: ValidatorLookup = validatorFor): FileCheck {
  const { path, kind: forced, ...validateOptions } = options;
  const text = decodeText(bytes);
  if (text === undefined) {
    return {
      outcome: 'rejected',
      diagnostics: [{ code: 'VALIDATE-NOT-TEXT', severity: 'error', file, message: `${file} is not a text file (it holds binary data), so it cannot be a devfile, workflow or buildspec.` }],
    };
  }
  const byPath = forced ?? detectKind(path);
  if (byPath) return { outcome: 'validated', kind: byPath, diagnostics: validateText(text, file, byPath, validateOptions, validators), text };
  const ext = /\.json$/i.test(path) ? 'json' : /\.ya?ml$/i.test(path) ? 'yaml' : undefined;
  const parsed = parseYamlSource(text, file);
  const byContent = parsed.ok ? detectKindFromContent(parsed.source.value) : undefined;
  if (byContent) return { outcome: 'validated', kind: byContent, diagnostics: validateParsed(parsed, byContent, validateOptions, validators), text };
  const kinds = 'devfile|workflow|buildspec';
  if (ext === undefined) {
    return {
      outcome: 'rejected',
      diagnostics: [
        {
          code: 'VALIDATE-NOT-YAML',
          severity: 'error',
          file,
          message: `${file} is not a YAML or JSON file: its name does not end in .yaml, .yml or .json, and its content is not a devfile, workflow or buildspec.`,
          fix: `validate checks devfiles, workflows and buildspecs; if this is one, say which with --kind ${kinds}.`,
        },
      ],
    };
  }
  const syntax = ext === 'json' ? 'JSON' : 'YAML';
  return {
    outcome: 'syntax-only',
    text,
    diagnostics: sortDiagnostics([
      ...parsed.diagnostics,
      {
        code: 'VALIDATE-KIND-UNKNOWN',
        severity: 'warning',
        file,
        message: `Only the ${syntax} syntax of ${file} was checked: neither its path nor its content says whether it is a devfile, a workflow or a buildspec.`,
        fix: `Name its kind with --kind ${kinds}, or give it a name that says it (devfile.yaml, .codecatalyst/workflows/*.yaml, buildspec.yml).`,
      },
    ]),
  };
}
