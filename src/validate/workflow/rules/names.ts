import type { WorkflowGraphNode } from '../../../wire/workflow-graph.js';
import type { WorkflowRule } from './context.js';

const NAME = /^[A-Za-z0-9_-]+$/;

export const nameInvalid: WorkflowRule = {
  code: 'WF-NAME-INVALID',
  kind: 'workflow',
  severity: 'error',
  title: 'An action, gate or group name holds characters other than letters, digits, "_" and "-".',
  description:
    'CodeCatalyst accepts action, gate and group names made of letters, digits, underscores and hyphens only; a space or a dot is refused when the workflow is saved, and quoting the name does not help. The name is also how DependsOn and ${Action.VARIABLE} references find the action, so a rename must update them too.',
  bad: 'Name: build\nSchemaVersion: "1.0"\nActions:\n  Build app:\n    Identifier: aws/build@v1\n    Configuration:\n      Steps:\n        - Run: npm test\n',
  good: 'Name: build\nSchemaVersion: "1.0"\nActions:\n  Build_app:\n    Identifier: aws/build@v1\n    Configuration:\n      Steps:\n        - Run: npm test\n',
  check(ctx) {
    const check = (n: WorkflowGraphNode) => {
      if (NAME.test(n.name)) return;
      const suggestion = n.name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || 'Action';
      ctx.report({
        pointer: n.pointer,
        atKey: true,
        message: `${n.kind === 'group' ? 'Group' : 'Action'} name "${n.name}" may contain only letters, digits, "_" and "-" (no spaces; quoting does not help).`,
        fix: `Rename it, e.g. "${suggestion}", and update every DependsOn and \${${n.name}.VAR} that names it.`,
      });
    };
    for (const n of ctx.graph.nodes) check(n);
    for (const n of ctx.graph.duplicates) check(n);
  },
};

export const nameDuplicate: WorkflowRule = {
  code: 'WF-NAME-DUPLICATE',
  kind: 'workflow',
  severity: 'error',
  title: 'Two actions, gates or groups have the same name.',
  description:
    'Action names are unique across the whole workflow, the actions inside groups included: DependsOn and variable references name an action without saying which group it is in. A YAML mapping already refuses the same key twice at one level, so this finds the same name at the top level and in a group, or in two groups.',
  bad: 'Name: build\nSchemaVersion: "1.0"\nActions:\n  Test:\n    Identifier: aws/managed-test@v1\n    Configuration:\n      Steps:\n        - Run: npm test\n  Checks:\n    Actions:\n      Test:\n        Identifier: aws/managed-test@v1\n        Configuration:\n          Steps:\n            - Run: npm run lint\n',
  good: 'Name: build\nSchemaVersion: "1.0"\nActions:\n  Test:\n    Identifier: aws/managed-test@v1\n    Configuration:\n      Steps:\n        - Run: npm test\n  Checks:\n    Actions:\n      Lint:\n        Identifier: aws/managed-test@v1\n        Configuration:\n          Steps:\n            - Run: npm run lint\n',
  check(ctx) {
    for (const d of ctx.graph.duplicates) {
      const first = ctx.byName.get(d.name)!;
      ctx.report({
        pointer: d.pointer,
        atKey: true,
        message: `The name "${d.name}" is used twice (also at ${first.group ? `group "${first.group}"` : 'the top level'}); action names must be unique in the workflow, groups included.`,
        fix: 'Rename one of them.',
      });
    }
  },
};
