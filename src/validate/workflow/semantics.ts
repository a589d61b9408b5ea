import { toPointer, type Finding } from '../diagnostic.js';
import { closest } from '../suggest.js';
import { DECLARED_OUTPUT_FAMILIES, DEPLOY_FAMILIES } from '../../wire/workflow.js';
import { identifierInfo } from './identifier.js';
import { awsIdentifierFinding } from './aws-identifier.js';
import { effectivePredecessors, findCycles, upstreamOracle, workflowGraphWithValues, type WorkflowGraph, type WorkflowGraphNode } from '../../render/workflow-graph.js';
import { isRecord } from '../../model/values.js';
import { walkStrings } from '../walk-strings.js';
import { AWS_ACCOUNT_PATTERN } from '../../model/aws.js';

/**
 * Rules a JSON schema cannot express: names, references between actions, the dependency graph, and
 * the service's documented constraints. Pure, on the (normalized) wire value; each rule is one pass
 * over the actions, and "is X upstream of Y" is answered from ancestor bitsets built once.
 */
type Wire = Record<string, unknown>;

const NAME = /^[A-Za-z0-9_-]+$/;
const CONNECTION_NAME = /^[A-Za-z0-9_-]{3,63}$/;
const ACCOUNT_ID = new RegExp(AWS_ACCOUNT_PATTERN);
const ROLE_NAME = /^[A-Za-z0-9_+=,.@-]{1,64}$/;
/** The runner's reference syntax: `${Action.VAR}` or `${Group.Action.VAR}`. */
const REFERENCE = /\$\{([A-Za-z0-9.\-_]+)\.([A-Za-z0-9\-_]+)\}/g;
const MAX_SECRETS = 5;

