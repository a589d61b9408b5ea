import { isRecord } from '../../../model/values.js';
import { perFile as sharedPerFile, type Rule } from '../../rule.js';
import { commandType, componentType, listAt, strAt, type Obj } from '../access.js';

/**
 * What the devfile specification's rules look at: the devfile (variables replaced), its components and commands,
 * and what the schema layer rejected. A rejected component or command still exists (what names it finds it),
 * but its type is not trusted, so nothing is concluded from it.
 */
export interface DevfileContext {
  readonly devfile: Obj;
  readonly components: readonly unknown[];
  readonly commands: readonly unknown[];
  /** Component name -> type, for the first component of each name. */
  readonly componentTypes: ReadonlyMap<string, string>;
  /** Names of components the schema layer rejected. */
  readonly untrusted: ReadonlySet<string>;
  /** Ids (lowercase) of commands the schema layer rejected. */
  readonly untrustedCommands: ReadonlySet<string>;
  /** Commands by lowercase id (the library compares ids without case), the first of each id. */
  readonly commandsById: ReadonlyMap<string, Obj>;
  /** What rules share (`perFile`). */
  readonly shared: Map<object, unknown>;
}

export type DevfileRule = Rule<DevfileContext>;

/** What several devfile rules derive from one file, computed once (`perFile` of `rule.ts`). */
export const perFile = <T>(compute: (ctx: DevfileContext) => T) => sharedPerFile<DevfileContext, T>(compute);


/** `rejected` says whether the schema layer rejected the part a path names (a component, a command...). */
export function devfileContext(devfile: unknown, rejected: (path: readonly (string | number)[]) => boolean): DevfileContext | undefined {
  if (!isRecord(devfile)) return undefined;
  const components = listAt(devfile, 'components');
  const commands = listAt(devfile, 'commands');
  const componentTypes = new Map<string, string>();
  const untrusted = new Set<string>();
  components.forEach((c, i) => {
    const n = strAt(c, 'name');
    if (n !== undefined && rejected(['components', i])) untrusted.add(n);
    const t = componentType(c);
    if (n !== undefined && t && !componentTypes.has(n)) componentTypes.set(n, t);
  });
  const untrustedCommands = new Set<string>();
  const commandsById = new Map<string, Obj>();
  commands.forEach((c, i) => {
    const id = strAt(c, 'id');
    if (id === undefined) return;
    if (rejected(['commands', i])) untrustedCommands.add(id.toLowerCase());
    if (isRecord(c) && !commandsById.has(id.toLowerCase())) commandsById.set(id.toLowerCase(), c);
  });
  return { devfile, components, commands, componentTypes, untrusted, untrustedCommands, commandsById, shared: new Map() };
}

/** The id a message calls a command by: its id, else its index. */
export const commandId = (c: unknown, i: number) => strAt(c, 'id') ?? `#${i}`;

export { commandType, componentType };
