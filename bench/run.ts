/**
 * `npm run bench`: catalyst-gen against the tools people use today, measured side by side in one run.
 * Not part of `npm test` (timings are not assertions). Flags: `--rounds N` (default 5), `--quick` (2 rounds,
 * smaller peer samples), `--seed N`, `--json <file>` (write the results), `--keep` (keep the corpus folder).
 * Whole-process comparisons interleave ours and the peer's runs in every round; in-process comparisons use the
 * same parsed objects for both. Every figure is the median over the rounds.
 */
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogue } from '../blueprints/index.js';
import { validateDevfileValue } from '../src/validate/devfile/validate-devfile.js';
import { parseBlockYaml } from '../src/validate/block-yaml.js';
import { parseYamlSource, parseYamlSourceWithPositions } from '../src/validate/source.js';
import { validateWorkflowValue } from '../src/validate/workflow/index.js';
import { devfileCorpus, workflowCorpus, type CorpusFile } from './corpus.js';
import { serviceBlueprint } from './custom-blueprint.js';
import { median, peakRss, percentile, throughput, timeNode, type ProcessRun } from './measure.js';

const require = createRequire(import.meta.url);
const jsYaml = require('js-yaml') as { load(text: string): unknown };
const { WorkflowDefinition } = require('@aws/codecatalyst-workflows-sdk') as { WorkflowDefinition: { validate(v: unknown): { errors: unknown[] } } };
const jsonschema = require('jsonschema') as { validate(v: unknown, s: unknown, o: object): { errors: unknown[] } };
const cheDevfileSchema = require('@eclipse-che/che-devworkspace-generator/lib/devfile-schema/2.0.0/devfile.json') as unknown;

interface Row {
  readonly id: string;
  readonly what: string;
  readonly unit: string;
  readonly ours: number;
  readonly peer: number;
  readonly peerName: string;
  /** ours relative to the peer, "higher is better" already applied: >1 means we win by that factor. */
  readonly ratio: number;
  readonly target: string;
  readonly met: boolean | undefined;
  readonly note?: string;
}

function parseArgs(argv: readonly string[]) {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  return {
    rounds: Number(get('--rounds') ?? (quick ? 2 : 5)),
    seed: Number(get('--seed') ?? 20240801),
    json: get('--json'),
    keep: argv.includes('--keep'),
    quick,
  };
}

const here = dirname(fileURLToPath(import.meta.url)); // dist/bench
const root = resolve(here, '../..');

/**
 * The processes measured run from a private copy of the build (dist/ and package.json, with node_modules
 * linked), so that a rebuild in the working tree during the benchmark cannot break or slow a run.
 */
