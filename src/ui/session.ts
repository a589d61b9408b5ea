import { existsSync, statSync } from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import { relative } from 'node:path';
import { CatalystError, UsageError, ValidationError } from '../errors.js';
import type { Blueprint } from '../model/blueprint.js';
import { parseSourceSpec } from '../model/blueprint-source.js';
import { isRecord } from '../model/values.js';
import { applyGenerationAsync, prepareGeneration, readManifest, type GenerateRequest, type PreparedGeneration } from '../io/generate.js';
import type { LoadedBlueprint } from '../io/blueprint-load.js';
import { describeOrigin, recordedSource } from '../io/blueprint-origin.js';
import type { Manifest } from '../io/manifest.js';
import { conflicts, writtenContent } from '../io/plan.js';
import { lockProject } from '../io/project-lock.js';
import { TargetFolder } from '../io/target.js';
import { prepareUpdate } from '../io/update.js';
import { formatCommandLine, setArgumentsFor } from '../options/command-line.js';
import { mergeOptions } from '../options/resolve.js';
import { validateOptions } from '../options/validate.js';
import { renderMermaid } from '../render/mermaid.js';
import { workflowGraph } from '../wire/workflow-graph.js';
import { fromPointer, sortDiagnostics, type Diagnostic } from '../model/diagnostic.js';
import { validateText } from '../validate/file.js';
import type { FileMap } from '../model/file-map.js';
import { parseYamlSource } from '../validate/source.js';
import { loadCatalogueItems, resolveBlueprint, resolveRecordedBlueprint, type CatalogueContext } from '../cli/catalogue.js';
import { conflictReport } from '../cli/commands/new.js';
import { keepRecordedRuntime } from '../cli/options.js';
import { toolVersion } from '../cli/version.js';
import { formModel, typeFormValues } from './form-model.js';
import type { BlueprintForm, CatalogueEntry, CreateResult, OptionFinding, Preview, PreviewRequest, PreviewWorkflow, TargetInfo } from './page-api.js';
import { resolveInsideRoot } from './target-path.js';

/**
 * What the preview page asks of catalyst-gen, answered with the functions the commands use: the catalogue and
 * `resolveBlueprint` of `list` and `new`, the option checks of `--set`, the render, validation and plan of `new`
 * (or, in a folder that holds a project, of `update`), the workflow graph of `graph`. Everything the page names
 * (the target folder, a blueprint's path) must lie inside `root`, the folder `ui` was started for.
 */
export class PreviewSession {
  private readonly loaded = new Map<string, Promise<LoadedBlueprint>>();
  /** The last findings of each rendered file (by kind and path), with the content they are about. */
  private readonly checked = new Map<string, { content: string; diagnostics: readonly Diagnostic[] }>();

  constructor(
    readonly root: string,
    private readonly ctx: CatalogueContext,
  ) {}

  async catalogue(): Promise<{ root: string; blueprints: CatalogueEntry[] }> {
    const items = await loadCatalogueItems(this.ctx);
    return { root: this.root, blueprints: items.map(({ id, displayName, description, version, source }) => ({ id, displayName, description, version, source })) };
  }

  /** A blueprint, by what the user would type after `new`: its form and defaults. */
  async blueprint(source: string): Promise<BlueprintForm> {
    const { blueprint: bp, origin } = await this.load(source);
    return formOf(bp, origin.type === 'builtin' ? 'built-in' : describeOrigin(origin, this.root), bp.defaults);
  }

  /** The target folder: where it is, and the project it holds (then the page previews and applies `update`). */
  async target(text: string): Promise<TargetInfo> {
    const abs = this.targetDir(text);
    const manifest = readManifest(new TargetFolder(abs));
    if (!manifest) return { path: abs, exists: existsSync(abs) };
    const { blueprint: bp, origin } = await resolveRecordedBlueprint(manifest, abs, undefined, this.ctx);
    const recorded = mergeOptions(bp.defaults, manifest.options);
    return { path: abs, exists: true, project: { ...formOf(bp, origin.type === 'builtin' ? 'built-in' : describeOrigin(origin, this.root), recorded), recordedVersion: manifest.blueprint.version } };
  }

