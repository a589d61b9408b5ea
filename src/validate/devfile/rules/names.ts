import { toPointer } from '../../../model/diagnostic.js';
import { strAt } from '../access.js';
import type { DevfileRule } from './context.js';
import { dev, devfile, exec, specDoc } from './examples.js';


/** Each item after the first whose `key` repeats an earlier item's (R1, R2: names and ids are keys). */
function duplicates(list: readonly unknown[], key: string, report: (index: number, value: string) => void): void {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const v = strAt(item, key);
    if (v === undefined) return;
    if (seen.has(v)) report(i, v);
    seen.add(v);
  });
}

export const duplicateComponent: DevfileRule = {
  ...specDoc({
    code: 'DEVFILE-DUPLICATE-COMPONENT',
    severity: 'error',
    title: 'Two components have the same name.',
    description: 'Component names are keys: commands, volume mounts and events find components by name, so each must be unique.',
    bad: devfile(`${dev()}  - name: dev\n    volume:\n      size: 1Gi\n`),
    good: devfile(`${dev()}  - name: cache\n    volume:\n      size: 1Gi\n`),
  }),
  check(ctx) {
    duplicates(ctx.components, 'name', (i, name) =>
      ctx.report({ pointer: toPointer(['components', i, 'name']), message: `Component name "${name}" is used twice; component names must be unique.`, fix: 'Rename one of the components.' }),
    );
  },
};

export const duplicateCommand: DevfileRule = {
  ...specDoc({
    code: 'DEVFILE-DUPLICATE-COMMAND',
    severity: 'error',
    title: 'Two commands have the same id.',
    description: 'Command ids are keys (compared without case): events and composite commands find commands by id, so each must be unique.',
    bad: devfile(dev(), `commands:\n${exec('test', 'dev')}${exec('test', 'dev')}`),
    good: devfile(dev(), `commands:\n${exec('test', 'dev')}${exec('lint', 'dev')}`),
  }),
  check(ctx) {
    duplicates(ctx.commands, 'id', (i, id) =>
      ctx.report({ pointer: toPointer(['commands', i, 'id']), message: `Command id "${id}" is used twice; command ids must be unique.`, fix: 'Rename one of the commands.' }),
    );
  },
};