export function semanticFindings(value: unknown, out: Finding[] = []): Finding[] {
  if (!isRecord(value) || !isRecord(value['Actions'])) return out;
  const { graph, values, byName } = workflowGraphWithValues(value);
  // Each node's value, from building the graph (rules ask for it many times: per rule, per reference).
  const valueOf = (n: WorkflowGraphNode): Wire => (values.get(n) as Wire | null | undefined) ?? {};
  const err = (code: string, pointer: string, message: string, fix?: string, atKey?: boolean) =>
    out.push({ code, severity: 'error', pointer, message, ...(fix ? { fix } : {}), ...(atKey ? { atKey } : {}) });
  const warn = (code: string, pointer: string, message: string, fix?: string, atKey?: boolean) =>
    out.push({ code, severity: 'warning', pointer, message, ...(fix ? { fix } : {}), ...(atKey ? { atKey } : {}) });

  // Names: the pattern, and unique across groups.
  const checkName = (n: WorkflowGraphNode) => {
    if (!NAME.test(n.name)) {
      const suggestion = n.name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || 'Action';
      err(
        'WF-NAME-INVALID',
        n.pointer,
        `${n.kind === 'group' ? 'Group' : 'Action'} name "${n.name}" may contain only letters, digits, "_" and "-" (no spaces; quoting does not help).`,
        `Rename it, e.g. "${suggestion}", and update every DependsOn and \${${n.name}.VAR} that names it.`,
        true,
      );
    }
  };
  for (const n of graph.nodes) checkName(n);
  for (const n of graph.duplicates) checkName(n);
  for (const d of graph.duplicates) {
    const first = byName.get(d.name)!;
    err('WF-NAME-DUPLICATE', d.pointer, `The name "${d.name}" is used twice (also at ${where(first)}); action names must be unique in the workflow, groups included.`, 'Rename one of them.', true);
  }

  // DependsOn targets exist; gates sit outside groups.
  let allNames: string[] | undefined;
  for (const n of graph.nodes) {
    const raw = valueOf(n)['DependsOn'];
    if (Array.isArray(raw)) {
      for (let i = 0; i < raw.length; i++) {
        const target: unknown = raw[i];
        if (typeof target !== 'string' || byName.has(target)) continue;
        allNames ??= graph.nodes.map((x) => x.name);
        const guess = closest(target, allNames);
        err(
          'WF-DEPENDS-MISSING',
          `${n.pointer}/DependsOn/${i}`,
          `"${n.name}" depends on "${target}", but the workflow has no action, gate or group of that name.`,
          guess ? `Did you mean "${guess}"?` : `Use one of: ${allNames.join(', ')}.`,
        );
      }
    }
    if (n.kind === 'gate' && n.group) {
      err('WF-GATE-IN-GROUP', n.pointer, `The approval gate "${n.name}" is inside the action group "${n.group}"; gates cannot be in groups.`, `Move "${n.name}" to the top level of Actions and make the group depend on it.`, true);
    }
  }

  const preds = effectivePredecessors(graph);
  const cycles = findCycles(graph, preds);
  for (const c of cycles) {
    const at = byName.get(c[0]!)!;
    const next = c[1]!;
    const idx = at.dependsOn.indexOf(next);
    err(
      'WF-DEPENDS-CYCLE',
      idx >= 0 ? `${at.pointer}/DependsOn/${idx}` : at.pointer,
      `The actions wait for each other in a cycle, so none of them can ever start: ${c.join(' -> ')} (each waits for the next).`,
      'Remove one of these DependsOn entries to break the cycle.',
    );
  }
  const upstream = cycles.length === 0 ? upstreamOracle(graph, preds) : undefined;

  // A gate runs before or after actions, never beside one ("Can I set up a gate to run in parallel to another
  // action? No." in the gates documentation): an action or group neither upstream nor downstream of a gate would
  // run while it waits. A warning, because the documentation does not say how the service treats such a file.
  if (upstream && graph.nodes.some((g) => g.kind === 'gate')) {
    for (const g of graph.nodes) {
      if (g.kind !== 'gate' || g.group) continue;
      const beside = graph.nodes.filter((n) => n.kind !== 'gate' && !n.group && !upstream(g.name, n.name) && !upstream(n.name, g.name)).map((n) => `"${n.name}"`);
      if (beside.length === 0) continue;
      const named = beside.length <= 3 ? beside.join(', ') : `${beside.slice(0, 3).join(', ')} and ${beside.length - 3} more`;
      warn(
        'WF-GATE-PARALLEL',
        g.pointer,
        `The approval gate "${g.name}" would wait at the same time as ${named} run${beside.length === 1 ? 's' : ''}; CodeCatalyst runs a gate only before or after actions, not beside them.`,
        `Order them with DependsOn: make ${beside[0]} depend on "${g.name}", or "${g.name}" on ${beside[0]}.`,
        true,
      );
    }
  }

  // Per-action rules. What several actions' rules share (who produces which artifact, the source names) is
  // built on first use: most files consume no artifact by name and reference no variable.
  const wfCompute = isRecord(value['Compute']) ? value['Compute'] : undefined;
  let producers: Map<string, string[]> | undefined;
  let sourceNames: Set<string> | undefined;
  const sourceNamesOf = (): Set<string> => {
    if (sourceNames) return sourceNames;
    sourceNames = new Set<string>(['WorkflowSource']);
    for (const n of graph.nodes) {
      if (n.kind === 'group') continue;
      const sources = valueOf(n)['Inputs'];
      if (isRecord(sources) && Array.isArray(sources['Sources'])) for (const s of sources['Sources']) if (typeof s === 'string') sourceNames.add(s);
    }
    return sourceNames;
  };

  for (const n of graph.nodes) {
    if (n.kind === 'group') continue;
    const a = valueOf(n);
    const unknown = awsIdentifierFinding(a['Identifier'], `${n.pointer}/Identifier`);
    if (unknown) out.push(unknown);
    const info = identifierInfo(a['Identifier']);
    if (info?.prerelease) {
      const canonical = `aws/${info.family}@v${info.major}`;
      warn('WF-IDENTIFIER-PRERELEASE', `${n.pointer}/Identifier`, `"${String(a['Identifier'])}" is an internal pre-release (${info.prerelease.slice(1)}) identifier of ${canonical}; it may change or disappear.`, `Use ${canonical}.`);
    }

    // Environment and its one connection.
    const env = a['Environment'];
    if (info && DEPLOY_FAMILIES.has(info.family) && env === undefined) {
      err('WF-ENV-MISSING', n.pointer, `"${n.name}" (${String(a['Identifier'])}) deploys to AWS but has no Environment.`, 'Add Environment: {Name: <environment>, Connections: [{Name: <account connection>, Role: <IAM role name>}]}.', true);
    }
    if (isRecord(env)) checkEnvironment(env, `${n.pointer}/Environment`, n.name, err, warn);

    // Compute: workflow level excludes action level; caching needs EC2.
    if (wfCompute && a['Compute'] !== undefined) {
      err('WF-COMPUTE-BOTH', `${n.pointer}/Compute`, `"${n.name}" sets Compute although the workflow sets Compute at the top level; the service allows one or the other.`, 'Remove Compute from the action, or remove the workflow-level Compute and set it on each action.', true);
    }
    if (a['Caching'] !== undefined) {
      const actCompute = isRecord(a['Compute']) ? a['Compute'] : undefined;
      const computeType = String(actCompute?.['Type'] ?? wfCompute?.['Type'] ?? 'EC2').toUpperCase();
      if (computeType === 'LAMBDA') {
        err('WF-CACHE-LAMBDA', `${n.pointer}/Caching`, `"${n.name}" uses file caching on Lambda compute; caching works only with EC2 compute.`, 'Use Compute Type: EC2 for this action, or remove Caching.', true);
      }
    }

    // Artifacts consumed are produced, and upstream.
    const inputs = a['Inputs'];
    const consumed = isRecord(inputs) ? inputs['Artifacts'] : undefined;
    if (Array.isArray(consumed)) {
      for (let i = 0; i < consumed.length; i++) {
        const art: unknown = consumed[i];
        if (typeof art !== 'string') continue;
        producers ??= artifactProducers(graph, valueOf);
        const from = producers.get(art)?.filter((p) => p !== n.name) ?? [];
        if (from.length === 0) {
          const guess = closest(art, [...producers.keys()]);
          err(
            'WF-ARTIFACT-UNKNOWN',
            `${n.pointer}/Inputs/Artifacts/${i}`,
            `"${n.name}" consumes the artifact "${art}", but no other action produces it (Outputs.Artifacts).`,
            guess ? `Did you mean "${guess}"?` : 'Produce it in an upstream action, or remove it from Inputs.Artifacts.',
          );
        } else if (upstream && !from.some((p) => upstream(p, n.name))) {
          warn(
            'WF-ARTIFACT-NOT-UPSTREAM',
            `${n.pointer}/Inputs/Artifacts/${i}`,
            `"${n.name}" consumes the artifact "${art}" from "${from[0]}" without depending on it; it works only because the runner infers the dependency.`,
            `Add "${from[0]}" to DependsOn.`,
          );
        }
      }
    }

    // Variable references and secrets: only an action holding "${" somewhere can have any.
    if (!holdsPlaceholder(a)) continue;
    const secrets = new Set<string>();
    walkStrings(a, (s, path) => {
      if (!s.includes('${')) return;
      const ptr = n.pointer + toPointer(path);
      for (const m of s.matchAll(REFERENCE)) {
        const path = m[1]!.split('.');
        const variable = m[2]!;
        if (path[0] === 'Secrets' && path.length === 1) {
          secrets.add(variable);
          continue;
        }
        if (path.length === 1 && sourceNamesOf().has(path[0]!)) continue;
        checkReference(m[0], path, variable, n, ptr, byName, valueOf, upstream, err, warn);
      }
    });
    if (secrets.size > MAX_SECRETS) {
      err('WF-SECRETS-LIMIT', n.pointer, `"${n.name}" uses ${secrets.size} secrets (${[...secrets].sort().join(', ')}); an action may use at most ${MAX_SECRETS}.`, 'Split the work over several actions, or combine secrets into one JSON secret.', true);
    }
  }

  if (wfCompute && String(wfCompute['Type']).toUpperCase() === 'LAMBDA' && wfCompute['SharedInstance'] !== undefined) {
    err('WF-SHARED-INSTANCE-LAMBDA', '/Compute/SharedInstance', 'SharedInstance applies only to EC2 compute.', 'Remove SharedInstance, or use Type: EC2.', true);
  }
  return out;
}

