import type { FormField, Finding } from './api.js';
import { h } from './dom.js';

type Values = Record<string, unknown>;

/**
 * The options form, drawn from the server's model of the schema. It holds the values as the page sends them:
 * texts for typed options (the server reads them as --set does), booleans for checkboxes, lists and groups.
 * `onChange(immediate)` is called after every edit: immediately for choices and checkboxes, after a pause for typing.
 */
export class OptionsForm {
  values: Values = {};
  private fields: readonly FormField[] = [];

  constructor(
    private readonly form: HTMLFormElement,
    private readonly onChange: (immediate: boolean) => void,
  ) {}

  show(fields: readonly FormField[], values: unknown): void {
    this.fields = fields;
    this.values = isRecord(values) ? structuredClone(values) : {};
    this.redraw();
  }

  private redraw(): void {
    this.form.replaceChildren(...this.fields.map((f) => this.field(f, [f.key], this.values)));
  }

  /** One field; `parent` holds its value under the last segment of `path`. */
  private field(f: FormField, path: string[], parent: Values | unknown[]): HTMLElement {
    const key = path[path.length - 1]!;
    const id = fieldId(path);
    const get = () => (parent as Record<string, unknown>)[key];
    const set = (v: unknown, immediate: boolean) => {
      if (v === undefined) {
        if (Array.isArray(parent)) parent[Number(key)] = '';
        else delete (parent as Values)[key];
      } else (parent as Record<string, unknown>)[key] = v;
      this.onChange(immediate);
    };
    const label = path.length > 1 && /^\d+$/.test(key) ? `${labelOfList(path)} ${Number(key) + 1}` : f.label + (f.required ? '' : ' (optional)');
    const help = f.description ? h('p', { class: 'help', id: `${id}-help` }, f.description) : undefined;
    const error = h('p', { class: 'error', id: `${id}-error`, 'aria-live': 'polite' });
    const described = [help ? `${id}-help` : '', `${id}-error`].filter(Boolean).join(' ');

    if (f.kind === 'group') {
      const box = h('fieldset', { class: 'group', id, 'aria-describedby': described }, h('legend', {}, label));
      const body = h('div');
      const drawBody = () => {
        const v = get();
        body.replaceChildren(...(isRecord(v) ? (f.fields ?? []).map((c) => this.field(c, [...path, c.key], v)) : []));
      };
      if (f.optional) {
        const toggle = h('input', { type: 'checkbox', id: `${id}-on`, checked: isRecord(get()) });
        toggle.addEventListener('change', () => {
          set(toggle.checked ? {} : undefined, true);
          drawBody();
        });
        box.append(h('label', { for: `${id}-on` }, toggle, ` Use ${f.label.toLowerCase()}`));
      } else if (!isRecord(get())) (parent as Record<string, unknown>)[key] = {};
      if (help) box.append(help);
      drawBody();
      box.append(body, error);
      return box;
    }

    if (f.kind === 'list') {
      const box = h('fieldset', { class: 'group list', id, 'aria-describedby': described }, h('legend', {}, label));
      if (help) box.append(help);
      const items = h('div');
      const add = h('button', { type: 'button', id: `${id}-add` }, `Add ${singular(f.label)}`);
      const draw = () => {
        const list = get();
        const arr = Array.isArray(list) ? list : [];
        items.replaceChildren(
          ...arr.map((_, i) => {
            const remove = h('button', { type: 'button', 'aria-label': `Remove ${singular(f.label)} ${i + 1}` }, 'Remove');
            remove.addEventListener('click', () => {
              arr.splice(i, 1);
              set(arr, true);
              draw();
            });
            return h('div', { class: 'item' }, this.field(f.item!, [...path, String(i)], arr), remove);
          }),
        );
        add.disabled = f.maxItems !== undefined && arr.length >= f.maxItems;
      };
      add.addEventListener('click', () => {
        const list = get();
        const arr = Array.isArray(list) ? list : [];
        // A new item starts as a copy of the last one (for a list of stages, the fields a user changes least).
        arr.push(arr.length > 0 ? structuredClone(arr[arr.length - 1]) : f.item!.kind === 'group' ? {} : f.item!.kind === 'boolean' ? false : f.item!.kind === 'choice' ? f.item!.choices![0] : '');
        set(arr, true);
        draw();
        (items.lastElementChild?.querySelector('input, select') as HTMLElement | null)?.focus();
      });
      draw();
      box.append(items, add, error);
      return box;
    }

    let input: HTMLInputElement | HTMLSelectElement;
    if (f.kind === 'choice') {
      const select = h('select', { id, name: id }, ...(f.required ? [] : [h('option', { value: '' }, '(not set)')]), ...(f.choices ?? []).map((c) => h('option', { value: c }, c)));
      select.value = typeof get() === 'string' ? (get() as string) : '';
      select.addEventListener('change', () => set(select.value === '' ? undefined : select.value, true));
      input = select;
    } else if (f.kind === 'boolean') {
      const box = h('input', { type: 'checkbox', id, name: id, checked: get() === true });
      box.addEventListener('change', () => set(box.checked, true));
      input = box;
    } else {
      const v = get();
      const text = h('input', { type: 'text', id, name: id, autocomplete: 'off', spellcheck: 'false' });
      text.value = v === undefined ? '' : typeof v === 'string' ? v : f.type === 'json' || typeof v === 'object' ? JSON.stringify(v) : String(v);
      text.addEventListener('input', () => set(text.value === '' && !f.required ? undefined : text.value, false));
      input = text;
    }
    input.setAttribute('aria-describedby', described);
    if (f.required) input.setAttribute('aria-required', 'true');
    const row = f.kind === 'boolean' ? h('label', { for: id }, input, ` ${label}`) : h('label', { for: id }, label);
    return h('div', { class: 'field' }, row, ...(f.kind === 'boolean' ? [] : [input]), ...(help ? [help] : []), error);
  }

  /** Each option error next to its field (or the nearest field that holds it); the rest are returned. */
  showFindings(findings: readonly Finding[]): Finding[] {
    for (const el of this.form.querySelectorAll('.error')) el.textContent = '';
    for (const el of this.form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    const unplaced: Finding[] = [];
    for (const f of findings) {
      let path = f.path === '' ? [] : f.path.split('.');
      let error: Element | null = null;
      while (path.length > 0 && !(error = document.getElementById(`${fieldId(path)}-error`))) path = path.slice(0, -1);
      if (!error) {
        unplaced.push(f);
        continue;
      }
      const text = `${f.message}${f.fix ? ` ${f.fix}` : ''}`;
      error.textContent = error.textContent ? `${error.textContent} ${text}` : text;
      document.getElementById(fieldId(path))?.setAttribute('aria-invalid', f.severity === 'error' ? 'true' : 'false');
    }
    return unplaced;
  }
}

/** Field ids follow the option's dotted path, as messages name it: `opt-stages.0.account`. */
export function fieldId(path: readonly string[]): string {
  return `opt-${path.join('.')}`;
}

function labelOfList(path: readonly string[]): string {
  const name = path[path.length - 2] ?? '';
  return singular(name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()).replace(/^./, (c) => c.toUpperCase());
}

function singular(label: string): string {
  const l = label.toLowerCase();
  return l.endsWith('ies') ? `${l.slice(0, -3)}y` : l.endsWith('ses') ? l.slice(0, -2) : l.endsWith('s') ? l.slice(0, -1) : l;
}

function isRecord(v: unknown): v is Values {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