  /** Options checked as `--set` checks them; when valid, every file rendered and planned against the target. */
  async preview(req: PreviewRequest): Promise<Preview> {
    const s = await this.start(req);
    if (s.findings.some((f) => f.severity === 'error')) return { mode: s.mode, target: s.target, findings: s.findings };
    let prepared: PreparedGeneration;
    try {
      prepared = s.prepare(req.force === true);
    } catch (e) {
      if (!(e instanceof CatalystError)) throw e;
      return { mode: s.mode, target: s.target, findings: s.findings, error: e.message, diagnostics: diagnosticsOf(e) };
    }
    const { plan } = prepared;
    return {
      mode: s.mode,
      target: s.target,
      findings: s.findings,
      files: plan.entries.map((e) => ({
        path: e.path,
        action: e.action,
        mode: e.file.mode,
        kind: e.file.kind,
        content: writtenContent(e) ?? e.file.content,
        ...(e.current !== undefined && e.action !== 'unchanged' ? { diff: unifiedDiff(e.path, e.current, writtenContent(e) ?? e.file.content) } : {}),
        ...(e.reason ? { reason: e.reason } : {}),
        ...(e.details ? { details: e.details } : {}),
      })),
      removals: (plan.removals ?? []).map(({ path, action, reason }) => ({ path, action, reason })),
      warnings: plan.warnings ?? [],
      workflows: workflowsOf(prepared),
      // Errors stop the render (a generated file that fails validation is never shown as writable); the rest are here.
      diagnostics: this.diagnostics(prepared.files),
      command: s.command,
    };
  }

  /** Write what the preview showed, as `new` (or `update`) writes it: under the project lock, atomically, manifest last. */
  async create(req: PreviewRequest & { readonly yes?: boolean }): Promise<CreateResult> {
    const s = await this.start(req);
    const invalid = s.findings.filter((f) => f.severity === 'error');
    if (invalid.length > 0) throw new ValidationError(`Options for blueprint "${s.blueprint.id}" are not valid; nothing was written.`, invalid.map((f) => ({ ...f, file: 'options' })));
    const release = await lockProject(s.target, `ui ${s.mode}`);
    try {
      const prepared = s.prepare(req.force === true);
      const warnings = prepared.plan.warnings ?? [];
      if (s.mode === 'update' && warnings.length > 0 && req.yes !== true) {
        throw new UsageError(`This update can lose data; nothing was written. Confirm it to write it anyway.\n${warnings.join('\n')}`);
      }
      const result = await applyGenerationAsync(prepared);
      const c = conflicts(prepared.plan);
      return { target: s.target, written: [...result.written], removed: [...result.removed], ...(s.mode === 'update' && c.length > 0 ? { conflicts: conflictReport(c) } : {}) };
    } finally {
      release();
    }
  }

  /** The blueprint, options and request both the preview and the write start from. */
  private async start(req: PreviewRequest) {
    const target = this.targetDir(req.target);
    const manifest = readManifest(new TargetFolder(target));
    const loaded = manifest ? await resolveRecordedBlueprint(manifest, target, undefined, this.ctx) : await this.load(req.source);
    if (manifest && req.source !== manifest.blueprint.id && req.source !== '') {
      throw new UsageError(`${target} holds a project made with blueprint "${manifest.blueprint.id}"; choose another folder to make a "${req.source}" project.`);
    }
    const bp = loaded.blueprint;
    const values = typeFormValues(bp.options, isRecord(req.values) ? req.values : {}) as Record<string, unknown>;
    // As `update` does: a runtime AWS retired that the project was made with, and still uses, is a warning.
    const findings: OptionFinding[] = validateOptions(bp, values).map((f) => ({ ...(manifest ? keepRecordedRuntime(f, values, manifest.options) : f), path: fromPointer(f.pointer).join('.') }));
    const request: GenerateRequest = {
      blueprint: bp,
      options: values,
      targetDir: target,
      toolVersion: toolVersion(),
      source: recordedSource(loaded.origin, target),
      ...(loaded.origin.type === 'builtin' ? {} : { sourceLabel: describeOrigin(loaded.origin, this.root) }),
    };
    const mode: 'new' | 'update' = manifest ? 'update' : 'new';
    return {
      mode,
      target,
      blueprint: bp,
      findings,
      command: commandLine(mode, req.source, relative(this.root, target) || '.', bp, values, manifest),
      prepare: (force: boolean) => (mode === 'update' ? prepareUpdate({ ...request, force }) : prepareGeneration({ ...request, force })),
    };
  }

