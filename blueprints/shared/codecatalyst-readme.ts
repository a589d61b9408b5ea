/**
 * The "Into CodeCatalyst" section of a generated README (templates print it as `{{intoCodeCatalyst}}`): the
 * commands that make the CodeCatalyst project and repository, push, run a workflow and open a Dev Environment,
 * and the environments, account connections and roles the workflows need, which the API cannot create.
 */
export interface CodeCatalystReadmeDef {
  /** Project and repository name the commands use. */
  readonly project: string;
  /** The workflow to run first (the one that deploys). */
  readonly workflow: string;
  /** Whether the project has a devfile (then the Dev Environment command is shown). */
  readonly devfile: boolean;
  /** What the workflows deploy through; one row each (repeated ones once). */
  readonly environments: readonly { readonly environment: string; readonly connection: string; readonly account: string; readonly role: string }[];
}

export function intoCodeCatalyst(def: CodeCatalystReadmeDef): string {
  const common = `--space <space> --project ${def.project}`;
  const rows = [...new Map(def.environments.map((e) => [`${e.environment}|${e.connection}|${e.account}|${e.role}`, e])).values()];
  return [
    '## Into CodeCatalyst',
    '',
    'Push this folder into a CodeCatalyst project and run its workflows from here, signed in to your space with',
    '`aws sso login --profile <profile>` (a profile with an `sso_session` for your AWS Builder ID or IAM Identity',
    'Center; add `--profile <profile>` to each command, or set `AWS_PROFILE`; in CI, set',
    '`AWS_BEARER_TOKEN_CODECATALYST` instead). The push goes through your own git and its credentials (a credential',
    'helper, or a CodeCatalyst personal access token as the password).',
    '',
    '```sh',
    `catalyst-gen codecatalyst create . ${common} --repository ${def.project}   # project, repository, first commit, push`,
    `catalyst-gen codecatalyst run ${def.workflow} ${common} --follow`,
    ...(def.devfile ? [`catalyst-gen codecatalyst devenv ${common} --repository ${def.project}`] : []),
    '```',
    '',
    'Workflows with a push trigger start by themselves after the push. The CodeCatalyst API cannot create the',
    'environments and account connections the workflows deploy through: make them once, in the console, before',
    'the first deployment:',
    '',
    '1. **Space settings > AWS accounts**: add each account below as an account connection with the name shown,',
    '   then, in it, **Manage roles** to add the IAM role.',
    '2. **Project > CI/CD > Environments**: create each environment and associate its account connection with it.',
    '',
    '| environment | account connection | account | IAM role |',
    '|---|---|---|---|',
    ...rows.map((e) => `| ${e.environment} | ${e.connection} | ${e.account} | ${e.role} |`),
  ].join('\n');
}
