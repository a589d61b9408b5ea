import type { Blueprint } from '../model/blueprint.js';
import { applyAssignments, typeOptionText, type OptionValues } from '../options/resolve.js';
import { schemaTypes, subSchemaAt } from '../options/schema-walk.js';
import { schemaFindings } from '../validate/schema-findings.js';
import { compileSchema } from '../validate/schemas.js';
import type { Output } from './output.js';

/**
 * Ask for each missing required option, typed by its schema: a list to choose from for enums, yes/no for
 * booleans, a checked text field otherwise (the schema's pattern and limits are applied as the user types, with
 * the same message `--set` would give). Options are asked group by group (`codeArtifact.domain`,
 * `codeArtifact.repository` under one "codeArtifact" heading), each with its schema default when it has one.
 */
export async function promptForOptions(
  bp: Blueprint<any>,
  values: OptionValues,
  missing: readonly string[],
  o: Output,
  /** Streams to ask on; tests pass their own. @default the terminal */
  streams?: { readonly input: NodeJS.ReadableStream; readonly output: NodeJS.WritableStream },
): Promise<OptionValues> {
  const { input, select, confirm } = await import('@inquirer/prompts');
  const context = streams ? { input: streams.input, output: streams.output } : undefined;
  o.err(`Blueprint "${bp.id}" needs ${missing.length} more option(s):`);
  let out = values;
  for (const [group, paths] of groupByParent(missing)) {
    if (group) {
      const described = subSchemaAt(bp.options, group.split('.'))?.['description'];
      o.err(`\n${group}${typeof described === 'string' ? `: ${described}` : ''}`);
    }
    for (const dotted of paths) {
      const path = dotted.split('.');
      const schema = subSchemaAt(bp.options, path) ?? {};
      const types = schemaTypes(schema);
      const label = group ? dotted.slice(group.length + 1) : dotted;
      const message = `${label}${typeof schema['description'] === 'string' ? ` (${schema['description']})` : ''}`;
      const dflt = schema['default'];
      let value: unknown;
      if (Array.isArray(schema['enum'])) {
        value = await select({ message, choices: (schema['enum'] as unknown[]).map((v) => ({ name: String(v), value: v })), ...(dflt !== undefined ? { default: dflt } : {}) }, context);
      } else if (types.includes('boolean')) {
        value = await confirm({ message, ...(typeof dflt === 'boolean' ? { default: dflt } : {}) }, context);
      } else {
        const check = compileSchema(schema, `prompt:${bp.id}:${dotted}`);
        const raw = await input({
          message,
          ...(dflt !== undefined ? { default: Array.isArray(dflt) ? dflt.join(',') : String(dflt) } : {}),
          validate: (text) => {
            if (check(typeOptionText(text, schema))) return true;
            const [first] = schemaFindings(check.errors, { codePrefix: 'OPTION' });
            return first ? first.message.replace(/^The document/, label) : `Not valid; see catalyst-gen show ${bp.id}`;
          },
        }, context);
        value = typeOptionText(raw, schema);
      }
      out = applyAssignments(out, [{ path, value, raw: dotted }]).values;
    }
  }
  return out;
}

/** Missing options grouped by their parent option, in the order they were found; top-level ones under ''. */
export function groupByParent(missing: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const dotted of missing) {
    const parent = dotted.includes('.') ? dotted.slice(0, dotted.lastIndexOf('.')) : '';
    groups.set(parent, [...(groups.get(parent) ?? []), dotted]);
  }
  return groups;
}

/** Ask a yes/no question on the terminal (or the streams given); the answer is no unless the user says yes. */
export async function askYesNo(message: string, streams?: { readonly input: NodeJS.ReadableStream; readonly output: NodeJS.WritableStream }): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message, default: false }, streams ? { input: streams.input, output: streams.output } : undefined);
}
