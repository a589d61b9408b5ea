import {
  defineBlueprint,
  GENERATED_VERSIONS,
  renderCdkProjectFiles,
  renderDevfilePart,
  renderMermaid,
  renderWorkflow,
  ValidationError,
  workflowGraph,
  workflowPart,
  type ProjectPart,
} from '../../src/index.js';
import { readmePart } from '../shared/files-table.js';
import { PLACEHOLDER_ACCOUNTS, placeholderAccounts } from '../shared/options.js';
import { defaults, optionsSchema, type MultiAccountControlOptions } from './options.js';
import { selectRules } from './rules.js';
import { ASSEMBLY_ARTIFACT, checkWorkflow, CHECK_WORKFLOW, deployWorkflow, DEPLOY_WORKFLOW, INFRA_DIR, stackName } from './workflows.js';
import { meta } from './meta.js';
import { intoCodeCatalyst } from '../shared/codecatalyst-readme.js';
import { ciReadmeData, renderGitHubDelivery } from '../shared/github-actions.js';

export type { MultiAccountControlOptions, TargetOption } from './options.js';
export { CONFIG_RULES } from './rules.js';

const TEMPLATES = 'multi-account-control';

/**
 * Blueprint 4 of the catalogue: one security control (AWS Config managed rules in a CDK app) deployed into many
 * accounts from one CodeCatalyst workflow: non-production targets in parallel, an optional approval, then the
 * production targets in parallel.
 */
export const multiAccountControl = defineBlueprint<MultiAccountControlOptions>({
  ...meta,
  options: optionsSchema,
  defaults,
  statefulOptions: [
    {
      path: 'controlName',
      consequence:
        'the stacks and the AWS Config rules are named after it, so the next deployment creates new stacks and rules in every target and leaves the old ones deployed (still evaluating and billed). Keep the old name, or delete the old stacks yourself once the new ones are deployed.',
    },
    {
      path: 'targets.*.name',
      consequence: "the target's stack is named after it, so the next deployment creates a new stack and leaves the old one deployed. Keep the old name, or delete the old stack yourself once the new one is deployed.",
    },
  ],
  render: (o) => {
    checkTargets(o);
    const check = checkWorkflow(o);
    const deploy = deployWorkflow(o);
    const rules = selectRules(o.rules).map((r) => ({ ...r, global: r.global ?? false }));
    const targets = o.targets.map((t) => ({ ...t, stackName: stackName(o, t) }));
    const cdkData = {
      controlName: o.controlName,
      rules: rules.map(({ id, identifier, description, inputParameters }) => ({ id, identifier, description, ...(inputParameters ? { inputParameters } : {}) })),
      targets: targets.map(({ name, account, region, stackName: s, production }) => ({ name, account, region, stackName: s, production })),
      placeholderAccountIds: PLACEHOLDER_ACCOUNTS,
    };
    const project = renderCdkProjectFiles({
      root: INFRA_DIR,
      packageName: o.controlName,
      // tsx runs the TypeScript tests with Node's own test runner: no test framework to install.
      scripts: { test: 'tsx --test test/*.test.ts' },
    });
    const github = o.ci === 'github-actions' ? renderGitHubDelivery([check, deploy], o.targets) : undefined;
    const workflowParts = github ? github.parts : [workflowPart(check, { mode: 'managed' }), workflowPart(deploy, { mode: 'managed' })];
    const parts: ProjectPart[] = [
      // Managed: both workflows are a function of the targets and the strategy; changing a target means changing
      // the options and running `update`, which rewrites them (a hand edit there would be lost or conflict).
      ...workflowParts,
      // Merged: the team adds its own tools and commands to the Dev Environment; catalyst-gen only edits it in place.
      renderDevfilePart(
        {
          commands: [
            { id: 'install', commandLine: 'npm install --no-audit --no-fund', workingDir: `$PROJECT_SOURCE/${INFRA_DIR}`, postStart: true },
            { id: 'synth', commandLine: 'npx cdk synth', workingDir: `$PROJECT_SOURCE/${INFRA_DIR}` },
          ],
        },
        { mode: 'merged' },
      ),
      // Seed: package.json, tsconfig.json and cdk.json are where the team adds dependencies, compiler settings and
      // CDK feature flags; they are written once with the versions this generator was tested with.
      ...project.map((p) => ({ ...p, mode: 'seed' as const })),
      // Managed: the targets and rules come from the options, and the deploy workflow names the same stacks.
      { type: 'template', path: `${INFRA_DIR}/lib/control-config.ts`, template: `${TEMPLATES}/infra/lib/control-config.ts.hbs`, data: cdkData, mode: 'managed' },
      // Managed: wiring and the placeholder guard only; nothing here is meant to be edited.
      { type: 'template', path: `${INFRA_DIR}/bin/app.ts`, template: `${TEMPLATES}/infra/bin/app.ts.hbs`, data: {}, mode: 'managed' },
      // Seed: the stack is the control itself; the team extends it (custom rules, remediation) and keeps it.
      { type: 'template', path: `${INFRA_DIR}/lib/guardrail-stack.ts`, template: `${TEMPLATES}/infra/lib/guardrail-stack.ts.hbs`, data: {}, mode: 'seed' },
      // Seed: the team's tests grow with the stack.
      { type: 'template', path: `${INFRA_DIR}/test/guardrail-stack.test.ts`, template: `${TEMPLATES}/infra/test/guardrail-stack.test.ts.hbs`, data: {}, mode: 'seed' },
      // Seed: the team adds its own ignore patterns.
      { type: 'text', path: '.gitignore', content: ['node_modules/', 'cdk.out/', '.env'].join('\n'), mode: 'seed' },
    ];
    const production = o.targets.some((t) => t.production);
    // Managed: it documents the targets, placeholders and delivery flow of the current options, so it is
    // regenerated with them; it says so, and the team's own notes belong in another file.
    const readme = readmePart(
      `${TEMPLATES}/README.md.hbs`,
      {
        controlName: o.controlName,
        strategy: o.strategy,
        strategyText: strategyText(o),
        rules,
        hasGlobalRules: rules.some((r) => r.global),
        targets,
        placeholders: placeholderAccounts(o.targets, 'targets', 'target'),
        diagram: renderMermaid(workflowGraph(renderWorkflow(deploy))),
        branch: o.branch,
        checkWorkflow: CHECK_WORKFLOW,
        deployWorkflow: DEPLOY_WORKFLOW,
        checkWorkflowPath: workflowParts[0]!.path,
        deployWorkflowPath: workflowParts[1]!.path,
        ...ciReadmeData(github?.setup, () => intoCodeCatalyst({ project: o.controlName, workflow: DEPLOY_WORKFLOW, devfile: true, environments: o.targets })),
        artifact: ASSEMBLY_ARTIFACT,
        hasProduction: production,
        gated: o.approvalBeforeProduction && production,
        approvalsRequired: o.approvalsRequired,
        bootstrapInWorkflow: o.bootstrapInWorkflow,
        cdkCliVersion: GENERATED_VERSIONS['aws-cdk'],
      },
      parts,
      FILE_DESCRIPTIONS,
    );
    return { files: [...parts, readme] };
  },
});

