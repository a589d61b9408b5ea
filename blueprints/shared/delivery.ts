import { intoCodeCatalyst } from './codecatalyst-readme.js';
import { ciReadmeData, renderGitHubDelivery, type CiOption } from './github-actions.js';
import {
  GENERATED_VERSIONS,
  renderMermaid,
  renderStages,
  renderWorkflow,
  ValidationError,
  workflowGraph,
  workflowPart,
  type WorkflowAction,
  type WorkflowDef,
  type YamlPart,
} from '../../src/index.js';
import type { StageOption } from './options.js';

/**
 * The delivery flow the application blueprints share: a pull-request workflow that tests and synthesizes,
 * and a deploy workflow on push to the main branch that tests again, then bootstraps and deploys the CDK app
 * stage after stage, each stage in its own account through its own environment and connection, with an
 * approval gate before every stage that asks for one.
 */
export interface DeliveryDef {
  /** Prefix of the stack names; the CDK app names its stacks `<appName>-<stage>`. */
  readonly appName: string;
  /** Branch pull requests target and merges deploy from. */
  readonly branch: string;
  readonly stages: readonly StageOption[];
  /** Folder of the CDK app. */
  readonly cdkRoot: string;
  /** Shell steps of the test action, one `Run` each (both workflows run them). */
  readonly testSteps: readonly string[];
  /** Extra steps of the pull-request build: type check and synth. */
  readonly checkSteps: readonly string[];
  /** JUnit XML files the test steps write, reported by the test action. @default - no report */
  readonly junitReports?: readonly string[];
  /** The environment the test action runs in, when its steps need AWS (a CodeArtifact login). @default - none */
  readonly testEnvironment?: { readonly name: string; readonly connection: string; readonly role: string };
  /** Where the workflows run. @default 'codecatalyst' */
  readonly ci?: CiOption;
}

export interface RenderedDelivery {
  readonly parts: readonly YamlPart[];
  readonly pullRequest: WorkflowDef;
  readonly deploy: WorkflowDef;
  /** Mermaid flowchart of the deploy workflow, without the trailing newline (for a README code block). */
  readonly diagram: string;
  /** With `ci: github-actions`: the README section on what to set up on GitHub. */
  readonly githubSetup?: string;
}

export const PULL_REQUEST_WORKFLOW = 'PullRequest';
export const DEPLOY_WORKFLOW = 'Deploy';

export function renderDelivery(def: DeliveryDef): RenderedDelivery {
  const names = def.stages.map((s) => s.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new ValidationError(`Stage "${dup}" is listed twice; every stage needs its own name (it names the stack and the workflow actions).`);
  const test = (name: string, extra: readonly string[]): WorkflowAction => ({
    name,
    identifier: 'aws/build@v1',
    ...(def.testEnvironment
      ? { environment: { name: def.testEnvironment.name, connection: { name: def.testEnvironment.connection, role: def.testEnvironment.role } } }
      : {}),
    inputs: { sources: ['WorkflowSource'] },
    ...(def.junitReports && def.junitReports.length > 0
      ? { outputs: { reports: { unit_tests: { format: 'JUNITXML' as const, includePaths: [...def.junitReports], successCriteria: { passRate: 100 } } } } }
      : {}),
    configuration: { steps: [...def.testSteps, ...extra] },
  });

  const pullRequest: WorkflowDef = {
    name: PULL_REQUEST_WORKFLOW,
    // A newer revision of the same pull request makes the older run pointless.
    runMode: 'SUPERSEDED',
    triggers: [{ type: 'PULLREQUEST', events: ['OPEN', 'REVISION'], branches: [def.branch] }],
    actions: [test('BuildAndTest', def.checkSteps)],
  };

  const stages = renderStages({
    stages: def.stages.map((s) => ({
      name: s.name,
      environment: s.environment,
      connection: s.connection,
      role: s.role,
      account: s.account,
      region: s.region,
      approval: s.approval,
      stackName: `${def.appName}-${s.name}`,
      // The CDK app picks its stage (account, region, stack name) from the `stage` context value.
      context: { stage: s.name },
    })),
    dependsOn: ['Test'],
    cdkRootPath: def.cdkRoot,
    stackName: def.appName,
    // The CLI bundled with the actions can be older than the app's aws-cdk-lib and refuse its cloud assembly.
    cdkCliVersion: GENERATED_VERSIONS['aws-cdk'],
  });
  const deploy: WorkflowDef = {
    name: DEPLOY_WORKFLOW,
    // QUEUED keeps runs in order at every action, so an older commit never overtakes a newer one in prod.
    runMode: 'QUEUED',
    triggers: [{ type: 'PUSH', branches: [def.branch] }],
    actions: [test('Test', []), ...stages.items],
  };

  const diagram = renderMermaid(workflowGraph(renderWorkflow(deploy)), { direction: 'LR' }).trimEnd();
  if (def.ci === 'github-actions') {
    const github = renderGitHubDelivery([pullRequest, deploy], def.stages);
    return { parts: github.parts, pullRequest, deploy, diagram, githubSetup: github.setup };
  }
  return { parts: [workflowPart(pullRequest), workflowPart(deploy)], pullRequest, deploy, diagram };
}

/** What every delivery README shows: the stages in order, which wait for an approval, the workflows and the diagram. */
export function deliveryReadmeData(def: Pick<DeliveryDef, 'appName' | 'branch' | 'stages'>, delivery: RenderedDelivery) {
  const names = def.stages.map((s) => s.name);
  return {
    appName: def.appName,
    branch: def.branch,
    stages: def.stages,
    stageNames: names,
    firstStage: names[0]!,
    productionStage: names[names.length - 1]!,
    approvalStages: def.stages.filter((s) => s.approval).map((s) => s.name),
    prWorkflow: delivery.parts[0]!.path,
    deployWorkflow: delivery.parts[1]!.path,
    diagram: delivery.diagram,
    ...ciReadmeData(delivery.githubSetup, () => intoCodeCatalyst({ project: def.appName, workflow: delivery.deploy.name, devfile: true, environments: def.stages })),
  };
}
