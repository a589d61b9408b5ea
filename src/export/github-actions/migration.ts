import type { ExportFinding } from './model.js';

/** One exported workflow, as MIGRATION.md lists it. */
export interface MigrationEntry {
  /** The CodeCatalyst workflow file, as named on the command line. */
  readonly source: string;
  /** The GitHub workflow file written. */
  readonly target: string;
  readonly findings: readonly (ExportFinding & { readonly line?: number })[];
  /** The GitHub environments its jobs name. */
  readonly environments: readonly string[];
}

const HEADINGS: Record<ExportFinding['kind'], string> = {
  untranslated: 'Not translated: change by hand',
  setup: 'To set up on GitHub',
  note: 'Differences to know',
};

/**
 * What to set up on GitHub once, whatever the workflows: the AWS accounts' trust in GitHub's OIDC tokens and the
 * environments the jobs name. `heading` is the level of the two headings (`##` in MIGRATION.md).
 */
export function githubSetupSteps(heading: string, environments: readonly string[]): string[] {
  return [
    `${heading} AWS roles (OIDC)`,
    '',
    'The jobs that deploy assume an IAM role with `aws-actions/configure-aws-credentials` and GitHub\'s OIDC token (no stored keys). Once per AWS account:',
    '',
    '1. IAM > Identity providers > Add provider: OpenID Connect, provider URL `https://token.actions.githubusercontent.com`, audience `sts.amazonaws.com`.',
    '2. On each role the workflows assume, add to the trust policy a statement allowing `sts:AssumeRoleWithWebIdentity` for that provider with the conditions `token.actions.githubusercontent.com:aud` = `sts.amazonaws.com` and `token.actions.githubusercontent.com:sub` = `repo:<owner>/<repository>:environment:<environment name>` (one per GitHub environment below).',
    '3. Where a workflow reads a role ARN from a variable (`vars.AWS_ROLE_ARN_...`), create that variable in the environment with the role\'s ARN.',
    '',
    `${heading} Environments`,
    '',
    'Each environment the jobs name is a GitHub environment: Settings > Environments > New environment. Jobs wait for an environment\'s protection rules; an approval gate\'s environment needs its required reviewers: Deployment protection rules > Required reviewers (the people or teams who approve; one of them approves), optionally Prevent self-review, then Save protection rules. The workflows name these:',
    '',
    ...[...environments].sort().map((n) => `- \`${n}\``),
    '',
  ];
}

/**
 * MIGRATION.md: what was exported, what to set up on GitHub (environments, reviewers, variables, secrets, the AWS
 * OIDC trust), and every construct that did not carry over, with file:line. Deterministic: entries in the order
 * given, findings by kind then line, each distinct item once.
 */
export function renderMigration(entries: readonly MigrationEntry[]): string {
  const out: string[] = [
    '# Migrating from CodeCatalyst workflows to GitHub Actions',
    '',
    'Written by `catalyst-gen export github-actions`. Each CodeCatalyst workflow became one GitHub Actions workflow:',
    '',
    '| CodeCatalyst workflow | GitHub Actions workflow |',
    '| --- | --- |',
    ...entries.map((e) => `| \`${e.source}\` | \`${e.target}\` |`),
    '',
    ...githubSetupSteps('##', [...new Set(entries.flatMap((e) => e.environments))]),
  ];
  for (const e of entries) {
    out.push(`## ${e.source}`, '', `Exported to \`${e.target}\`.`, '');
    for (const kind of ['untranslated', 'setup', 'note'] as const) {
      const seen = new Set<string>();
      const items = e.findings
        .filter((f) => f.kind === kind)
        .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
        .filter((f) => {
          const key = `${f.message}\n${f.action}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
      if (items.length === 0) continue;
      out.push(`### ${HEADINGS[kind]}`, '');
      for (const f of items) out.push(`- ${f.line !== undefined ? `\`${e.source}:${f.line}\`: ` : ''}${f.message} ${f.action === 'Nothing to do.' ? '' : `**To do:** ${f.action}`}`.trimEnd());
      out.push('');
    }
  }
  return out.join('\n').replace(/\n+$/, '') + '\n';
}
