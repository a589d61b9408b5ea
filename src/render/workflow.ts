import type { OwnershipMode, YamlPart } from '../model/project.js';
import type {
  ActionCommon,
  ActionGroup,
  ActionOutputs,
  AutoDiscoverReports,
  WorkflowReport,
  SuccessCriteria,
  Trigger,
  WorkflowAction,
  WorkflowDef,
  WorkflowItem,
} from '../model/workflow.js';
import { CONFIG_FIELDS, identifierInfo, SUCCESS_CRITERIA_KEYS, WORKFLOW_DIR, type FieldSpec, type WorkflowWire } from '../wire/workflow.js';
import { byCodePoint } from './serialize.js';

type Wire = Record<string, unknown>;

/**
 * Render a typed workflow to its wire value, in canonical form only: `SchemaVersion: "1.0"`, uppercase
 * trigger types and events, explicit `DependsOn`, one connection per action, `Reports` as a map, list
 * forms for variables and artifacts, `SharedInstance` as the string `TRUE`/`FALSE`. Empty sections are
 * left out (the published schema rejects empty `Inputs`/`Outputs`). Pure: same model, same value.
 */
export function renderWorkflow(def: WorkflowDef): WorkflowWire {
  const out: Wire = { Name: def.name, SchemaVersion: '1.0' };
  if (def.runMode) out['RunMode'] = def.runMode;
  if (def.compute) {
    out['Compute'] = compact({
      Type: def.compute.type,
      Fleet: def.compute.fleet,
      SharedInstance: def.compute.sharedInstance === undefined ? undefined : def.compute.sharedInstance ? 'TRUE' : 'FALSE',
    });
  }
  if (def.triggers && def.triggers.length > 0) out['Triggers'] = def.triggers.map(renderTrigger);
  const actions: Wire = {};
  for (const item of def.actions) actions[item.name] = renderItem(item);
  out['Actions'] = actions;
  return out as unknown as WorkflowWire;
}

/** The path a workflow is written to: `.codecatalyst/workflows/<name>.yaml`. */
export function workflowPath(def: Pick<WorkflowDef, 'name'>): string {
  return `${WORKFLOW_DIR}/${def.name}.yaml`;
}

/** A project part for a blueprint's `ProjectDef`: the rendered workflow, validated as a workflow. */
export function workflowPart(def: WorkflowDef, opts: { readonly mode?: OwnershipMode; readonly path?: string } = {}): YamlPart {
  return { type: 'yaml', path: opts.path ?? workflowPath(def), value: renderWorkflow(def), fileKind: 'workflow', mode: opts.mode ?? 'managed' };
}

function renderTrigger(t: Trigger): Wire {
  switch (t.type) {
    case 'PUSH':
      return compact({ Type: 'PUSH', Branches: list(t.branches), FilesChanged: list(t.filesChanged) });
    case 'PULLREQUEST':
      return compact({ Type: 'PULLREQUEST', Events: [...t.events], Branches: list(t.branches), FilesChanged: list(t.filesChanged) });
    case 'SCHEDULE':
      return compact({ Type: 'SCHEDULE', Expression: t.expression, Branches: list(t.branches) });
  }
}

function renderItem(item: WorkflowItem): Wire {
  if (item.kind === 'group') return renderGroup(item);
  return renderAction(item);
}

function renderGroup(g: ActionGroup): Wire {
  const actions: Wire = {};
  for (const a of g.actions) actions[a.name] = renderAction(a);
  return compact({ DependsOn: list(g.dependsOn), Actions: actions });
}

function renderAction(a: WorkflowAction): Wire {
  return compact({
    Identifier: a.identifier,
    DependsOn: list(a.dependsOn),
    Compute: a.compute ? compact({ Type: a.compute.type, Fleet: a.compute.fleet }) : undefined,
    Timeout: a.timeout,
    Environment: a.environment
      ? compact({
          Name: a.environment.name,
          Connections: a.environment.connection ? [{ Name: a.environment.connection.name, Role: a.environment.connection.role }] : undefined,
        })
      : undefined,
    Inputs: renderInputs(a),
    Outputs: a.outputs ? renderOutputs(a.outputs) : undefined,
    Caching: renderCaching(a),
    Packages: a.packages
      ? { NpmConfiguration: { PackageRegistries: a.packages.npm.map((r) => compact({ PackagesRepository: r.repository, Scopes: list(r.scopes) })) } }
      : undefined,
    Configuration: renderConfiguration(a),
  });
}

function renderInputs(a: ActionCommon): Wire | undefined {
  const i = a.inputs;
  if (!i) return undefined;
  const vars = i.variables ? Object.keys(i.variables).sort(byCodePoint) : [];
  return emptyToUndefined(
    compact({
      Sources: list(i.sources),
      Artifacts: list(i.artifacts),
      Variables: vars.length > 0 ? vars.map((k) => ({ Name: k, Value: i.variables![k] })) : undefined,
    }),
  );
}

