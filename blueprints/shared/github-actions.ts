import { exportWorkflow, githubSetupSteps, githubWorkflowSchemaErrors, renderWorkflow, type WorkflowDef, type YamlPart } from '../../src/index.js';

/**
 * The `ci` option of the blueprints that render workflows: CodeCatalyst workflows (the default), or the same
 * workflows as GitHub Actions workflows, translated by `catalyst-gen export github-actions` from the typed
 * definitions. The devfile stays either way: it still serves Dev Environments and other devfile-aware tools.
 */
export type CiOption = 'codecatalyst' | 'github-actions';

export const CI_SCHEMA = {
  type: 'string',
  enum: ['codecatalyst', 'github-actions'],
  description:
    'Where the workflows run: "codecatalyst", CodeCatalyst workflows in .codecatalyst/workflows/; "github-actions", the same workflows as GitHub Actions workflows in .github/workflows/, deploying through GitHub environments and OIDC roles (the README says what to set up on GitHub).',
} as const;

export interface GitHubDelivery {
  readonly parts: readonly YamlPart[];
  /** The README section that says what to set up on GitHub, with its heading. */
  readonly setup: string;
}

/** A deploy target's role ARN, known from the options: GitHub assumes the same role the connection named. */
export interface KnownRole {
  readonly connection: string;
  readonly account: string;
  readonly role: string;
}

/**
 * The workflows as GitHub Actions workflow parts. A generated workflow must translate completely and pass GitHub's
 * workflow schema (the catalogue tests also run actionlint on it): anything else is a bug of the blueprint.
 */
export function renderGitHubDelivery(defs: readonly WorkflowDef[], roles: readonly KnownRole[]): GitHubDelivery {
  const roleArns = Object.fromEntries(roles.map((r) => [r.connection, `arn:aws:iam::${r.account}:role/${r.role}`]));
  const parts: YamlPart[] = [];
  const environments = new Set<string>();
  const todo = new Set<string>();
  for (const def of defs) {
    const result = exportWorkflow(renderWorkflow(def), { roleArns });
    const bad = [...result.findings.filter((f) => f.kind === 'untranslated').map((f) => `${f.pointer}: ${f.message}`), ...githubWorkflowSchemaErrors(JSON.parse(JSON.stringify(result.workflow)))];
    if (bad.length > 0) throw new Error(`The workflow ${def.name} does not translate to GitHub Actions:\n${bad.join('\n')}`);
    for (const job of Object.values(result.workflow.jobs)) if (job.environment) environments.add(job.environment);
    for (const f of result.findings) if (f.kind === 'setup') todo.add(f.action);
    parts.push({ type: 'yaml', path: `.github/workflows/${def.name}.yml`, value: result.workflow, fileKind: 'yaml', mode: 'managed' });
  }
  const setup = [
    '## GitHub Actions set-up',
    '',
    'The workflows in `.github/workflows/` deploy through GitHub environments, each assuming the IAM role of its stage with GitHub\'s OIDC token. Once, before the first run:',
    '',
    ...githubSetupSteps('###', [...environments]),
    ...(todo.size > 0 ? ['### For these workflows', '', ...[...todo].sort().map((t) => `- ${t}`), ''] : []),
  ];
  return { parts, setup: setup.join('\n').trimEnd() };
}

/** The README data of the `ci` option: the GitHub set-up or the CodeCatalyst one; templates print whichever applies. */
export function ciReadmeData(githubSetup: string | undefined, codeCatalystSetup: () => string) {
  const github = githubSetup !== undefined;
  return {
    githubActions: github,
    ciName: github ? 'GitHub Actions' : 'CodeCatalyst',
    githubSetup: githubSetup ?? '',
    intoCodeCatalyst: github ? '' : codeCatalystSetup(),
  };
}
