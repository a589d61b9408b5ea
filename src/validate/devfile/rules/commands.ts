import { toPointer } from '../../../model/diagnostic.js';
import { listAt, objAt, strAt, type Obj } from '../access.js';
import { commandId, commandType, perFile, type DevfileContext, type DevfileRule } from './context.js';
import { dev, devfile, exec, specDoc } from './examples.js';


/** R3-R10: what commands refer to, composites, and one default command per group kind. */

function knownList(types: ReadonlyMap<string, string>, allowed: readonly string[]): string {
  const names = [...types].filter(([, t]) => allowed.includes(t)).map(([n]) => n);
  return names.length > 0 ? ` Components that can run it: ${names.join(', ')}.` : '';
}

/** Each string entry of each composite command (R6-R8), with the composite's id and the entry's pointer. */
const compositeEntries = perFile((ctx) => {
  const out: { id: string; sub: string; pointer: string }[] = [];
  for (let i = 0; i < ctx.commands.length; i++) {
    const c = ctx.commands[i];
    if (commandType(c) !== 'composite') continue;
    const id = commandId(c, i);
    const subs = listAt(objAt(c, 'composite'), 'commands');
    for (let j = 0; j < subs.length; j++) {
      const sub = subs[j];
      if (typeof sub === 'string') out.push({ id, sub, pointer: toPointer(['commands', i, 'composite', 'commands', j]) });
    }
  }
  return out;
});

/** Whether a composite command reaches `targetId` through its sub-commands. */
function reaches(cmd: Obj, targetId: string, byId: ReadonlyMap<string, Obj>, seen: Set<string>): boolean {
  for (const sub of listAt(objAt(cmd, 'composite'), 'commands')) {
    if (typeof sub !== 'string') continue;
    const key = sub.toLowerCase();
    if (key === targetId) return true;
    if (seen.has(key)) continue;
    seen.add(key);
    const next = byId.get(key);
    if (next && reaches(next, targetId, byId, seen)) return true;
  }
  return false;
}

/** The commands of each group kind, in file order. */
const groups = perFile((ctx: DevfileContext): Map<string, { index: number; id: string; isDefault: boolean }[]> => {
  const byKind = new Map<string, { index: number; id: string; isDefault: boolean }[]>();
  ctx.commands.forEach((c, i) => {
    const type = commandType(c);
    const group = type ? objAt(objAt(c, type), 'group') : undefined;
    const kind = strAt(group, 'kind');
    if (!kind) return;
    const list = byKind.get(kind) ?? [];
    list.push({ index: i, id: commandId(c, i), isDefault: group?.['isDefault'] === true });
    byKind.set(kind, list);
  });
  return byKind;
});

export const commandTypeRule: DevfileRule = {
  ...specDoc({
    code: 'DEVFILE-COMMAND-TYPE',
    severity: 'error',
    title: 'A command is neither exec, apply nor composite.',
    description: 'The devfile library accepts exec, apply and composite commands only; other command types (vscodeTask, vscodeLaunch, custom) are refused when the devfile is read.',
    bad: devfile(dev(), 'commands:\n  - id: debug\n    vscodeLaunch:\n      inlined: "{}"\n', '2.0.0'),
    good: devfile(dev(), `commands:\n${exec('debug', 'dev')}`, '2.0.0'),
  }),
  check(ctx) {
    ctx.commands.forEach((c, i) => {
      const type = commandType(c);
      if (type === 'exec' || type === 'apply' || type === 'composite') return;
      ctx.report({ pointer: toPointer(['commands', i]), message: `Command "${commandId(c, i)}" is a ${type ?? 'typeless'} command; the devfile library accepts exec, apply and composite commands only.`, fix: 'Rewrite it as an exec command.' });
    });
  },
};

export const commandComponent: DevfileRule = {
  ...specDoc({
    code: 'DEVFILE-COMMAND-COMPONENT',
    severity: 'error',
    title: 'A command runs in a component that does not exist or is of the wrong type.',
    description: 'An exec command runs in a container component; an apply command applies a container, kubernetes, openshift or image component. The component must exist under components.',
    bad: devfile(dev(), `commands:\n${exec('test', 'tools')}`),
    good: devfile(dev(), `commands:\n${exec('test', 'dev')}`),
  }),
  check(ctx) {
    ctx.commands.forEach((c, i) => {
      const type = commandType(c);
      if (type !== 'exec' && type !== 'apply') return;
      const target = strAt(objAt(c, type), 'component');
      const allowed = type === 'exec' ? ['container'] : ['container', 'kubernetes', 'openshift', 'image'];
      const actual = target === undefined ? undefined : ctx.componentTypes.get(target);
      if (target === undefined || ctx.untrusted.has(target) || (actual && allowed.includes(actual))) return;
      const id = commandId(c, i);
      ctx.report({
        pointer: toPointer(['commands', i, type, 'component']),
        message: actual
          ? `Command "${id}" runs in component "${target}", which is a ${actual} component; ${type} commands need ${type === 'exec' ? 'a container' : 'a container, kubernetes, openshift or image'} component.`
          : `Command "${id}" runs in component "${target}", which does not exist.${knownList(ctx.componentTypes, allowed)}`,
        fix: 'Name a component defined under "components".',
      });
    });
  },
};

