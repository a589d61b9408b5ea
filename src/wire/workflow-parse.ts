import type {
  ActionCompute,
  ActionGroup,
  ActionInputs,
  ActionOutputs,
  AutoDiscoverReports,
  WorkflowEnvironment,
  FileCache,
  GenericAction,
  WorkflowPackages,
  WorkflowReport,
  SuccessCriteria,
  Trigger,
  WorkflowAction,
  WorkflowCompute,
  WorkflowDef,
  WorkflowItem,
} from '../model/workflow.js';
import { CONFIG_FIELDS, identifierInfo, SUCCESS_CRITERIA_KEYS, type FieldSpec } from './workflow.js';
import { isRecord } from '../model/values.js';

type Wire = Record<string, unknown>;

/**
 * Read a workflow's wire value (a parsed YAML file) back into the typed model. Reads leniently what the
 * service accepts (any case for trigger types, events and compute types, boolean `SharedInstance`, map
 * forms of variables and artifacts). An action whose identifier is not exactly one of the typed ones
 * (a pinned `@v1.0.12`, a labs or third-party action) or whose configuration has keys the typed model
 * lacks becomes a `generic` action, so nothing is lost. Call it on a file that validates; on other input
 * it does its best and never throws for shape problems.
 */
export function parseWorkflow(value: unknown): WorkflowDef {
  const w = obj(value);
  const triggers = arr(w['Triggers']).map((t) => parseTrigger(obj(t))).filter((t): t is Trigger => t !== undefined);
  const compute = w['Compute'] !== undefined ? parseWorkflowCompute(obj(w['Compute'])) : undefined;
  const runMode = typeof w['RunMode'] === 'string' ? (w['RunMode'].toUpperCase() as WorkflowDef['runMode']) : undefined;
  return {
    name: String(w['Name'] ?? ''),
    ...(runMode ? { runMode } : {}),
    ...(compute ? { compute } : {}),
    ...(triggers.length > 0 ? { triggers } : {}),
    actions: Object.entries(obj(w['Actions'])).map(([name, v]) => parseItem(name, obj(v))),
  };
}

function parseTrigger(t: Wire): Trigger | undefined {
  const type = String(t['Type'] ?? '').toUpperCase().replace(/[_\s]/g, '');
  const branches = strs(t['Branches']);
  const filesChanged = strs(t['FilesChanged']);
  const opt = { ...(branches ? { branches } : {}) };
  if (type === 'PUSH') return { type: 'PUSH', ...opt, ...(filesChanged ? { filesChanged } : {}) };
  if (type === 'PULLREQUEST') {
    const events = (strs(t['Events']) ?? []).map((e) => e.toUpperCase()) as ('OPEN' | 'REVISION' | 'CLOSED' | 'MERGED' | 'DRAFT')[];
    return { type: 'PULLREQUEST', events, ...opt, ...(filesChanged ? { filesChanged } : {}) };
  }
  if (type === 'SCHEDULE') return { type: 'SCHEDULE', expression: String(t['Expression'] ?? ''), ...opt };
  return undefined;
}

function computeType(v: unknown): 'EC2' | 'LAMBDA' {
  return String(v ?? '').toUpperCase() === 'LAMBDA' ? 'LAMBDA' : 'EC2';
}

function parseWorkflowCompute(c: Wire): WorkflowCompute {
  const shared = c['SharedInstance'];
  const sharedInstance = shared === undefined ? undefined : shared === true || String(shared).toUpperCase() === 'TRUE';
  return {
    type: computeType(c['Type']),
    ...(typeof c['Fleet'] === 'string' ? { fleet: c['Fleet'] } : {}),
    ...(sharedInstance !== undefined ? { sharedInstance } : {}),
  };
}

function parseItem(name: string, v: Wire): WorkflowItem {
  if (v['Identifier'] === undefined && v['Actions'] !== undefined) {
    const dependsOn = strs(v['DependsOn']);
    const group: ActionGroup = {
      kind: 'group',
      name,
      ...(dependsOn ? { dependsOn } : {}),
      actions: Object.entries(obj(v['Actions'])).map(([n, a]) => parseAction(n, obj(a))),
    };
    return group;
  }
  return parseAction(name, v);
}

