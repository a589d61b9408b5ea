// A straightforward reference for the workflow validator: the rules as they were written before the fast paths
// (src/validate/workflow/*, src/render/workflow-graph.ts): every value re-walked per rule, nodes looked up by
// pointer, identifiers parsed on every use, every action walked for references, the graph with all its edges,
// and the schema checked by the validator that collects every error (no verdict-only first pass). It exists so
// that test/perf/workflow-reference.test.ts can show the optimized validator reports exactly the same findings;
// change it only together with a deliberate change to the rules.
/* eslint-disable */
import { escapePointerSegment, toPointer, type Finding } from '../../../src/validate/diagnostic.js';
import { closest } from '../../../src/validate/suggest.js';
import { schemaFindings } from '../../../src/validate/schema-findings.js';
import { compileSchema } from '../../../src/validate/schemas.js';
import { walkStrings } from '../../../src/validate/walk-strings.js';
import { isRecord } from '../../../src/model/values.js';
import { AWS_ACCOUNT_PATTERN } from '../../../src/model/aws.js';
import { DECLARED_OUTPUT_FAMILIES, DEPLOY_FAMILIES, identifierInfo } from '../../../src/wire/workflow.js';
import type { WorkflowGraph, WorkflowGraphEdge, WorkflowGraphNode } from '../../../src/render/workflow-graph.js';

type Wire = Record<string, unknown>;

// Graph (src/render/workflow-graph.ts).
/** Whether an entry of `Actions` is an action group: it has `Actions` and no `Identifier`. */
function isGroupValue(v: unknown): v is Wire {
  return isRecord(v) && v['Actions'] !== undefined && v['Identifier'] === undefined;
}

function workflowGraph(value: unknown): WorkflowGraph {
  const nodes: WorkflowGraphNode[] = [];
  const duplicates: WorkflowGraphNode[] = [];
  const byName = new Map<string, WorkflowGraphNode>();
  const add = (n: WorkflowGraphNode) => {
    if (byName.has(n.name)) duplicates.push(n);
    else {
      byName.set(n.name, n);
      nodes.push(n);
    }
  };
  const actions = isRecord(value) && isRecord(value['Actions']) ? value['Actions'] : {};
  for (const [name, v] of Object.entries(actions)) {
    const pointer = `/Actions/${escapePointerSegment(name)}`;
    if (isGroupValue(v)) {
      const members = isRecord(v['Actions']) ? Object.keys(v['Actions']) : [];
      add({ name, kind: 'group', pointer, dependsOn: deps(v), members });
      for (const m of members) add(actionNode(m, (v['Actions'] as Wire)[m], `${pointer}/Actions/${escapePointerSegment(m)}`, name));
    } else add(actionNode(name, v, pointer, undefined));
  }
  const edges: WorkflowGraphEdge[] = [];
  for (const n of nodes) for (const d of n.dependsOn) if (byName.has(d)) edges.push({ from: d, to: n.name });
  return { nodes, edges, duplicates };
}

function actionNode(name: string, v: unknown, pointer: string, group: string | undefined): WorkflowGraphNode {
  const identifier = isRecord(v) && typeof v['Identifier'] === 'string' ? v['Identifier'] : undefined;
  const kind = identifierInfo(identifier)?.family === 'approval' ? 'gate' : 'action';
  return { name, kind, pointer, dependsOn: deps(v), ...(group ? { group } : {}), ...(identifier ? { identifier } : {}) };
}

