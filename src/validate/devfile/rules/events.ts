import { toPointer } from '../../../model/diagnostic.js';
import { listAt, objAt, type Obj } from '../access.js';
import { commandType, perFile, type DevfileRule } from './context.js';
import { dev, devfile, exec, specDoc } from './examples.js';


/** R11, R12: events name commands of the right kind. Each command id an event lists, with where. */
const eventEntries = perFile((ctx) => {
  const out: { type: string; name: string; j: number }[] = [];
  const events = objAt(ctx.devfile, 'events');
  for (const type of ['preStart', 'postStart', 'preStop', 'postStop']) {
    const list = listAt(events, type);
    for (let j = 0; j < list.length; j++) {
      const name = list[j];
      if (typeof name === 'string') out.push({ type, name, j });
    }
  }
  return out;
});

/** Whether a command is of `kind`, or a composite whose existing sub-commands all are. */
function commandIsAll(cmd: Obj, kind: string, byId: ReadonlyMap<string, Obj>, seen: Set<string>): boolean {
  const type = commandType(cmd);
  if (type === kind) return true;
  if (type !== 'composite') return false;
  for (const sub of listAt(objAt(cmd, 'composite'), 'commands')) {
    if (typeof sub !== 'string' || seen.has(sub.toLowerCase())) continue;
    seen.add(sub.toLowerCase());
    const next = byId.get(sub.toLowerCase());
    if (next && !commandIsAll(next, kind, byId, seen)) return false;
  }
  return true;
}

export const eventCommand: DevfileRule = {
  ...specDoc({
    code: 'DEVFILE-EVENT-COMMAND',
    severity: 'error',
    title: 'An event names a command that does not exist.',
    description: 'The entries of preStart, postStart, preStop and postStop are command ids of the devfile.',
    bad: devfile(dev(), `commands:\n${exec('install', 'dev')}events:\n  postStart:\n    - instal\n`),
    good: devfile(dev(), `commands:\n${exec('install', 'dev')}events:\n  postStart:\n    - install\n`),
  }),
  check(ctx) {
    for (const { type, name, j } of eventEntries(ctx)) {
      if (ctx.commandsById.has(name.toLowerCase())) continue;
      ctx.report({ pointer: toPointer(['events', type, j]), message: `The ${type} event names command "${name}", which does not exist.`, fix: `Add a command with id "${name}" or remove the entry.` });
    }
  },
};

export const eventKind: DevfileRule = {
  ...specDoc({
    code: 'DEVFILE-EVENT-KIND',
    severity: 'error',
    title: 'An event names a command of the wrong kind.',
    description: 'postStart and preStop events run exec commands (or composites of them); preStart and postStop events run apply commands.',
    bad: devfile(dev(), `commands:\n${exec('install', 'dev')}events:\n  preStart:\n    - install\n`),
    good: devfile(dev(), `commands:\n${exec('install', 'dev')}events:\n  postStart:\n    - install\n`),
  }),
  check(ctx) {
    for (const { type, name, j } of eventEntries(ctx)) {
      const cmd = ctx.commandsById.get(name.toLowerCase());
      if (!cmd || ctx.untrustedCommands.has(name.toLowerCase())) continue;
      const wanted = type === 'postStart' || type === 'preStop' ? 'exec' : 'apply';
      if (commandIsAll(cmd, wanted, ctx.commandsById, new Set())) continue;
      ctx.report({ pointer: toPointer(['events', type, j]), message: `The ${type} event names command "${name}"; ${type} events must name an ${wanted} command or a composite of ${wanted} commands.` });
    }
  },
};
