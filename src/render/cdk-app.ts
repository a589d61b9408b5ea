import type { Finding } from '../model/diagnostic.js';
import type { ProjectPart } from '../model/project.js';
import {
  DEFAULT_QUALIFIER,
  deploymentGroups,
  isCrossAccount,
  resolveBoundaryName,
  stageBoundary,
  type AwsEnvironment,
  type SecurePipelineDef,
} from '../model/pipeline.js';
import { renderBoundaryTemplate } from './boundary.js';
import { renderMermaid } from './mermaid.js';
import type { WorkflowGraph, WorkflowGraphNode } from '../wire/workflow-graph.js';
import { GENERATED_VERSIONS, renderCdkProjectFiles } from './cdk-project.js';
import { renderPermissionCheckBuildspec } from './cdk-app-security-check.js';
import { shellQuote } from './templates.js';

/*
 * Why the generated app is fully templated TypeScript rather than importing constructs from catalyst-gen:
 * a generated project must work after `npm install` on its own, with nothing but aws-cdk-lib and constructs,
 * and users must be able to read and change the pipeline code. So the templates are almost static TypeScript
 * (lib/pipeline-stack.ts) driven by a typed settings file (lib/pipeline-config.ts) that is the only part
 * rendered from the options; the tests compile the result with tsc and synthesize it with aws-cdk-lib.
 */

export const DEFAULT_EXECUTION_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';
export const BOUNDARY_TEMPLATE_PATH = 'boundary/permissions-boundary.yaml';
export const PERMISSION_CHECK_BUILDSPEC_PATH = 'buildspecs/permission-check.yml';

const STAGE_NAME = /^[A-Za-z][A-Za-z0-9-]{0,63}$/;
const PLACEHOLDER = /\$\{([^}]*)\}/g;
const KNOWN_PLACEHOLDERS = new Set(['Qualifier', 'AWS::AccountId', 'AWS::Region', 'AWS::Partition']);

/** The CodePipeline stages of the pipeline itself: its source, its synth, its own update, the asset publishing. */
const PIPELINE_OWN_STAGES: readonly string[] = ['Source', 'Build', 'UpdatePipeline', 'Assets'];

