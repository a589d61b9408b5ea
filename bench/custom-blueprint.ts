/**
 * A team's service blueprint, as its files: a TypeScript file that imports a helper file and a Handlebars
 * template of its own, and renders a workflow through the library's typed model. `npm run bench` times
 * `new ./service.ts` with it (first run and cached); the blueprint-source tests load it from outside the
 * repository. `version` and `extra` vary between tests (a new version of the blueprint).
 */
export function serviceBlueprint(version = '1.0.0', extra = ''): Record<string, string> {
  return {
    'service.ts': `import { readFileSync } from 'node:fs';
import { defineBlueprint, workflowPart } from 'catalyst-gen';
import { ciSteps } from './steps.js';

export interface ServiceOptions {
  readonly name: string;
  readonly runtime: 'nodejs20' | 'python3.12';
  readonly branch: string;
  readonly stages: readonly { readonly name: string; readonly account: string }[];
  readonly alarms?: { readonly email: string };
}

export const service = defineBlueprint<ServiceOptions>({
  id: 'service',
  displayName: 'Team service',
  description: 'A service with a CI workflow and the team README.',
  version: '${version}',
  options: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'runtime', 'branch', 'stages'],
    properties: {
      name: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,30}$', description: 'Service name (lowercase, digits, "-").' },
      runtime: { type: 'string', enum: ['nodejs20', 'python3.12'], description: 'Language runtime.' },
      branch: { type: 'string', minLength: 1, description: 'Branch that CI builds.' },
      stages: {
        type: 'array',
        minItems: 1,
        description: 'Where it deploys.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'account'],
          properties: {
            name: { type: 'string', pattern: '^[a-z]+$', description: 'Stage name.' },
            account: { type: 'string', pattern: '^[0-9]{12}$', description: '12-digit account.' },
          },
        },
      },
      alarms: {
        type: 'object',
        additionalProperties: false,
        required: ['email'],
        description: 'E-mail alarms.',
        properties: { email: { type: 'string', format: 'email', description: 'Who gets them.' } },
      },
    },
  },
  defaults: { name: 'orders', runtime: 'nodejs20', branch: 'main', stages: [{ name: 'dev', account: '111111111111' }] },
  templates: { 'README.md.hbs': readFileSync(new URL('./README.md.hbs', import.meta.url), 'utf8') },
  render: (o) => ({
    files: [
      { type: 'template', path: 'README.md', template: 'README.md.hbs', data: { ...o }, mode: 'seed' },
      workflowPart({
        name: 'ci',
        triggers: [{ type: 'PUSH', branches: [o.branch] }],
        actions: [{ name: 'Test', identifier: 'aws/build@v1', inputs: { sources: ['WorkflowSource'] }, configuration: { steps: ciSteps(o.runtime) } }],
      }),${extra}
    ],
  }),
});
`,
    'steps.ts': `export function ciSteps(runtime: string): string[] {
  return runtime === 'nodejs20' ? ['npm ci', 'npm test'] : ['pip install -r requirements.txt', 'python -m pytest'];
}
`,
    'README.md.hbs': `# {{name}}

Runtime: {{runtime}}. Stages: {{#each stages}}{{name}} ({{account}}){{#unless @last}}, {{/unless}}{{/each}}.
`,
  };
}

