import { isRecord } from '../../../model/values.js';
import type { WorkflowGraphNode } from '../../../wire/workflow-graph.js';
import { closest } from '../../suggest.js';
import { perFile, type WorkflowRule } from './context.js';

/** Each artifact an action consumes by name (`Inputs.Artifacts`), with the other actions that produce it. */
const consumed = perFile((ctx) => {
  const out: { n: WorkflowGraphNode; art: string; ptr: string; from: string[] }[] = [];
  for (const n of ctx.actions) {
    const inputs = ctx.valueOf(n)['Inputs'];
    const list = isRecord(inputs) ? inputs['Artifacts'] : undefined;
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const art: unknown = list[i];
      if (typeof art !== 'string') continue;
      const from = ctx.producers().get(art)?.filter((p) => p !== n.name) ?? [];
      out.push({ n, art, ptr: `${n.pointer}/Inputs/Artifacts/${i}`, from });
    }
  }
  return out;
});

const build = (dependsOn: string, input: string) =>
  `Name: build\nSchemaVersion: "1.0"\nActions:\n  Build:\n    Identifier: aws/build@v1\n    Outputs:\n      Artifacts:\n        - Name: site\n          Files:\n            - dist/**/*\n    Configuration:\n      Steps:\n        - Run: npm run build\n  Publish:\n    Identifier: aws/build@v1\n${dependsOn}    Inputs:\n      Artifacts:\n        - ${input}\n    Configuration:\n      Steps:\n        - Run: ls\n`;

export const artifactUnknown: WorkflowRule = {
  code: 'WF-ARTIFACT-UNKNOWN',
  kind: 'workflow',
  severity: 'error',
  title: 'An action consumes an artifact no other action produces.',
  description:
    'Inputs.Artifacts names output artifacts of other actions of the workflow (their Outputs.Artifacts). A name nobody produces, usually a typo, fails the run; the message suggests the closest produced name.',
  bad: build('    DependsOn:\n      - Build\n', 'sit'),
  good: build('    DependsOn:\n      - Build\n', 'site'),
  check(ctx) {
    for (const { n, art, ptr, from } of consumed(ctx)) {
      if (from.length > 0) continue;
      const guess = closest(art, [...ctx.producers().keys()]);
      ctx.report({
        pointer: ptr,
        message: `"${n.name}" consumes the artifact "${art}", but no other action produces it (Outputs.Artifacts).`,
        fix: guess ? `Did you mean "${guess}"?` : 'Produce it in an upstream action, or remove it from Inputs.Artifacts.',
      });
    }
  },
};

export const artifactNotUpstream: WorkflowRule = {
  code: 'WF-ARTIFACT-NOT-UPSTREAM',
  kind: 'workflow',
  severity: 'warning',
  title: 'An action consumes an artifact from an action it does not depend on.',
  description:
    'The runner infers a dependency from a consumed artifact, so the workflow runs, but the order is then implicit: whoever reads DependsOn (or removes the input) gets a different workflow. Say it with DependsOn.',
  bad: build('', 'site'),
  good: build('    DependsOn:\n      - Build\n', 'site'),
  check(ctx) {
    const upstream = ctx.upstream;
    if (!upstream) return;
    for (const { n, art, ptr, from } of consumed(ctx)) {
      if (from.length === 0 || from.some((p) => upstream(p, n.name))) continue;
      ctx.report({
        pointer: ptr,
        message: `"${n.name}" consumes the artifact "${art}" from "${from[0]}" without depending on it; it works only because the runner infers the dependency.`,
        fix: `Add "${from[0]}" to DependsOn.`,
      });
    }
  },
};