/** Rules the options schema cannot express. Pure; pointers are into the definition. */
export function checkPipelineDef(def: SecurePipelineDef): Finding[] {
  const out: Finding[] = [];
  const err = (pointer: string, message: string, fix?: string) => out.push({ code: 'PIPELINE-DEF', severity: 'error', message, pointer, ...(fix ? { fix } : {}) });
  if (def.stages.length === 0) err('/stages', 'The pipeline has no stages.', 'Add at least one stage.');
  if (def.approverEmails.length === 0) err('/approverEmails', 'No approver e-mail address is given; nobody would hear about broadening changes.');
  const seen = new Set<string>();
  const closedWaves = new Set<string>();
  let openWave: string | undefined;
  def.stages.forEach((s, i) => {
    if (!STAGE_NAME.test(s.name)) err(`/stages/${i}/name`, `Stage name "${s.name}" must start with a letter and hold only letters, digits and "-".`);
    if (seen.has(s.name)) err(`/stages/${i}/name`, `Stage name "${s.name}" is used twice.`, 'Give every stage its own name, e.g. "Prod-eu-west-1".');
    seen.add(s.name);
    if (s.wave !== openWave) {
      if (openWave !== undefined) closedWaves.add(openWave);
      if (s.wave !== undefined && closedWaves.has(s.wave)) {
        err(`/stages/${i}/wave`, `Stage "${s.name}" joins wave "${s.wave}", but that wave's stages are not listed one after another.`, 'List the stages of a wave next to each other.');
      }
      openWave = s.wave;
    }
    if (s.wave !== undefined && seen.has(s.wave) ) {
      err(`/stages/${i}/wave`, `Wave "${s.wave}" has the name of a stage; CodePipeline stage names must be unique.`);
    }
    for (const [key, name] of [['name', s.name], ['wave', s.wave]] as const) {
      if (name !== undefined && PIPELINE_OWN_STAGES.includes(name)) {
        err(`/stages/${i}/${key}`, `"${name}" is the name of a stage CDK Pipelines adds itself (${PIPELINE_OWN_STAGES.join(', ')}); CodePipeline stage names must be unique.`, `Name it otherwise, e.g. "${name}-app".`);
      }
    }
  });
  const boundaries: [string, string | undefined][] = [
    ['/permissionsBoundary/name', def.permissionsBoundary?.name],
    ...def.stages.map((s, i) => [`/stages/${i}/permissionsBoundary/name`, s.permissionsBoundary?.name] as [string, string | undefined]),
  ];
  for (const [pointer, name] of boundaries) {
    if (name === undefined) continue;
    for (const m of name.matchAll(PLACEHOLDER)) {
      if (!KNOWN_PLACEHOLDERS.has(m[1]!)) err(pointer, `Boundary name "${name}" uses the unknown placeholder "\${${m[1]}}".`, 'Use ${Qualifier}, ${AWS::AccountId}, ${AWS::Region} or ${AWS::Partition}.');
    }
    if (!/^[\w+=,.@-]+$/.test(name.replace(PLACEHOLDER, 'x'))) err(pointer, `Boundary name "${name}" is not a valid IAM policy name (letters, digits and +=,.@_-).`);
  }
  // One bootstrap per environment: its CloudFormation execution role carries one boundary.
  for (const env of bootstrapEnvironments(def)) {
    if (env.boundaries.length > 1) {
      err('/stages', `Environment ${env.account}/${env.region} is bootstrapped once, but its stages ask for different permission boundaries: ${env.boundaries.join(', ')}.`, 'Give the stages (and the pipeline) that share an account and region the same boundary.');
    }
  }
  // IAM policy names are account-wide: one name in one account is one policy, with one list of denied actions.
  const policies = new Map<string, { denied: string; pointer: string }>();
  for (const use of boundaryUses(def)) {
    const key = `${use.account}/${use.name}`;
    const denied = [...use.deniedActions].sort().join(',');
    const first = policies.get(key);
    if (!first) policies.set(key, { denied, pointer: use.pointer });
    else if (first.denied !== denied) {
      err(`${use.pointer}/deniedActions`, `Boundary "${use.name}" in account ${use.account} is one IAM policy, but ${first.pointer} denies [${first.denied}] and ${use.pointer} denies [${denied}].`, 'Give boundaries with the same name in one account the same denied actions, or different names.');
    }
  }
  return out;
}

/** One place a boundary applies: the pipeline (app-wide boundary) or a stage, with its resolved policy name. */
interface BoundaryUse extends AwsEnvironment {
  readonly name: string;
  readonly deniedActions: readonly string[];
  /** The definition it comes from, for diagnostics. */
  readonly pointer: string;
}

/** Every boundary use, the pipeline's first, then the stages in order. */
function boundaryUses(def: SecurePipelineDef): BoundaryUse[] {
  const qualifier = def.qualifier ?? DEFAULT_QUALIFIER;
  const uses: BoundaryUse[] = [];
  if (def.permissionsBoundary) {
    const b = def.permissionsBoundary;
    uses.push({ ...def.pipeline, name: resolveBoundaryName(b.name, def.pipeline, qualifier), deniedActions: b.deniedActions ?? [], pointer: '/permissionsBoundary' });
  }
  def.stages.forEach((s, i) => {
    const b = stageBoundary(def, s);
    if (!b) return;
    const pointer = s.permissionsBoundary ? `/stages/${i}/permissionsBoundary` : '/permissionsBoundary';
    uses.push({ account: s.account, region: s.region, name: resolveBoundaryName(b.name, s, qualifier), deniedActions: b.deniedActions ?? [], pointer });
  });
  return uses;
}

/** One boundary policy to create: IAM policy names are account-wide, so one per (account, resolved name). */
export interface BoundaryPolicy extends AwsEnvironment {
  /** Resolved policy name. */
  readonly name: string;
  readonly deniedActions: readonly string[];
  /** The region of the first environment that uses it: where its CloudFormation stack goes. */
  readonly region: string;
}

