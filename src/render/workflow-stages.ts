import { ValidationError } from '../errors.js';
import type { ActionGroup, ActionInputs, CdkBootstrapIdentifier, CdkDeployIdentifier, WorkflowAction, WorkflowItem } from '../model/workflow.js';
import { ACTION_NAME_PATTERN } from '../model/workflow.js';

/** One deployment target: an environment, an account connection and a region. */
export interface DeploymentStage {
  /** Short stage name, e.g. `dev`, `prod-eu`; becomes part of action names (other characters turn into `_`). */
  readonly name: string;
  /** CodeCatalyst environment name. */
  readonly environment: string;
  /** Account connection name (or the 12-digit account id). */
  readonly connection: string;
  /** IAM role name on that connection. */
  readonly role: string;
  /** 12-digit AWS account id. Documentation only: the connection decides the account. @default - not recorded */
  readonly account?: string;
  readonly region: string;
  /** Put an approval gate before this stage; a number sets `ApprovalsRequired`. @default false */
  readonly approval?: boolean | number;
  /** CloudFormation stack name. @default `${StagesDef.stackName}-${name}` */
  readonly stackName?: string;
  /** CDK context of this stage's deploy (`Context`), e.g. `{ stage: 'prod' }` for an app that picks its stage from it. @default - none */
  readonly context?: Readonly<Record<string, string>>;
}

export interface StagesDef {
  /** Stages in promotion order. Give either `stages` or `waves`. @default - none */
  readonly stages?: readonly DeploymentStage[];
  /** `sequential`: each stage after the previous one; `parallel`: all stages at once, in one action group. @default 'sequential' */
  readonly strategy?: 'sequential' | 'parallel';
  /** Groups of stages deployed in parallel, the groups one after another. Overrides `stages`/`strategy`. @default - none */
  readonly waves?: readonly (readonly DeploymentStage[])[];
  /** What the first stage waits for, e.g. the build action. @default - nothing */
  readonly dependsOn?: readonly string[];
  /** Artifact holding the synthesized app or cloud assembly. @default - none: the source (`WorkflowSource`) is used */
  readonly artifact?: string;
  /** Path of the cloud assembly inside the artifact, to deploy without synthesizing again. @default - synthesize */
  readonly cloudAssemblyRootPath?: string;
  /** Folder of the CDK app in the source. @default - the source root */
  readonly cdkRootPath?: string;
  /** Prefix of stack names. @default 'app' */
  readonly stackName?: string;
  /** @default 'aws/cdk-bootstrap@v1' */
  readonly bootstrapIdentifier?: CdkBootstrapIdentifier;
  /** @default 'aws/cdk-deploy@v1' */
  readonly deployIdentifier?: CdkDeployIdentifier;
  /** Render a bootstrap action before each deploy. @default true */
  readonly bootstrap?: boolean;
  /** Name of the action group of a parallel strategy. @default 'DeployAll' */
  readonly groupName?: string;
  /**
   * CDK CLI version for the bootstrap and deploy actions (`CdkCliVersion`). Set it to the app's `aws-cdk`
   * version: a CLI older than the app's aws-cdk-lib refuses its cloud assembly (schema version mismatch).
   * @default - the CLI bundled with the action
   */
  readonly cdkCliVersion?: string;
}

export interface RenderedStages {
  /** Actions, gates and groups to put in `WorkflowDef.actions`, in run order. */
  readonly items: readonly WorkflowItem[];
  /** What a later action should depend on to run after every stage. */
  readonly tail: readonly string[];
}

/** A stage name made into an action-name part: letters, digits, `_` and `-` only. */
export function stageKey(name: string): string {
  const key = name.replace(/[^A-Za-z0-9_-]+/g, '_');
  return key === '' || key === '_' ? 'stage' : key;
}

/**
 * Multi-account deployment: per stage one `aws/cdk-bootstrap` and one `aws/cdk-deploy` action (named
 * `Bootstrap_<stage>` and `Deploy_<stage>`), each with the stage's environment and its one connection.
 * Sequential stages chain through `DependsOn`; an approval gate (`Approve_<stage>`) sits before each stage
 * that asks for one. Parallel stages (and each wave of several stages) are an action group; as gates
 * cannot be inside groups, one gate before the group stands for every stage in it that asks for approval.
 */
