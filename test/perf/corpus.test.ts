import { describe, expect, it } from 'vitest';
import * as jsYaml from 'js-yaml';
import { devfileCorpus, workflowCorpus } from '../../bench/corpus.js';
import { validateDevfileValue } from '../../src/validate/devfile/validate-devfile.js';
import { validateWorkflowValue } from '../../src/validate/workflow/index.js';

// The benchmark's corpora: the same bytes for the same seed, and valid/broken as labelled, so that the numbers
// measure validating what they claim to (a share of broken files, the rest clean).

describe('benchmark corpora', () => {
  it('are deterministic by seed', () => {
    expect(workflowCorpus(50, 3).map((f) => f.text)).toEqual(workflowCorpus(50, 3).map((f) => f.text));
    expect(devfileCorpus(50, 3).map((f) => f.text)).toEqual(devfileCorpus(50, 3).map((f) => f.text));
    expect(workflowCorpus(50, 3).map((f) => f.text)).not.toEqual(workflowCorpus(50, 4).map((f) => f.text));
  });

  it('workflows have 3 to 12 actions, about a fifth broken, and the text parses to the value', () => {
    const files = workflowCorpus(300, 5);
    const counts = files.map((f) => {
      const actions = (f.value['Actions'] ?? {}) as Record<string, { Actions?: object }>;
      return Object.values(actions).reduce((n, a) => n + (a.Actions ? Object.keys(a.Actions).length : 1), 0);
    });
    const intact = counts.filter((_, i) => files[i]!.broken !== 'missing Actions');
    expect(Math.min(...intact)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...counts)).toBeLessThanOrEqual(12);
    const share = files.filter((f) => f.broken).length / files.length;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.3);
    for (const f of files) expect(jsYaml.load(f.text)).toEqual(f.value);
  });

  it('valid workflows pass this project validator and broken ones fail it', () => {
    for (const f of workflowCorpus(200, 6, 0.4)) {
      const errors = validateWorkflowValue(f.value).filter((x) => x.severity === 'error');
      if (f.broken) expect(errors.length, `${f.name}: ${f.broken}`).toBeGreaterThan(0);
      else expect(errors, f.name).toEqual([]);
    }
  });

  it('valid devfiles pass this project validator and broken ones fail it', () => {
    for (const f of devfileCorpus(200, 6, 0.4)) {
      const errors = validateDevfileValue(f.value).filter((x) => x.severity === 'error');
      if (f.broken) expect(errors.length, `${f.name}: ${f.broken}`).toBeGreaterThan(0);
      else expect(errors, f.name).toEqual([]);
    }
  });
});