export function boundaryPolicies(def: SecurePipelineDef): BoundaryPolicy[] {
  const out = new Map<string, { account: string; region: string; name: string; denied: Set<string> }>();
  for (const use of boundaryUses(def)) {
    const key = `${use.account}/${use.name}`;
    let p = out.get(key);
    if (!p) out.set(key, (p = { account: use.account, region: use.region, name: use.name, denied: new Set() }));
    for (const a of use.deniedActions) p.denied.add(a);
  }
  return [...out.values()].map((p) => ({ account: p.account, region: p.region, name: p.name, deniedActions: [...p.denied] }));
}

/**
 * Regions other than the pipeline's that stages deploy to, in stage order. CodePipeline needs an artifact bucket in
 * each, so CDK adds a support stack per region (`<pipeline stack>-support-<region>`, in the pipeline account) that
 * it deploys with the pipeline region's bootstrap roles (BootstraplessSynthesizer): these environments need no
 * bootstrap of their own.
 */
export function crossRegionSupportRegions(def: SecurePipelineDef): string[] {
  return [...new Set(def.stages.map((s) => s.region))].filter((r) => r !== def.pipeline.region);
}

/** One environment to bootstrap, with what its bootstrap command needs. */
export interface BootstrapEnvironment extends AwsEnvironment {
  /** Whether the pipeline runs here (no `--trust` needed for its own account). */
  readonly isPipeline: boolean;
  /** Stage names deployed here. */
  readonly stages: readonly string[];
  /** Resolved boundary names asked for here (one, when the definition is valid). */
  readonly boundaries: readonly string[];
  /** Denied actions of the boundary, from the stage definition. */
  readonly deniedActions: readonly string[];
  readonly executionPolicies: readonly string[];
}

export function bootstrapEnvironments(def: SecurePipelineDef): BootstrapEnvironment[] {
  const qualifier = def.qualifier ?? DEFAULT_QUALIFIER;
  const envs = new Map<string, { env: AwsEnvironment; isPipeline: boolean; stages: string[]; boundaries: Set<string>; denied: Set<string>; policies: Set<string> }>();
  const get = (env: AwsEnvironment) => {
    const key = `${env.account}/${env.region}`;
    let e = envs.get(key);
    if (!e) envs.set(key, (e = { env: { account: env.account, region: env.region }, isPipeline: false, stages: [], boundaries: new Set(), denied: new Set(), policies: new Set() }));
    return e;
  };
  const p = get(def.pipeline);
  p.isPipeline = true;
  if (def.permissionsBoundary) {
    p.boundaries.add(resolveBoundaryName(def.permissionsBoundary.name, def.pipeline, qualifier));
    for (const a of def.permissionsBoundary.deniedActions ?? []) p.denied.add(a);
  }
  for (const s of def.stages) {
    const e = get(s);
    e.stages.push(s.name);
    const b = stageBoundary(def, s);
    if (b) {
      e.boundaries.add(resolveBoundaryName(b.name, s, qualifier));
      for (const a of b.deniedActions ?? []) e.denied.add(a);
    }
    for (const pol of s.cloudFormationExecutionPolicies ?? []) e.policies.add(pol);
  }
  return [...envs.values()].map((e) => ({
    ...e.env,
    isPipeline: e.isPipeline,
    stages: e.stages,
    boundaries: [...e.boundaries],
    deniedActions: [...e.denied],
    executionPolicies: e.policies.size > 0 ? [...e.policies] : [DEFAULT_EXECUTION_POLICY],
  }));
}

/** `cdk bootstrap` for each environment: the pipeline account first, then every target with `--trust`. */
export function renderBootstrapCommands(def: SecurePipelineDef): string[] {
  const qualifier = def.qualifier ?? DEFAULT_QUALIFIER;
  return bootstrapEnvironments(def).map((e) => {
    const args = [`npx cdk bootstrap aws://${e.account}/${e.region}`];
    if (!e.isPipeline || e.account !== def.pipeline.account) args.push(`--trust ${def.pipeline.account}`);
    args.push(`--cloudformation-execution-policies ${shellQuote(e.executionPolicies.join(','))}`);
    if (e.boundaries[0] !== undefined) args.push(`--custom-permissions-boundary ${shellQuote(e.boundaries[0])}`);
    if (qualifier !== DEFAULT_QUALIFIER) args.push(`--qualifier ${shellQuote(qualifier)}`);
    return args.join(' ');
  });
}