export function renderStages(def: StagesDef): RenderedStages {
  const waves: readonly (readonly DeploymentStage[])[] = def.waves ?? (def.strategy === 'parallel' ? [def.stages ?? []] : (def.stages ?? []).map((s) => [s]));
  const all = waves.flat();
  if (all.length === 0) throw new ValidationError('A multi-account deployment needs at least one stage.');
  const keys = new Map<string, string>();
  for (const s of all) {
    const key = stageKey(s.name);
    const prev = keys.get(key);
    if (prev !== undefined) throw new ValidationError(`Stages "${prev}" and "${s.name}" give the same action names (…_${key}); give stages distinct names.`);
    keys.set(key, s.name);
  }
  const grouped = def.waves !== undefined || def.strategy === 'parallel';
  const items: WorkflowItem[] = [];
  let before: readonly string[] = def.dependsOn ?? [];
  waves.forEach((wave, w) => {
    if (wave.length === 0) return;
    const asked = wave.filter((s) => s.approval !== undefined && s.approval !== false);
    const inGroup = grouped && wave.length > 1;
    if (asked.length > 0) {
      const gate = inGroup ? `Approve_${def.waves ? `Wave${w + 1}` : stageKey(def.groupName ?? 'DeployAll')}` : `Approve_${stageKey(wave[0]!.name)}`;
      const approvals = Math.max(...asked.map((s) => (typeof s.approval === 'number' ? s.approval : 1)));
      items.push({ name: gate, identifier: 'aws/approval@v1', ...(before.length ? { dependsOn: before } : {}), configuration: { approvalsRequired: approvals } });
      before = [gate];
    }
    if (inGroup) {
      const name = def.waves ? `Wave${w + 1}` : stageKey(def.groupName ?? 'DeployAll');
      const group: ActionGroup = { kind: 'group', name, ...(before.length ? { dependsOn: before } : {}), actions: wave.flatMap((s) => stageActions(def, s, [])) };
      items.push(group);
      before = [name];
    } else {
      for (const s of wave) {
        const actions = stageActions(def, s, before);
        items.push(...actions);
        before = [actions[actions.length - 1]!.name];
      }
    }
  });
  for (const item of items) if (!ACTION_NAME_PATTERN.test(item.name)) throw new ValidationError(`"${item.name}" is not a valid action name.`);
  return { items, tail: before };
}

function stageActions(def: StagesDef, s: DeploymentStage, before: readonly string[]): WorkflowAction[] {
  const key = stageKey(s.name);
  const environment = { name: s.environment, connection: { name: s.connection, role: s.role } };
  const inputs: ActionInputs = def.artifact ? { artifacts: [def.artifact] } : { sources: ['WorkflowSource'] };
  const deployName = `Deploy_${key}`;
  const out: WorkflowAction[] = [];
  let deployDeps = before;
  if (def.bootstrap ?? true) {
    const bootstrapName = `Bootstrap_${key}`;
    out.push({
      name: bootstrapName,
      identifier: def.bootstrapIdentifier ?? 'aws/cdk-bootstrap@v1',
      ...(before.length ? { dependsOn: before } : {}),
      environment,
      inputs,
      configuration: { region: s.region, ...(def.cdkCliVersion ? { cdkCliVersion: def.cdkCliVersion } : {}) },
    });
    deployDeps = [bootstrapName];
  }
  out.push({
    name: deployName,
    identifier: def.deployIdentifier ?? 'aws/cdk-deploy@v1',
    ...(deployDeps.length ? { dependsOn: deployDeps } : {}),
    environment,
    inputs,
    configuration: {
      stackName: s.stackName ?? `${def.stackName ?? 'app'}-${key}`,
      region: s.region,
      ...(def.cdkRootPath ? { cdkRootPath: def.cdkRootPath } : {}),
      ...(def.cloudAssemblyRootPath ? { cloudAssemblyRootPath: def.cloudAssemblyRootPath } : {}),
      ...(def.cdkCliVersion ? { cdkCliVersion: def.cdkCliVersion } : {}),
      ...(s.context ? { context: { ...s.context } } : {}),
    },
  });
  return out;
}
