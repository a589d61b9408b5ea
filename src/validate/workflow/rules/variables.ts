import { isRecord } from '../../../model/values.js';
import type { WorkflowGraphNode } from '../../../wire/workflow-graph.js';
import { DECLARED_OUTPUT_FAMILIES } from '../../../wire/workflow.js';
import { toPointer } from '../../../model/diagnostic.js';
import { closest } from '../../suggest.js';
import { walkStrings } from '../../walk-strings.js';
import { identifierInfo } from '../identifier.js';
import { perFile, type WorkflowContext, type WorkflowRule } from './context.js';

/** The runner's reference syntax: `${Action.VAR}` or `${Group.Action.VAR}`. */
const REFERENCE = /\$\{([A-Za-z0-9.\-_]+)\.([A-Za-z0-9\-_]+)\}/g;
const MAX_SECRETS = 5;

/** One `${...}` reference to another action's variable, and what it resolves to. */
interface Reference {
  readonly text: string;
  /** `[Action]` or `[Group, Action]`. */
  readonly path: readonly string[];
  readonly variable: string;
  /** The action holding the reference. */
  readonly n: WorkflowGraphNode;
  readonly ptr: string;
  /** The node the last name of `path` names, if any. */
  readonly target: WorkflowGraphNode | undefined;
}

interface ActionReferences {
  readonly refs: Reference[];
  /** The secrets each action uses (`${Secrets.NAME}`). */
  readonly secrets: Map<WorkflowGraphNode, Set<string>>;
}

/** The references of a workflow, found once for all the rules that read them. */
const references = perFile((ctx): ActionReferences => {
  const r: ActionReferences = { refs: [], secrets: new Map() };
  for (const n of ctx.actions) {
    const a = ctx.valueOf(n);
    // Only an action holding "${" somewhere can have any.
    if (!holdsPlaceholder(a)) continue;
    const secrets = new Set<string>();
    walkStrings(a, (s, at) => {
      if (!s.includes('${')) return;
      const ptr = n.pointer + toPointer(at);
      for (const m of s.matchAll(REFERENCE)) {
        const path = m[1]!.split('.');
        if (path[0] === 'Secrets' && path.length === 1) {
          secrets.add(m[2]!);
          continue;
        }
        if ((path.length === 1 && ctx.sourceNames().has(path[0]!)) || path.length > 2) continue;
        r.refs.push({ text: m[0], path, variable: m[2]!, n, ptr, target: ctx.byName.get(path[path.length - 1]!) });
      }
    });
    r.secrets.set(n, secrets);
  }
  return r;
});

/** Whether any string `walkStrings` would visit under `x` contains "${" (a cheap test before the walk). */
function holdsPlaceholder(x: unknown): boolean {
  if (typeof x === 'string') return x.includes('${');
  if (typeof x !== 'object' || x === null) return false;
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) if (holdsPlaceholder(x[i])) return true;
    return false;
  }
  const r = x as Record<string, unknown>;
  // Own keys only, as walkStrings; the ownership test runs only on a hit.
  for (const k in r) if (holdsPlaceholder(r[k]) && Object.prototype.hasOwnProperty.call(r, k)) return true;
  return false;
}

/** Whether a reference names an action that exists, outside a group or through the group it is in. */
function groupFault(ref: Reference): boolean {
  const t = ref.target;
  return !t || t.kind === 'group' || (ref.path.length === 2 && t.group !== ref.path[0]);
}

/** The variables a target action declares, when its kind exports exactly those (build, managed-test, ...). */
function declaredVariables(ctx: WorkflowContext, target: WorkflowGraphNode): string[] | undefined {
  const info = identifierInfo(target.identifier);
  if (!info || !DECLARED_OUTPUT_FAMILIES.has(info.family)) return undefined;
  const outputs = ctx.valueOf(target)['Outputs'];
  return isRecord(outputs) && Array.isArray(outputs['Variables']) ? outputs['Variables'].map(String) : [];
}