/**
 * `aws cloudformation deploy` of the boundary template: once per account and boundary name (an IAM managed policy
 * name is account-wide, so a second stack with the same name in another region would fail), in the region of the
 * first environment that uses it.
 */
export function renderBoundaryDeployCommands(def: SecurePipelineDef): string[] {
  return boundaryPolicies(def).map((p) => {
    const stack = `permissions-boundary-${p.name.replace(/[^A-Za-z0-9-]/g, '-')}`.slice(0, 128);
    const params = [`BoundaryName=${p.name}`, ...(p.deniedActions.length > 0 ? [`DeniedActions=${p.deniedActions.join(',')}`] : [])];
    return [
      `aws cloudformation deploy --region ${p.region} --stack-name ${shellQuote(stack)}`,
      `--template-file ${BOUNDARY_TEMPLATE_PATH} --capabilities CAPABILITY_NAMED_IAM`,
      `--parameter-overrides ${params.map(shellQuote).join(' ')}`,
      `# in account ${p.account}`,
    ].join(' ');
  });
}

/** The settings object written to lib/pipeline-config.ts, in the generated code's own shape. */
export function renderPipelineConfig(def: SecurePipelineDef): Record<string, unknown> {
  return {
    appName: def.appName,
    pipelineStackName: `${def.appName}-pipeline`,
    pipeline: { account: def.pipeline.account, region: def.pipeline.region },
    source: { repository: def.source.repository, branch: def.source.branch ?? 'main', connectionArn: def.source.connectionArn },
    crossAccountKeys: isCrossAccount(def),
    approverEmails: [...def.approverEmails],
    cdkCliVersion: GENERATED_VERSIONS['aws-cdk'],
    deployments: deploymentGroups(def.stages).map((g) => ({
      ...(g.wave !== undefined ? { wave: g.wave } : {}),
      stages: g.stages.map((s) => ({
        name: s.name,
        env: { account: s.account, region: s.region },
        // The app-wide boundary comes from cdk.json; only a stage's own boundary is set on the Stage.
        ...(s.permissionsBoundary ? { permissionsBoundary: s.permissionsBoundary.name } : {}),
      })),
    })),
    selfMutation: def.selfMutation ?? 'approval',
    ...(def.privateBuild
      ? {
          privateBuild: {
            vpcId: def.privateBuild.vpcId,
            subnetIds: [...def.privateBuild.subnetIds],
            securityGroupIds: [...(def.privateBuild.securityGroupIds ?? [])],
            codeArtifact: {
              domain: def.privateBuild.codeArtifact.domain,
              domainOwner: def.privateBuild.codeArtifact.domainOwner ?? def.pipeline.account,
              repository: def.privateBuild.codeArtifact.repository,
            },
          },
        }
      : {}),
  };
}

/**
 * The CDK context of cdk.json: the app-wide boundary, the bootstrap qualifier, and S3 server access logs delivered
 * under a bucket policy (S3's recommended way) rather than a log-delivery ACL.
 */