function deps(v: unknown): string[] {
  const d = isRecord(v) ? v['DependsOn'] : undefined;
  return Array.isArray(d) ? d.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * What each node waits for, directly, once groups are taken into account: its own `DependsOn`, its
 * group's `DependsOn` (a grouped action starts after what the group waits for), and for a group all
 * its members (a group is done when they are).
 */
function effectivePredecessors(graph: WorkflowGraph): Map<string, string[]> {
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const preds = new Map<string, string[]>();
  for (const n of graph.nodes) {
    const list = n.dependsOn.filter((d) => byName.has(d));
    if (n.group) list.push(...byName.get(n.group)!.dependsOn.filter((d) => byName.has(d)));
    if (n.kind === 'group') list.push(...(n.members ?? []).filter((m) => byName.get(m)?.group === n.name));
    preds.set(n.name, [...new Set(list)]);
  }
  return preds;
}

/**
 * Cycles in the effective graph, each as a closed path `[a, b, ..., a]` read as "a waits for b, which
 * waits for ..., which waits for a". Nodes already in a reported cycle are not reported again; one
 * depth-first pass, linear in nodes and edges.
 */
function findCycles(graph: WorkflowGraph): string[][] {
  const preds = effectivePredecessors(graph);
  const names = graph.nodes.map((n) => n.name);
  const state = new Map<string, 0 | 1 | 2>();
  const cycles: string[][] = [];
  const inCycle = new Set<string>();
  for (const start of names) {
    if (state.get(start)) continue;
    // Iterative DFS along "waits for" edges.
    const stack: { name: string; i: number }[] = [{ name: start, i: 0 }];
    const onPath: string[] = [start];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = preds.get(top.name)![top.i++];
      if (next === undefined) {
        state.set(top.name, 2);
        stack.pop();
        onPath.pop();
        continue;
      }
      const s = state.get(next) ?? 0;
      if (s === 0) {
        state.set(next, 1);
        stack.push({ name: next, i: 0 });
        onPath.push(next);
      } else if (s === 1) {
        const from = onPath.indexOf(next);
        const cycle = [...onPath.slice(from), next];
        if (!cycle.some((c) => inCycle.has(c))) {
          cycle.forEach((c) => inCycle.add(c));
          cycles.push(cycle);
        }
      }
    }
  }
  return cycles;
}

/**
 * For an acyclic graph: a function telling whether `a` runs (transitively) before `b`. Ancestor sets
 * are bitsets built once in topological order, so each question is O(1).
 */
function upstreamOracle(graph: WorkflowGraph): (a: string, b: string) => boolean {
  const preds = effectivePredecessors(graph);
  const index = new Map(graph.nodes.map((n, i) => [n.name, i]));
  const n = graph.nodes.length;
  const words = Math.ceil(n / 32) || 1;
  const anc: (Uint32Array | undefined)[] = new Array(n);
  const compute = (name: string): Uint32Array => {
    const i = index.get(name)!;
    const hit = anc[i];
    if (hit) return hit;
    const bits = new Uint32Array(words);
    anc[i] = bits; // set first: a cycle (not expected here) stops instead of recursing forever
    const work: string[] = [...(preds.get(name) ?? [])];
    for (const p of work) {
      const j = index.get(p)!;
      bits[j >>> 5] = (bits[j >>> 5] ?? 0) | (1 << (j & 31));
      const pa = compute(p);
      for (let w = 0; w < words; w++) bits[w] = (bits[w] ?? 0) | (pa[w] ?? 0);
    }
    return bits;
  };
  return (a, b) => {
    const ia = index.get(a);
    if (ia === undefined || !index.has(b)) return false;
    const bits = compute(b);
    return ((bits[ia >>> 5] ?? 0) & (1 << (ia & 31))) !== 0;
  };
}

// Lenient forms (lenient.ts).
/**
 * Forms the service accepts although they are not the documented canonical spelling (console-generated
 * files use `Type: Push` and `Events: [open, revision]`, AWS's own runner samples a boolean
 * `SharedInstance`, the docs `Type: Lambda` on actions). Each gets a warning naming the canonical form,
 * and the value is normalized to it in a copy, so the schema (which describes the canonical form)
 * checks everything else. Only scalars change, so every JSON pointer stays valid for the original file.
 * The copy is made on write: containers on the path to a changed value are copied, everything else (and,
 * when nothing changes, the whole value) is shared with the original, which is never modified.
 */
interface LenientResult {
  readonly value: unknown;
  readonly findings: Finding[];
}


const TRIGGER_TYPES: Readonly<Record<string, string>> = { PUSH: 'PUSH', PULLREQUEST: 'PULLREQUEST', PULL_REQUEST: 'PULLREQUEST', SCHEDULE: 'SCHEDULE' };
const EVENTS = new Set(['OPEN', 'REVISION', 'CLOSED', 'MERGED', 'DRAFT']);