export const compositeMissing: DevfileRule = {
  ...specDoc({
    code: 'DEVFILE-COMPOSITE-MISSING',
    severity: 'error',
    title: 'A composite command lists a command that does not exist.',
    description: 'Each entry of a composite command is the id of another command of the devfile.',
    bad: devfile(dev(), `commands:\n${exec('test', 'dev')}  - id: all\n    composite:\n      commands:\n        - test\n        - lint\n`),
    good: devfile(dev(), `commands:\n${exec('test', 'dev')}  - id: all\n    composite:\n      commands:\n        - test\n`),
  }),
  check(ctx) {
    for (const { id, sub, pointer } of compositeEntries(ctx)) {
      if (sub.toLowerCase() === id.toLowerCase() || ctx.commandsById.has(sub.toLowerCase())) continue;
      ctx.report({ pointer, message: `Composite command "${id}" lists command "${sub}", which does not exist.`, fix: 'Name a command defined under "commands".' });
    }
  },
};

export const compositeSelf: DevfileRule = {
  ...specDoc({
    code: 'DEVFILE-COMPOSITE-SELF',
    severity: 'error',
    title: 'A composite command lists itself.',
    description: 'A composite command that runs itself would never end; the devfile library refuses it.',
    bad: devfile(dev(), `commands:\n${exec('test', 'dev')}  - id: all\n    composite:\n      commands:\n        - test\n        - all\n`),
    good: devfile(dev(), `commands:\n${exec('test', 'dev')}  - id: all\n    composite:\n      commands:\n        - test\n`),
  }),
  check(ctx) {
    for (const { id, sub, pointer } of compositeEntries(ctx)) {
      if (sub.toLowerCase() === id.toLowerCase()) ctx.report({ pointer, message: `Composite command "${id}" lists itself.`, fix: 'Remove the entry.' });
    }
  },
};

export const compositeCycle: DevfileRule = {
  ...specDoc({
    code: 'DEVFILE-COMPOSITE-CYCLE',
    severity: 'error',
    title: 'Composite commands run each other in a cycle.',
    description: 'A composite command that reaches itself again through other composite commands would never end; the devfile library refuses it.',
    bad: devfile(dev(), `commands:\n${exec('test', 'dev')}  - id: a\n    composite:\n      commands:\n        - test\n        - b\n  - id: b\n    composite:\n      commands:\n        - a\n`),
    good: devfile(dev(), `commands:\n${exec('test', 'dev')}  - id: a\n    composite:\n      commands:\n        - test\n        - b\n  - id: b\n    composite:\n      commands:\n        - test\n`),
  }),
  check(ctx) {
    for (const { id, sub, pointer } of compositeEntries(ctx)) {
      const target = ctx.commandsById.get(sub.toLowerCase());
      if (sub.toLowerCase() === id.toLowerCase() || !target || !reaches(target, id.toLowerCase(), ctx.commandsById, new Set())) continue;
      ctx.report({ pointer, message: `Composite command "${id}" runs itself again through "${sub}"; composite commands must not form a cycle.`, fix: 'Break the cycle.' });
    }
  },
};

export const groupDefaults: DevfileRule = {
  ...specDoc({
    code: 'DEVFILE-GROUP-DEFAULTS',
    severity: 'error',
    title: 'A command group has more than one default command.',
    description: 'Within a group kind (build, run, test, debug, deploy) at most one command has isDefault: true; tools run the default one.',
    bad: devfile(dev(), `commands:\n${exec('unit', 'dev', '      group:\n        kind: test\n        isDefault: true\n')}${exec('e2e', 'dev', '      group:\n        kind: test\n        isDefault: true\n')}`),
    good: devfile(dev(), `commands:\n${exec('unit', 'dev', '      group:\n        kind: test\n        isDefault: true\n')}${exec('e2e', 'dev', '      group:\n        kind: test\n')}`),
  }),
  check(ctx) {
    for (const [kind, list] of groups(ctx)) {
      const defaults = list.filter((x) => x.isDefault);
      if (list.length < 2 || defaults.length <= 1) continue;
      ctx.report({
        pointer: toPointer(['commands', defaults[1]!.index]),
        message: `Command group "${kind}" has ${defaults.length} default commands (${defaults.map((d) => d.id).join(', ')}); it must have exactly one.`,
        fix: 'Set "isDefault: true" on one command of the group only.',
      });
    }
  },
};

export const groupNoDefault: DevfileRule = {
  ...specDoc({
    code: 'DEVFILE-GROUP-NO-DEFAULT',
    severity: 'warning',
    title: 'A command group has several commands and no default.',
    description: 'When a group kind has more than one command, tools cannot tell which to run unless one has isDefault: true.',
    bad: devfile(dev(), `commands:\n${exec('unit', 'dev', '      group:\n        kind: test\n')}${exec('e2e', 'dev', '      group:\n        kind: test\n')}`),
    good: devfile(dev(), `commands:\n${exec('unit', 'dev', '      group:\n        kind: test\n        isDefault: true\n')}${exec('e2e', 'dev', '      group:\n        kind: test\n')}`),
  }),
  check(ctx) {
    for (const [kind, list] of groups(ctx)) {
      if (list.length < 2 || list.some((x) => x.isDefault)) continue;
      ctx.report({
        pointer: toPointer(['commands', list[0]!.index]),
        message: `Command group "${kind}" has ${list.length} commands and none is the default; tools cannot tell which to run.`,
        fix: 'Set "isDefault: true" on one command of the group.',
      });
    }
  },
};