function renderOutputs(o: ActionOutputs): Wire | undefined {
  const reports = o.reports ? Object.keys(o.reports).sort(byCodePoint) : [];
  return emptyToUndefined(
    compact({
      Artifacts: o.artifacts && o.artifacts.length > 0 ? o.artifacts.map((x) => ({ Name: x.name, Files: [...x.files] })) : undefined,
      Variables: list(o.variables),
      AutoDiscoverReports: o.autoDiscoverReports ? renderAutoDiscover(o.autoDiscoverReports) : undefined,
      Reports: reports.length > 0 ? Object.fromEntries(reports.map((k) => [k, renderReport(o.reports![k]!)])) : undefined,
    }),
  );
}

function renderAutoDiscover(r: AutoDiscoverReports): Wire {
  return compact({
    Enabled: r.enabled,
    ReportNamePrefix: r.reportNamePrefix,
    IncludePaths: list(r.includePaths),
    ExcludePaths: list(r.excludePaths),
    SuccessCriteria: r.successCriteria ? renderCriteria(r.successCriteria) : undefined,
  });
}

function renderReport(r: WorkflowReport): Wire {
  return compact({
    Format: r.format,
    IncludePaths: [...r.includePaths],
    ExcludePaths: list(r.excludePaths),
    SuccessCriteria: r.successCriteria ? renderCriteria(r.successCriteria) : undefined,
  });
}

function renderCriteria(c: SuccessCriteria): Wire {
  const out: Wire = {};
  for (const [model, wire] of Object.entries(SUCCESS_CRITERIA_KEYS)) {
    const v = (c as Record<string, unknown>)[model];
    if (v === undefined) continue;
    out[wire] = typeof v === 'object' && v !== null ? compact({ Severity: (v as { severity: string }).severity, Number: (v as { number?: number }).number }) : v;
  }
  return out;
}

function renderCaching(a: ActionCommon): Wire | undefined {
  if (!a.fileCaching) return undefined;
  const keys = Object.keys(a.fileCaching).sort(byCodePoint);
  if (keys.length === 0) return undefined;
  return { FileCaching: Object.fromEntries(keys.map((k) => [k, compact({ Path: a.fileCaching![k]!.path, RestoreKeys: list(a.fileCaching![k]!.restoreKeys) })])) };
}

function renderConfiguration(a: WorkflowAction): Wire | undefined {
  if (a.kind === 'generic') return a.configuration ? { ...a.configuration } : undefined;
  const info = identifierInfo(a.identifier);
  if (!info) throw new Error(`Unknown typed action identifier "${a.identifier}"; use { kind: 'generic' } for other actions.`);
  const c = a.configuration as unknown as Record<string, unknown>;
  switch (info.family) {
    case 'build':
    case 'managed-test': {
      const b = a.configuration as { steps: readonly string[]; container?: { registry: string; image: string } };
      return compact({
        Steps: b.steps.map((s) => ({ Run: s })),
        Container: b.container ? { Registry: b.container.registry, Image: b.container.image } : undefined,
      });
    }
    case 'github-actions-runner':
      return { Steps: (a.configuration as { steps: readonly unknown[] }).steps.map((s) => ({ ...(s as object) })) };
    default: {
      const fields = CONFIG_FIELDS[info.family]!;
      const out: Wire = {};
      for (const [key, spec] of Object.entries(fields)) {
        const v = c[key];
        if (v !== undefined) out[spec.wire] = encodeField(v, spec);
      }
      return out;
    }
  }
}

/** Encode one typed configuration value the way its action reads it. */
export function encodeField(v: unknown, spec: FieldSpec): unknown {
  switch (spec.encoding) {
    case 'plain':
      return v;
    case 'json':
      return JSON.stringify(sortKeys(v));
    case 'jsonArray':
      return JSON.stringify(v);
    case 'csv':
      return (v as readonly string[]).join(',');
    case 'flag':
      return v ? '1' : '0';
    case 'kv':
      return typeof v === 'string'
        ? v
        : Object.keys(v as object)
            .sort(byCodePoint)
            .map((k) => `${k}=${(v as Record<string, string>)[k]}`)
            .join(',');
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort(byCodePoint)
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

function list<T>(xs: readonly T[] | undefined): T[] | undefined {
  return xs && xs.length > 0 ? [...xs] : undefined;
}

function compact(o: Wire): Wire {
  const out: Wire = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

function emptyToUndefined(o: Wire): Wire | undefined {
  return Object.keys(o).length > 0 ? o : undefined;
}
