import { readFileSync } from 'node:fs';
import { defineBlueprint, workflowPart } from 'catalyst-gen';

/**
 * The options of this blueprint: "catalyst-gen show" documents them and the wizard of "catalyst-gen new" asks
 * them. The schema below must describe this interface: tsc reports any difference.
 */
export interface Options {
  /** Name of the generated project. */
  readonly name: string;
  /** Branch whose pushes run the CI workflow. */
  readonly branch: string;
  /** Commands the CI workflow runs, in order. */
  readonly steps: readonly string[];
}

export const blueprint = defineBlueprint<Options>({
  id: "my-blueprint",
  displayName: "My blueprint",
  description: "A project with a README and a CI workflow.",
  // Raise it with every change to what the blueprint renders: "catalyst-gen update" says 0.1.0 -> 0.2.0.
  version: '0.1.0',
  options: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'branch', 'steps'],
    properties: {
      name: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,40}$', description: 'Name of the generated project (lowercase letters, digits, "-").' },
      branch: { type: 'string', minLength: 1, description: 'Branch whose pushes run the CI workflow.' },
      steps: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'Commands the CI workflow runs, in order.' },
    },
  },
  defaults: { name: 'my-service', branch: 'main', steps: ['npm ci', 'npm test'] },
  // Templates the blueprint carries, read once when it loads (import.meta.url is this file, wherever it runs).
  templates: { 'README.md.hbs': readFileSync(new URL('../templates/README.md.hbs', import.meta.url), 'utf8') },
  // Pure: the same options give the same files. Structured files are values, validated before anything is written.
  render: (o) => ({
    files: [
      { type: 'template', path: 'README.md', template: 'README.md.hbs', data: { ...o }, mode: 'seed' },
      workflowPart({
        name: 'ci',
        triggers: [{ type: 'PUSH', branches: [o.branch] }],
        actions: [{ name: 'Build', identifier: 'aws/build@v1', inputs: { sources: ['WorkflowSource'] }, configuration: { steps: [...o.steps] } }],
      }),
    ],
  }),
});
