import { isMap, isScalar, isSeq, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { UsageError, ValidationError } from '../errors.js';
import { DEVFILE_DEFAULTS } from '../model/devfile.js';
import { renderEnv, renderSidecarComponent } from '../render/devfile.js';
import { SIDECARS, type SidecarName } from '../render/devfile-sidecars.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { hasErrors } from '../model/diagnostic.js';
import { componentType, listAt, mainComponentName, strAt } from '../validate/devfile/access.js';
import { validateDevfile, type DevfileProfile } from '../validate/devfile/validate-devfile.js';
import { parseYamlSource } from '../validate/source.js';
import { closest } from '../validate/suggest.js';
import { createEditNode, parseEditableYaml, requireRootMap, setEditScalar, stringifyEditedYaml, type EditableYaml } from './yaml-document.js';

/**
 * The edits of the "Managing Dev Environments" walkthrough as pure functions on devfile text: add an
 * environment variable, a sidecar service, a command (optionally run at start), change an image. Each one
 * keeps the rest of the file (comments, order, quoting), validates the result and refuses to return
 * anything invalid. Diagnostics in the result are warnings and notes about the new text.
 */
export interface DevfileEditResult {
  readonly text: string;
  /** False when the devfile already said exactly this. */
  readonly changed: boolean;
  /** One line per change, for the CLI. */
  readonly summary: readonly string[];
  /** Warnings and notes on the edited devfile (errors are thrown instead). */
  readonly diagnostics: readonly Diagnostic[];
}

export interface DevfileEditOptions {
  /** Path shown in messages. @default 'devfile.yaml' */
  readonly file?: string;
  /** @default 'codecatalyst' */
  readonly devfileProfile?: DevfileProfile;
}

export interface AddEnvEdit extends DevfileEditOptions {
  readonly name: string;
  readonly value: string;
  /** @default - the main container (the first that mounts the sources) */
  readonly component?: string;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ID = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Set `NAME=VALUE` in a container's `env` (added, or its value replaced). The value is written as a string. */
export function editDevfileAddEnv(text: string, edit: AddEnvEdit): DevfileEditResult {
  if (!ENV_NAME.test(edit.name)) refuse(edit, `"${edit.name}" is not a valid environment variable name: use letters, digits and "_", not starting with a digit.`);
  return applyEdit(text, edit, (ctx) => {
    const { index, name } = ctx.container(edit.component);
    return setEnv(ctx, index, [{ name: edit.name, value: edit.value }], name, 'replace');
  });
}

export interface AddSidecarEdit extends DevfileEditOptions {
  readonly sidecar: string;
}

/** Add a ready-made sidecar container and the variables it exports to the main container. */
export function editDevfileAddSidecar(text: string, edit: AddSidecarEdit): DevfileEditResult {
  const known = Object.keys(SIDECARS);
  if (!known.includes(edit.sidecar)) {
    const guess = closest(edit.sidecar, known);
    refuse(edit, `Unknown sidecar "${edit.sidecar}".${guess ? ` Did you mean "${guess}"?` : ''} Known sidecars: ${known.join(', ')}.`);
  }
  const sidecar = SIDECARS[edit.sidecar as SidecarName]();
  return applyEdit(text, edit, (ctx) => {
    const components = ctx.components();
    if (listAt(ctx.value, 'components').some((c) => strAt(c, 'name') === sidecar.name)) {
      ctx.fail(`The devfile already has a component named "${sidecar.name}".`, ctx.pointerOfComponent(sidecar.name));
    }
    const main = ctx.container(undefined);
    // Keep containers together: the new one goes after the last container, before volumes.
    const list = listAt(ctx.value, 'components');
    let at = -1;
    list.forEach((c, i) => {
      if (componentType(c) === 'container') at = i;
    });
    const node = createEditNode(ctx.doc, renderSidecarComponent(sidecar));
    components.items.splice(at + 1, 0, node);
    const summary = [`added sidecar component "${sidecar.name}" (${sidecar.image})`];
    const env = renderEnv(sidecar.mainEnv ?? {});
    if (env.length > 0) summary.push(...setEnv(ctx, main.index, env, main.name, 'keep'));
    return summary;
  });
}

export interface AddCommandEdit extends DevfileEditOptions {
  readonly id: string;
  readonly commandLine: string;
  /** @default - the main container */
  readonly component?: string;
  /** @default '$PROJECT_SOURCE' */
  readonly workingDir?: string;
  /** Also run it at start (`events.postStart`). @default false */
  readonly postStart?: boolean;
}

/** Add an exec command, and optionally a `postStart` event that runs it. */
export function editDevfileAddCommand(text: string, edit: AddCommandEdit): DevfileEditResult {
  if (!ID.test(edit.id)) {
    const lower = edit.id.toLowerCase().replace(/[^-a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    refuse(edit, `Command id "${edit.id}" is not valid: ids are lowercase letters, digits and "-" (CodeCatalyst runs them as /aws/mde/mde command <id>).${lower ? ` Use "${lower}".` : ''}`);
  }
  if (edit.commandLine.trim() === '') badArgument(edit, 'The command line (--run) is empty.');
  return applyEdit(text, edit, (ctx) => {
    const existing = listAt(ctx.value, 'commands').findIndex((c) => strAt(c, 'id') === edit.id);
    if (existing >= 0) ctx.fail(`The devfile already has a command "${edit.id}".`, `/commands/${existing}/id`);
    const target = ctx.container(edit.component);
    const command = { id: edit.id, exec: { component: target.name, commandLine: edit.commandLine, workingDir: edit.workingDir ?? DEVFILE_DEFAULTS.workingDir } };
    ctx.seqAt(['commands']).items.push(createEditNode(ctx.doc, command));
    const summary = [`added command "${edit.id}" in component "${target.name}"`];
    if (edit.postStart) {
      ctx.seqAt(['events', 'postStart']).items.push(createEditNode(ctx.doc, edit.id));
      summary.push(`runs "${edit.id}" at start (events.postStart)`);
    }
    return summary;
  });
}

export interface SetImageEdit extends DevfileEditOptions {
  readonly image: string;
  /** @default - the main container */
  readonly component?: string;
}

/** Change a container's image. */
export function editDevfileSetImage(text: string, edit: SetImageEdit): DevfileEditResult {
  if (edit.image.trim() === '' || /\s/.test(edit.image)) badArgument(edit, `"${edit.image}" is not an image reference (e.g. public.ecr.aws/aws-mde/universal-image:4.0).`);
  return applyEdit(text, edit, (ctx) => {
    const target = ctx.container(edit.component);
    const current = ctx.doc.getIn(['components', target.index, 'container', 'image']);
    if (current === edit.image) return [];
    const container = ctx.doc.getIn(['components', target.index, 'container'], true);
    if (isMap(container)) setEditScalar(ctx.doc, container, 'image', edit.image);
    else ctx.doc.setIn(['components', target.index, 'container', 'image'], createEditNode(ctx.doc, edit.image));
    return [`set the image of "${target.name}" to ${edit.image}`];
  });
}

interface EditContext {
  readonly doc: Document.Parsed;
  readonly value: unknown;
  /** The container to edit: the named one, or the main one. Fails with a located message otherwise. */
  container(name: string | undefined): { index: number; name: string };
  components(): YAMLSeq;
  /** The sequence at a path, created (block style) when missing. */
  seqAt(path: readonly (string | number)[]): YAMLSeq;
  pointerOfComponent(name: string): string;
  fail(message: string, pointer: string): never;
}

function applyEdit(text: string, opts: DevfileEditOptions, change: (ctx: EditContext) => string[]): DevfileEditResult {
  const file = opts.file ?? 'devfile.yaml';
  const edited = parseEditableYaml(text, file);
  requireRootMap(edited, 'a devfile');
  const ctx = context(edited);
  const summary = change(ctx);
  const next = stringifyEditedYaml(edited);
  const profile = opts.devfileProfile ?? 'codecatalyst';
  const diagnostics = validateDevfile(next, file, { devfileProfile: profile, previous: edited.value });
  if (hasErrors(diagnostics)) {
    const before = validateDevfile(text, file, { devfileProfile: profile });
    const already = hasErrors(before) ? ` ${file} already had errors before this edit; fix them first.` : '';
    throw new ValidationError(`The edited devfile would not be valid, so ${file} was not changed.${already}`, diagnostics.filter((d) => d.severity === 'error'), new Map([[file, next]]));
  }
  return { text: next, changed: next !== text, summary, diagnostics };
}

function context(edited: EditableYaml): EditContext {
  const { doc, value, file } = edited;
  const fail = (message: string, pointer: string): never => {
    throw locatedError(edited, message, pointer);
  };
  const components = (): YAMLSeq => {
    const node = doc.get('components', true);
    if (!isSeq(node)) {
      fail(
        `${file} has no "components" list. Add the main container first (AWS's default devfile: a container component named "aws-runtime" with image public.ecr.aws/aws-mde/universal-image:4.0 and mountSources: true), then run this again.`,
        '',
      );
    }
    return node as YAMLSeq;
  };
  const containerNames = () => listAt(value, 'components').filter((c) => componentType(c) === 'container').map((c) => strAt(c, 'name')!);
  return {
    doc,
    value,
    components,
    fail,
    pointerOfComponent: (name) => {
      const i = listAt(value, 'components').findIndex((c) => strAt(c, 'name') === name);
      return i >= 0 ? `/components/${i}/name` : '/components';
    },
    container(name) {
      components();
      const wanted = name ?? mainComponentName(value);
      if (wanted === undefined) fail(`${file} has no main container (a container component that mounts the sources); name one with --component.`, '/components');
      const index = listAt(value, 'components').findIndex((c) => strAt(c, 'name') === wanted);
      if (index < 0) {
        const names = containerNames();
        const guess = closest(wanted!, names);
        fail(`There is no component "${wanted}".${guess ? ` Did you mean "${guess}"?` : ''} Containers: ${names.join(', ') || 'none'}.`, '/components');
      }
      const type = componentType(listAt(value, 'components')[index]);
      if (type !== 'container') fail(`Component "${wanted}" is a ${type ?? 'typeless'} component, not a container.`, `/components/${index}/name`);
      return { index, name: wanted! };
    },
    seqAt(path) {
      const node = doc.getIn(path, true);
      if (isSeq(node)) return node;
      if (node !== undefined && !(isScalar(node) && node.value === null)) fail(`"${path.join('.')}" is not a list.`, '/' + path.join('/'));
      const seq = createEditNode(doc, []) as YAMLSeq;
      doc.setIn(path, seq);
      return seq;
    },
  };
}

/** Add env entries to a container. `replace` changes an existing value; `keep` leaves it and says so. */
function setEnv(ctx: EditContext, index: number, vars: readonly { name: string; value: string }[], component: string, onExisting: 'replace' | 'keep'): string[] {
  const env = ctx.seqAt(['components', index, 'container', 'env']);
  const summary: string[] = [];
  for (const v of vars) {
    const item = env.items.find((it) => isMap(it) && (it as YAMLMap).get('name') === v.name) as YAMLMap | undefined;
    if (!item) {
      env.items.push(createEditNode(ctx.doc, { name: v.name, value: v.value }));
      summary.push(`set ${v.name}=${v.value} in "${component}"`);
    } else if (item.get('value') !== v.value) {
      if (onExisting === 'replace') {
        setEditScalar(ctx.doc, item, 'value', v.value);
        summary.push(`changed ${v.name} to ${v.value} in "${component}"`);
      } else {
        summary.push(`kept ${v.name}=${String(item.get('value'))} in "${component}" (the sidecar suggests ${v.value})`);
      }
    }
  }
  return summary;
}

function refuse(opts: DevfileEditOptions, message: string): never {
  throw new ValidationError(`${message} ${opts.file ?? 'devfile.yaml'} was not changed.`);
}

/** A malformed argument (empty, wrong shape): a usage error (exit 2), not a finding about the devfile. */
function badArgument(opts: DevfileEditOptions, message: string): never {
  throw new UsageError(`${message} ${opts.file ?? 'devfile.yaml'} was not changed.`);
}

function locatedError(edited: EditableYaml, message: string, pointer: string): ValidationError {
  const parsed = parseYamlSource(edited.text, edited.file);
  const pos = parsed.ok ? parsed.source.locate(pointer, /\/[^/0-9][^/]*$/.test(pointer)) : undefined;
  return new ValidationError(`${edited.file} was not changed.`, [
    { code: 'DEVFILE-EDIT', severity: 'error', message, file: edited.file, pointer, line: pos?.line ?? 1, col: pos?.col ?? 1 },
  ], new Map([[edited.file, edited.text]]));
}