function normalizeLenient(original: unknown): LenientResult {
  const findings: Finding[] = [];
  if (!isRecord(original)) return { value: original, findings };
  const value = original;
  const warn = (code: string, pointer: string, message: string, fix: string) => findings.push({ code, severity: 'warning', pointer, message, fix });
  // Changes are recorded as paths into the original and applied to a copy-on-write copy at the end. Every
  // check reads the original; none depends on another's change.
  const changes: Change[] = [];

  if (typeof value['SchemaVersion'] === 'number' && value['SchemaVersion'] === 1) {
    warn('WF-LENIENT-SCHEMA-VERSION', '/SchemaVersion', 'SchemaVersion is the number 1.0; the canonical form is the string "1.0".', 'Write SchemaVersion: "1.0" (quoted).');
    changes.push([['SchemaVersion'], '1.0']);
  }

  const triggers = value['Triggers'];
  if (Array.isArray(triggers)) {
    triggers.forEach((t, i) => {
      if (!isRecord(t)) return;
      const ptr = `/Triggers/${i}`;
      const type = t['Type'];
      if (typeof type === 'string') {
        const canonical = TRIGGER_TYPES[type.toUpperCase()];
        if (canonical && canonical !== type) {
          warn('WF-LENIENT-TRIGGER-TYPE', `${ptr}/Type`, `Trigger type "${type}" is accepted, but the documented form is "${canonical}".`, `Write Type: ${canonical}.`);
          changes.push([['Triggers', i, 'Type'], canonical]);
        } else if (!canonical && type.toUpperCase() === 'MANUAL') {
          findings.push({
            code: 'WF-TRIGGER-MANUAL',
            severity: 'error',
            pointer: `${ptr}/Type`,
            message: 'There is no MANUAL trigger type; the valid types are PUSH, PULLREQUEST and SCHEDULE.',
            fix: 'Remove this trigger: a workflow can always be started by hand, and one without triggers runs only that way.',
          });
        }
      }
      const events = t['Events'];
      if (Array.isArray(events)) {
        const fixed = events.map((e) => (typeof e === 'string' && EVENTS.has(e.toUpperCase()) ? e.toUpperCase() : e));
        if (fixed.some((e, j) => e !== events[j])) {
          warn(
            'WF-LENIENT-EVENT',
            `${ptr}/Events`,
            `Pull request events ${events.map((e) => JSON.stringify(e)).join(', ')} are accepted, but the documented form is uppercase.`,
            `Write Events: [${fixed.join(', ')}].`,
          );
          changes.push([['Triggers', i, 'Events'], fixed]);
        }
      }
    });
  }

  if (isRecord(value['Compute'])) normalizeCompute(value['Compute'], ['Compute'], '/Compute', true, warn, changes);

  const actions = value['Actions'];
  if (isRecord(actions)) {
    for (const [name, v] of Object.entries(actions)) {
      const ptr = `/Actions/${escapePointerSegment(name)}`;
      if (isGroupValue(v)) {
        if (isRecord(v['Actions'])) for (const [m, a] of Object.entries(v['Actions'])) normalizeAction(a, ['Actions', name, 'Actions', m], `${ptr}/Actions/${escapePointerSegment(m)}`, warn, changes);
      } else normalizeAction(v, ['Actions', name], ptr, warn, changes);
    }
  }
  return { value: changes.length === 0 ? value : copyOnWrite(value, changes), findings };
}

type LenientWarn = (code: string, pointer: string, message: string, fix: string) => void;
type Path = readonly (string | number)[];
type Change = readonly [Path, unknown];

/** A copy of `original` with each change applied: only the containers on a changed path are (shallowly) copied. */
function copyOnWrite(original: Wire, changes: readonly Change[]): Wire {
  const root: Wire = { ...original };
  for (const [path, v] of changes) {
    let src: any = original;
    let dst: any = root;
    for (let i = 0; i < path.length - 1; i++) {
      const k = path[i]!;
      const from = src[k];
      if (dst[k] === from) dst[k] = Array.isArray(from) ? [...from] : { ...from };
      src = from;
      dst = dst[k];
    }
    dst[path[path.length - 1]!] = v;
  }
  return root;
}

function normalizeCompute(c: Wire, path: Path, ptr: string, workflowLevel: boolean, warn: LenientWarn, changes: Change[]): void {
  const type = c['Type'];
  if (typeof type === 'string') {
    const upper = type.toUpperCase();
    if ((upper === 'EC2' || upper === 'LAMBDA') && upper !== type) {
      warn('WF-LENIENT-COMPUTE-TYPE', `${ptr}/Type`, `Compute type "${type}" is accepted, but the canonical form is "${upper}".`, `Write Type: ${upper}.`);
      changes.push([[...path, 'Type'], upper]);
    }
  }
  if (!workflowLevel) return;
  const shared = c['SharedInstance'];
  if (typeof shared === 'boolean' || (typeof shared === 'string' && /^(true|false)$/i.test(shared) && shared !== shared.toUpperCase())) {
    const canonical = String(shared).toUpperCase();
    warn(
      'WF-LENIENT-SHARED-INSTANCE',
      `${ptr}/SharedInstance`,
      `SharedInstance ${JSON.stringify(shared)} is accepted, but the canonical form is the string "${canonical}".`,
      `Write SharedInstance: ${canonical}.`,
    );
    changes.push([[...path, 'SharedInstance'], canonical]);
  }
}