/** Whether any string `walkStrings` would visit under `x` contains "${" (a cheap test before the walk). */
function holdsPlaceholder(x: unknown): boolean {
  if (typeof x === 'string') return x.includes('${');
  if (typeof x !== 'object' || x === null) return false;
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) if (holdsPlaceholder(x[i])) return true;
    return false;
  }
  const r = x as Wire;
  // Own keys only, as walkStrings; the ownership test runs only on a hit.
  for (const k in r) if (holdsPlaceholder(r[k]) && Object.prototype.hasOwnProperty.call(r, k)) return true;
  return false;
}

type Err = (code: string, pointer: string, message: string, fix?: string, atKey?: boolean) => void;
type Warn = (code: string, pointer: string, message: string, fix?: string) => void;

function checkEnvironment(env: Wire, ptr: string, action: string, err: Err, warn: Warn): void {
  const name = env['Name'];
  if (typeof name === 'string') {
    if (name.trim() === '') err('WF-ENV-NAME-BLANK', `${ptr}/Name`, `The environment name of "${action}" is blank.`, 'Give the name of a CodeCatalyst environment of the project.');
    else if (name.includes('${')) err('WF-ENV-PLACEHOLDER', `${ptr}/Name`, `The environment name "${name}" still holds a \${placeholder}; workflows do not substitute variables there.`, 'Write the actual environment name.');
  }
  const conns = env['Connections'];
  if (!Array.isArray(conns)) return;
  if (conns.length === 0) {
    err('WF-ENV-CONNECTIONS', `${ptr}/Connections`, `The environment of "${action}" has an empty Connections list.`, "Add one connection, or remove Connections to use the environment's default role.");
    return;
  }
  if (conns.length > 1) {
    err(
      'WF-ENV-CONNECTIONS',
      `${ptr}/Connections/1`,
      `The environment of "${action}" has ${conns.length} connections; an action uses exactly one account connection.`,
      'Keep one connection here and deploy to each other account from its own action.',
    );
  }
  conns.forEach((c, i) => {
    if (!isRecord(c)) return;
    const cp = `${ptr}/Connections/${i}`;
    const cn = c['Name'];
    if (typeof cn === 'string') {
      if (cn.trim() === '') {
        err('WF-CONNECTION-BLANK', `${cp}/Name`, `The connection name of "${action}" is blank (${JSON.stringify(cn)}), a placeholder a generator left behind.`, 'Write the account connection name or the 12-digit account id.');
      } else if (cn.includes('${')) {
        err('WF-CONNECTION-PLACEHOLDER', `${cp}/Name`, `The connection name "${cn}" still holds a \${placeholder}; workflows do not substitute variables there.`, 'Write the account connection name or the 12-digit account id.');
      } else if (!CONNECTION_NAME.test(cn) && !ACCOUNT_ID.test(cn)) {
        err('WF-CONNECTION-NAME', `${cp}/Name`, `The connection name "${cn}" is not valid: 3-63 letters, digits, "_" or "-", or a 12-digit account id.`, 'Use the account connection display name or the account id, quoted.');
      }
    } else if (typeof cn === 'number') {
      warn('WF-CONNECTION-NUMERIC', `${cp}/Name`, `The connection name ${cn} is a number; an account id with leading zeros loses them this way.`, `Quote it: Name: "${String(cn).padStart(12, '0')}".`);
    }
    const role = c['Role'];
    if (typeof role === 'string') {
      if (role.trim() === '') err('WF-ROLE-BLANK', `${cp}/Role`, `The IAM role of "${action}" is blank (${JSON.stringify(role)}).`, 'Write the name of the IAM role added to the account connection.');
      else if (role.includes('${')) err('WF-ROLE-PLACEHOLDER', `${cp}/Role`, `The role "${role}" still holds a \${placeholder}; workflows do not substitute variables there.`, 'Write the IAM role name.');
      else if (role.startsWith('arn:')) err('WF-ROLE-ARN', `${cp}/Role`, `The role "${role}" is an ARN; Role takes the IAM role name.`, `Write Role: ${role.split('/').pop()}.`);
      else if (!ROLE_NAME.test(role)) err('WF-ROLE-NAME', `${cp}/Role`, `The role "${role}" is not a valid IAM role name (1-64 letters, digits and +=,.@_-).`, 'Write the IAM role name added to the account connection.');
    }
  });
}

