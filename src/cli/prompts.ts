import type { Blueprint } from '../model/blueprint.js';
import { applyAssignments, typeOptionText, type OptionValues } from '../options/resolve.js';
import { schemaTypes, subSchemaAt } from '../options/schema-walk.js';
import { compileSchema } from '../validate/schemas.js';
import type { Output } from './output.js';

/**
 * Ask for each missing required option, typed by its schema: a list to choose from for enums, yes/no for
 * booleans, a checked text field otherwise (the schema's pattern and limits are applied as the user types).
 */
export async function promptForOptions(bp: Blueprint<any>, values: OptionValues, missing: readonly string[], o: Output): Promise<OptionValues> {
  const { input, select, confirm } = await import('@inquirer/prompts');
  o.err(`Blueprint "${bp.id}" needs ${missing.length} more option(s):`);
  let out = values;
  for (const dotted of missing) {
    const path = dotted.split('.');
    const schema = subSchemaAt(bp.options, path) ?? {};
    const types = schemaTypes(schema);
    const message = `${dotted}${typeof schema['description'] === 'string' ? ` (${schema['description']})` : ''}`;
    let value: unknown;
    if (Array.isArray(schema['enum'])) {
      value = await select({ message, choices: (schema['enum'] as unknown[]).map((v) => ({ name: String(v), value: v })) });
    } else if (types.includes('boolean')) {
      value = await confirm({ message });
    } else {
      const check = compileSchema(schema, `prompt:${bp.id}:${dotted}`);
      const raw = await input({
        message,
        validate: (text) => {
          const v = typeOptionText(text, schema);
          return check(v) ? true : `Not valid: ${check.errors?.[0]?.message ?? 'see catalyst-gen show ' + bp.id}`;
        },
      });
      value = typeOptionText(raw, schema);
    }
    out = applyAssignments(out, [{ path, value, raw: dotted }]).values;
  }
  return out;
}