function normalizeAction(a: unknown, path: Path, ptr: string, warn: LenientWarn, changes: Change[]): void {
  if (!isRecord(a)) return;
  if (isRecord(a['Compute'])) normalizeCompute(a['Compute'], [...path, 'Compute'], `${ptr}/Compute`, false, warn, changes);
  const inputs = a['Inputs'];
  if (isRecord(inputs) && isRecord(inputs['Variables'])) {
    warn('WF-LENIENT-MAP-FORM', `${ptr}/Inputs/Variables`, 'Input variables are written as a mapping; the documented form is a list of {Name, Value}.', 'Write Variables: [{Name: NAME, Value: "value"}, ...].');
  }
  const outputs = a['Outputs'];
  if (isRecord(outputs) && isRecord(outputs['Artifacts'])) {
    warn('WF-LENIENT-MAP-FORM', `${ptr}/Outputs/Artifacts`, 'Output artifacts are written as a mapping; the documented form is a list of {Name, Files}.', 'Write Artifacts: [{Name: name, Files: [...]}, ...].');
  }
  const info = identifierInfo(a['Identifier']);
  if (info?.family === 'cfn-deploy' && isRecord(a['Configuration']) && a['Configuration']['Parameters'] !== undefined) {
    warn(
      'WF-LENIENT-CFN-PARAMETERS',
      `${ptr}/Configuration/Parameters`,
      'The CloudFormation deploy settings are nested under Parameters, a legacy form written by the blueprint SDK; the documented form puts name, region, template ... directly under Configuration.',
      'Move the keys under Parameters up one level and remove Parameters.',
    );
  }
}

// Semantic rules (semantics.ts).
/**
 * Rules a JSON schema cannot express: names, references between actions, the dependency graph, and
 * the service's documented constraints. Pure, on the (normalized) wire value; each rule is one pass
 * over the actions, and "is X upstream of Y" is answered from ancestor bitsets built once.
 */

const NAME = /^[A-Za-z0-9_-]+$/;
const CONNECTION_NAME = /^[A-Za-z0-9_-]{3,63}$/;
const ACCOUNT_ID = new RegExp(AWS_ACCOUNT_PATTERN);
const ROLE_NAME = /^[A-Za-z0-9_+=,.@-]{1,64}$/;
/** The runner's reference syntax: `${Action.VAR}` or `${Group.Action.VAR}`. */
const REFERENCE = /\$\{([A-Za-z0-9.\-_]+)\.([A-Za-z0-9\-_]+)\}/g;
const MAX_SECRETS = 5;

