import { GENERATED_VERSIONS, renderStages, type BuildConfiguration, type DeploymentStage, type StagesDef, type WorkflowAction, type WorkflowDef, type WorkflowItem } from '../../src/index.js';
import type { MultiAccountControlOptions, TargetOption } from './options.js';

/** Folder of the CDK app in the repository. */
export const INFRA_DIR = 'infra';
/** The synthesized cloud assembly, handed from the synth action to every deploy action. */
export const ASSEMBLY_ARTIFACT = 'cdk_out';
export const SYNTH_ACTION = 'Synth';
export const CHECK_ACTION = 'TypeCheckAndSynth';
export const APPROVAL_GATE = 'ApproveProduction';
export const GROUP_ALL = 'DeployAll';
export const GROUP_NON_PRODUCTION = 'DeployNonProduction';
export const GROUP_PRODUCTION = 'DeployProduction';
export const CHECK_WORKFLOW = 'check-control';
export const DEPLOY_WORKFLOW = 'deploy-control';

/** The CloudFormation stack of one target; the CDK app names its stacks the same way (control-config.ts). */
export function stackName(o: Pick<MultiAccountControlOptions, 'controlName'>, t: Pick<TargetOption, 'name'>): string {
  return `${o.controlName}-${t.name}`;
}

/**
 * Install, type-check, run the app's tests and synthesize. The steps of a build action run one after another in
 * the same shell, so the first one changes into the app folder for all of them. `deploy` adds the context that
 * makes the app refuse placeholder accounts (bin/app.ts).
 */
function buildSteps(deploy: boolean): BuildConfiguration {
  return {
    steps: [`cd ${INFRA_DIR}`, 'npm install --no-audit --no-fund', 'npm run build', 'npm test', `npx cdk synth${deploy ? ' -c deploy=true' : ''}`],
  };
}

/** Pull requests into the deploy branch: the app must type-check, pass its tests and synthesize for every target. */
export function checkWorkflow(o: MultiAccountControlOptions): WorkflowDef {
  return {
    name: CHECK_WORKFLOW,
    triggers: [{ type: 'PULLREQUEST', events: ['OPEN', 'REVISION'], branches: [o.branch] }],
    actions: [{ name: CHECK_ACTION, identifier: 'aws/build@v1', inputs: { sources: ['WorkflowSource'] }, configuration: buildSteps(false) }],
  };
}

/**
 * Pushes to the deploy branch: synthesize once, then deploy that same cloud assembly into every target, so every
 * account gets byte-identical templates. With `waves`, the non-production targets deploy in parallel (an action
 * group), then the approval gate, then the production targets in parallel. With `parallel`, every target deploys
 * at once; a gate cannot run beside actions, so when production needs an approval it holds the whole group.
 */
export function deployWorkflow(o: MultiAccountControlOptions): WorkflowDef {
  const synth: WorkflowAction = {
    name: SYNTH_ACTION,
    identifier: 'aws/build@v1',
    inputs: { sources: ['WorkflowSource'] },
    outputs: { artifacts: [{ name: ASSEMBLY_ARTIFACT, files: [`${INFRA_DIR}/cdk.out/**/*`] }] },
    configuration: buildSteps(true),
  };
  const production = o.targets.filter((t) => t.production);
  const nonProduction = o.targets.filter((t) => !t.production);
  const gated = o.approvalBeforeProduction && production.length > 0;
  const items: WorkflowItem[] = [synth];
  let before: readonly string[] = [SYNTH_ACTION];
  const gate = () => {
    items.push({ name: APPROVAL_GATE, identifier: 'aws/approval@v1', dependsOn: before, configuration: { approvalsRequired: o.approvalsRequired } });
    before = [APPROVAL_GATE];
  };
  const wave = (targets: readonly TargetOption[], groupName: string) => {
    const rendered = renderStages({ ...stagesCommon(o), stages: targets.map((t) => stage(o, t)), strategy: 'parallel', groupName, dependsOn: before });
    items.push(...rendered.items);
    before = rendered.tail;
  };
  if (o.strategy === 'parallel') {
    if (gated) gate();
    wave(o.targets, GROUP_ALL);
  } else {
    if (nonProduction.length > 0) wave(nonProduction, GROUP_NON_PRODUCTION);
    if (production.length > 0) {
      if (gated) gate();
      wave(production, GROUP_PRODUCTION);
    }
  }
  return { name: DEPLOY_WORKFLOW, triggers: [{ type: 'PUSH', branches: [o.branch] }], actions: items };
}

/**
 * Deploy actions take the synthesized assembly rather than the source, and run the CDK CLI the app pins: the CLI
 * bundled with the actions can be older than the app's aws-cdk-lib and would refuse its cloud assembly.
 */
function stagesCommon(o: MultiAccountControlOptions): Omit<StagesDef, 'stages'> {
  return {
    artifact: ASSEMBLY_ARTIFACT,
    cloudAssemblyRootPath: `${INFRA_DIR}/cdk.out`,
    bootstrap: o.bootstrapInWorkflow,
    cdkCliVersion: GENERATED_VERSIONS['aws-cdk'],
  };
}

function stage(o: MultiAccountControlOptions, t: TargetOption): DeploymentStage {
  return {
    name: t.name,
    environment: t.environment,
    connection: t.connection,
    role: t.role,
    account: t.account,
    region: t.region,
    stackName: stackName(o, t),
  };
}
