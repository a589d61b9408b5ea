import type { ActionCompute, ContainerImage, WorkflowCompute } from '../../model/workflow.js';
import type { ExportFinding } from './model.js';

/**
 * Compute to a runner label. GitHub-hosted standard runners are one size (4 vCPU, 16 GiB on public
 * repositories; 2 vCPU on private ones), so the larger fleets need a larger runner the organization sets up.
 *
 * | CodeCatalyst fleet | runs-on |
 * | --- | --- |
 * | (none), `Linux.x86-64.Large`, Lambda compute | `ubuntu-latest` |
 * | `Linux.x86-64.XLarge`, `Linux.x86-64.2XLarge` | `ubuntu-latest` (set a larger runner's label by hand) |
 * | `Linux.Arm64.*` | `ubuntu-24.04-arm` |
 * | `Windows.x86-64.*` | `windows-latest` |
 * | a provisioned fleet `name` | `[self-hosted, name]` |
 */
export const RUNNER_TABLE: readonly (readonly [fleet: string, runsOn: string])[] = [
  ['(none), Linux.x86-64.Large, Lambda compute', 'ubuntu-latest'],
  ['Linux.x86-64.XLarge, Linux.x86-64.2XLarge', 'ubuntu-latest (set a larger runner label by hand)'],
  ['Linux.Arm64.Large, Linux.Arm64.XLarge, Linux.Arm64.2XLarge', 'ubuntu-24.04-arm'],
  ['Windows.x86-64.XLarge, Windows.x86-64.2XLarge', 'windows-latest'],
  ['a provisioned fleet NAME', '[self-hosted, NAME]'],
];

export function runnerFor(compute: ActionCompute | WorkflowCompute | undefined, pointer: string, findings: ExportFinding[]): string | readonly string[] {
  const fleet = compute?.fleet;
  if (compute?.type === 'LAMBDA') {
    findings.push({
      kind: 'note',
      pointer,
      message: 'Lambda compute has no GitHub equivalent; the job runs on ubuntu-latest, which also has Docker and file caching.',
      action: 'Nothing to do.',
    });
  }
  if (fleet === undefined || fleet === 'Linux.x86-64.Large') return 'ubuntu-latest';
  if (fleet === 'Linux.x86-64.XLarge' || fleet === 'Linux.x86-64.2XLarge') {
    findings.push({
      kind: 'setup',
      pointer,
      message: `The fleet ${fleet} is larger than GitHub's standard runner; the job runs on ubuntu-latest.`,
      action: 'For the same size, create a larger runner (organization settings > Actions > Runners) and put its label in "runs-on".',
    });
    return 'ubuntu-latest';
  }
  if (fleet.startsWith('Linux.Arm64.')) return 'ubuntu-24.04-arm';
  if (fleet.startsWith('Windows.x86-64.')) {
    findings.push({
      kind: 'note',
      pointer,
      message: `The fleet ${fleet} runs Windows; the job runs on windows-latest with the steps in bash (Git Bash).`,
      action: 'Check the steps run under Git Bash, or set "shell: pwsh" on them.',
    });
    return 'windows-latest';
  }
  findings.push({
    kind: 'setup',
    pointer,
    message: `"${fleet}" is a provisioned fleet; the job runs on a self-hosted runner labelled "${fleet}".`,
    action: `Register a self-hosted runner with the label "${fleet}" (Settings > Actions > Runners), or change "runs-on".`,
  });
  return ['self-hosted', fleet];
}

/**
 * The CodeCatalyst image's language runtimes as setup actions. The curated CodeCatalyst images carry Node.js and
 * Python among others; GitHub's runner images do too, in other versions, so a job whose steps call them pins one
 * with the setup action (the versions below; change them to the project's). An image from a registry
 * (Docker Hub, ECR) becomes the job's container instead.
 */
export const RUNTIME_SETUP: readonly { readonly tool: RegExp; readonly uses: string; readonly with: Readonly<Record<string, string>> }[] = [
  { tool: /(^|[\s;&|(`])(node|npm|npx|yarn|pnpm|cdk)(\s|$)/m, uses: 'actions/setup-node@v4', with: { 'node-version': '20' } },
  { tool: /(^|[\s;&|(`])(python3?|pip3?|pytest|poetry|pipenv)(\s|$)/m, uses: 'actions/setup-python@v5', with: { 'python-version': '3.12' } },
  { tool: /(^|[\s;&|(`])(mvn|gradle|java)(\s|$)/m, uses: 'actions/setup-java@v4', with: { distribution: 'corretto', 'java-version': '17' } },
];

export function containerFor(container: ContainerImage | undefined, pointer: string, findings: ExportFinding[]): { readonly image: string } | undefined {
  if (!container || container.registry.toUpperCase() === 'CODECATALYST') return undefined;
  if (container.registry === 'ECR') {
    findings.push({
      kind: 'setup',
      pointer,
      message: `The image ${container.image} is pulled from Amazon ECR; GitHub needs credentials to pull it.`,
      action: 'Add "credentials" to the job\'s container (an ECR login token from aws ecr get-login-password), or push the image to a public registry.',
    });
  }
  return { image: container.image };
}