function semanticFindings(value: unknown): Finding[] {
  const out: Finding[] = [];
  if (!isRecord(value) || !isRecord(value['Actions'])) return out;
  const graph = workflowGraph(value);
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  // Each node's value, looked up once (rules ask for it many times: per rule, per reference).
  const values = new Map<WorkflowGraphNode, Wire>();
  const valueOf = (n: WorkflowGraphNode): Wire => {
    let v = values.get(n);
    if (v === undefined) values.set(n, (v = (pointerGet(value, n.pointer) as Wire) ?? {}));
    return v;
  };
  const err = (code: string, pointer: string, message: string, fix?: string, atKey?: boolean) =>
    out.push({ code, severity: 'error', pointer, message, ...(fix ? { fix } : {}), ...(atKey ? { atKey } : {}) });
  const warn = (code: string, pointer: string, message: string, fix?: string) => out.push({ code, severity: 'warning', pointer, message, ...(fix ? { fix } : {}) });

  // Names: the pattern, and unique across groups.
  for (const n of [...graph.nodes, ...graph.duplicates]) {
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
  }
  for (const d of graph.duplicates) {
    const first = byName.get(d.name)!;
    err('WF-NAME-DUPLICATE', d.pointer, `The name "${d.name}" is used twice (also at ${where(first)}); action names must be unique in the workflow, groups included.`, 'Rename one of them.', true);
  }

  // DependsOn targets exist; gates sit outside groups.
  const allNames = graph.nodes.map((n) => n.name);
  for (const n of graph.nodes) {
    const raw = valueOf(n)['DependsOn'];
    if (Array.isArray(raw)) {
      raw.forEach((target, i) => {
        if (typeof target !== 'string' || byName.has(target)) return;
        const guess = closest(target, allNames);
        err(
          'WF-DEPENDS-MISSING',
          `${n.pointer}/DependsOn/${i}`,
          `"${n.name}" depends on "${target}", but the workflow has no action, gate or group of that name.`,
          guess ? `Did you mean "${guess}"?` : `Use one of: ${allNames.join(', ')}.`,
        );
      });
    }
    if (n.kind === 'gate' && n.group) {
      err('WF-GATE-IN-GROUP', n.pointer, `The approval gate "${n.name}" is inside the action group "${n.group}"; gates cannot be in groups.`, `Move "${n.name}" to the top level of Actions and make the group depend on it.`, true);
    }
  }

  const cycles = findCycles(graph);
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
  const upstream = cycles.length === 0 ? upstreamOracle(graph) : undefined;

  // Per-action rules.
  const wfCompute = isRecord(value['Compute']) ? value['Compute'] : undefined;
  const producers = artifactProducers(graph, valueOf);
  const sourceNames = new Set<string>(['WorkflowSource']);
  for (const n of graph.nodes) {
    if (n.kind === 'group') continue;
    const sources = valueOf(n)['Inputs'];
    if (isRecord(sources) && Array.isArray(sources['Sources'])) for (const s of sources['Sources']) if (typeof s === 'string') sourceNames.add(s);
  }

  for (const n of graph.nodes) {
    if (n.kind === 'group') continue;
    const a = valueOf(n);
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
    const actCompute = isRecord(a['Compute']) ? a['Compute'] : undefined;
    if (wfCompute && a['Compute'] !== undefined) {
      err('WF-COMPUTE-BOTH', `${n.pointer}/Compute`, `"${n.name}" sets Compute although the workflow sets Compute at the top level; the service allows one or the other.`, 'Remove Compute from the action, or remove the workflow-level Compute and set it on each action.', true);
    }
    const computeType = String(actCompute?.['Type'] ?? wfCompute?.['Type'] ?? 'EC2').toUpperCase();
    if (a['Caching'] !== undefined && computeType === 'LAMBDA') {
      err('WF-CACHE-LAMBDA', `${n.pointer}/Caching`, `"${n.name}" uses file caching on Lambda compute; caching works only with EC2 compute.`, 'Use Compute Type: EC2 for this action, or remove Caching.', true);
    }

    // Artifacts consumed are produced, and upstream.
    const inputs = isRecord(a['Inputs']) ? a['Inputs'] : {};
    if (Array.isArray(inputs['Artifacts'])) {
      inputs['Artifacts'].forEach((art, i) => {
        if (typeof art !== 'string') return;
        const from = producers.get(art)?.filter((p) => p !== n.name) ?? [];
        const ptr = `${n.pointer}/Inputs/Artifacts/${i}`;
        if (from.length === 0) {
          const guess = closest(art, [...producers.keys()]);
          err(
            'WF-ARTIFACT-UNKNOWN',
            ptr,
            `"${n.name}" consumes the artifact "${art}", but no other action produces it (Outputs.Artifacts).`,
            guess ? `Did you mean "${guess}"?` : 'Produce it in an upstream action, or remove it from Inputs.Artifacts.',
          );
        } else if (upstream && !from.some((p) => upstream(p, n.name))) {
          warn(
            'WF-ARTIFACT-NOT-UPSTREAM',
            ptr,
            `"${n.name}" consumes the artifact "${art}" from "${from[0]}" without depending on it; it works only because the runner infers the dependency.`,
            `Add "${from[0]}" to DependsOn.`,
          );
        }
      });
    }

    // Variable references and secrets.
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
        if (path.length === 1 && sourceNames.has(path[0]!)) continue;
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
  byName: Map<string, WorkflowGraphNode>,
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
    for (const name of names) if (typeof name === 'string') out.set(name, [...(out.get(name) ?? []), n.name]);
  }
  return out;
}

function pointerGet(root: unknown, pointer: string): unknown {
  let cur: unknown = root;
  for (const seg of pointer.slice(1).split('/')) {
    if (!isRecord(cur)) return undefined;
    cur = cur[seg.includes('~') ? seg.replace(/~1/g, '/').replace(/~0/g, '~') : seg];
  }
  return cur;
}

