import type { ActionGroup, WorkflowAction, WorkflowDef, WorkflowEnvironment } from '../../model/workflow.js';
import { isRecord } from '../../model/values.js';
import { escapePointerSegment } from '../../model/diagnostic.js';
import { identifierInfo } from '../../wire/workflow.js';
import { parseWorkflow } from '../../wire/workflow-parse.js';
import { cdkBootstrapSteps, cdkDeploySteps, cfnDeploySteps, ecsDeploySteps, lambdaInvokeSteps, s3PublishSteps } from './deploy.js';
import type { ExportFinding, ExportOptions, GhJob, GhStep, GhWorkflow } from './model.js';
import { mapStrings, REFERENCE, translateReferences } from './references.js';
import { reportSteps } from './reports.js';
import { containerFor, runnerFor, RUNTIME_SETUP } from './runners.js';
import { outputLine, STEP_SHELL, stepsScript } from './shell.js';
import { translateTriggers } from './triggers.js';

export interface ExportResult {
  readonly workflow: GhWorkflow;
  readonly findings: readonly ExportFinding[];
  /** CodeCatalyst action name to GitHub job id. */
  readonly jobIds: ReadonlyMap<string, string>;
}

/** Pinned versions of the actions the exported jobs use (the majors GitHub documents). */
export const USES = {
  checkout: 'actions/checkout@v4',
  upload: 'actions/upload-artifact@v4',
  download: 'actions/download-artifact@v4',
  cache: 'actions/cache@v4',
  awsCredentials: 'aws-actions/configure-aws-credentials@v4',
} as const;

interface FlatAction {
  readonly action: WorkflowAction;
  readonly group?: ActionGroup;
  readonly pointer: string;
}

/**
 * Translate one CodeCatalyst workflow (its parsed YAML value, as `validate` reads it: the console's spellings
 * included) into a GitHub Actions workflow. Pure: findings say what did not carry over, with JSON pointers the
 * caller turns into lines.
 */
