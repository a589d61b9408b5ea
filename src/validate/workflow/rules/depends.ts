import { closest } from '../../suggest.js';
import type { WorkflowRule } from './context.js';

export const dependsMissing: WorkflowRule = {
  code: 'WF-DEPENDS-MISSING',
  kind: 'workflow',
  severity: 'error',
  title: 'DependsOn names an action, gate or group the workflow does not have.',
  description:
    'Each DependsOn entry must be the name of an action, approval gate or action group of the same workflow. The service refuses a workflow whose DependsOn names nothing; usually the name is misspelt or the action was renamed, and the message suggests the closest name.',
  bad: 'Name: build\nSchemaVersion: "1.0"\nActions:\n  Build:\n    Identifier: aws/build@v1\n    Configuration:\n      Steps:\n        - Run: npm run build\n  Test:\n    Identifier: aws/managed-test@v1\n    DependsOn:\n      - Biuld\n    Configuration:\n      Steps:\n        - Run: npm test\n',
  good: 'Name: build\nSchemaVersion: "1.0"\nActions:\n  Build:\n    Identifier: aws/build@v1\n    Configuration:\n      Steps:\n        - Run: npm run build\n  Test:\n    Identifier: aws/managed-test@v1\n    DependsOn:\n      - Build\n    Configuration:\n      Steps:\n        - Run: npm test\n',
  check(ctx) {
    let allNames: string[] | undefined;
    for (const n of ctx.graph.nodes) {
      const raw = ctx.valueOf(n)['DependsOn'];
      if (!Array.isArray(raw)) continue;
      for (let i = 0; i < raw.length; i++) {
        const target: unknown = raw[i];
        if (typeof target !== 'string' || ctx.byName.has(target)) continue;
        allNames ??= ctx.graph.nodes.map((x) => x.name);
        const guess = closest(target, allNames);
        ctx.report({
          pointer: `${n.pointer}/DependsOn/${i}`,
          message: `"${n.name}" depends on "${target}", but the workflow has no action, gate or group of that name.`,
          fix: guess ? `Did you mean "${guess}"?` : `Use one of: ${allNames.join(', ')}.`,
        });
      }
    }
  },
};

export const dependsCycle: WorkflowRule = {
  code: 'WF-DEPENDS-CYCLE',
  kind: 'workflow',
  severity: 'error',
  title: 'Actions wait for each other in a cycle.',
  description:
    'When DependsOn entries form a cycle (A waits for B, B waits for A, possibly through groups and several steps), none of the actions in it can ever start. The message lists the cycle in waiting order and points at the DependsOn entry that closes it; removing any one entry of the cycle breaks it.',
  bad: 'Name: build\nSchemaVersion: "1.0"\nActions:\n  Build:\n    Identifier: aws/build@v1\n    DependsOn:\n      - Test\n    Configuration:\n      Steps:\n        - Run: npm run build\n  Test:\n    Identifier: aws/managed-test@v1\n    DependsOn:\n      - Build\n    Configuration:\n      Steps:\n        - Run: npm test\n',
  good: 'Name: build\nSchemaVersion: "1.0"\nActions:\n  Build:\n    Identifier: aws/build@v1\n    Configuration:\n      Steps:\n        - Run: npm run build\n  Test:\n    Identifier: aws/managed-test@v1\n    DependsOn:\n      - Build\n    Configuration:\n      Steps:\n        - Run: npm test\n',
  check(ctx) {
    for (const c of ctx.cycles) {
      const at = ctx.byName.get(c[0]!)!;
      const idx = at.dependsOn.indexOf(c[1]!);
      ctx.report({
        pointer: idx >= 0 ? `${at.pointer}/DependsOn/${idx}` : at.pointer,
        message: `The actions wait for each other in a cycle, so none of them can ever start: ${c.join(' -> ')} (each waits for the next).`,
        fix: 'Remove one of these DependsOn entries to break the cycle.',
      });
    }
  },
};
