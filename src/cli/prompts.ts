import type { Blueprint } from '../model/blueprint.js';
import { isRecord } from '../model/values.js';
import { typeOptionText, type OptionValues } from '../options/resolve.js';
import { schemaTypes } from '../options/schema-walk.js';
import { validateOptions } from '../options/validate.js';
import { fromPointer } from '../model/diagnostic.js';
import { schemaFindings } from '../validate/schema-findings.js';
import { compileSchema } from '../validate/schemas.js';
import type { Output } from './output.js';

type Schema = Readonly<Record<string, unknown>>;

/** Streams the questions are asked on; tests pass their own. @default the terminal */
export interface PromptStreams {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
}

/**
 * The wizard `new` runs on a terminal: every option of the blueprint's schema, in its order, group by group,
 * each pre-filled with its current value (the defaults, or what --options and --set gave); enums are choices,
 * booleans yes/no, lists of words one comma-separated line, lists of objects a list to edit (keep, edit an item,
 * add, remove). Each answer is checked against the option's schema as it is typed, with the message `--set`
 * would give. `skip` lists top-level options the command line already set: those are not asked. When the
 * options as a whole still fail the schema (a rule between options), the problems are shown and the options
 * they name are asked again.
 */
export async function askEveryOption(bp: Blueprint<any>, values: OptionValues, skip: ReadonlySet<string>, o: Output, streams?: PromptStreams): Promise<OptionValues> {
  const ask = new Asker(bp, o, streams);
  const root = bp.options as Schema;
  const props = (root['properties'] ?? {}) as Record<string, Schema>;
  const required = new Set((root['required'] as string[] | undefined) ?? []);
  let out: OptionValues = { ...values };
  let toAsk = Object.keys(props).filter((k) => !skip.has(k));
  o.err(`Blueprint "${bp.id}": ${toAsk.length} option(s). Enter keeps the value shown; Ctrl-C stops without writing anything.`);
  for (;;) {
    for (const key of toAsk) {
      const answer = await ask.value(key, props[key]!, out[key], required.has(key), key);
      if (answer === undefined) delete out[key];
      else out = { ...out, [key]: answer };
    }
    const findings = validateOptions(bp, out).filter((f) => f.severity === 'error');
    if (findings.length === 0) return out;
    o.err('\nThese options do not go together:');
    for (const f of findings) o.err(`  ${f.message}${f.fix ? ` ${f.fix}` : ''}`);
    const named = new Set(findings.map((f) => fromPointer(f.pointer)[0]).filter((k): k is string => k !== undefined && k in props));
    toAsk = named.size > 0 ? Object.keys(props).filter((k) => named.has(k)) : Object.keys(props);
    o.err(`Asking again: ${toAsk.join(', ')}.`);
  }
}

/** One question per option, typed by its schema. */
class Asker {
  constructor(
    private readonly bp: Blueprint<any>,
    private readonly o: Output,
    private readonly streams: PromptStreams | undefined,
  ) {}

  private async prompts() {
    return import('@inquirer/prompts');
  }

  private get context() {
    return this.streams ? { input: this.streams.input, output: this.streams.output } : undefined;
  }

  /** The answer for one option (undefined: leave it out), given its current value. */
  async value(label: string, schema: Schema, current: unknown, required: boolean, path: string): Promise<unknown> {
    const types = schemaTypes(schema);
    const props = schema['properties'] as Record<string, Schema> | undefined;
    if (props && types.includes('object')) return this.group(label, schema, props, current, required, path);
    const items = schema['items'] as Schema | undefined;
    if (types.includes('array') && items && schemaTypes(items).includes('object') && items['properties']) return this.list(label, schema, items, current, path);
    if (!required && current === undefined && !Array.isArray(schema['enum']) && !types.includes('boolean')) {
      // An optional setting without a value: leaving it empty leaves it out.
      const text = await this.text(`${label} (optional; Enter to leave unset)`, schema, undefined, path, true);
      return text;
    }
    return this.scalar(label, schema, current, path);
  }