export function exportWorkflow(wire: unknown, options: ExportOptions = {}): ExportResult {
  const findings: ExportFinding[] = [];
  const def = parseWorkflow(canonicalIdentifiers(wire, findings));
  const flat = flatten(def);
  const groups = new Map(def.actions.filter((i): i is ActionGroup => i.kind === 'group').map((g) => [g.name, g]));
  const jobIdOf = jobIds(flat.map((f) => f.action.name));

  // Who waits for whom, groups flattened: a grouped action waits for its group's dependencies, and waiting for a
  // group is waiting for each of its actions.
  const expand = (name: string): string[] => (groups.has(name) ? groups.get(name)!.actions.map((a) => a.name) : [name]);
  const needs = new Map<string, string[]>();
  for (const f of flat) {
    const deps = [...(f.action.dependsOn ?? []), ...(f.group?.dependsOn ?? [])].flatMap(expand).filter((d) => jobIdOf.has(d) && d !== f.action.name);
    needs.set(f.action.name, [...new Set(deps)]);
  }

  // Output variables and artifacts other jobs read, found before any job is written.
  const wanted = new Map<string, Set<string>>(flat.map((f) => [f.action.name, new Set<string>()]));
  const producers = new Map<string, Set<string>>(flat.map((f) => [f.action.name, new Set<string>()]));
  const artifactProducer = new Map<string, string>();
  for (const f of flat) for (const a of f.action.outputs?.artifacts ?? []) artifactProducer.set(a.name, f.action.name);
  const secrets = new Set<string>();
  for (const f of flat) {
    const text = JSON.stringify(f.action);
    for (const m of text.matchAll(REFERENCE)) {
      const [action, variable] = m[3] !== undefined && groups.has(m[1]!) ? [m[2]!, m[3]] : m[3] === undefined ? [m[1]!, m[2]!] : [undefined, undefined];
      if (action && variable && wanted.has(action) && action !== f.action.name) {
        wanted.get(action)!.add(variable);
        producers.get(f.action.name)!.add(action);
      }
    }
    for (const name of f.action.inputs?.artifacts ?? []) {
      const p = artifactProducer.get(name);
      if (p && p !== f.action.name) producers.get(f.action.name)!.add(p);
    }
  }
  // `needs.X.outputs` and artifacts need X among the job's direct needs; CodeCatalyst infers these dependencies too.
  for (const f of flat) {
    const list = needs.get(f.action.name)!;
    for (const p of producers.get(f.action.name)!) {
      if (list.includes(p)) continue;
      if (!upstream(needs, f.action.name, p)) {
        findings.push({
          kind: 'note',
          pointer: f.pointer,
          message: `${f.action.name} reads a variable or artifact of ${p} without a DependsOn; CodeCatalyst adds that dependency, and so does "needs".`,
          action: 'Nothing to do.',
        });
      }
      list.push(p);
    }
  }

  const triggers = translateTriggers(def.triggers);
  findings.push(...triggers.findings);
  if (def.compute?.sharedInstance) {
    findings.push({
      kind: 'untranslated',
      pointer: '/Compute/SharedInstance',
      message: 'The actions share one instance, so files one action writes are there for the next; every GitHub job starts on a clean runner.',
      action: 'Pass the files the later jobs need as artifacts (upload-artifact / download-artifact).',
    });
  }

  const jobs: Record<string, GhJob> = {};
  for (const f of flat) {
    const ctx: JobContext = { f, def, jobIdOf, groups, findings, options, secrets, outputs: [...wanted.get(f.action.name)!], artifactProducer };
    const job = translateAction(ctx);
    const list = needs.get(f.action.name)!;
    const withNeeds: GhJob = {
      ...(job.name !== undefined ? { name: job.name } : {}),
      ...(list.length > 0 ? { needs: list.map((n) => jobIdOf.get(n)!) } : {}),
      ...(list.length === 0 && triggers.rootJobIf ? { if: triggers.rootJobIf } : {}),
      ...job,
    };
    jobs[jobIdOf.get(f.action.name)!] = withNeeds;
  }
  if (secrets.size > 0) {
    findings.push({
      kind: 'setup',
      pointer: '',
      message: `The workflow reads the secrets ${[...secrets].sort().join(', ')}.`,
      action: 'Create each as a repository secret (Settings > Secrets and variables > Actions > New repository secret), or as an environment secret of the environment the job names.',
    });
  }

  const runMode = def.runMode ?? 'QUEUED';
  const concurrency =
    runMode === 'PARALLEL' ? undefined : { group: `${def.name}-\${{ github.ref }}`, 'cancel-in-progress': runMode === 'SUPERSEDED' };
  if (runMode === 'QUEUED') {
    findings.push({
      kind: 'note',
      pointer: def.runMode ? '/RunMode' : '',
      message: 'QUEUED runs wait for the one in progress; GitHub\'s concurrency group does the same but keeps only the newest waiting run (older waiting runs are cancelled).',
      action: 'Nothing to do, unless every queued run must happen.',
    });
  }
  const workflow: GhWorkflow = {
    name: def.name,
    on: triggers.on,
    ...(concurrency ? { concurrency } : {}),
    permissions: { contents: 'read' },
    jobs,
  };
  return { workflow, findings, jobIds: jobIdOf };
}

/** The self-hosted runner labels the jobs name (a linter must be told they exist). */
export function selfHostedLabels(workflow: GhWorkflow): string[] {
  const out = new Set<string>();
  for (const job of Object.values(workflow.jobs)) if (Array.isArray(job['runs-on']) && job['runs-on'].includes('self-hosted')) for (const l of job['runs-on']) if (l !== 'self-hosted') out.add(l);
  return [...out].sort();
}

/** Whether `target` is (transitively) among what `name` needs. */
function upstream(needs: ReadonlyMap<string, readonly string[]>, name: string, target: string): boolean {
  const seen = new Set<string>();
  const stack = [...(needs.get(name) ?? [])];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n === target) return true;
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...(needs.get(n) ?? []));
  }
  return false;
}

/**
 * Identifiers the typed model reads only in their plain form (`aws/cdk-deploy@v1`): a pinned minor
 * (`@v1.0.12`, which the console writes) or a pre-release (`aws/build-beta@v1`) is the same action for the export.
 */
