import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cli, snapshotTree, tempDir } from '../helpers/cli.js';

const DEPLOY = `Name: Deploy
SchemaVersion: "1.0"
Triggers:
  - Type: Push
    Branches: [main]
Actions:
  Build:
    Identifier: aws/build@v1
    Inputs:
      Sources: [WorkflowSource]
    Configuration:
      Steps:
        - Run: npm ci
  Approve_prod:
    Identifier: aws/approval@v1
    DependsOn: [Build]
    Configuration:
      ApprovalsRequired: 1
  Deploy_prod:
    Identifier: aws/cdk-deploy@v1
    DependsOn: [Approve_prod]
    Environment:
      Name: prod
      Connections:
        - Name: prod-account
          Role: DeployRole
    Configuration:
      StackName: app-prod
      Region: eu-west-1
`;

const LABS = `Name: Terraform
SchemaVersion: "1.0"
Actions:
  Plan:
    Identifier: codecatalyst-labs/provision-with-terraform-community@v1
    Configuration:
      AWSRegion: us-east-1
`;

function project(files: Record<string, string>): string {
  const dir = tempDir('cg-export-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, '.codecatalyst', 'workflows'), { recursive: true });
    writeFileSync(join(dir, '.codecatalyst', 'workflows', name), text);
  }
  return dir;
}

const args = (dir: string, ...more: string[]) => ['export', 'github-actions', join(dir, '.codecatalyst', 'workflows'), '--out', join(dir, '.github', 'workflows'), '--migration', join(dir, 'MIGRATION.md'), ...more];

describe('catalyst-gen export github-actions', () => {
  it('writes the GitHub workflow and MIGRATION.md, which says what to set up on GitHub', async () => {
    const dir = project({ 'Deploy.yaml': DEPLOY });
    const r = await cli(...args(dir));
    expect(r.code, r.stderr).toBe(0);
    const wf = parse(readFileSync(join(dir, '.github', 'workflows', 'Deploy.yml'), 'utf8')) as { jobs: Record<string, { needs?: string[]; environment?: string }> };
    expect(wf.jobs['Deploy_prod']).toMatchObject({ needs: ['Approve_prod'], environment: 'prod' });
    const migration = readFileSync(join(dir, 'MIGRATION.md'), 'utf8');
    expect(migration).toMatch(/New environment "Approve_prod" > Deployment protection rules > Required reviewers/);
    expect(migration).toMatch(/AWS_ROLE_ARN_PROD_ACCOUNT/);
    expect(migration).toMatch(/token\.actions\.githubusercontent\.com:sub/);
    expect(migration).toContain('The workflows name these:\n\n- `Approve_prod`\n- `prod`\n');
    expect(r.stderr).toMatch(/MIGRATION\.md lists \d+ things to set up/);
  });

  it('--role-arn puts the ARN in the workflow', async () => {
    const dir = project({ 'Deploy.yaml': DEPLOY });
    const r = await cli(...args(dir, '--role-arn', 'prod-account=arn:aws:iam::111122223333:role/GitHubDeploy'));
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, '.github', 'workflows', 'Deploy.yml'), 'utf8')).toContain('role-to-assume: arn:aws:iam::111122223333:role/GitHubDeploy');
    expect((await cli(...args(dir, '--role-arn', 'not-an-arn'))).code).toBe(2);
  });

  it('a construct without a faithful translation: file:line on stderr, exit 1, nothing written', async () => {
    const dir = project({ 'Deploy.yaml': DEPLOY, 'tf.yaml': LABS });
    const before = snapshotTree(dir);
    const r = await cli(...args(dir));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/tf\.yaml:5: not translated: codecatalyst-labs\/provision-with-terraform-community@v1 has no GitHub Actions translation/);
    expect(r.stderr).toMatch(/Nothing was written/);
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('--allow-partial writes everything and lists what to change by hand in MIGRATION.md', async () => {
    const dir = project({ 'Deploy.yaml': DEPLOY, 'tf.yaml': LABS });
    const r = await cli(...args(dir, '--allow-partial'));
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(snapshotTree(join(dir, '.github'))).sort()).toEqual(['workflows/Deploy.yml', 'workflows/Terraform.yml']);
    expect(readFileSync(join(dir, 'MIGRATION.md'), 'utf8')).toMatch(/### Not translated: change by hand\n\n- `[^`]*tf\.yaml:5`: codecatalyst-labs/);
  });

  it('--dry-run prints the files and writes nothing', async () => {
    const dir = project({ 'Deploy.yaml': DEPLOY });
    const before = snapshotTree(dir);
    const r = await cli(...args(dir, '--dry-run'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/--- .*\.github\/workflows\/Deploy\.yml\n# Exported by catalyst-gen/);
    expect(r.stdout).toContain('# Migrating from CodeCatalyst workflows to GitHub Actions');
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('a workflow that does not validate is not exported: its errors, exit 1, nothing written', async () => {
    const dir = project({ 'Deploy.yaml': DEPLOY, 'bad.yaml': 'Name: Bad\nSchemaVersion: "1.0"\nActions:\n  A:\n    Identifier: aws/build@v1\n    DependsOn: [Nope]\n    Configuration:\n      Steps:\n        - Run: x\n' });
    const before = snapshotTree(dir);
    const r = await cli(...args(dir));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml:6:\d+: error/);
    expect(snapshotTree(dir)).toEqual(before);
  });
});
