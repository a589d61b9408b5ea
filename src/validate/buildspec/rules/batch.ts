import { toPointer } from '../../../model/diagnostic.js';
import { isRecord } from '../../../model/values.js';
import { closest } from '../../suggest.js';
import type { BuildspecRule, Obj } from './context.js';
import { batch } from './examples.js';

/** A batch build's forms and builds. */

/** The build-list and build-graph of a batch, each with its form. */
function buildLists(batch: Obj | undefined): [string, unknown[]][] {
  const out: [string, unknown[]][] = [];
  for (const form of ['build-list', 'build-graph']) {
    const list = batch?.[form];
    if (Array.isArray(list)) out.push([form, list]);
  }
  return out;
}

/** The batch builds that run this file itself (no buildspec of their own), by pointer. */
function buildsRunningThisFile(batch: Obj): string[] {
  const out: string[] = [];
  for (const [form, list] of buildLists(batch)) list.forEach((b, i) => isRecord(b) && typeof b['buildspec'] !== 'string' && out.push(toPointer(['batch', form, i])));
  const matrix = batch['build-matrix'];
  if (isRecord(matrix)) {
    const dynamic = matrix['dynamic'];
    const specs = isRecord(dynamic) ? dynamic['buildspec'] : undefined;
    if (!Array.isArray(specs) || specs.length === 0) out.push('/batch/build-matrix');
  }
  if (isRecord(batch['build-fanout'])) out.push('/batch/build-fanout');
  return out;
}

export const batchNoPhases: BuildspecRule = {
  kind: 'buildspec',
    code: 'BUILDSPEC-BATCH-NO-PHASES',
    severity: 'warning',
    title: 'A batch build runs this file, which has no phases.',
    description: 'A build of the batch that names no buildspec of its own runs this file; without phases it would run no commands.',
    bad: 'version: 0.2\nbatch:\n  build-list:\n    - identifier: linux\n',
    good: batch('  build-list:\n    - identifier: linux\n'),
  check(ctx) {
    // A batch-only buildspec (AWS's own CI writes them) is fine when every build names its buildspec.
    if (!ctx.batch || ctx.phases) return;
    for (const pointer of buildsRunningThisFile(ctx.batch)) {
      ctx.report({
        pointer,
        message: 'This batch build names no buildspec of its own, so it runs this file, which has no phases: it would run no commands.',
        fix: 'Give the build a "buildspec: path/to/buildspec.yml", or add phases to this file.',
      });
    }
  },
};

export const batchForm: BuildspecRule = {
  kind: 'buildspec',
    code: 'BUILDSPEC-BATCH-FORM',
    severity: 'error',
    title: 'batch has none, or more than one, of build-list, build-graph, build-matrix and build-fanout.',
    description: 'A batch build uses exactly one form: a list, a graph, a matrix or a fanout.',
    bad: batch('  fast-fail: true\n'),
    good: batch('  build-list:\n    - identifier: linux\n'),
  check(ctx) {
    if (!ctx.batch) return;
    const forms = ['build-list', 'build-graph', 'build-matrix', 'build-fanout'].filter((k) => k in ctx.batch!);
    if (forms.length === 1) return;
    ctx.report({
      pointer: '/batch',
      atKey: true,
      message: forms.length === 0 ? 'batch has none of build-list, build-graph, build-matrix, build-fanout.' : `batch has ${forms.join(' and ')}; a batch build uses exactly one of them.`,
      fix: 'Keep exactly one batch form.',
    });
  },
};

export const batchDuplicate: BuildspecRule = {
  kind: 'buildspec',
    code: 'BUILDSPEC-BATCH-DUPLICATE',
    severity: 'error',
    title: 'Two builds of a batch have the same identifier.',
    description: 'The identifier names a build of the batch (and what depend-on refers to); each must be unique.',
    bad: batch('  build-list:\n    - identifier: linux\n    - identifier: linux\n'),
    good: batch('  build-list:\n    - identifier: linux\n    - identifier: windows\n'),
  check(ctx) {
    for (const [form, list] of buildLists(ctx.batch)) {
      const ids = new Set<string>();
      list.forEach((b, i) => {
        if (!isRecord(b) || typeof b['identifier'] !== 'string') return;
        if (ids.has(b['identifier'])) ctx.report({ pointer: toPointer(['batch', form, i, 'identifier']), message: `Batch build identifier "${b['identifier']}" is used twice.` });
        ids.add(b['identifier']);
      });
    }
  },
};

export const batchDependOn: BuildspecRule = {
  kind: 'buildspec',
    code: 'BUILDSPEC-BATCH-DEPEND-ON',
    severity: 'error',
    title: 'depend-on names a build that is not in the graph, or is used outside a build-graph.',
    description: 'depend-on is meaningful only in a build-graph, where it names the identifiers of other builds of the graph.',
    bad: batch('  build-graph:\n    - identifier: build\n    - identifier: test\n      depend-on:\n        - biuld\n'),
    good: batch('  build-graph:\n    - identifier: build\n    - identifier: test\n      depend-on:\n        - build\n'),
  check(ctx) {
    for (const [form, list] of buildLists(ctx.batch)) {
      const ids = new Set<string>();
      for (const b of list) if (isRecord(b) && typeof b['identifier'] === 'string') ids.add(b['identifier']);
      list.forEach((b, i) => {
        if (!isRecord(b) || !Array.isArray(b['depend-on'])) return;
        if (form === 'build-list') {
          ctx.report({ pointer: toPointer(['batch', form, i, 'depend-on']), atKey: true, message: 'depend-on is only meaningful in a build-graph.', fix: 'Use build-graph, or remove depend-on.' });
          return;
        }
        b['depend-on'].forEach((d, j) => {
          if (typeof d !== 'string' || ids.has(d)) return;
          const guess = closest(d, [...ids]);
          ctx.report({ pointer: toPointer(['batch', form, i, 'depend-on', j]), message: `depend-on names "${d}", which is not a build in this graph.`, ...(guess ? { fix: `Did you mean "${guess}"?` } : {}) });
        });
      });
    }
  },
};