function canonicalIdentifiers(wire: unknown, findings: ExportFinding[]): unknown {
  if (!isRecord(wire) || !isRecord(wire['Actions'])) return wire;
  const fix = (v: unknown, pointer: string): unknown => {
    if (!isRecord(v)) return v;
    if (v['Identifier'] === undefined && isRecord(v['Actions'])) {
      return { ...v, Actions: Object.fromEntries(Object.entries(v['Actions']).map(([n, a]) => [n, fix(a, `${pointer}/Actions/${escapePointerSegment(n)}`)])) };
    }
    const info = identifierInfo(v['Identifier']);
    if (!info) return v;
    const canonical = `aws/${info.family}@v${info.major}`;
    if (info.prerelease) {
      findings.push({
        kind: 'note',
        pointer: `${pointer}/Identifier`,
        message: `${String(v['Identifier'])} is a pre-release of ${canonical}; it was translated as ${canonical}.`,
        action: 'Nothing to do.',
      });
    }
    return canonical === v['Identifier'] ? v : { ...v, Identifier: canonical };
  };
  return { ...wire, Actions: Object.fromEntries(Object.entries(wire['Actions']).map(([n, v]) => [n, fix(v, `/Actions/${escapePointerSegment(n)}`)])) };
}

function flatten(def: WorkflowDef): FlatAction[] {
  const out: FlatAction[] = [];
  for (const item of def.actions) {
    const p = `/Actions/${escapePointerSegment(item.name)}`;
    if (item.kind === 'group') for (const a of item.actions) out.push({ action: a, group: item, pointer: `${p}/Actions/${escapePointerSegment(a.name)}` });
    else out.push({ action: item, pointer: p });
  }
  return out;
}

/**
 * Job ids: GitHub wants a letter or `_` first and ids unique without regard to case; CodeCatalyst names may start
 * with a digit or `-` and differ only in case. Such names get `_` in front or a number behind.
 */
export function jobIds(names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of names) {
    let id = /^[A-Za-z_]/.test(name) ? name : `_${name}`;
    for (let i = 2; taken.has(id.toLowerCase()); i++) id = `${/^[A-Za-z_]/.test(name) ? name : `_${name}`}_${i}`;
    taken.add(id.toLowerCase());
    out.set(name, id);
  }
  return out;
}

interface JobContext {
  readonly f: FlatAction;
  readonly def: WorkflowDef;
  readonly jobIdOf: ReadonlyMap<string, string>;
  readonly groups: ReadonlyMap<string, ActionGroup>;
  readonly findings: ExportFinding[];
  readonly options: ExportOptions;
  readonly secrets: Set<string>;
  /** This action's variables other jobs read. */
  readonly outputs: readonly string[];
  readonly artifactProducer: ReadonlyMap<string, string>;
}