function parseAction(name: string, v: Wire): WorkflowAction {
  const identifier = String(v['Identifier'] ?? '');
  const common: Record<string, unknown> = { name };
  const dependsOn = strs(v['DependsOn']);
  if (dependsOn) common['dependsOn'] = dependsOn;
  if (v['Compute'] !== undefined) {
    const c = obj(v['Compute']);
    const compute: ActionCompute = { type: computeType(c['Type']), ...(typeof c['Fleet'] === 'string' ? { fleet: c['Fleet'] } : {}) };
    common['compute'] = compute;
  }
  if (typeof v['Timeout'] === 'number') common['timeout'] = v['Timeout'];
  if (v['Environment'] !== undefined) common['environment'] = parseEnvironment(obj(v['Environment']));
  if (v['Inputs'] !== undefined) common['inputs'] = parseInputs(obj(v['Inputs']));
  if (v['Outputs'] !== undefined) common['outputs'] = parseOutputs(obj(v['Outputs']));
  const caching = obj(obj(v['Caching'])['FileCaching']);
  if (Object.keys(caching).length > 0) {
    common['fileCaching'] = Object.fromEntries(
      Object.entries(caching).map(([k, c]) => {
        const restoreKeys = strs(obj(c)['RestoreKeys']);
        const cache: FileCache = { path: String(obj(c)['Path'] ?? ''), ...(restoreKeys ? { restoreKeys } : {}) };
        return [k, cache];
      }),
    );
  }
  if (v['Packages'] !== undefined) {
    const regs = arr(obj(obj(v['Packages'])['NpmConfiguration'])['PackageRegistries']).map((r) => {
      const scopes = strs(obj(r)['Scopes']);
      return { repository: String(obj(r)['PackagesRepository'] ?? ''), ...(scopes ? { scopes } : {}) };
    });
    const packages: WorkflowPackages = { npm: regs };
    common['packages'] = packages;
  }
  const typed = typedConfiguration(identifier, v['Configuration']);
  if (typed !== undefined) return { ...common, identifier, configuration: typed } as unknown as WorkflowAction;
  const generic: GenericAction = {
    ...(common as unknown as Omit<GenericAction, 'kind' | 'identifier'>),
    kind: 'generic',
    identifier,
    ...(v['Configuration'] !== undefined ? { configuration: obj(v['Configuration']) } : {}),
  };
  return generic;
}

const TYPED_IDENTIFIERS = new Set([
  'aws/build@v1',
  'aws/managed-test@v1',
  'aws/cdk-bootstrap@v1',
  'aws/cdk-bootstrap@v2',
  'aws/cdk-deploy@v1',
  'aws/cdk-deploy@v2',
  'aws/cfn-deploy@v1',
  'aws/s3-publish@v1',
  'aws/lambda-invoke@v1',
  'aws/ecs-deploy@v1',
  'aws/approval@v1',
  'aws/github-actions-runner@v1',
]);

/** The typed configuration, or undefined when the action must stay generic to be lossless. */
function typedConfiguration(identifier: string, raw: unknown): unknown {
  if (!TYPED_IDENTIFIERS.has(identifier)) return undefined;
  const info = identifierInfo(identifier)!;
  if (!isRecord(raw)) return undefined;
  const c = raw;
  switch (info.family) {
    case 'build':
    case 'managed-test': {
      if (!onlyKeys(c, ['Steps', 'Container'])) return undefined;
      const steps = arr(c['Steps']);
      if (!steps.every((s) => onlyKeys(obj(s), ['Run']) && typeof obj(s)['Run'] === 'string')) return undefined;
      const container = c['Container'] !== undefined ? obj(c['Container']) : undefined;
      if (container && !onlyKeys(container, ['Registry', 'Image'])) return undefined;
      return {
        steps: steps.map((s) => String(obj(s)['Run'])),
        ...(container ? { container: { registry: String(container['Registry']), image: String(container['Image']) } } : {}),
      };
    }
    case 'github-actions-runner':
      if (!onlyKeys(c, ['Steps'])) return undefined;
      return { steps: arr(c['Steps']).map((s) => ({ ...obj(s) })) };
    default: {
      const fields = CONFIG_FIELDS[info.family]!;
      const byWire = new Map(Object.entries(fields).map(([k, spec]) => [spec.wire, [k, spec] as const]));
      const out: Record<string, unknown> = {};
      for (const [wireKey, v] of Object.entries(c)) {
        const hit = byWire.get(wireKey);
        if (!hit) return undefined;
        const decoded = decodeField(v, hit[1]);
        if (decoded === FAIL) return undefined;
        out[hit[0]] = decoded;
      }
      return out;
    }
  }
}

const FAIL = Symbol('fail');

