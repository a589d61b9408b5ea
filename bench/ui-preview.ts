/**
 * Row 11 of `npm run bench`, run in a process of its own: `node dist/bench/ui-preview.js <bin> <folder> <samples>`.
 * Starts `catalyst-gen ui <folder>` (the command users run), and for each built-in blueprint changes one option back
 * and forth, timing each change from the moment the page would send the changed options to the moment it holds
 * the new preview (parsed: file tree, contents, workflow graphs, diagnostics, command line). Prints JSON:
 * `{ "<blueprint>": { "option": "...", "set": "<option>=<value>", "samples": [ms, ...] } }` (`set`: the change as `--set`).
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { catalogue } from '../blueprints/index.js';

interface Field {
  readonly kind: string;
  readonly key: string;
  readonly type?: string;
  readonly choices?: readonly string[];
}

/** Two values of one top-level option that both render: a choice, a checkbox, or a string with a digit added. */
function candidates(fields: readonly Field[], values: Record<string, unknown>): { option: string; a: unknown; b: unknown }[] {
  const out: { option: string; a: unknown; b: unknown }[] = [];
  for (const f of fields) {
    const v = values[f.key];
    if (f.kind === 'choice' && f.choices && f.choices.length > 1) out.push({ option: f.key, a: f.choices[0], b: f.choices[1] });
    else if (f.kind === 'boolean') out.push({ option: f.key, a: true, b: false });
    else if (f.kind === 'text' && f.type === 'string' && typeof v === 'string' && v !== '') out.push({ option: f.key, a: v, b: `${v}2` });
  }
  return out;
}

async function main(): Promise<void> {
  const [bin, folder, samplesText] = process.argv.slice(2);
  const samples = Number(samplesText);
  const child = spawn(process.execPath, [bin!, 'ui', folder!, '--no-open'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DISPLAY: '' } });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) ok(out.split('\n')[0]!);
    });
    child.on('close', (code) => fail(new Error(`catalyst-gen ui exited with ${code}`)));
  });
  const token = new URL(url).searchParams.get('token')!;
  const base = url.slice(0, url.indexOf('/?'));
  const call = async (path: string, body?: unknown): Promise<any> => {
    const res = await fetch(base + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'x-catalyst-gen-token': token, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return res.json();
  };
  const result: Record<string, { option: string; set: string; samples: number[] }> = {};
  try {
    for (const bp of catalogue) {
      const form = await call(`/api/blueprint?source=${bp.id}`);
      const preview = (values: unknown) => call('/api/preview', { source: bp.id, target: bp.id, values });
      const ok = (p: any) => Array.isArray(p.files) && p.files.length > 0 && p.error === undefined;
      let chosen: { option: string; a: unknown; b: unknown } | undefined;
      for (const c of candidates(form.fields, form.values)) {
        if (ok(await preview({ ...form.values, [c.option]: c.a })) && ok(await preview({ ...form.values, [c.option]: c.b }))) {
          chosen = c;
          break;
        }
      }
      if (!chosen) throw new Error(`${bp.id}: no top-level option found whose two values both render`);
      const times: number[] = [];
      for (let i = 0; i < samples + 3; i++) {
        const values = { ...form.values, [chosen.option]: i % 2 === 0 ? chosen.a : chosen.b };
        const t0 = performance.now();
        const p = await preview(values);
        const ms = performance.now() - t0;
        if (!ok(p)) throw new Error(`${bp.id}: a preview failed: ${JSON.stringify(p).slice(0, 300)}`);
        if (i >= 3) times.push(ms); // the first three warm the server up (first render, validators compiled)
      }
      result[bp.id] = { option: `${chosen.option}: ${JSON.stringify(chosen.a)} <-> ${JSON.stringify(chosen.b)}`, set: `${chosen.option}=${String(chosen.b)}`, samples: times };
    }
  } finally {
    await call('/api/done', {}).catch(() => child.kill());
  }
  process.stdout.write(JSON.stringify(result));
}

await main();