export function renderCdkContext(def: SecurePipelineDef): Record<string, unknown> {
  const context: Record<string, unknown> = { '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true };
  if (def.permissionsBoundary) context['@aws-cdk/core:permissionsBoundary'] = { name: def.permissionsBoundary.name };
  if (def.qualifier && def.qualifier !== DEFAULT_QUALIFIER) context['@aws-cdk/core:bootstrapQualifier'] = def.qualifier;
  return context;
}

/**
 * The pipeline as a Mermaid flowchart: source and synth, the pipeline's own update (behind its check and approval,
 * unchecked, or none, as `selfMutation` says), then one box per CodePipeline stage (a stage on its own, or a wave
 * whose stages deploy in parallel), each stage behind its check and approval. Drawn with the workflow graph
 * renderer: CodePipeline stages are its groups, approvals its gates.
 */
export function renderPipelineDiagram(def: SecurePipelineDef): string {
  const nodes: WorkflowGraphNode[] = [];
  const edges: { from: string; to: string }[] = [];
  const node = (name: string, kind: WorkflowGraphNode['kind'], identifier?: string, group?: string) =>
    nodes.push({ name, kind, pointer: '', dependsOn: [], ...(identifier ? { identifier } : {}), ...(group ? { group } : {}) });
  node('Source', 'action', `${def.source.repository} @ ${def.source.branch ?? 'main'}`);
  node('Synth', 'action', 'npm ci, cdk synth');
  edges.push({ from: 'Source', to: 'Synth' });
  let previous = ['Synth'];
  const mode = def.selfMutation ?? 'approval';
  if (mode === 'automatic') {
    node('UpdatePipeline', 'action', 'the pipeline updates itself, unchecked');
    edges.push({ from: 'Synth', to: 'UpdatePipeline' });
    previous = ['UpdatePipeline'];
  } else if (mode === 'approval') {
    nodes.push({ name: 'UpdatePipeline', kind: 'group', pointer: '', dependsOn: [], members: [] });
    const [check, confirm, update] = ['UpdatePipeline.PermissionCheck.Check', 'UpdatePipeline.PermissionCheck.Confirm', 'UpdatePipeline.SelfMutate'];
    node(check, 'action', 'permissions and approval gate of the pipeline', 'UpdatePipeline');
    node(confirm, 'gate', 'approved by a Lambda when nothing broadens or changes the gate', 'UpdatePipeline');
    node(update, 'action', 'cdk deploy of the pipeline stack', 'UpdatePipeline');
    edges.push({ from: 'Synth', to: check }, { from: check, to: confirm }, { from: confirm, to: update });
    previous = [update];
  }
  for (const g of deploymentGroups(def.stages)) {
    const group = g.wave ?? g.stages[0]!.name;
    nodes.push({ name: group, kind: 'group', pointer: '', dependsOn: [], members: [] });
    const deploys: string[] = [];
    for (const s of g.stages) {
      const [check, confirm, deploy] = [`${s.name}.PermissionCheck.Check`, `${s.name}.PermissionCheck.Confirm`, `${s.name}.Deploy`];
      node(check, 'action', 'catalyst-gen security-diff', group);
      node(confirm, 'gate', 'approved by a Lambda when nothing broadens', group);
      node(deploy, 'action', `${s.account} / ${s.region}`, group);
      for (const p of previous) edges.push({ from: p, to: check });
      edges.push({ from: check, to: confirm }, { from: confirm, to: deploy });
      deploys.push(deploy);
    }
    previous = deploys;
  }
  const graph: WorkflowGraph = { nodes, edges, duplicates: [] };
  return renderMermaid(graph, { direction: 'LR' });
}

/** Everything the README template needs, computed here so the template only prints. */
export function renderReadmeData(def: SecurePipelineDef, blueprintId: string): Record<string, unknown> {
  const qualifier = def.qualifier ?? DEFAULT_QUALIFIER;
  const supportRegions = crossRegionSupportRegions(def);
  const selfMutation = def.selfMutation ?? 'approval';
  return {
    blueprintId,
    appName: def.appName,
    pipelineStackName: `${def.appName}-pipeline`,
    pipeline: def.pipeline,
    private: def.privateBuild !== undefined,
    crossAccount: isCrossAccount(def),
    approverEmails: def.approverEmails,
    appBoundary: def.permissionsBoundary?.name ?? '',
    qualifier,
    groups: deploymentGroups(def.stages).map((g) => ({
      wave: g.wave ?? '',
      stages: g.stages.map((s) => {
        const b = stageBoundary(def, s);
        return { name: s.name, account: s.account, region: s.region, boundary: b ? resolveBoundaryName(b.name, s, qualifier) : '(none)' };
      }),
    })),
    firstStage: def.stages[0]!.name,
    firstStageAccount: def.stages[0]!.account,
    firstStageRegion: def.stages[0]!.region,
    // The e-mail example names the first stage's boundary as the security diff reads a removed one there: the
    // ARN that PermissionsBoundary.fromName makes in a stack with an account (AWS::Partition left as a reference).
    firstBoundary: ((b) => `arn:\${Partition}:iam::${def.stages[0]!.account}:policy/${b ? resolveBoundaryName(b.name, def.stages[0]!, qualifier) : 'developer-policy'}`)(stageBoundary(def, def.stages[0]!)),
    diagram: renderPipelineDiagram(def).trimEnd(),
    supportStacks: supportRegions.map((region) => ({ region, stackName: `${def.appName}-pipeline-support-${region}`, account: def.pipeline.account })),
    // With privateBuild the check runs in the pipeline region's VPC: stages elsewhere cannot be diffed from there.
    otherRegionStages: def.stages.filter((s) => s.region !== def.pipeline.region).map((s) => ({ name: s.name, region: s.region })),
    bootstrapCommands: renderBootstrapCommands(def),
    boundaryCommands: renderBoundaryDeployCommands(def),
    boundaryTemplatePath: BOUNDARY_TEMPLATE_PATH,
    buildspecPath: PERMISSION_CHECK_BUILDSPEC_PATH,
    cdkNagVersion: GENERATED_VERSIONS['cdk-nag'],
    selfMutation,
    selfMutationApproval: selfMutation === 'approval',
    selfMutationAutomatic: selfMutation === 'automatic',
    selfMutationOff: selfMutation === 'off',
  };
}

/** All files of the generated CDK app. Pure. */
export function renderCdkApp(def: SecurePipelineDef, blueprintId: string): ProjectPart[] {
  const priv = def.privateBuild !== undefined;
  const tplData = { blueprintId, private: priv, config: renderPipelineConfig(def) };
  const parts: ProjectPart[] = [
    { type: 'template', path: 'README.md', template: 'cdk-app/README.md.hbs', data: renderReadmeData(def, blueprintId) },
    { type: 'text', path: '.gitignore', content: ['node_modules/', 'cdk.out/', '*.js', '!jest.config.js', '*.d.ts', '.cdk.staging/'].join('\n'), mode: 'seed' },
    ...renderCdkProjectFiles({
      root: '',
      packageName: def.appName,
      context: renderCdkContext(def),
      // The permission check's step reads its buildspec with yaml, and runs the catalyst-gen the lockfile pins;
      // `npm test` checks the app with cdk-nag's AwsSolutions rules, run by Node's test runner through tsx.
      extraDependencies: ['yaml'],
      extraDevDependencies: ['catalyst-gen', 'cdk-nag'],
      scripts: { test: 'tsx --test test/*.test.ts' },
      include: ['bin', 'lib', 'test'],
      packageJsonMode: 'seed',
    }),
    { type: 'template', path: 'bin/app.ts', template: 'shared/create-app-bin.ts.hbs', data: { blueprintId } },
    { type: 'template', path: 'lib/app.ts', template: 'cdk-app/lib/app.ts.hbs', data: tplData },
    { type: 'template', path: 'lib/pipeline-config.ts', template: 'cdk-app/lib/pipeline-config.ts.hbs', data: tplData },
    { type: 'template', path: 'lib/pipeline-stack.ts', template: 'cdk-app/lib/pipeline-stack.ts.hbs', data: tplData },
    { type: 'template', path: 'lib/app-stage.ts', template: 'cdk-app/lib/app-stage.ts.hbs', data: tplData, mode: 'seed' },
    { type: 'yaml', path: BOUNDARY_TEMPLATE_PATH, value: renderBoundaryTemplate(), fileKind: 'cloudformation' },
    { type: 'template', path: 'lib/permission-check.ts', template: 'cdk-app/lib/permission-check.ts.hbs', data: tplData },
    { type: 'template', path: 'lib/approval-gate.ts', template: 'cdk-app/lib/approval-gate.ts.hbs', data: tplData },
    { type: 'template', path: 'lib/nag-acknowledgements.ts', template: 'cdk-app/lib/nag-acknowledgements.ts.hbs', data: tplData },
    { type: 'template', path: 'test/cdk-nag.test.ts', template: 'shared/cdk-nag.test.ts.hbs', data: { blueprintId, applicationStages: true } },
    { type: 'yaml', path: PERMISSION_CHECK_BUILDSPEC_PATH, value: renderPermissionCheckBuildspec(), fileKind: 'buildspec' },
  ];
  return parts;
}