function translateAction(ctx: JobContext): Omit<GhJob, 'needs' | 'if'> {
  const { f, findings } = ctx;
  const a = f.action;
  const refs = <T,>(value: T, sub = ''): T =>
    mapStrings(value, (s) =>
      translateReferences(s, {
        jobIdOf: ctx.jobIdOf,
        groups: new Set(ctx.groups.keys()),
        pointer: f.pointer + sub,
        findings,
        onOutput: () => {},
        onSecret: (n) => ctx.secrets.add(n),
      }),
    );
  const name = f.group ? `${f.group.name} / ${a.name}` : ctx.jobIdOf.get(a.name) !== a.name ? a.name : undefined;
  const runsOn = runnerFor(a.compute ?? ctx.def.compute, a.compute ? `${f.pointer}/Compute` : ctx.def.compute ? '/Compute' : f.pointer, findings);
  const timeout = a.timeout !== undefined ? { 'timeout-minutes': a.timeout } : {};
  const permissions: Record<string, 'read' | 'write'> = { contents: 'read' };

  if (a.kind !== 'generic' && a.identifier === 'aws/approval@v1') {
    const n = a.configuration.approvalsRequired;
    findings.push({
      kind: 'setup',
      pointer: f.pointer,
      message: `The approval gate ${a.name} is the GitHub environment "${a.name}": its job waits until a required reviewer approves.`,
      action: `Settings > Environments > New environment "${a.name}" > Deployment protection rules > Required reviewers: add the people or teams who approve (${n === 1 ? 'one approval is enough' : `${n} were required`}), optionally "Prevent self-review"; Save protection rules.`,
    });
    if (n > 1) {
      findings.push({
        kind: 'untranslated',
        pointer: `${f.pointer}/Configuration/ApprovalsRequired`,
        message: `The gate needs ${n} approvals; a GitHub environment is approved by any one of its required reviewers.`,
        action: 'Accept one approval, or chain one environment gate per approver.',
      });
    }
    return { ...(name ? { name } : {}), 'runs-on': 'ubuntu-latest', environment: a.name, permissions: {}, steps: [{ run: `echo "Approved: environment ${a.name}"` }] };
  }

  const steps: GhStep[] = [];
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(a.inputs?.variables ?? {})) env[k] = refs(v, '/Inputs/Variables');

  // Sources: WorkflowSource is the repository; an action without inputs gets it too (the deploy actions read it).
  const sources = a.inputs?.sources ?? [];
  const artifacts = a.inputs?.artifacts ?? [];
  if (sources.length > 0 || artifacts.length === 0) steps.push({ uses: USES.checkout });
  for (const s of sources.filter((s) => s !== 'WorkflowSource')) {
    findings.push({
      kind: 'untranslated',
      pointer: `${f.pointer}/Inputs/Sources`,
      message: `The source repository "${s}" is not the workflow's repository.`,
      action: `Add an actions/checkout step with "repository: <owner>/${s}" and "path: ${s}" (and a token that can read it).`,
    });
  }
  if (JSON.stringify(a).includes('CATALYST_SOURCE_DIR_WorkflowSource')) env['CATALYST_SOURCE_DIR_WorkflowSource'] = '${{ github.workspace }}';
  // The first input is where the action runs; other artifacts sit in their own folders, named by variables.
  artifacts.forEach((art, i) => {
    const primary = i === 0 && sources.length === 0;
    // In the workspace: a job's env may name the github context, not runner.temp.
    const path = primary ? '.' : `.catalyst-artifacts/${art}`;
    steps.push({ name: `Download artifact ${art}`, uses: USES.download, with: { name: art, path } });
    env[`CATALYST_SOURCE_DIR_${art}`] = primary ? '${{ github.workspace }}' : `\${{ github.workspace }}/${path}`;
    if (!ctx.artifactProducer.has(art)) {
      findings.push({ kind: 'untranslated', pointer: `${f.pointer}/Inputs/Artifacts`, message: `No action of this workflow makes the artifact "${art}".`, action: 'Produce it in an earlier job, or download it from where it is kept.' });
    }
  });
  // The primary input's folder is the workspace, as CATALYST_DEFAULT_DIR is in CodeCatalyst.
  if (JSON.stringify(a).includes('CATALYST_DEFAULT_DIR')) env['CATALYST_DEFAULT_DIR'] = '${{ github.workspace }}';
  const runVariables = [...new Set(JSON.stringify(a).match(/\bCATALYST_(?!SOURCE_DIR_|DEFAULT_DIR\b)[A-Z0-9_]+/g) ?? [])].sort();
  if (runVariables.length > 0) {
    findings.push({
      kind: 'untranslated',
      pointer: f.pointer,
      message: `The action reads CodeCatalyst run variables GitHub does not set: ${runVariables.join(', ')}.`,
      action: 'Use the GitHub equivalents (GITHUB_SHA, GITHUB_WORKSPACE, GITHUB_RUN_ID...).',
    });
  }

  const environment = a.environment;
  let region = '${{ vars.AWS_REGION }}';
  const configRegion = regionOf(a);
  if (configRegion) region = configRegion;
  if (environment) {
    permissions['id-token'] = 'write';
    if (!configRegion) {
      findings.push({
        kind: 'setup',
        pointer: `${f.pointer}/Environment`,
        message: `${a.name} uses AWS without a region in its configuration; the job reads it from the variable AWS_REGION.`,
        action: `Create the variable AWS_REGION (Settings > Environments > "${environment.name}" > Environment variables) with the region the CodeCatalyst environment used.`,
      });
    }
    steps.push({ name: 'AWS credentials', uses: USES.awsCredentials, with: { 'role-to-assume': roleArn(environment, ctx, `${f.pointer}/Environment`), 'aws-region': region } });
  }

  for (const [key, cache] of Object.entries(a.fileCaching ?? {})) {
    const path = cache.path.replace(/^\/root(?=\/|$)/, '~');
    steps.push({
      name: `Cache ${key}`,
      uses: USES.cache,
      with: { path, key: `${key}-\${{ github.run_id }}`, 'restore-keys': [`${key}-`, ...(cache.restoreKeys ?? [])].join('\n') },
    });
  }
  if (a.packages) {
    findings.push({
      kind: 'untranslated',
      pointer: `${f.pointer}/Packages`,
      message: 'The action installs npm packages from CodeCatalyst package repositories, which GitHub cannot reach.',
      action: 'Publish the packages to a registry GitHub can read (CodeArtifact with "aws codeartifact login --tool npm", or GitHub Packages) and log in to it in a step.',
    });
  }

  const outputs: Record<string, string> = {};
  let main: GhStep[];
  if (a.kind === 'generic') {
    findings.push({
      kind: 'untranslated',
      pointer: `${f.pointer}/Identifier`,
      message: `${a.identifier} has no GitHub Actions translation; the job fails with a message until it is replaced.`,
      action: a.identifier.startsWith('codecatalyst-labs/')
        ? 'Replace the step with the AWS CLI commands or a GitHub action that does the same (see the action\'s source in the CodeCatalyst catalog).'
        : 'Replace the step with a GitHub action or commands that do the same.',
    });
    if (ctx.outputs.length > 0) {
      findings.push({ kind: 'untranslated', pointer: f.pointer, message: `Other actions read ${ctx.outputs.map((v) => `${a.name}.${v}`).join(', ')}; the job outputs are empty until the step is replaced.`, action: 'Set the outputs from the replacement step (echo "NAME=value" >> "$GITHUB_OUTPUT").' });
    }
    main = [{ name: `Replace: ${a.identifier}`, run: `echo "::error::${a.identifier} has no GitHub Actions translation; replace this step."\nexit 1\n` }];
  } else if (a.identifier === 'aws/build@v1' || a.identifier === 'aws/managed-test@v1') {
    const c = a.configuration;
    const container = containerFor(c.container, `${f.pointer}/Configuration/Container`, findings);
    const script = c.steps.join('\n');
    if (!container) for (const r of RUNTIME_SETUP) if (r.tool.test(script)) steps.push({ uses: r.uses, with: r.with });
    const lines = [refs(stepsScript(c.steps), '/Configuration/Steps').trimEnd()];
    for (const v of ctx.outputs) {
      if (!(a.outputs?.variables ?? []).includes(v)) {
        findings.push({ kind: 'untranslated', pointer: f.pointer, message: `Another action reads ${a.name}.${v}, which ${a.name} does not list in Outputs.Variables.`, action: 'Export it by hand.' });
        continue;
      }
      lines.push(outputLine(v));
      outputs[v] = `\${{ steps.main.outputs.${v} }}`;
    }
    main = [{ id: 'main', shell: STEP_SHELL, run: lines.join('\n') + '\n' }];
    return finish(container);
  } else if (a.identifier === 'aws/github-actions-runner@v1') {
    main = a.configuration.steps.map((s) => refs({ ...s }, '/Configuration/Steps'));
    for (const v of ctx.outputs) {
      const step = a.configuration.steps.find((s) => s.id !== undefined && v.startsWith(`${s.id}_`));
      if (step) outputs[v] = `\${{ steps.${step.id}.outputs.${v.slice(step.id!.length + 1)} }}`;
      else findings.push({ kind: 'untranslated', pointer: f.pointer, message: `Another action reads ${a.name}.${v}, which is not a step output (stepId_output).`, action: 'Export it by hand.' });
    }
  } else {
    const dctx = { pointer: `${f.pointer}/Configuration`, findings, outputs: ctx.outputs, region };
    steps.push({ uses: 'actions/setup-node@v4', with: { 'node-version': '20' } });
    switch (a.identifier) {
      case 'aws/cdk-bootstrap@v1':
      case 'aws/cdk-bootstrap@v2':
        main = cdkBootstrapSteps(refs(a.configuration));
        break;
      case 'aws/cdk-deploy@v1':
      case 'aws/cdk-deploy@v2':
        main = cdkDeploySteps(refs(a.configuration), dctx);
        break;
      case 'aws/cfn-deploy@v1':
        main = cfnDeploySteps(refs(a.configuration), dctx);
        break;
      case 'aws/ecs-deploy@v1':
        main = ecsDeploySteps(refs(a.configuration), dctx);
        break;
      case 'aws/lambda-invoke@v1':
        main = lambdaInvokeSteps(refs(a.configuration), dctx);
        break;
      case 'aws/s3-publish@v1':
        main = s3PublishSteps(refs(a.configuration));
        break;
      default:
        main = [];
    }
    // The CDK actions need Node.js; the others only the AWS CLI the runner has.
    if (!a.identifier.startsWith('aws/cdk-')) steps.pop();
    const deployId = main.find((s) => s.id === 'deploy') ? 'deploy' : undefined;
    for (const v of ctx.outputs) if (deployId) outputs[v] = `\${{ steps.deploy.outputs.${v} }}`;
    if (!deployId && ctx.outputs.length > 0) {
      findings.push({ kind: 'untranslated', pointer: f.pointer, message: `Other actions read ${ctx.outputs.map((v) => `${a.name}.${v}`).join(', ')}, which this translation does not output.`, action: 'Export them by hand.' });
    }
  }
  return finish(undefined);

  function finish(container: { readonly image: string } | undefined): Omit<GhJob, 'needs' | 'if'> {
    const after: GhStep[] = [];
    const produced = a.outputs?.artifacts ?? [];
    if (produced.length > 0) {
      // upload-artifact stores paths relative to the files' common folder; a file at the root keeps them
      // relative to the source root, where CodeCatalyst keeps them.
      after.push({ name: 'Keep artifact paths from the source root', run: ': > .artifact-root' });
      for (const art of produced) after.push({ name: `Upload artifact ${art.name}`, uses: USES.upload, with: { name: art.name, path: ['.artifact-root', ...art.files].join('\n'), 'if-no-files-found': 'error', 'include-hidden-files': true } });
    }
    // A variable another job reads and this translation cannot produce (reported above) is an empty output, so
    // that the reading jobs still pass the linter.
    for (const v of ctx.outputs) if (!(v in outputs)) outputs[v] = '';
    const reports = reportSteps(a, f.pointer, findings);
    for (const [k, v] of Object.entries(reports.permissions)) permissions[k] = v;
    return {
      ...(name ? { name } : {}),
      'runs-on': runsOn,
      ...(environment ? { environment: environment.name } : {}),
      ...(container ? { container } : {}),
      permissions,
      ...timeout,
      ...(Object.keys(outputs).length > 0 ? { outputs } : {}),
      ...(Object.keys(env).length > 0 ? { env } : {}),
      steps: [...steps, ...main, ...after, ...reports.steps],
    };
  }
}