  /**
   * Every rendered file's findings, as `validateFileMap` gives them. The render has just validated them (and
   * thrown on an error) without keeping the warnings, so they are found again here, for the files whose bytes
   * changed since the last preview only: one option change rewrites a few files of many.
   */
  private diagnostics(files: FileMap): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const f of files.values()) {
      const key = `${f.kind}\0${f.path}`;
      let seen = this.checked.get(key);
      if (seen?.content !== f.content) {
        seen = { content: f.content, diagnostics: validateText(f.content, f.path, f.kind) };
        this.checked.set(key, seen);
      }
      out.push(...seen.diagnostics);
    }
    return sortDiagnostics(out);
  }

  private targetDir(text: string): string {
    const abs = resolveInsideRoot(this.root, text === '' ? '.' : text, 'target folder');
    if (existsSync(abs) && !statSync(abs).isDirectory()) throw new UsageError(`${abs} is a file, not a folder: a project is made in a folder.`);
    return abs;
  }

  /** A blueprint by the text `new` takes; a path must lie inside the folder. Loaded once per session. */
  private load(source: string): Promise<LoadedBlueprint> {
    const spec = parseSourceSpec(source.replace(/#[^#]*$/, ''));
    if (spec.ok && spec.spec.kind === 'path') resolveInsideRoot(this.root, spec.spec.path, 'blueprint path');
    let p = this.loaded.get(source);
    if (!p) {
      p = resolveBlueprint(source, this.ctx);
      p.catch(() => this.loaded.delete(source));
      this.loaded.set(source, p);
    }
    return p;
  }
}

function formOf(bp: Blueprint<any>, source: string, values: unknown): BlueprintForm {
  return { id: bp.id, displayName: bp.displayName, description: bp.description, version: bp.version, source, fields: formModel(bp.options), values };
}

function workflowsOf(prepared: PreparedGeneration): PreviewWorkflow[] {
  const out: PreviewWorkflow[] = [];
  for (const e of prepared.plan.entries) {
    if (e.file.kind !== 'workflow') continue;
    const parsed = parseYamlSource(writtenContent(e) ?? e.file.content, e.path);
    if (!parsed.ok) continue; // a merge left conflict markers: the file list shows it
    const graph = workflowGraph(parsed.source.value);
    out.push({ file: e.path, graph, mermaid: renderMermaid(graph) });
  }
  return out;
}

function unifiedDiff(path: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
}

function diagnosticsOf(e: CatalystError): readonly Diagnostic[] {
  return 'diagnostics' in e ? ((e as { diagnostics: readonly Diagnostic[] }).diagnostics ?? []) : [];
}

/** `new <source> <target> --no-input --set ...` from the defaults, or `update <target> --set ...` from the recorded options. */
function commandLine(mode: 'new' | 'update', source: string, target: string, bp: Blueprint<any>, values: Readonly<Record<string, unknown>>, manifest: Manifest | undefined): Preview['command'] {
  const base = mode === 'update' ? mergeOptions(bp.defaults, manifest?.options ?? {}) : bp.defaults;
  const sets = setArgumentsFor(base, values);
  if (!sets) return { note: 'These options leave out options the blueprint sets by default, which --set cannot say: give them in an options file (--options file.yaml).' };
  const head = mode === 'update' ? ['catalyst-gen', 'update', target] : ['catalyst-gen', 'new', source, target];
  return { line: formatCommandLine([...head, '--no-input', ...sets.flatMap((a) => ['--set', a])]) };
}