const workflow = (dependsOn: string, reference: string, exported = 'VERSION') =>
  `Name: build\nSchemaVersion: "1.0"\nActions:\n  Build:\n    Identifier: aws/build@v1\n    Outputs:\n      Variables:\n        - ${exported}\n    Configuration:\n      Steps:\n        - Run: export VERSION=1.0\n  Tag:\n    Identifier: aws/build@v1\n${dependsOn}    Configuration:\n      Steps:\n        - Run: echo ${reference}\n`;
const DEPENDS = '    DependsOn:\n      - Build\n';

export const varUnknownAction: WorkflowRule = {
  code: 'WF-VAR-UNKNOWN-ACTION',
  kind: 'workflow',
  severity: 'error',
  title: 'A ${Action.VARIABLE} reference names an action the workflow does not have.',
  description:
    'Output variables of other actions are read as ${Action.VARIABLE} (or ${Group.Action.VARIABLE}); the action must exist in the workflow. Source names (${WorkflowSource.VARIABLE}) and ${Secrets.NAME} are not action references.',
  bad: workflow(DEPENDS, '${Biuld.VERSION}'),
  good: workflow(DEPENDS, '${Build.VERSION}'),
  check(ctx) {
    for (const ref of references(ctx).refs) {
      if (ref.target) continue;
      const name = ref.path[ref.path.length - 1]!;
      const guess = closest(name, [...ctx.byName.keys()]);
      ctx.report({
        pointer: ref.ptr,
        message: `${ref.text} refers to "${name}", but the workflow has no action of that name.`,
        fix: guess ? `Did you mean "${guess}"?` : 'Name an action that exports the variable (Outputs.Variables).',
      });
    }
  },
};

export const varGroup: WorkflowRule = {
  code: 'WF-VAR-GROUP',
  kind: 'workflow',
  severity: 'error',
  title: 'A variable reference names a group, or the wrong group, of the action it reads.',
  description:
    'Variables belong to actions, not groups: ${Group.VARIABLE} reads nothing, and ${Group.Action.VARIABLE} must name the group the action is in. An action in a group named without its group (${Action.VARIABLE}) works but is not the documented form: that is a warning.',
  bad: 'Name: build\nSchemaVersion: "1.0"\nActions:\n  Builds:\n    Actions:\n      Build:\n        Identifier: aws/build@v1\n        Outputs:\n          Variables:\n            - VERSION\n        Configuration:\n          Steps:\n            - Run: export VERSION=1.0\n  Tag:\n    Identifier: aws/build@v1\n    DependsOn:\n      - Builds\n    Configuration:\n      Steps:\n        - Run: echo ${Builds.VERSION}\n',
  good: 'Name: build\nSchemaVersion: "1.0"\nActions:\n  Builds:\n    Actions:\n      Build:\n        Identifier: aws/build@v1\n        Outputs:\n          Variables:\n            - VERSION\n        Configuration:\n          Steps:\n            - Run: export VERSION=1.0\n  Tag:\n    Identifier: aws/build@v1\n    DependsOn:\n      - Builds\n    Configuration:\n      Steps:\n        - Run: echo ${Builds.Build.VERSION}\n',
  check(ctx) {
    for (const ref of references(ctx).refs) {
      const t = ref.target;
      if (!t) continue;
      const name = t.name;
      const v = ref.variable;
      if (t.kind === 'group') {
        ctx.report({ pointer: ref.ptr, message: `${ref.text} names the group "${name}"; variables belong to the actions inside it.`, fix: `Write \${${name}.<Action>.${v}}.` });
      } else if (ref.path.length === 2 && t.group !== ref.path[0]) {
        ctx.report({
          pointer: ref.ptr,
          message: `${ref.text}: "${name}" is ${t.group ? `in the group "${t.group}"` : 'not in a group'}, not in "${ref.path[0]}".`,
          fix: t.group ? `Write \${${t.group}.${name}.${v}}.` : `Write \${${name}.${v}}.`,
        });
      } else if (ref.path.length === 1 && t.group) {
        ctx.report({ severity: 'warning', pointer: ref.ptr, message: `${ref.text}: "${name}" is in the group "${t.group}"; the documented form names the group.`, fix: `Write \${${t.group}.${name}.${v}}.` });
      }
    }
  },
};