  private message(label: string, schema: Schema): string {
    return typeof schema['description'] === 'string' ? `${label} (${schema['description']})` : label;
  }

  private async scalar(label: string, schema: Schema, current: unknown, path: string): Promise<unknown> {
    const { select, confirm, checkbox } = await this.prompts();
    const message = this.message(label, schema);
    const types = schemaTypes(schema);
    if (Array.isArray(schema['enum'])) {
      const choices = (schema['enum'] as unknown[]).map((v) => ({ name: String(v), value: v }));
      return select({ message, choices, ...(current !== undefined ? { default: current } : {}) }, this.context);
    }
    if (types.includes('boolean')) return confirm({ message, default: current === true }, this.context);
    const items = schema['items'] as Schema | undefined;
    if (types.includes('array') && items && Array.isArray(items['enum'])) {
      const chosen = new Set(Array.isArray(current) ? current : []);
      return checkbox({ message, choices: (items['enum'] as unknown[]).map((v) => ({ name: String(v), value: v, checked: chosen.has(v) })) }, this.context);
    }
    return this.text(label, schema, current, path, false);
  }

  /** A typed text answer, checked against the option's schema as the user types (the `--set` message). */
  private async text(label: string, schema: Schema, current: unknown, path: string, optional: boolean): Promise<unknown> {
    const { input } = await this.prompts();
    const check = compileSchema(schema, `prompt:${this.bp.id}@${this.bp.version}:${path}`);
    const shown = current === undefined ? '' : Array.isArray(current) ? current.join(', ') : isRecord(current) ? JSON.stringify(current) : String(current);
    const raw = await input(
      {
        message: optional ? label : this.message(label, schema),
        default: shown,
        prefill: 'editable',
        validate: (text: string) => {
          if (optional && text.trim() === '') return true;
          if (check(typeOptionText(text, schema))) return true;
          const [first] = schemaFindings(check.errors, { codePrefix: 'OPTION' });
          return first ? first.message.replace(/^The document/, label) : `Not valid; see catalyst-gen show ${this.bp.id}`;
        },
      },
      this.context,
    );
    return optional && raw.trim() === '' ? undefined : typeOptionText(raw, schema);
  }

  /** An object option: its fields under a heading; an optional one is first offered (or kept) with yes/no. */
  private async group(label: string, schema: Schema, props: Record<string, Schema>, current: unknown, required: boolean, path: string): Promise<unknown> {
    const { confirm } = await this.prompts();
    const described = typeof schema['description'] === 'string' ? `: ${schema['description']}` : '';
    if (!required) {
      const use = await confirm({ message: `${current === undefined ? 'Set' : 'Keep'} ${label}${described ? ` (${schema['description']})` : ''}?`, default: current !== undefined }, this.context);
      if (!use) return undefined;
    }
    this.o.err(`\n${label}${described}`);
    const need = new Set((schema['required'] as string[] | undefined) ?? []);
    const base = isRecord(current) ? current : {};
    let out: Record<string, unknown> = { ...base };
    for (const [k, sub] of Object.entries(props)) {
      const v = await this.value(`${label}.${k}`, sub, base[k] ?? sub['default'], need.has(k), `${path}.${k}`);
      if (v === undefined) {
        const { [k]: _dropped, ...rest } = out;
        out = rest;
      } else out = { ...out, [k]: v };
    }
    return out;
  }