function snapshotBuild(into: string): { bin: string; officialScript: string; rssReporter: string; uiPreviewScript: string; lspLatencyScript: string } {
  cpSync(join(root, 'dist'), join(into, 'dist'), { recursive: true });
  copyFileSync(join(root, 'package.json'), join(into, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(into, 'node_modules'), 'dir');
  // The command users run: package.json's `bin` (the bundled CLI).
  const pkg = require(join(root, 'package.json')) as { bin: Record<string, string> };
  return {
    bin: join(into, pkg.bin['catalyst-gen']!),
    officialScript: join(into, 'dist/bench/peers/official-workflows.js'),
    rssReporter: join(into, 'dist/bench/report-rss.js'),
    uiPreviewScript: join(into, 'dist/bench/ui-preview.js'),
    lspLatencyScript: join(into, 'dist/bench/lsp-latency.js'),
  };
}

function writeWorkflows(dir: string, files: readonly CorpusFile[]): string {
  const wf = join(dir, '.codecatalyst/workflows');
  mkdirSync(wf, { recursive: true });
  for (const f of files) writeFileSync(join(wf, f.name), f.text);
  return wf;
}

function expectStatus(run: ProcessRun, allowed: readonly number[], what: string): void {
  if (run.status === null || !allowed.includes(run.status)) {
    throw new Error(`${what} exited with ${run.status}:\n${run.stderr.slice(0, 2000)}${run.stdout.slice(0, 2000)}`);
  }
}

const fmt = (n: number, unit: string) =>
  unit === 'MB' ? `${n.toFixed(1)} MB` : unit === 'ms' ? `${n >= 100 ? n.toFixed(0) : n.toFixed(1)} ms` : `${n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1)} ${unit}`;

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const { rounds } = args;
  const rows: Row[] = [];
  const extraRows: Row[] = [];
  const work = mkdtempSync(join(tmpdir(), 'catalyst-gen-bench-'));
  const log = (s: string) => process.stderr.write(s + '\n');
  const loadAtStart = loadavg().map((x) => x.toFixed(1)).join(' ');
  log(`catalyst-gen benchmark: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown cpu'}), node ${process.version}, ${rounds} rounds, seed ${args.seed}`);
  log(`corpus folder: ${work}`);

  try {
    const { bin, officialScript, rssReporter, uiPreviewScript, lspLatencyScript } = snapshotBuild(join(work, 'build'));
    const workflows = workflowCorpus(1000, args.seed);
    const devfiles = devfileCorpus(1000, args.seed + 1);
    const manyDir = join(work, 'many');
    writeWorkflows(manyDir, workflows);
    const oneDir = join(work, 'one');
    // One valid workflow of typical size (the first valid one with at least 6 actions) for the hook-sized run.
    const typical = workflows.find((f) => !f.broken && Object.keys(f.value['Actions'] as object).length >= 6) ?? workflows[0]!;
    const oneFile = join(writeWorkflows(oneDir, [{ ...typical, name: 'build.yaml' }]), 'build.yaml');
    log(`corpus: ${workflows.length} workflows (${workflows.filter((f) => f.broken).length} broken), ${devfiles.length} devfiles (${devfiles.filter((f) => f.broken).length} broken)`);

    // 1. In-process workflow validation, same parsed objects for both.
    {
      const values = workflows.map((f) => jsYaml.load(f.text));
      const peerSample = values.slice(0, args.quick ? 20 : 60);
      // Warm-up (schema load, JIT) for both: steady-state throughput is what a long-lived process sees.
      for (let k = 0; k < 2; k++) for (const v of values) validateWorkflowValue(v);
      for (const v of peerSample.slice(0, 5)) WorkflowDefinition.validate(v);
      const ours: number[] = [];
      const peer: number[] = [];
      for (let r = 0; r < rounds; r++) {
        ours.push(throughput(values, (v) => validateWorkflowValue(v)));
        peer.push(throughput(peerSample, (v) => WorkflowDefinition.validate(v)));
      }
      const o = median(ours);
      const p = median(peer);
      rows.push({ id: '1', what: 'workflow validation, in-process (schema + semantic rules)', unit: 'files/s', ours: o, peer: p, peerName: 'WorkflowDefinition.validate', ratio: o / p, target: '>= 100x', met: o / p >= 100, note: `ours over all ${values.length} files per round, peer over ${peerSample.length}` });
      log(`1 done: ${o.toFixed(0)} vs ${p.toFixed(1)} files/s`);
    }

    // 7 (informational). The fast parse against the position-aware one it replaces for valid files.
    {
      const texts = workflows.filter((f) => !f.broken).map((f) => f.text);
      for (const t of texts) (parseYamlSource(t, 'w.yaml'), parseYamlSourceWithPositions(t, 'w.yaml'));
      const fast: number[] = [];
      const slow: number[] = [];
      for (let r = 0; r < rounds; r++) {
        fast.push(throughput(texts, (t) => parseYamlSource(t, 'w.yaml')));
        slow.push(throughput(texts, (t) => parseYamlSourceWithPositions(t, 'w.yaml')));
      }
      const o = median(fast);
      const p = median(slow);
      extraRows.push({ id: '7', what: 'parse valid workflow files, in-process (fast path)', unit: 'files/s', ours: o, peer: p, peerName: 'yaml with positions (the slow path)', ratio: o / p, target: '(informational)', met: undefined });
      // 8 (informational). The block parser against js-yaml, a fast parser that records no positions (values only).
      for (const t of texts) jsYaml.load(t);
      const block: number[] = [];
      const js: number[] = [];
      for (let r = 0; r < rounds; r++) {
        block.push(throughput(texts, (t) => parseBlockYaml(t)));
        js.push(throughput(texts, (t) => jsYaml.load(t)));
      }
      const b = median(block);
      const j = median(js);
      extraRows.push({ id: '8', what: 'parse valid workflow files, in-process: block parser (value and positions)', unit: 'files/s', ours: b, peer: j, peerName: 'js-yaml (value only)', ratio: b / j, target: '(informational)', met: undefined });
      log(`7/8 done: ${o.toFixed(0)} vs ${p.toFixed(0)} files/s; ${b.toFixed(0)} vs ${j.toFixed(0)} files/s`);
    }

    // 2 and 3. Whole process: catalyst-gen validate vs js-yaml + the official SDK, interleaved.
    {
      const ours: number[] = [];
      const peer: number[] = [];
      const oursOne: number[] = [];
      const peerOne: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const a = timeNode([bin, 'validate', '.'], manyDir);
        expectStatus(a, [1], 'catalyst-gen validate (1,000 files)');
        ours.push(a.ms);
        const b = timeNode([officialScript, '.'], manyDir);
        expectStatus(b, [1], 'official-SDK script (1,000 files)');
        peer.push(b.ms);
        // One-file runs take about 0.1 s: take four pairs a round, for a steadier median.
        for (let k = 0; k < 4; k++) {
          const c = timeNode([bin, 'validate', oneFile], oneDir);
          expectStatus(c, [0], 'catalyst-gen validate (one file)');
          oursOne.push(c.ms);
          const d = timeNode([officialScript, oneFile], oneDir);
          expectStatus(d, [0], 'official-SDK script (one file)');
          peerOne.push(d.ms);
        }
      }
      const o = median(ours);
      const p = median(peer);
      rows.push({ id: '2', what: '`validate` 1,000 workflow files, whole process', unit: 'ms', ours: o, peer: p, peerName: 'js-yaml + WorkflowDefinition.validate script', ratio: p / o, target: '>= 20x and < 2 s', met: p / o >= 20 && o < 2000 });
      const o1 = median(oursOne);
      const p1 = median(peerOne);
      rows.push({ id: '3', what: '`validate` one workflow file, whole process', unit: 'ms', ours: o1, peer: p1, peerName: 'js-yaml + WorkflowDefinition.validate script', ratio: p1 / o1, target: '>= 1x', met: p1 / o1 >= 1 });
      log(`2/3 done: ${o.toFixed(0)} vs ${p.toFixed(0)} ms; ${o1.toFixed(0)} vs ${p1.toFixed(0)} ms`);
    }

    // 4. In-process devfile validation vs the jsonschema check the Che devworkspace generator runs.
    {
      const values = devfiles.map((f) => jsYaml.load(f.text));
      for (let k = 0; k < 2; k++) for (const v of values) validateDevfileValue(v);
      for (const v of values.slice(0, 100)) jsonschema.validate(v, cheDevfileSchema, { nestedErrors: true });
      const ours: number[] = [];
      const peer: number[] = [];
      for (let r = 0; r < rounds; r++) {
        ours.push(throughput(values, (v) => validateDevfileValue(v)));
        peer.push(throughput(values, (v) => jsonschema.validate(v, cheDevfileSchema, { nestedErrors: true })));
      }
      const o = median(ours);
      const p = median(peer);
      rows.push({ id: '4', what: 'devfile validation, in-process (schema + CodeCatalyst rules)', unit: 'files/s', ours: o, peer: p, peerName: 'jsonschema + Che devfile 2.0.0 schema', ratio: o / p, target: '(no target)', met: undefined });
      log(`4 done: ${o.toFixed(0)} vs ${p.toFixed(0)} files/s`);
    }

    // 5. `new <blueprint>` with defaults into an empty folder, against the floor: `node -e 0`.
    {
      const floor: number[] = [];
      const per = new Map<string, number[]>(catalogue.map((b) => [b.id, []]));
      const failed = new Map<string, string>();
      for (let r = 0; r < rounds; r++) {
        floor.push(timeNode(['-e', '0'], work).ms);
        for (const bp of catalogue) {
          if (failed.has(bp.id)) continue;
          const target = join(work, `new-${bp.id}-${r}`);
          let run = timeNode([bin, 'new', bp.id, target, '--no-input'], work);
          // One retry: a rebuild of dist/ running beside the benchmark can break a single run.
          if (run.status !== 0) {
            rmSync(target, { recursive: true, force: true });
            run = timeNode([bin, 'new', bp.id, target, '--no-input'], work);
          }
          if (run.status !== 0) failed.set(bp.id, `exit ${run.status}: ${(run.stderr || run.stdout).trim().split('\n')[0]}`);
          else per.get(bp.id)!.push(run.ms);
          rmSync(target, { recursive: true, force: true });
        }
      }
      const f = median(floor);
      for (const bp of catalogue) {
        const times = per.get(bp.id)!;
        const why = failed.get(bp.id);
        if (why || times.length === 0) {
          rows.push({ id: '5', what: `\`new ${bp.id}\` (defaults), whole process`, unit: 'ms', ours: NaN, peer: f, peerName: 'node -e 0', ratio: NaN, target: '<= 4x node -e 0', met: false, note: `failed: ${why ?? 'no run'}` });
          continue;
        }
        const o = median(times);
        rows.push({ id: '5', what: `\`new ${bp.id}\` (defaults), whole process`, unit: 'ms', ours: o, peer: f, peerName: 'node -e 0', ratio: o / f, target: '<= 4x node -e 0', met: o / f <= 4, note: 'ratio = ours / floor (lower is better)' });
      }
      log('5 done');
    }

    // 9. `new ./service.ts`, a TypeScript blueprint of a team's own: the first run (compiled with esbuild and
    //    type-checked with tsc, an empty cache) and a cached run, against `new starter` in the same rounds.
    {
      const bpDir = join(work, 'custom');
      for (const [path, content] of Object.entries(serviceBlueprint())) {
        mkdirSync(dirname(join(bpDir, path)), { recursive: true });
        writeFileSync(join(bpDir, path), content);
      }
      const first: number[] = [];
      const cached: number[] = [];
      const starter: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const env = { ...process.env, CATALYST_GEN_CACHE_DIR: join(work, `custom-cache-${r}`) };
        const once = (target: string, source: string, into: number[]) => {
          const run = timeNode([bin, 'new', source, join(work, target), '--no-input'], bpDir, env);
          if (run.status !== 0) throw new Error(`new ${source} exited with ${run.status}: ${run.stderr}`);
          into.push(run.ms);
          rmSync(join(work, target), { recursive: true, force: true });
        };
        once(`custom-first-${r}`, './service.ts', first);
        once(`custom-cached-${r}`, './service.ts', cached);
        once(`custom-starter-${r}`, 'starter', starter);
      }
      const s = median(starter);
      const c = median(cached);
      rows.push({ id: '9', what: '`new ./service.ts` (a TypeScript blueprint of your own), cached', unit: 'ms', ours: c, peer: s, peerName: '`new starter`', ratio: c / s, target: '<= 1.5x new starter', met: c / s <= 1.5, note: 'ratio = ours / new starter (lower is better)' });
      const f = median(first);
      rows.push({ id: '9', what: '`new ./service.ts`, first run (esbuild + tsc, empty cache)', unit: 'ms', ours: f, peer: s, peerName: '`new starter`', ratio: f / s, target: '(no target)', met: undefined, note: 'ratio = ours / new starter (lower is better)' });
      log('9 done');
    }

    // 10. A large devfile (5 MB, 65,000 variables with comments): `devfile add-env` and an `update` that changes
    //     the devfile, against `validate` on the same file. Edits parse with the comment-keeping Document API
    //     and replay onto the text, so they cost more than validation; the target keeps that a small multiple.
    {
      const dir = join(work, 'large');
      rmSync(dir, { recursive: true, force: true });
      const made = timeNode([bin, 'new', 'three-tier-web', dir, '--no-input'], work);
      if (made.status !== 0) throw new Error(`new three-tier-web exited with ${made.status}: ${made.stderr}`);
      const devfile = join(dir, 'devfile.yaml');
      writeFileSync(devfile, largeDevfile(readFileSync(devfile, 'utf8'), 5 * 2 ** 20));
      const validate: number[] = [];
      const edit: number[] = [];
      const update: number[] = [];
      const must = (run: ReturnType<typeof timeNode>, what: string) => {
        if (run.status !== 0) throw new Error(`${what} exited with ${run.status}: ${run.stderr}`);
        return run.ms;
      };
      for (let r = 0; r < rounds; r++) {
        validate.push(must(timeNode([bin, 'validate', 'devfile.yaml'], dir), 'validate'));
        edit.push(must(timeNode([bin, 'devfile', 'add-env', `ROUND=${r}`], dir), 'devfile add-env'));
        update.push(must(timeNode([bin, 'update', '--set', `appName=large-${r}`, '--yes'], dir), 'update'));
      }
      const v = median(validate);
      for (const [what, runs] of [['`devfile add-env` on a 5 MB devfile, whole process', edit], ['`update` that changes a 5 MB devfile, whole process', update]] as const) {
        const o = median(runs);
        rows.push({ id: '10', what, unit: 'ms', ours: o, peer: v, peerName: '`validate` on the same file', ratio: o / v, target: '<= 6x validate', met: o / v <= 6, note: 'ratio = ours / validate (lower is better)' });
      }
      log('10 done');
    }

    // 11. The preview page: from an option change to the updated preview, per built-in blueprint, at the 95th
    //     percentile, through `catalyst-gen ui` (bench/ui-preview.ts); against what it takes without the page to
    //     see the plan after that change, `new --dry-run --set <the change>`, whole process.
    {
      const samples = rounds * 20;
      const uiDir = join(work, 'ui');
      mkdirSync(uiDir);
      const run = timeNode([uiPreviewScript, bin, uiDir, String(samples)], work);
      expectStatus(run, [0], 'bench/ui-preview');
      const measured = JSON.parse(run.stdout) as Record<string, { option: string; set: string; samples: number[] }>;
      for (const bp of catalogue) {
        const m = measured[bp.id]!;
        const dry: number[] = [];
        for (let r = 0; r < rounds; r++) {
          const d = timeNode([bin, 'new', bp.id, join(work, `ui-dry-${bp.id}`), '--no-input', '--dry-run', '--set', m.set], work);
          expectStatus(d, [0], `new ${bp.id} --dry-run`);
          dry.push(d.ms);
        }
        const o = percentile(m.samples, 95);
        const p = median(dry);
        rows.push({
          id: '11',
          what: `\`ui\`: option change to updated preview, ${bp.id} (p95)`,
          unit: 'ms',
          ours: o,
          peer: p,
          peerName: '`new --dry-run --set` the change, whole process',
          ratio: p / o,
          target: '< 100 ms (p95)',
          met: o < 100,
          note: `p95 of ${m.samples.length} changes of ${m.option} (median ${median(m.samples).toFixed(1)} ms), from sending the options to holding the preview (files, contents, graphs, diagnostics)`,
        });
      }
      log('11 done');
    }

    // 12. The language server: from an edit of a 12-action workflow to its diagnostics, warm (bench/lsp-latency.ts,
    //     through `catalyst-gen lsp --stdio`); against `validate` on the same file, whole process, which is what an
    //     editor without the server would run.
    {
      const run = timeNode([lspLatencyScript, bin, String(rounds * 40)], work);
      expectStatus(run, [0], 'bench/lsp-latency');
      const measured = JSON.parse(run.stdout) as { samples: number[]; text: string };
      const file = join(writeWorkflows(join(work, 'lsp'), [{ name: 'release.yaml', text: measured.text, value: {}, broken: undefined }]), 'release.yaml');
      const validate: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const v = timeNode([bin, 'validate', file], work);
        expectStatus(v, [0], 'validate (the 12-action workflow)');
        validate.push(v.ms);
      }
      const o = median(measured.samples);
      const p = median(validate);
      rows.push({
        id: '12',
        what: '`lsp`: edit of a 12-action workflow to its diagnostics, warm',
        unit: 'ms',
        ours: o,
        peer: p,
        peerName: '`validate` on the same file, whole process',
        ratio: p / o,
        target: '< 20 ms',
        met: o < 20,
        note: `median of ${measured.samples.length} edits after 50 to warm up (p95 ${percentile(measured.samples, 95).toFixed(1)} ms), from sending didChange to receiving publishDiagnostics`,
      });
      log(`12 done: ${o.toFixed(1)} ms (p95 ${percentile(measured.samples, 95).toFixed(1)} ms)`);
    }

    // 6. Peak RSS of the 1,000-file run (and of the peer's, for context).
    {
      const ours: number[] = [];
      const peer: number[] = [];
      for (let r = 0; r < Math.min(rounds, 3); r++) {
        ours.push(peakRss([bin, 'validate', '.'], manyDir, rssReporter).bytes / 2 ** 20);
        peer.push(peakRss([officialScript, '.'], manyDir, rssReporter).bytes / 2 ** 20);
      }
      const o = median(ours);
      const p = median(peer);
      rows.push({ id: '6', what: 'peak RSS, `validate` 1,000 workflow files', unit: 'MB', ours: o, peer: p, peerName: 'js-yaml + WorkflowDefinition.validate script', ratio: p / o, target: '< 200 MB', met: o < 200 });
      log('6 done');
    }
  } finally {
    if (!args.keep) rmSync(work, { recursive: true, force: true });
  }
  rows.push(...extraRows);

  // Other work on the machine slows both sides of a comparison, but not always equally: say how busy it was.
  const load = loadavg().map((x) => x.toFixed(1)).join(' ');
  const header = ['#', 'comparison', 'catalyst-gen', 'peer', 'ratio', 'target', 'met'];
  const table = rows.map((r) => [
    r.id,
    r.what,
    Number.isNaN(r.ours) ? 'failed' : fmt(r.ours, r.unit),
    `${fmt(r.peer, r.unit)} (${r.peerName})`,
    Number.isNaN(r.ratio) ? '-' : `${r.ratio.toFixed(r.ratio >= 10 ? 0 : 2)}x`,
    r.target,
    r.met === undefined ? '-' : r.met ? 'yes' : 'NO',
  ]);
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...table.map((c) => `| ${c.join(' | ')} |`)];
  process.stdout.write(`\nMachine: ${availableParallelism()} cores, ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}; ${rounds} rounds, medians; load average at the end ${load} (started at ${loadAtStart}).\n\n${lines.join('\n')}\n`);
  for (const r of rows) if (r.note) process.stdout.write(`  ${r.id} ${r.what}: ${r.note}\n`);
  if (args.json) writeFileSync(args.json, JSON.stringify({ cores: availableParallelism(), cpu: cpus()[0]?.model, node: process.version, rounds, seed: args.seed, loadAverage: { start: loadAtStart, end: load }, rows }, null, 2) + '\n');
}

main();

/** A devfile grown to `bytes` with environment variables (each with a comment) in its first component. */
function largeDevfile(devfile: string, bytes: number): string {
  const at = devfile.indexOf('      env:\n') + '      env:\n'.length;
  const vars: string[] = [];
  for (let i = 0, size = devfile.length; size < bytes; i++) {
    const v = `        - name: VAR_${i}\n          value: "value number ${i}"  # comment ${i}\n`;
    vars.push(v);
    size += v.length;
  }
  return devfile.slice(0, at) + vars.join('') + devfile.slice(at);
}
