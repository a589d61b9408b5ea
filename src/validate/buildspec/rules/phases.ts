import { toPointer } from '../../../model/diagnostic.js';
import { isRecord } from '../../../model/values.js';
import { PHASES, type BuildspecRule } from './context.js';
import { build, GOOD } from './examples.js';

/** A buildspec's phases and their commands. */

export const noPhases: BuildspecRule = {
  kind: 'buildspec',
    code: 'BUILDSPEC-NO-PHASES',
    severity: 'warning',
    title: 'phases has no phase: the build runs no commands.',
    description: 'A buildspec whose phases holds none of install, pre_build, build and post_build (and that is not a batch build) runs nothing.',
    bad: 'version: 0.2\nphases: {}\n',
    good: GOOD,
  check(ctx) {
    if (!ctx.phases || ctx.batch || Object.keys(ctx.phases).some((k) => PHASES.includes(k))) return;
    ctx.report({ pointer: '/phases', message: 'phases is empty: the build would run no commands.', fix: 'Add a build phase with at least one command.' });
  },
};

export const emptyCommands: BuildspecRule = {
  kind: 'buildspec',
    code: 'BUILDSPEC-EMPTY-COMMANDS',
    severity: 'warning',
    title: 'A phase, or its finally block, has no commands.',
    description: 'CodeBuild runs a phase without commands (nothing happens), so commands commented out are a warning, not a broken file. An install phase that only selects runtime-versions is fine.',
    bad: 'version: 0.2\nphases:\n  build:\n    commands:\n  post_build:\n    commands:\n      - echo done\n',
    good: 'version: 0.2\nphases:\n  build:\n    commands:\n      - npm test\n  post_build:\n    commands:\n      - echo done\n',
  check(ctx) {
    for (const name of PHASES) {
      if (!ctx.phases || !(name in ctx.phases)) continue;
      const phase = ctx.phases[name];
      const at = ['phases', name];
      const hasRuntimes = isRecord(phase) && isRecord(phase['runtime-versions']) && Object.keys(phase['runtime-versions']).length > 0;
      const commands = isRecord(phase) ? phase['commands'] : undefined;
      // The reference calls commands required in a phase, but CodeBuild runs a phase without any (AWS's own awscrt
      // release pipeline has an empty install phase): commands commented out are a warning, not a broken file.
      if (!isRecord(phase) || commands === undefined || commands === null || (Array.isArray(commands) && commands.length === 0)) {
        if (!(name === 'install' && hasRuntimes && (commands === undefined || (Array.isArray(commands) && commands.length > 0)))) {
          ctx.report({
            pointer: toPointer(isRecord(phase) && commands !== undefined ? [...at, 'commands'] : at),
            atKey: true,
            message: `Phase "${name}" has no commands (commented out?); CodeBuild runs it without any.`,
            fix: `Add a command, or remove the "${name}" phase.`,
          });
        }
      }
      const fin = isRecord(phase) ? phase['finally'] : undefined;
      if (fin === null || (Array.isArray(fin) && fin.length === 0)) {
        ctx.report({ pointer: toPointer([...at, 'finally']), atKey: true, message: `"finally" in phase "${name}" is empty; CodeBuild runs nothing after the commands.`, fix: 'Add a command or remove "finally".' });
      }
    }
  },
};

export const emptyCommand: BuildspecRule = {
  kind: 'buildspec',
    code: 'BUILDSPEC-EMPTY-COMMAND',
    severity: 'warning',
    title: 'A command in a phase is empty.',
    description: 'A "- # comment" line in commands leaves an empty command; CodeBuild tolerates it, but the comment was probably meant to disable the whole line ("# - ...").',
    bad: build('      - npm test\n      - # npm run lint\n'),
    good: build('      - npm test\n      # - npm run lint\n'),
  check(ctx) {
    for (const name of PHASES) {
      const phase = ctx.phases?.[name];
      if (!isRecord(phase)) continue;
      for (const key of ['commands', 'finally']) {
        const list = phase[key];
        if (!Array.isArray(list)) continue;
        list.forEach((c, i) => {
          if (c !== null && !(typeof c === 'string' && c.trim() === '')) return;
          ctx.report({
            pointer: toPointer(['phases', name, key, i]),
            message: `Command ${i + 1} of "${name}.${key}" is empty${c === null ? ' (a "- # comment" line leaves an empty item)' : ''}; CodeBuild tolerates it.`,
            fix: 'Remove the empty item, or comment out the whole line ("# - ...").',
          });
        });
      }
    }
  },
};
