import { api, ApiError, type BlueprintForm, type Preview, type TargetInfo } from './api.js';
import { drawWorkflow } from './diagram.js';
import { byId, h } from './dom.js';
import { OptionsForm } from './form.js';
import { highlight, languageOf } from './highlight.js';

/**
 * The page: choose a blueprint (or, when the target folder holds a project, its blueprint is chosen), edit the
 * options, and the preview follows every edit. Only the newest preview request is shown. `document.body.dataset.
 * previewSeq` counts the previews shown, for tests and the benchmark to wait on.
 */
const state = { source: '', target: 'my-project', mode: 'new' as 'new' | 'update', selected: '', showDiff: false, seq: 0, shown: 0, timer: 0, preview: undefined as Preview | undefined };

const form = new OptionsForm(byId<HTMLFormElement>('options-form'), (immediate) => {
  byId('create-result').textContent = ''; // what the last write did is no longer what the preview shows
  schedule(immediate ? 0 : 150);
});
const status = byId('status');

async function start(): Promise<void> {
  const { blueprints } = await api<{ root: string; blueprints: { id: string; displayName: string; description: string; source: string }[] }>('/api/catalogue');
  const list = byId('blueprint-list');
  for (const b of blueprints) {
    const radio = h('input', { type: 'radio', name: 'blueprint', value: b.id, id: `bp-${b.id}` });
    radio.addEventListener('change', () => void choose(b.id));
    list.append(h('label', { class: 'blueprint', for: `bp-${b.id}` }, radio, ' ', h('strong', {}, b.displayName), ` (${b.id}${b.source === 'built-in' ? '' : `, ${b.source}`})`, h('small', {}, b.description)));
  }
  byId('load-source').addEventListener('click', () => void choose(byId<HTMLInputElement>('other-source').value.trim()));
  const target = byId<HTMLInputElement>('target');
  target.addEventListener('change', () => void changeTarget(target.value.trim()));
  byId('create').addEventListener('click', () => void create());
  byId('done').addEventListener('click', () => void done());
  byId('force').addEventListener('change', () => schedule(0));
  for (const [id, showDiff] of [['show-content', false], ['show-diff', true]] as const) {
    byId(id).addEventListener('click', () => {
      state.showDiff = showDiff;
      showFile();
    });
  }
  await changeTarget(target.value.trim());
}

async function changeTarget(text: string): Promise<void> {
  state.target = text;
  const info = byId('target-info');
  let t: TargetInfo;
  try {
    t = await api<TargetInfo>(`/api/target?path=${encodeURIComponent(text)}`);
  } catch (e) {
    info.textContent = (e as Error).message;
    byId('target').setAttribute('aria-invalid', 'true');
    return;
  }
  byId('target').removeAttribute('aria-invalid');
  state.mode = t.project ? 'update' : 'new';
  info.textContent = t.project ? `${t.path}: a ${t.project.id} project (${t.project.recordedVersion}); the preview shows what "update" would do.` : `${t.path}${t.exists ? '' : ' (will be created)'}`;
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name=blueprint]')) r.disabled = t.project !== undefined;
  byId('create').textContent = t.project ? 'Update the project' : 'Create the project';
  if (t.project) showBlueprint(t.project.id, t.project);
  else if (state.source) schedule(0);
}

async function choose(source: string): Promise<void> {
  if (!source) return;
  byId('blueprint-error').textContent = '';
  try {
    showBlueprint(source, await api<BlueprintForm>(`/api/blueprint?source=${encodeURIComponent(source)}`));
  } catch (e) {
    byId('blueprint-error').textContent = (e as Error).message;
  }
}

function showBlueprint(source: string, bp: BlueprintForm): void {
  state.source = source;
  const radio = document.getElementById(`bp-${bp.id}`) as HTMLInputElement | null;
  if (radio) radio.checked = true;
  byId('options-title').textContent = `Options of ${bp.displayName} ${bp.version}`;
  byId('blueprint-description').textContent = bp.description;
  form.show(bp.fields, bp.values);
  schedule(0);
}

function schedule(delay: number): void {
  window.clearTimeout(state.timer);
  state.timer = window.setTimeout(() => void refresh(), delay);
}

async function refresh(): Promise<void> {
  if (!state.source) return;
  const seq = ++state.seq;
  byId('preview-body').classList.add('stale');
  let p: Preview;
  try {
    p = await api<Preview>('/api/preview', { source: state.source, target: state.target, values: form.values, force: byId<HTMLInputElement>('force').checked });
  } catch (e) {
    if (seq === state.seq) status.textContent = (e as Error).message;
    return;
  }
  if (seq !== state.seq) return; // a newer edit is on its way
  byId('preview-body').classList.remove('stale');
  const unplaced = form.showFindings(p.findings);
  const errors = p.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    status.textContent = `${errors.length} option error(s): ${errors.map((f) => f.message).join(' ')} The preview shows the last valid options.`;
    byId('preview-body').classList.add('stale');
  } else if (p.error) {
    status.textContent = p.error;
  } else {
    state.preview = p;
    const count = (a: string) => p.files!.filter((f) => f.action === a).length;
    status.textContent = `${p.files!.length} files: ${count('create')} new, ${count('update') + count('merge')} changed, ${count('conflict')} in conflict.${unplaced.length ? ` ${unplaced.map((f) => f.message).join(' ')}` : ''}`;
    showFiles(p);
    showWorkflows(p);
    showDiagnostics(p);
    byId('command').textContent = p.command?.line ?? p.command?.note ?? '';
    byId('yes-label').hidden = !(p.mode === 'update' && (p.warnings ?? []).length > 0);
  }
  byId('create').toggleAttribute('disabled', errors.length > 0 || p.error !== undefined);
  state.shown++;
  document.body.dataset['previewSeq'] = String(state.shown);
}

