import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderBlueprint } from '../../src/io/generate.js';
import { mergeOptions } from '../../src/options/resolve.js';
import { catalogue, optionsOf, SET_NAMES } from '../catalogue/harness.js';
import { githubWorkflowSchemaErrors } from '../../src/export/github-actions/schema.js';
import { loadActionlint } from '../../src/io/actionlint.js';
import { exportChecked, flattenedEdges, inferredEdges, needsEdges } from './helpers.js';

// The blueprints with a `ci` option render, with `ci: github-actions`, the same workflows as GitHub Actions
// workflows instead of CodeCatalyst ones: valid for GitHub's schema and actionlint, with the same jobs and
// dependencies, the devfile kept, and a README that says what to set up on GitHub.

const withCi = catalogue.filter((bp) => (bp.options['properties'] as Record<string, unknown> | undefined)?.['ci'] !== undefined);

describe('blueprints: the ci option', () => {
  it('the blueprints that render workflows with CodeCatalyst environments have it, CodeCatalyst by default', () => {
    expect(withCi.map((bp) => bp.id).sort()).toEqual(['multi-account-control', 'serverless-python', 'three-tier-web']);
    for (const bp of withCi) expect(mergeOptions(bp.defaults)['ci']).toBe('codecatalyst');
  });

  describe.each(withCi.flatMap((bp) => SET_NAMES.map((set) => ({ id: bp.id, set, bp }))))('$id with its $set options and ci: github-actions', ({ bp, set }) => {
    // One approval: a GitHub environment is approved by any one of its reviewers (two are refused, tested below).
    const options = { ...optionsOf(bp, set), ...(optionsOf(bp, set)['approvalsRequired'] !== undefined ? { approvalsRequired: 1 } : {}) };
    const codecatalyst = renderBlueprint(bp, { ...options, ci: 'codecatalyst' });
    const github = renderBlueprint(bp, { ...options, ci: 'github-actions' });
    const ccWorkflows = [...codecatalyst.values()].filter((f) => f.path.startsWith('.codecatalyst/workflows/'));

    it('writes .github/workflows/<Name>.yml for each CodeCatalyst workflow, none under .codecatalyst/, and keeps the devfile', () => {
      expect([...github.keys()].filter((p) => p.startsWith('.codecatalyst/'))).toEqual([]);
      const names = ccWorkflows.map((f) => (parse(f.content) as { Name: string }).Name).sort();
      expect([...github.keys()].filter((p) => p.startsWith('.github/workflows/')).sort()).toEqual(names.map((n) => `.github/workflows/${n}.yml`));
      expect(github.get('devfile.yaml')?.content).toBe(codecatalyst.get('devfile.yaml')?.content);
    });

    it.each(ccWorkflows.map((f) => [f.path, f.content] as const))('%s: the GitHub workflow passes the schema and actionlint, with the same jobs and needs', async (_path, content) => {
      const name = (parse(content) as { Name: string }).Name;
      const written = parse(github.get(`.github/workflows/${name}.yml`)!.content);
      const exported = await exportChecked(content);
      expect(exported.problems).toEqual([]);
      // The file the blueprint wrote is the export's, with the roles known from the options.
      expect(Object.keys(written.jobs)).toEqual(Object.keys(exported.parsed.jobs));
      // Needs: the DependsOn edges after group flattening, plus only what CodeCatalyst infers (an artifact read).
      const got = needsEdges({ ...exported, parsed: written });
      const want = flattenedEdges(parse(content));
      for (const edge of want) expect(got).toContain(edge);
      const inferred = inferredEdges(parse(content));
      for (const edge of got) if (!want.has(edge)) expect(inferred).toContain(edge);
      const text = github.get(`.github/workflows/${name}.yml`)!.content;
      expect(githubWorkflowSchemaErrors(written)).toEqual([]);
      expect(await loadActionlint()(text, `.github/workflows/${name}.yml`)).toEqual([]);
      for (const job of Object.values(written.jobs as Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }>)) {
        for (const s of job.steps) if (s.uses?.startsWith('aws-actions/configure-aws-credentials')) expect(s.with!['role-to-assume']).toMatch(/^arn:aws:iam::\d{12}:role\/|^\$\{\{ vars\.AWS_ROLE_ARN_/);
      }
    });

    it('the README says what to set up on GitHub instead of CodeCatalyst', () => {
      const readme = github.get('README.md')!.content;
      expect(readme).toContain('## GitHub Actions set-up');
      expect(readme).toContain('token.actions.githubusercontent.com:sub');
      expect(readme).toMatch(/GitHub Actions\s+workflows?\b/);
      expect(readme).not.toContain('## Into CodeCatalyst');
      expect(readme).not.toContain('.codecatalyst/workflows/');
      // The prose names the GitHub steps (the diagram labels each job with the action it translates).
      expect(readme.replace(/```mermaid[\s\S]*?```/g, '')).not.toMatch(/aws\/cdk-(bootstrap|deploy)|CodeCatalyst console/);
      for (const path of [...github.keys()].filter((p) => p.startsWith('.github/workflows/'))) expect(readme).toContain(`\`${path}\``);
    });
  });

  it('multi-account-control refuses two approvals with GitHub Actions (any one required reviewer approves an environment)', () => {
    const bp = catalogue.find((b) => b.id === 'multi-account-control')!;
    expect(() => renderBlueprint(bp, { ...optionsOf(bp, 'defaults'), ci: 'github-actions', approvalsRequired: 2 })).toThrow(/approvalsRequired: 2 approvals cannot be asked with ci github-actions/);
  });
});