function where(n: WorkflowGraphNode): string {
  return n.group ? `group "${n.group}"` : 'the top level';
}

// Schema layer (structure.ts).
/**
 * The structural layer: this project's workflow schema (`schemas/workflow.schema.json`), compiled on first
 * use and then reused. The schema picks each action's `Configuration` schema by `Identifier` with `if/then`, so
 * one mistake gives one message; unknown (labs, third-party, local) actions' configurations are free.
 */
function structureFindings(value: unknown): Finding[] {
  const validate = compileSchema('workflow');
  if (validate(value)) return [];
  return mergeTypos(schemaFindings(validate.errors, { codePrefix: 'WF-SCHEMA' }).map(refine));
}

/**
 * A misspelt required key is reported twice by a schema: "unknown key StakName" and "missing StackName".
 * When the unknown key's did-you-mean names the missing key, the second message adds nothing: drop it.
 */
function mergeTypos(findings: Finding[]): Finding[] {
  const guessed = new Set<string>();
  for (const f of findings) {
    const m = f.code === 'WF-SCHEMA-ADDITIONALPROPERTIES' ? /^Did you mean "(.+)"\?$/.exec(f.fix ?? '') : null;
    if (m) guessed.add(`${f.pointer.slice(0, f.pointer.lastIndexOf('/'))}\u0000${m[1]}`);
  }
  if (guessed.size === 0) return findings;
  return findings.filter((f) => {
    const m = f.code === 'WF-SCHEMA-REQUIRED' ? /the required key "(.+)"\.$/.exec(f.message) : null;
    return !(m && guessed.has(`${f.pointer}\u0000${m[1]}`));
  });
}

/** Better words for the few schema faults people make most. */
function refine(f: Finding): Finding {
  if (f.code === 'WF-SCHEMA-ADDITIONALPROPERTIES' && /\/Configuration\/Packages$/.test(f.pointer)) {
    return { ...f, fix: 'Packages belongs to the action, not to its Configuration: move it up one level.' };
  }
  if (f.code === 'WF-SCHEMA-TYPE' && /\/Outputs\/Reports$/.test(f.pointer)) {
    return { ...f, message: `${f.message} Reports is a mapping of report name to {Format, IncludePaths}.`, fix: 'Write Reports: {MyReport: {Format: JUNITXML, IncludePaths: [...]}}.' };
  }
  return f;
}

// Entry point (index.ts).
/** Top-level keys a workflow may have. */
const TOP_LEVEL = new Set(['Name', 'SchemaVersion', 'RunMode', 'Compute', 'Triggers', 'Actions']);

/**
 * Check a workflow's parsed value: lenient forms (warnings), then the schema on the normalized value,
 * then the semantic rules. Pure. A schema finding at a place a more specific rule already reported is
 * dropped, so one fault gives one message.
 */
export function referenceValidateWorkflowValue(value: unknown): Finding[] {
  if (!isRecord(value)) {
    return [
      {
        code: 'WF-NOT-MAPPING',
        severity: 'error',
        pointer: '',
        message: `A workflow file must be a mapping with Name, SchemaVersion and Actions; this one is ${Array.isArray(value) ? 'a list' : `a ${value === null ? 'null' : typeof value}`}.`,
        fix: 'Start the file with "Name: my-workflow", "SchemaVersion: \"1.0\"" and "Actions:".',
      },
    ];
  }
  const lenient = normalizeLenient(value);
  const specific: Finding[] = [...lenient.findings];
  for (const [key, v] of Object.entries(value)) {
    if (TOP_LEVEL.has(key)) continue;
    if (isRecord(v) && 'Identifier' in v) {
      specific.push({
        code: 'WF-ACTION-AT-TOP-LEVEL',
        severity: 'error',
        pointer: `/${escapePointerSegment(key)}`,
        atKey: true,
        message: `"${key}" looks like an action, but it is at the top level of the file; actions go under Actions.`,
        fix: 'Indent it under "Actions:" (this file may be a fragment of a workflow).',
      });
    }
  }
  specific.push(...semanticFindings(lenient.value));
  const taken = new Set(specific.filter((f) => f.severity === 'error').map((f) => f.pointer));
  const structural = structureFindings(lenient.value).filter((f) => !taken.has(f.pointer));
  return [...structural, ...specific];
}