const LABELS: Record<string, string> = { create: 'new', update: 'changed', merge: 'merged', conflict: 'conflict', unchanged: 'unchanged', keep: 'kept' };

function showFiles(p: Preview): void {
  // As a tree: the folder's own files first, then each folder's files together.
  const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '');
  const files = [...(p.files ?? [])].sort((a, b) => (dirOf(a.path) === dirOf(b.path) ? (a.path < b.path ? -1 : 1) : dirOf(a.path) < dirOf(b.path) ? -1 : 1));
  if (!files.some((f) => f.path === state.selected)) state.selected = files[0]?.path ?? '';
  const list = byId('files');
  const items: HTMLElement[] = [];
  let dir: string | undefined;
  for (const f of files) {
    const d = dirOf(f.path);
    if (d !== dir) items.push(h('li', { class: 'dir' }, d || './'));
    dir = d;
    const button = h('button', { type: 'button', 'data-path': f.path, 'data-action': f.action, 'aria-current': f.path === state.selected ? 'true' : 'false' }, h('span', { class: 'badge' }, LABELS[f.action] ?? f.action), f.path.slice(d.length));
    button.addEventListener('click', () => {
      state.selected = f.path;
      for (const b of list.querySelectorAll('button')) b.setAttribute('aria-current', String(b === button));
      showFile();
    });
    items.push(h('li', { class: `a-${f.action}`, title: f.reason ?? '' }, button));
  }
  for (const r of p.removals ?? []) items.push(h('li', { class: `a-${r.action}` }, h('span', { class: 'badge' }, r.action === 'remove' ? 'removed' : 'kept'), ` ${r.path}`));
  list.replaceChildren(...items);
  showFile();
}

function showFile(): void {
  const f = state.preview?.files?.find((x) => x.path === state.selected);
  byId('file-name').textContent = f ? `${f.path} (${LABELS[f.action] ?? f.action}, ${f.mode})${f.reason ? `: ${f.reason}` : ''}` : '';
  // A file that exists and would change: its content, or the change as --dry-run shows it.
  byId('file-tabs').hidden = f?.diff === undefined;
  const diff = f?.diff !== undefined && state.showDiff;
  byId('show-content').setAttribute('aria-pressed', String(!diff));
  byId('show-diff').setAttribute('aria-pressed', String(diff));
  if (diff) highlight(byId('file-content'), f!.diff!, 'diff');
  else highlight(byId('file-content'), f?.content ?? '', f ? languageOf(f.path) : undefined);
}

function showWorkflows(p: Preview): void {
  byId('workflows').replaceChildren(
    ...(p.workflows ?? []).map((w) =>
      h('figure', { 'data-file': w.file }, h('figcaption', {}, w.file), drawWorkflow(w.graph, `Workflow ${w.file}`), h('details', {}, h('summary', {}, 'Mermaid (as catalyst-gen graph prints it)'), h('pre', {}, w.mermaid))),
    ),
  );
}

function showDiagnostics(p: Preview): void {
  const all = [...(p.warnings ?? []).map((w) => h('li', { class: 'sev-warning' }, `warning: ${w}`)), ...(p.diagnostics ?? []).map((d) => h('li', { class: `sev-${d.severity}` }, `${d.file ?? ''}${d.line ? `:${d.line}:${d.col ?? 1}` : ''}: ${d.severity} ${d.code} ${d.message}`))];
  byId('diagnostics').replaceChildren(...(all.length ? all : [h('li', {}, 'No findings: every generated file passes validation.')]));
}

async function create(): Promise<void> {
  const out = byId('create-result');
  out.textContent = state.mode === 'update' ? 'Updating…' : 'Creating…';
  try {
    const r = await api<{ target: string; written: string[]; removed: string[]; conflicts?: string }>('/api/create', {
      source: state.source,
      target: state.target,
      values: form.values,
      force: byId<HTMLInputElement>('force').checked,
      yes: byId<HTMLInputElement>('yes').checked,
    });
    out.textContent = `Done: ${r.written.length} file(s) written${r.removed.length ? `, ${r.removed.length} removed` : ''} in ${r.target}.${r.conflicts ? `\n${r.conflicts}` : ''}`;
    await changeTarget(state.target);
  } catch (e) {
    out.textContent = e instanceof ApiError ? e.message : `Failed: ${(e as Error).message}`;
  }
}

async function done(): Promise<void> {
  await api('/api/done', {});
  document.body.replaceChildren(h('main', {}, h('p', { role: 'status' }, 'catalyst-gen ui has stopped. You can close this page.')));
}

start().catch((e) => (status.textContent = `The page could not start: ${(e as Error).message}`));