export const varNotExported: WorkflowRule = {
  code: 'WF-VAR-NOT-EXPORTED',
  kind: 'workflow',
  severity: 'error',
  title: 'A variable reference reads a variable the action does not export.',
  description:
    'Build, test and GitHub Actions runner actions export exactly the variables listed in their Outputs.Variables; a reference to any other reads nothing. Other actions export predefined variables and are not checked.',
  bad: workflow(DEPENDS, '${Build.VERSON}'),
  good: workflow(DEPENDS, '${Build.VERSION}'),
  check(ctx) {
    for (const ref of references(ctx).refs) {
      if (groupFault(ref)) continue;
      const declared = declaredVariables(ctx, ref.target!);
      if (!declared || declared.includes(ref.variable)) continue;
      const name = ref.target!.name;
      const guess = closest(ref.variable, declared);
      ctx.report({
        pointer: ref.ptr,
        message: `${ref.text}: "${name}" does not export "${ref.variable}"${declared.length ? ` (it exports ${declared.join(', ')})` : ''}.`,
        fix: guess ? `Did you mean "${guess}"?` : `Add "${ref.variable}" to the Outputs.Variables of "${name}".`,
      });
    }
  },
};

export const varNotUpstream: WorkflowRule = {
  code: 'WF-VAR-NOT-UPSTREAM',
  kind: 'workflow',
  severity: 'warning',
  title: 'An action reads a variable of an action it does not depend on.',
  description:
    'The runner infers a dependency from a variable reference, so the workflow runs, but the order is then implicit. Say it with DependsOn (naming the group, for an action in a group).',
  bad: workflow('', '${Build.VERSION}'),
  good: workflow(DEPENDS, '${Build.VERSION}'),
  check(ctx) {
    const upstream = ctx.upstream;
    if (!upstream) return;
    for (const ref of references(ctx).refs) {
      if (groupFault(ref)) continue;
      const t = ref.target!;
      const declared = declaredVariables(ctx, t);
      if (declared && !declared.includes(ref.variable)) continue;
      if (t.name === ref.n.name || upstream(t.name, ref.n.name)) continue;
      ctx.report({
        pointer: ref.ptr,
        message: `${ref.text}: "${ref.n.name}" uses a variable of "${t.name}" without depending on it; it works only because the runner infers the dependency.`,
        fix: `Add "${t.group ?? t.name}" to DependsOn.`,
      });
    }
  },
};

export const secretsLimit: WorkflowRule = {
  code: 'WF-SECRETS-LIMIT',
  kind: 'workflow',
  severity: 'error',
  title: `An action uses more than ${MAX_SECRETS} secrets.`,
  description: `CodeCatalyst lets an action use at most ${MAX_SECRETS} secrets (\${Secrets.NAME}). Split the work over several actions, or keep related values in one JSON secret.`,
  bad: 'Name: build\nSchemaVersion: "1.0"\nActions:\n  Build:\n    Identifier: aws/build@v1\n    Configuration:\n      Steps:\n        - Run: echo ${Secrets.A} ${Secrets.B} ${Secrets.C} ${Secrets.D} ${Secrets.E} ${Secrets.F}\n',
  good: 'Name: build\nSchemaVersion: "1.0"\nActions:\n  Build:\n    Identifier: aws/build@v1\n    Configuration:\n      Steps:\n        - Run: echo ${Secrets.A} ${Secrets.B} ${Secrets.C} ${Secrets.D} ${Secrets.E}\n',
  check(ctx) {
    for (const [n, secrets] of references(ctx).secrets) {
      if (secrets.size <= MAX_SECRETS) continue;
      ctx.report({
        pointer: n.pointer,
        atKey: true,
        message: `"${n.name}" uses ${secrets.size} secrets (${[...secrets].sort().join(', ')}); an action may use at most ${MAX_SECRETS}.`,
        fix: 'Split the work over several actions, or combine secrets into one JSON secret.',
      });
    }
  },
};