  /** A list of objects: shown, then kept, or an item edited, added or removed, until the user keeps it. */
  private async list(label: string, schema: Schema, items: Schema, current: unknown, path: string): Promise<unknown[]> {
    const { select } = await this.prompts();
    let list = Array.isArray(current) ? [...(current as unknown[])] : [];
    const min = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
    const max = typeof schema['maxItems'] === 'number' ? schema['maxItems'] : Infinity;
    for (;;) {
      type Action = { kind: 'keep' } | { kind: 'edit'; index: number } | { kind: 'add' } | { kind: 'remove' };
      const choices: { name: string; value: Action }[] = [
        { name: `Keep these ${list.length} and go on`, value: { kind: 'keep' } },
        ...list.map((item, index) => ({ name: `Edit ${index}: ${summary(item)}`, value: { kind: 'edit' as const, index } })),
        ...(list.length < max ? [{ name: 'Add one', value: { kind: 'add' as const } }] : []),
        ...(list.length > min ? [{ name: 'Remove one', value: { kind: 'remove' as const } }] : []),
      ];
      const action = await select({ message: `${this.message(label, schema)}: ${list.length === 0 ? 'none yet' : list.map(summary).join(', ')}`, choices: list.length >= min ? choices : choices.filter((c) => c.value.kind !== 'keep') }, this.context);
      if (action.kind === 'keep') return list;
      if (action.kind === 'remove') {
        const index = await select({ message: `Remove which ${label} item?`, choices: list.map((item, i) => ({ name: `${i}: ${summary(item)}`, value: i })) }, this.context);
        list = list.filter((_, i) => i !== index);
        continue;
      }
      const index = action.kind === 'edit' ? action.index : list.length;
      const start = action.kind === 'edit' ? list[index] : list.length > 0 ? list[list.length - 1] : undefined;
      const item = await this.group(`${label}.${index}`, items, items['properties'] as Record<string, Schema>, start, true, `${path}.${index}`);
      list = action.kind === 'edit' ? list.map((x, i) => (i === index ? item : x)) : [...list, item];
    }
  }
}

/** One item of a list of objects, in a few words: its first string values. */
function summary(item: unknown): string {
  if (!isRecord(item)) return JSON.stringify(item);
  const words = Object.values(item).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
  return words.slice(0, 3).join(' ') || '{...}';
}

/** Choose a blueprint from the catalogue (the picker of `new` without a blueprint). Returns its id. */
export async function pickBlueprint(items: readonly { id: string; displayName: string; description: string; source: string }[], streams?: PromptStreams): Promise<string> {
  const { search } = await import('@inquirer/prompts');
  return search(
    {
      message: 'Blueprint (type to filter)',
      source: (term: string | undefined) =>
        items
          .filter((b) => !term || `${b.id} ${b.displayName} ${b.description}`.toLowerCase().includes(term.toLowerCase()))
          .map((b) => ({ name: `${b.id}  ${b.displayName}${b.source === 'built-in' ? '' : `  [${b.source}]`}`, value: b.id, description: b.description })),
    },
    streams ? { input: streams.input, output: streams.output } : undefined,
  );
}

/** The folder to write to, asked after the picker. */
export async function askTargetFolder(id: string, streams?: PromptStreams): Promise<string> {
  const { input } = await import('@inquirer/prompts');
  return input(
    { message: 'Folder to create the project in', default: `./${id}`, prefill: 'editable', validate: (t: string) => (t.trim() === '' ? 'Give a folder, e.g. ./my-project' : true) },
    streams ? { input: streams.input, output: streams.output } : undefined,
  );
}

/** Where to save the answers as an options file, or undefined (Enter) for nowhere. */
export async function askOptionsFile(streams?: PromptStreams): Promise<string | undefined> {
  const { input } = await import('@inquirer/prompts');
  const answer = await input({ message: 'Save these answers as an options file, for --options? File name, or Enter to skip' }, streams ? { input: streams.input, output: streams.output } : undefined);
  return answer.trim() === '' ? undefined : answer.trim();
}

/** Ask a yes/no question on the terminal (or the streams given); the answer is no unless the user says yes. */
export async function askYesNo(message: string, streams?: PromptStreams): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message, default: false }, streams ? { input: streams.input, output: streams.output } : undefined);
}
