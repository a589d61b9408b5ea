import { Argument, Command, Option } from 'commander';
import type { Output } from './output.js';
import { toolVersion } from './version.js';

/**
 * The command line. Each command's module (and whatever heavy library it needs) is imported only when that
 * command runs, so `catalyst-gen --help` or `validate` never pays for aws-cdk-lib or the AWS SDK.
 */
export function buildProgram(o: Output, setExitCode: (code: number) => void = () => {}): Command {
  const program = new Command('catalyst-gen')
    .description('Generate and validate devfiles, CodeCatalyst workflows, CodeBuild buildspecs and CDK pipeline apps from typed blueprints.')
    .version(toolVersion(), '-v, --version')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => o.out(s.trimEnd()), writeErr: (s) => o.err(s.trimEnd()) })
    .exitOverride();

  program
    .command('list')
    .description('List the blueprints in the catalogue: the built-in ones and those of the catalogue files that apply here (.catalyst-gen.yaml in this folder or a parent, and ~/.config/catalyst-gen/config.yaml).')
    .option('--json', 'print JSON instead of a table')
    .action(async (opts) => (await import('./commands/list.js')).runList(opts, o));

  program
    .command('show')
    .description("Show a blueprint's options: types, defaults, allowed values and descriptions.")
    .argument('<blueprint>', SOURCE_HELP)
    .option('--json', 'print JSON')
    .action(async (id, opts) => (await import('./commands/show.js')).runShow(id, opts, o));

  program
    .command('new')
    .description('Render a blueprint into a folder (created if missing). On a terminal it asks every option (and, without a blueprint, which one and where); --no-input never asks.')
    .argument('[blueprint]', SOURCE_HELP)
    .argument('[dir]', 'target folder (default: the current folder)')
    .option('-o, --options <file>', 'options file (JSON or YAML)')
    .option('-s, --set <key=value>', 'set one option, e.g. --set stages.0.account=111122223333 (repeatable)', collect, [])
    .option('--no-input', 'never prompt; fail with the list of missing options instead')
    .option('--dry-run', 'print the plan and a diff of every change; write nothing')
    .option('--check', 'write nothing; exit 1 if the folder differs from what the blueprint renders')
    .option('--force', 'overwrite files you changed (conflicts)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (source, dir, opts) => (await import('./commands/new.js')).runNew(source, dir, opts, o));

  program
    .command('blueprint')
    .description('Write blueprints of your own.')
    .command('init')
    .description('Make a package for a blueprint of your own (the blueprint-package blueprint): TypeScript source, a template, tests with the catalyst-gen test kit. Its "npm install && npm test" pass as made.')
    .argument('[dir]', 'folder of the package; its name gives the package name and the blueprint id', '.')
    .option('-s, --set <key=value>', 'set an option: packageName, blueprintId, displayName, description (repeatable)', collect, [])
    .option('--no-input', 'never prompt')
    .option('--dry-run', 'print the plan; write nothing')
    .option('--force', 'overwrite files you changed')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (dir, opts) => (await import('./commands/new.js')).runBlueprintInit(dir, opts, o));

  program
    .command('update')
    .description(
      'Re-render the blueprint recorded in the folder, with its recorded options and any changes given, and three-way merge it with your edits (per-path strategies in .catalyst-gen/ownership).',
    )
    .argument('[dir]', 'project folder', '.')
    .option('-o, --options <file>', 'options file (JSON or YAML) whose values replace the recorded ones')
    .option('-s, --set <key=value>', 'change one option (repeatable)', collect, [])
    .option('--from <blueprint>', 'load the blueprint from this path or package instead of the source the manifest records (it moved, or take another version)')
    .option('--no-input', 'never prompt')
    .option('--dry-run', 'print what would happen to each file (unchanged, replace, merge, conflict, remove, keep) and the diff; write nothing')
    .option('--check', 'write nothing; exit 1 if an update would change anything (the project is behind its blueprint)')
    .option('--force', 'let the blueprint win every conflict instead of writing conflict markers')
    .option('-y, --yes', 'write an update that warns it can lose data (a new /home, replaced stacks) without asking; required without a terminal')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (dir, opts) => setExitCode(await (await import('./commands/new.js')).runUpdate(dir, opts, o)));

  program
    .command('validate')
    .description(
      'Validate devfiles, workflows and buildspecs; with no paths, scan the current folder. In folders, files are found by their path (devfile.yaml, .codecatalyst/workflows/*.yaml, buildspec.yml, buildspecs/*.yml). A file named explicitly is validated whatever its name: its kind comes from --kind, else its path, else its content (SchemaVersion + Actions: workflow; schemaVersion: devfile; version + phases: buildspec); a YAML file of unknown kind is only checked for syntax, with a warning.',
    )
    .argument('[paths...]', 'files or folders')
    .addOption(new Option('--kind <kind>', 'validate the files named explicitly as this kind').choices(['devfile', 'workflow', 'buildspec']))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .addOption(new Option('--devfile-profile <profile>', 'devfile rules: the CodeCatalyst profile, or the specification only').choices(['codecatalyst', 'generic']).default('codecatalyst'))
    .option('--build-image <image>', "check buildspecs' runtime versions against this CodeBuild image (e.g. aws/codebuild/standard:7.0)")
    .option('--skip-unknown', 'skip named paths that do not exist and files that are not a devfile, workflow or buildspec by path or content (for Git hooks given every staged file)')
    .action(async (paths, opts) => setExitCode(await (await import('./commands/validate.js')).runValidate(paths, opts, o)));

  program
    .command('security-diff')
    .description(
      'Show the changes that broaden or narrow permissions (IAM and resource policies, trust, organization policies, managed policies, permission boundaries, security groups) between two templates or cdk.out folders, or between one and what is deployed (--deployed); exit 1 when permissions broaden.',
    )
    .argument('<paths...>', 'before and after (template files, JSON or YAML, or cdk.out folders); with --deployed, only the one to deploy')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown', 'email']).default('text'))
    .option('--deployed', 'compare with the deployed stacks (CloudFormation GetTemplate; a stack that does not exist yet is new)')
    .option('--stack <name>', 'with --deployed: the cdk.out stacks to compare (globs on their paths, e.g. "my-app-pipeline/Prod/*"; repeatable); with one template file: its deployed stack name (--deployed implied)', collect, [])
    .option('--no-assume-role', "with --deployed: read with your credentials instead of each stack's CDK deploy role (from the cloud assembly)")
    .option('--region <region>', 'AWS region (default: each stack\'s, else the SDK configuration)')
    .option('--profile <profile>', 'AWS profile')
    .option('--notify <topic-arn>', 'when permissions broaden, e-mail the approvers: publish the message to this SNS topic')
    .option('--pipeline <name>', 'pipeline name, for the message')
    .option('--stage <name>', 'stage name, for the message (default: from the cloud assembly)')
    .option('--execution-id <id>', 'pipeline execution id, for the message')
    .option('--commit <id>', 'commit being deployed, for the message')
    .option('--commit-message <text>', "the commit's message")
    .option('--commit-author <name>', "the commit's author")
    .option('--approve-url <url>', 'where the approver approves or rejects')
    .option('--execution-url <url>', 'the pipeline execution')
    .option('--review-url <url>', 'where the changes can be reviewed')
    .option('--log-url <url>', "the check's log")
    .action(async (paths, opts) => setExitCode(await (await import('./commands/security-diff.js')).runSecurityDiff(paths, opts, o)));

  program
    .command('schema')
    .description('Print a JSON schema this project owns (for editors), e.g. "schema devfile".')
    .argument('[kind]', 'schema name; omit to list them')
    .option('--lenient', 'workflow: also accept the spellings the service accepts and validate warns about (Type: Push, Events: [open], ...), as an editor should')
    .action(async (kind, opts) => (await import('./commands/schema.js')).runSchema(kind, opts, o));

  program
    .command('rules')
    .description('List the finding codes validate reports: severity, what each means, an example that produces it and one that does not (markdown: docs/rules.md).')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .action(async (opts) => (await import('./commands/rules.js')).runRules(opts, o));

  program
    .command('graph')
    .description('Print a workflow as a Mermaid flowchart: actions, groups, approval gates and dependencies. A workflow with errors is drawn too, the actions with errors marked, its errors on stderr (exit 1).')
    .argument('<workflow>', 'workflow file, e.g. .codecatalyst/workflows/release.yaml')
    .addOption(new Option('--direction <dir>', 'top-down or left-right').choices(['TD', 'LR']).default('TD'))
    .action(async (file, opts) => setExitCode((await import('./commands/graph.js')).runGraph(file, opts, o)));

  program
    .command('export')
    .description('Translate workflows for another CI service.')
    .command('github-actions')
    .description(
      'Translate CodeCatalyst workflows into GitHub Actions workflows (checked against GitHub\'s workflow schema and by actionlint before writing) and a MIGRATION.md of what to set up on GitHub and what did not carry over. Exit 1, writing nothing, when a construct has no faithful translation, unless --allow-partial.',
    )
    .argument('[paths...]', 'workflow files or folders (default: the .codecatalyst/workflows folders under the current folder)')
    .option('--out <dir>', 'folder for the GitHub workflows', '.github/workflows')
    .option('--migration <file>', 'where to write the migration notes', 'MIGRATION.md')
    .option('--role-arn <[name=]arn>', 'IAM role ARN to assume: for every connection, or for one connection, environment or account id (repeatable; default: a GitHub variable per connection)', collect, [])
    .option('--allow-partial', 'write the workflows even when something could not be translated (it is listed in MIGRATION.md)')
    .option('--dry-run', 'print the files; write nothing')
    .action(async (paths, opts) => setExitCode(await (await import('./commands/export.js')).runExportGitHubActions(paths, opts, o)));

  program
    .command('ui')
    .description(
      'A local web page to choose a blueprint, set its options and preview every file, workflow diagram and finding before creating the project (or, for a folder that holds one, the update). Prints the URL, with this run\'s access token, as the first line; serves 127.0.0.1 only; stops when the page says done (exit 0) or on Ctrl-C.',
    )
    .argument('[dir]', 'folder the page works in: projects are made in it or below it, nothing outside it is read or written', '.')
    .option('--port <port>', 'port to listen on (0: a free one)', '0')
    .option('--no-open', 'do not open a browser')
    .action(async (dir, opts) => setExitCode(await (await import('./commands/ui.js')).runUi(dir, opts, o)));

  // devfile: comment-preserving edits of ./devfile.yaml (the steps of the "Managing Dev Environments" walkthrough).
  const devfile = program
    .command('devfile')
    .description('Edit devfile.yaml keeping its comments, order and quoting; the result is validated before it is written.');
  const devfileEdit = (name: string, description: string, withComponent: boolean) => {
    const c = devfile
      .command(name)
      .description(description)
      .option('-f, --file <path>', 'the devfile to edit', 'devfile.yaml')
      .addOption(new Option('--devfile-profile <profile>', 'rules the result must pass').choices(['codecatalyst', 'generic']).default('codecatalyst'));
    return withComponent ? c.option('-c, --component <name>', 'container to change (default: the main container)') : c;
  };
  devfileEdit('add-env', 'Set an environment variable in a container.', true)
    .argument('<NAME=VALUE>', 'variable and value (the value is written as a string)')
    .action(async (assignment, opts) => (await import('./commands/devfile.js')).runDevfileEdit({ kind: 'add-env', assignment }, opts, o));
  devfileEdit('add-sidecar', 'Add a local service container: dynamodb-local, postgres or redis.', false)
    .argument('<sidecar>', 'dynamodb-local | postgres | redis')
    .action(async (sidecar, opts) => (await import('./commands/devfile.js')).runDevfileEdit({ kind: 'add-sidecar', sidecar }, opts, o));
  devfileEdit('add-command', 'Add an exec command (run it with /aws/mde/mde command <id>).', true)
    .requiredOption('--id <id>', 'command id: lowercase letters, digits and "-"')
    .requiredOption('--run <command-line>', 'shell command line, run in $PROJECT_SOURCE')
    .option('--post-start', 'also run it every time the Dev Environment starts')
    .action(async (opts) => (await import('./commands/devfile.js')).runDevfileEdit({ kind: 'add-command', id: opts.id, run: opts.run, postStart: opts.postStart === true }, opts, o));
  devfileEdit('set-image', "Change a container's image.", true)
    .argument('<image>', 'image reference, e.g. public.ecr.aws/aws-mde/universal-image:4.0')
    .action(async (image, opts) => (await import('./commands/devfile.js')).runDevfileEdit({ kind: 'set-image', image }, opts, o));

  program
    .command('lsp')
    .description('Run the language server for editors (diagnostics as validate gives them, hovers, completion, quick fixes) over standard input and output.')
    .option('--stdio', 'talk LSP over standard input and output (required)')
    .action(async (opts) => (await import('./commands/lsp.js')).runLsp(opts));

  program
    .command('completion')
    .description('Print a completion script for bash, zsh or fish, made from these command definitions (see "Shell completion" in the README).')
    .addArgument(new Argument('<shell>', 'bash | zsh | fish').choices(['bash', 'zsh', 'fish']))
    .action(async (shell) => (await import('./commands/completion.js')).runCompletion(shell, program, o));

  // codeartifact / codebuild: the AWS side of private builds (AWS SDK loaded only when these run).
  const codeartifact = program.command('codeartifact').description('CodeArtifact helpers for developers and builds.');
  codeartifact
    .command('login')
    .description('Write npm, pip and twine configuration for a CodeArtifact repository (mode 0600); print the shell lines for Maven, Gradle, dotnet, NuGet and Swift.')
    .requiredOption('--domain <domain>', 'CodeArtifact domain')
    .requiredOption('--repository <repository>', 'repository in the domain')
    .option('--domain-owner <account>', '12-digit account that owns the domain (default: your account)')
    .option('--tool <tool>', 'npm, pip, twine, maven, gradle, dotnet, nuget or swift (repeatable; default npm)', collect, [])
    .option('--namespace <scope>', 'npm scope: only @scope packages come from the repository')
    .option('--duration-seconds <seconds>', 'token lifetime: 0 (the role session) or 900-43200')
    .option('--region <region>', 'AWS region (default: the SDK configuration)')
    .option('--profile <profile>', 'AWS profile (default: AWS_PROFILE)')
    .option('--dry-run', 'show what would change; calls AWS for the repository endpoint (read-only), requests no token, writes nothing')
    .action(async (opts) => (await import('./commands/codeartifact.js')).runCodeArtifactLogin(opts, o));

  // codecatalyst: from a folder of files to a running project (bearer-token auth; git keeps its own credentials).
  const codecatalyst = program
    .command('codecatalyst')
    .description('Create a CodeCatalyst project from a folder, run and follow its workflows, create Dev Environments. Signs in with the SSO session of a profile (aws sso login --profile P) or AWS_BEARER_TOKEN_CODECATALYST.');
  const withProject = (c: Command) =>
    c
      .requiredOption('--space <space>', 'CodeCatalyst space')
      .requiredOption('--project <project>', 'project in the space')
      .option('--profile <profile>', 'AWS profile with an sso_session (default: AWS_PROFILE)');
  withProject(codecatalyst.command('create').description('Create the project (or use the existing one) and a source repository, commit the folder with your git and push it.'))
    .argument('[dir]', 'folder to push', '.')
    .option('--repository <name>', 'source repository to create (default: the folder name)')
    .option('--branch <branch>', 'branch to push to', 'main')
    .option('--dry-run', 'say what would be created and pushed (reads the project and repository); change nothing')
    .action(async (dir, opts) => (await import('./commands/codecatalyst.js')).runCodeCatalystCreate(dir, opts, o));
  withProject(codecatalyst.command('run').description('Start a workflow run; with --follow, show its progress until it ends (exit 0 succeeded, 1 failed, stopped or cancelled).'))
    .argument('<workflow>', 'workflow name (its Name)')
    .option('--repository <name>', 'only workflows of this source repository')
    .option('--branch <branch>', 'only workflows on this branch')
    .option('--follow', 'follow the run until it ends; Ctrl-C stops following (the run goes on)')
    .option('--poll-seconds <seconds>', 'how often to check the run', '5')
    .action(async (workflow, opts) => setExitCode(await (await import('./commands/codecatalyst.js')).runCodeCatalystRun(workflow, opts, o)));
  withProject(codecatalyst.command('runs').description('List the recent runs of a workflow.'))
    .argument('<workflow>', 'workflow name')
    .option('--repository <name>', 'only workflows of this source repository')
    .option('--branch <branch>', 'only workflows on this branch')
    .option('--max <n>', 'how many runs (1-50)', '10')
    .option('--json', 'print JSON')
    .action(async (workflow, opts) => (await import('./commands/codecatalyst.js')).runCodeCatalystRuns(workflow, opts, o));
  withProject(codecatalyst.command('devenv').description('Create a Dev Environment on a branch (its devfile applies), wait until it runs, and say how to open it.'))
    .requiredOption('--repository <name>', 'source repository')
    .option('--branch <branch>', 'branch', 'main')
    .addOption(new Option('--ide <ide>', 'IDE').choices(['VSCode', 'IntelliJ', 'PyCharm', 'GoLand']).default('VSCode'))
    .addOption(new Option('--instance-type <type>', 'compute').choices(['dev.standard1.small', 'dev.standard1.medium', 'dev.standard1.large', 'dev.standard1.xlarge']).default('dev.standard1.small'))
    .addOption(new Option('--storage <GiB>', 'persistent storage of /projects').choices(['16', '32', '64']).default('16'))
    .option('--inactivity-minutes <minutes>', 'stop after this many idle minutes (0: never; 15-480)', '15')
    .option('--alias <alias>', 'a name to recognise it by')
    .option('--no-wait', 'return once it is created')
    .option('--poll-seconds <seconds>', 'how often to check it', '5')
    .action(async (opts) => setExitCode(await (await import('./commands/codecatalyst.js')).runCodeCatalystDevenv(opts, o)));

  const codebuild = program.command('codebuild').description('Create, update and run CodeBuild projects from buildspec files.');
  codebuild
    .command('sync')
    .description('Create the project, or update it if it exists, with the buildspec inline, VPC settings and CloudWatch logs.')
    .requiredOption('--project <name>', 'CodeBuild project name')
    .option('--buildspec <file>', 'buildspec file (validated first)', 'buildspec.yml')
    .option('--service-role <arn>', 'IAM role CodeBuild assumes (required to create)')
    // No commander defaults here: a default would count as "given" and reset an existing project on update.
    .option('--image <image>', 'build image (default on create: aws/codebuild/amazonlinux-x86_64-standard:5.0; on update: unchanged)')
    .option('--compute-type <type>', 'compute type (default on create: BUILD_GENERAL1_SMALL; on update: unchanged)')
    .option('--environment-type <type>', 'environment type, e.g. ARM_CONTAINER (default: ARM_CONTAINER for aarch64/arm64 images, else LINUX_CONTAINER)')
    .option('--source-type <type>', 'source type (NO_SOURCE, CODECOMMIT, GITHUB, S3, ...; default on create: NO_SOURCE; on update: unchanged)')
    .option('--source-location <location>', 'source location for source types other than NO_SOURCE')
    .option('--vpc-id <id>', 'VPC of a private build')
    .option('--subnet <id>', 'private subnet (repeatable)', collect, [])
    .option('--security-group <id>', 'security group (repeatable)', collect, [])
    .option('--log-group <name>', 'CloudWatch Logs group (default: /aws/codebuild/<project>)')
    .option('--timeout-minutes <minutes>', 'build timeout, 5-2160')
    .option('--region <region>', 'AWS region')
    .option('--profile <profile>', 'AWS profile')
    .option('--dry-run', 'look the project up (read-only) and print the CreateProject or UpdateProject request; change nothing')
    .action(async (opts) => (await import('./commands/codebuild.js')).runCodeBuildSync(opts, o));
  codebuild
    .command('run')
    .description('Start a build and follow it; exit 0 when it succeeds, 1 when it fails. Ctrl-C while following stops the build (exit 130).')
    .requiredOption('--project <name>', 'CodeBuild project name')
    .option('--buildspec <file>', 'use this buildspec for this build only (buildspecOverride)')
    .option('--source-version <version>', 'commit, branch or object version to build')
    .option('--no-follow', 'start the build and return')
    .option('--poll-seconds <seconds>', 'how often to check the build', '5')
    .option('--region <region>', 'AWS region')
    .option('--profile <profile>', 'AWS profile')
    .action(async (opts) => setExitCode(await (await import('./commands/codebuild.js')).runCodeBuildRun(opts, o)));

  return program;
}

const SOURCE_HELP =
  'a catalogue id (see "list"), a file or folder (./service.ts, ./blueprints/service), or an npm package (@acme/service-blueprint[@version], npm:name); add #<id> to choose one of several blueprints a source exports';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Parse the arguments with commander and run the command; its exit code. Errors, commander's own included, go to
 * the one handler in `run.ts`; `onFormat` learns the command's --format first, which says how to print them.
 */
export async function runCommands(argv: readonly string[], o: Output, onFormat: (format: unknown) => void): Promise<number> {
  let code = 0;
  const program = buildProgram(o, (c) => (code = c));
  program.hook('preAction', (_program, command) => onFormat(command.opts()['format']));
  await program.parseAsync([...argv], { from: 'user' });
  return code;
}

export { run } from './run.js';