function regionOf(a: WorkflowAction): string | undefined {
  if (a.kind === 'generic') {
    const c = a.configuration ?? {};
    const r = c['Region'] ?? c['AWSRegion'] ?? c['region'];
    return typeof r === 'string' && !r.includes('${') ? r : undefined;
  }
  const c = a.configuration as unknown as Record<string, unknown>;
  const r = c['region'] ?? c['awsRegion'];
  return typeof r === 'string' ? r : undefined;
}

/** The role to assume: given by option, or known from an account id, or a variable to create. */
function roleArn(environment: WorkflowEnvironment, ctx: JobContext, pointer: string): string {
  const conn = environment.connection;
  const given = (conn && ctx.options.roleArns?.[conn.name]) ?? ctx.options.roleArns?.[environment.name] ?? ctx.options.roleArns?.['*'];
  if (given) return given;
  if (conn && /^\d{12}$/.test(conn.name) && /^[A-Za-z0-9_+=,.@-]+$/.test(conn.role)) return `arn:aws:iam::${conn.name}:role/${conn.role}`;
  const variable = `AWS_ROLE_ARN_${(conn?.name ?? environment.name).toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '')}`;
  ctx.findings.push({
    kind: 'setup',
    pointer,
    message: conn
      ? `The account connection "${conn.name}" with the role ${conn.role} is the variable ${variable}, holding the role's ARN.`
      : `The environment "${environment.name}" used its default IAM role; the job assumes the role in the variable ${variable}.`,
    action: `Create the variable ${variable} (Settings > Environments > "${environment.name}" > Environment variables, or --role-arn) with ${conn ? `arn:aws:iam::<account of "${conn.name}">:role/${conn.role}` : 'the role\'s ARN'}; that role must trust GitHub's OIDC provider (see "AWS roles" below).`,
  });
  return `\${{ vars.${variable} }}`;
}