/** The inverse of `encodeField`; FAIL when the value is not in the encoded form. */
export function decodeField(v: unknown, spec: FieldSpec): unknown {
  switch (spec.encoding) {
    case 'plain':
      return v;
    case 'json':
    case 'jsonArray': {
      if (typeof v !== 'string') return FAIL;
      try {
        const parsed: unknown = JSON.parse(v);
        const ok = spec.encoding === 'json' ? isRecord(parsed) : Array.isArray(parsed);
        return ok ? parsed : FAIL;
      } catch {
        return FAIL;
      }
    }
    case 'csv':
      return typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter((s) => s !== '') : FAIL;
    case 'flag':
      return v === '1' || v === 1 || v === true ? true : v === '0' || v === 0 || v === false ? false : FAIL;
    case 'kv': {
      if (typeof v !== 'string') return FAIL;
      if (!/^[^=,]+=[^,]*(,[^=,]+=[^,]*)*$/.test(v)) return v;
      return Object.fromEntries(v.split(',').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
    }
  }
}

function parseEnvironment(e: Wire): WorkflowEnvironment {
  const first = obj(arr(e['Connections'])[0]);
  const has = arr(e['Connections']).length > 0;
  return {
    name: String(e['Name'] ?? ''),
    ...(has ? { connection: { name: String(first['Name'] ?? ''), role: String(first['Role'] ?? '') } } : {}),
  };
}

function parseInputs(i: Wire): ActionInputs {
  const sources = strs(i['Sources']);
  const artifacts = strs(i['Artifacts']);
  let variables: Record<string, string> | undefined;
  if (Array.isArray(i['Variables'])) {
    variables = Object.fromEntries(i['Variables'].map((x) => [String(obj(x)['Name']), String(obj(x)['Value'])]));
  } else if (i['Variables'] && typeof i['Variables'] === 'object') {
    variables = Object.fromEntries(Object.entries(i['Variables']).map(([k, x]) => [k, String(x)]));
  }
  return {
    ...(sources ? { sources } : {}),
    ...(artifacts ? { artifacts } : {}),
    ...(variables && Object.keys(variables).length > 0 ? { variables } : {}),
  };
}

function parseOutputs(o: Wire): ActionOutputs {
  let artifacts: { name: string; files: string[] }[] | undefined;
  if (Array.isArray(o['Artifacts'])) {
    artifacts = o['Artifacts'].map((a) => ({ name: String(obj(a)['Name']), files: strs(obj(a)['Files']) ?? [] }));
  } else if (o['Artifacts'] && typeof o['Artifacts'] === 'object') {
    artifacts = Object.entries(o['Artifacts']).map(([name, a]) => ({ name, files: strs(obj(a)['Files']) ?? [] }));
  }
  const variables = strs(o['Variables']);
  const reports = isRecord(o['Reports']) ? o['Reports'] : undefined;
  return {
    ...(artifacts && artifacts.length > 0 ? { artifacts } : {}),
    ...(variables ? { variables } : {}),
    ...(o['AutoDiscoverReports'] !== undefined ? { autoDiscoverReports: parseAutoDiscover(obj(o['AutoDiscoverReports'])) } : {}),
    ...(reports ? { reports: Object.fromEntries(Object.entries(reports).map(([k, r]) => [k, parseReport(obj(r))])) } : {}),
  };
}

function parseAutoDiscover(r: Wire): AutoDiscoverReports {
  const includePaths = strs(r['IncludePaths']);
  const excludePaths = strs(r['ExcludePaths']);
  return {
    enabled: r['Enabled'] === true,
    ...(typeof r['ReportNamePrefix'] === 'string' ? { reportNamePrefix: r['ReportNamePrefix'] } : {}),
    ...(includePaths ? { includePaths } : {}),
    ...(excludePaths ? { excludePaths } : {}),
    ...(r['SuccessCriteria'] !== undefined ? { successCriteria: parseCriteria(obj(r['SuccessCriteria'])) } : {}),
  };
}

function parseReport(r: Wire): WorkflowReport {
  const excludePaths = strs(r['ExcludePaths']);
  return {
    format: String(r['Format']) as WorkflowReport["format"],
    includePaths: strs(r['IncludePaths']) ?? [],
    ...(excludePaths ? { excludePaths } : {}),
    ...(r['SuccessCriteria'] !== undefined ? { successCriteria: parseCriteria(obj(r['SuccessCriteria'])) } : {}),
  };
}

function parseCriteria(c: Wire): SuccessCriteria {
  const out: Record<string, unknown> = {};
  for (const [model, wire] of Object.entries(SUCCESS_CRITERIA_KEYS)) {
    const v = c[wire];
    if (v === undefined) continue;
    if (v && typeof v === 'object') {
      const t = v as Wire;
      out[model] = { severity: t['Severity'], ...(t['Number'] !== undefined ? { number: t['Number'] } : {}) };
    } else out[model] = v;
  }
  return out as SuccessCriteria;
}

function onlyKeys(o: Wire, allowed: readonly string[]): boolean {
  return Object.keys(o).every((k) => allowed.includes(k));
}

function obj(v: unknown): Wire {
  return isRecord(v) ? v : {};
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function strs(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.length > 0 ? v.map(String) : undefined;
}