function checkReference(
  text: string,
  path: string[],
  variable: string,
  n: WorkflowGraphNode,
  ptr: string,
  byName: ReadonlyMap<string, WorkflowGraphNode>,
  valueOf: (n: WorkflowGraphNode) => Wire,
  upstream: ((a: string, b: string) => boolean) | undefined,
  err: Err,
  warn: Warn,
): void {
  if (path.length > 2) return;
  const actionName = path[path.length - 1]!;
  const target = byName.get(actionName);
  if (!target) {
    const guess = closest(actionName, [...byName.keys()]);
    err('WF-VAR-UNKNOWN-ACTION', ptr, `${text} refers to "${actionName}", but the workflow has no action of that name.`, guess ? `Did you mean "${guess}"?` : 'Name an action that exports the variable (Outputs.Variables).');
    return;
  }
  if (target.kind === 'group') {
    err('WF-VAR-GROUP', ptr, `${text} names the group "${actionName}"; variables belong to the actions inside it.`, `Write \${${actionName}.<Action>.${variable}}.`);
    return;
  }
  if (path.length === 2 && target.group !== path[0]) {
    err('WF-VAR-GROUP', ptr, `${text}: "${actionName}" is ${target.group ? `in the group "${target.group}"` : 'not in a group'}, not in "${path[0]}".`, target.group ? `Write \${${target.group}.${actionName}.${variable}}.` : `Write \${${actionName}.${variable}}.`);
    return;
  }
  if (path.length === 1 && target.group) {
    warn('WF-VAR-GROUP', ptr, `${text}: "${actionName}" is in the group "${target.group}"; the documented form names the group.`, `Write \${${target.group}.${actionName}.${variable}}.`);
  }
  const info = identifierInfo(target.identifier);
  if (info && DECLARED_OUTPUT_FAMILIES.has(info.family)) {
    const outputs = valueOf(target)['Outputs'];
    const declared = isRecord(outputs) && Array.isArray(outputs['Variables']) ? outputs['Variables'].map(String) : [];
    if (!declared.includes(variable)) {
      const guess = closest(variable, declared);
      err(
        'WF-VAR-NOT-EXPORTED',
        ptr,
        `${text}: "${actionName}" does not export "${variable}"${declared.length ? ` (it exports ${declared.join(', ')})` : ''}.`,
        guess ? `Did you mean "${guess}"?` : `Add "${variable}" to the Outputs.Variables of "${actionName}".`,
      );
      return;
    }
  }
  if (target.name !== n.name && upstream && !upstream(target.name, n.name)) {
    warn('WF-VAR-NOT-UPSTREAM', ptr, `${text}: "${n.name}" uses a variable of "${actionName}" without depending on it; it works only because the runner infers the dependency.`, `Add "${target.group ?? actionName}" to DependsOn.`);
  }
}

function artifactProducers(graph: WorkflowGraph, valueOf: (n: WorkflowGraphNode) => Wire): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const n of graph.nodes) {
    if (n.kind === 'group') continue;
    const o = valueOf(n)['Outputs'];
    if (!isRecord(o)) continue;
    const arts = o['Artifacts'];
    const names = Array.isArray(arts) ? arts.map((x) => (isRecord(x) ? x['Name'] : undefined)) : isRecord(arts) ? Object.keys(arts) : [];
    for (const name of names) {
      if (typeof name !== 'string') continue;
      const list = out.get(name);
      if (list) list.push(n.name);
      else out.set(name, [n.name]);
    }
  }
  return out;
}

function where(n: WorkflowGraphNode): string {
  return n.group ? `group "${n.group}"` : 'the top level';
}
