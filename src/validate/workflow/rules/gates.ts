import type { WorkflowRule } from './context.js';

const HEAD = 'Name: release\nSchemaVersion: "1.0"\nActions:\n';
const BUILD = '  Build:\n    Identifier: aws/build@v1\n    Configuration:\n      Steps:\n        - Run: npm run build\n';

export const gateInGroup: WorkflowRule = {
  code: 'WF-GATE-IN-GROUP',
  kind: 'workflow',
  severity: 'error',
  title: 'An approval gate is inside an action group.',
  description:
    'Approval gates (aws/approval) must sit at the top level of Actions; CodeCatalyst refuses a gate inside an action group. To hold a group until someone approves, put the gate at the top level and make the group depend on it.',
  bad: `${HEAD}${BUILD}  Deploy:\n    DependsOn:\n      - Build\n    Actions:\n      Approve:\n        Identifier: aws/approval@v1\n        Configuration:\n          ApprovalsRequired: 1\n`,
  good: `${HEAD}${BUILD}  Approve:\n    Identifier: aws/approval@v1\n    DependsOn:\n      - Build\n    Configuration:\n      ApprovalsRequired: 1\n`,
  check(ctx) {
    for (const n of ctx.graph.nodes) {
      if (n.kind !== 'gate' || !n.group) continue;
      ctx.report({
        pointer: n.pointer,
        atKey: true,
        message: `The approval gate "${n.name}" is inside the action group "${n.group}"; gates cannot be in groups.`,
        fix: `Move "${n.name}" to the top level of Actions and make the group depend on it.`,
      });
    }
  },
};

export const gateParallel: WorkflowRule = {
  code: 'WF-GATE-PARALLEL',
  kind: 'workflow',
  severity: 'warning',
  title: 'An approval gate would wait beside actions that run at the same time.',
  description:
    'A gate runs before or after actions, never beside one ("Can I set up a gate to run in parallel to another action? No." in the gates documentation). An action or group that is neither upstream nor downstream of a gate would run while the gate waits. A warning, because the documentation does not say how the service treats such a file; order them with DependsOn.',
  bad: `${HEAD}${BUILD}  Approve:\n    Identifier: aws/approval@v1\n    Configuration:\n      ApprovalsRequired: 1\n`,
  good: `${HEAD}${BUILD}  Approve:\n    Identifier: aws/approval@v1\n    DependsOn:\n      - Build\n    Configuration:\n      ApprovalsRequired: 1\n`,
  check(ctx) {
    const upstream = ctx.upstream;
    if (!upstream) return;
    const { nodes } = ctx.graph;
    for (const g of nodes) {
      if (g.kind !== 'gate' || g.group) continue;
      const beside = nodes.filter((n) => n.kind !== 'gate' && !n.group && !upstream(g.name, n.name) && !upstream(n.name, g.name)).map((n) => `"${n.name}"`);
      if (beside.length === 0) continue;
      const named = beside.length <= 3 ? beside.join(', ') : `${beside.slice(0, 3).join(', ')} and ${beside.length - 3} more`;
      ctx.report({
        pointer: g.pointer,
        atKey: true,
        message: `The approval gate "${g.name}" would wait at the same time as ${named} run${beside.length === 1 ? 's' : ''}; CodeCatalyst runs a gate only before or after actions, not beside them.`,
        fix: `Order them with DependsOn: make ${beside[0]} depend on "${g.name}", or "${g.name}" on ${beside[0]}.`,
      });
    }
  },
};