const FILE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  [`.codecatalyst/workflows/${CHECK_WORKFLOW}.yaml`]: 'CodeCatalyst workflow: type-check, test and synthesize pull requests',
  [`.codecatalyst/workflows/${DEPLOY_WORKFLOW}.yaml`]: 'CodeCatalyst workflow: deploy the control into every target',
  [`.github/workflows/${CHECK_WORKFLOW}.yml`]: 'GitHub Actions workflow: type-check, test and synthesize pull requests',
  [`.github/workflows/${DEPLOY_WORKFLOW}.yml`]: 'GitHub Actions workflow: deploy the control into every target',
  'devfile.yaml': 'Dev Environment definition',
  [`${INFRA_DIR}/bin/app.ts`]: 'CDK app: one stack per target',
  [`${INFRA_DIR}/lib/control-config.ts`]: 'the rules and targets chosen in the options',
  [`${INFRA_DIR}/lib/guardrail-stack.ts`]: 'the control: AWS Config managed rules',
  [`${INFRA_DIR}/test/guardrail-stack.test.ts`]: 'unit tests of the stack (`npm test`)',
};

function strategyText(o: MultiAccountControlOptions): string {
  const gate = o.approvalBeforeProduction && o.targets.some((t) => t.production);
  if (o.strategy === 'parallel') {
    return gate ? 'Every target deploys at the same time, after a manual approval.' : 'Every target deploys at the same time.';
  }
  return gate
    ? 'Non-production targets deploy in parallel, then production targets deploy in parallel after a manual approval.'
    : 'Non-production targets deploy in parallel, then production targets deploy in parallel.';
}

/**
 * What the options schema cannot say: target names must stay distinct as action and stack names, and one account
 * and region must not get the same control twice (two stacks would create the same AWS Config rule names).
 */
function checkTargets(o: MultiAccountControlOptions): void {
  const problems: string[] = [];
  const names = new Map<string, number>();
  const places = new Map<string, number>();
  o.targets.forEach((t, i) => {
    const n = names.get(t.name);
    if (n !== undefined) problems.push(`targets.${i}.name: "${t.name}" is also the name of targets.${n}; give every target its own name.`);
    else names.set(t.name, i);
    const key = `${t.account}/${t.region}`;
    const p = places.get(key);
    if (p !== undefined) problems.push(`targets.${i}: account ${t.account} in ${t.region} is already targets.${p}; the control would be deployed twice there.`);
    else places.set(key, i);
  });
  if (o.ci === 'github-actions' && o.approvalBeforeProduction && o.approvalsRequired > 1 && o.targets.some((t) => t.production)) {
    problems.push(`approvalsRequired: ${o.approvalsRequired} approvals cannot be asked with ci github-actions: any one required reviewer approves a GitHub environment. Set approvalsRequired to 1, or ci to codecatalyst.`);
  }
  if (problems.length > 0) throw new ValidationError(`The targets cannot be deployed as given:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}
