import {
  AWS_ACCOUNT_PATTERN,
  AWS_REGION_PATTERN,
  CODEARTIFACT_NAME_RULES,
  defineBlueprint,
  renderCodeArtifactLoginCommands,
  renderDevfilePart,
  type ExecCommandDef,
  type ProjectPart,
} from '../../src/index.js';
import { deliveryReadmeData, renderDelivery } from '../shared/delivery.js';
import { CI_SCHEMA, type CiOption } from '../shared/github-actions.js';
import { readmePart } from '../shared/files-table.js';
import { renderStageApp, stageAppFileDescriptions, stageAppSteps } from '../shared/stage-app.js';
import {
  APP_NAME_PATTERN,
  BRANCH_NAME_PATTERN,
  CODECATALYST_NAME_PATTERN,
  CONNECTION_NAME_PATTERN,
  defaultStage,
  deliveryStatefulOptions,
  NEWEST_PYTHON_RUNTIME,
  PYTHON_RUNTIMES,
  PLACEHOLDER_ACCOUNTS,
  placeholderAccounts,
  ROLE_NAME_PATTERN,
  stageSchema,
  type PythonRuntime,
  type StageOption,
} from '../shared/options.js';
import { meta } from './meta.js';

/** Where pip gets its packages when the builds may not (or should not) reach PyPI directly. */
export interface PipCodeArtifactOption {
  readonly domain: string;
  readonly domainOwner: string;
  readonly repository: string;
  readonly region: string;
  /** CodeCatalyst environment, connection and role the test action logs in with. */
  readonly environment: string;
  readonly connection: string;
  readonly role: string;
}

export interface ServerlessPythonOptions {
  /** Lowercase name: stack names are `<appName>-<stage>`. */
  readonly appName: string;
  readonly branch: string;
  readonly stages: readonly StageOption[];
  readonly pythonRuntime: PythonRuntime;
  /** HTTP API that receives results as XML; empty: converted, not sent. */
  readonly emailApiUrl: string;
  /** Install Python packages from CodeArtifact. @default - from PyPI */
  readonly codeArtifact?: PipCodeArtifactOption;
  /** Who may call the two APIs: AWS principals allowed execute-api:Invoke ('iam'), or anyone ('none': open, only when chosen). */
  readonly apiAuthorization: 'iam' | 'none';
  /** Where the workflows run: CodeCatalyst (the default) or GitHub Actions. */
  readonly ci?: CiOption;
}

const CDK_ROOT = 'infra';

/**
 * The event-driven Python application of the articles (API Gateway, Lambda, S3, SNS, SQS, Rekognition,
 * DynamoDB) in a CDK app, a Python Dev Environment, pytest in the workflows, and pip through CodeArtifact
 * when asked.
 */
export const serverlessPython = defineBlueprint<ServerlessPythonOptions>({
  ...meta,
  options: {
    type: 'object',
    additionalProperties: false,
    required: ['appName', 'branch', 'stages', 'pythonRuntime', 'emailApiUrl', 'apiAuthorization'],
    properties: {
      appName: { type: 'string', pattern: APP_NAME_PATTERN, description: 'Application name (lowercase letters, digits, "-"); stacks are named <appName>-<stage>.' },
      branch: { type: 'string', pattern: BRANCH_NAME_PATTERN, description: 'Branch that pull requests target and whose pushes deploy.' },
      stages: stageSchema('Deployment stages in promotion order, each in its own account; the last one is production.'),
      pythonRuntime: { type: 'string', enum: [...PYTHON_RUNTIMES], description: 'Lambda runtime of the functions.' },
      emailApiUrl: {
        type: 'string',
        pattern: '^(https://[^\\s\'"`$\\\\]+)?$',
        maxLength: 2000,
        description: 'HTTPS endpoint that receives each recognition result as XML; empty to only convert.',
      },
      apiAuthorization: {
        type: 'string',
        enum: ['iam', 'none'],
        description:
          'Who may call the image download and list APIs: "iam", requests signed (SigV4) by AWS principals allowed execute-api:Invoke; "none", anyone on the internet (open: anyone can make the app download images and spend Rekognition calls).',
      },
      ci: CI_SCHEMA,
      codeArtifact: {
        type: 'object',
        additionalProperties: false,
        required: ['domain', 'domainOwner', 'repository', 'region', 'environment', 'connection', 'role'],
        description: 'Install Python packages through this CodeArtifact repository (workflows and Dev Environment) instead of PyPI.',
        properties: {
          domain: { type: 'string', pattern: CODEARTIFACT_NAME_RULES.domain.source, description: 'CodeArtifact domain name.' },
          domainOwner: { type: 'string', pattern: AWS_ACCOUNT_PATTERN, description: '12-digit account that owns the domain.' },
          repository: { type: 'string', pattern: CODEARTIFACT_NAME_RULES.repository.source, description: 'Repository name (with a PyPI upstream for public packages).' },
          region: { type: 'string', pattern: AWS_REGION_PATTERN, description: 'Region of the domain.' },
          environment: { type: 'string', pattern: CODECATALYST_NAME_PATTERN, description: 'CodeCatalyst environment the test actions log in through.' },
          connection: { type: 'string', pattern: CONNECTION_NAME_PATTERN, description: 'Account connection of that environment.' },
          role: { type: 'string', pattern: ROLE_NAME_PATTERN, description: 'IAM role (with codeartifact:GetAuthorizationToken, GetRepositoryEndpoint, ReadFromRepository and sts:GetServiceBearerToken).' },
        },
      },
    },
  },
  defaults: {
    appName: 'image-recognition',
    branch: 'main',
    stages: [defaultStage('dev', '111111111111'), defaultStage('test', '222222222222'), defaultStage('prod', '333333333333', true)],
    pythonRuntime: NEWEST_PYTHON_RUNTIME,
    emailApiUrl: '',
    apiAuthorization: 'iam',
    ci: 'codecatalyst',
  },
  statefulOptions: deliveryStatefulOptions('the production image bucket and labels table are retained even when their stack is deleted'),
  upgradeNotes: {
    '2.0.0':
      'both APIs require IAM-signed requests (option apiAuthorization, default iam), the queues get dead-letter queues, and infra/lib/app.ts now passes apiAuthorization to your stack. ' +
      'infra/lib/image-recognition-stack.ts and the functions it names are yours, so they were kept: until the stack accepts an apiAuthorization prop, `npm run build` in infra/ fails. ' +
      'Write the blueprint\'s new version beside them with `catalyst-gen new serverless-python <empty folder> --no-input` and take what you want from its stack and functions; ' +
      'the new infra/test/nag.test.ts (run by `npm test` and both workflows) applies cdk-nag to your stack, so fix or acknowledge what it finds.',
  },
  render: (o) => {
    const names = o.stages.map((s) => s.name);
    const ca = o.codeArtifact;
    const login = ca ? renderCodeArtifactLoginCommands({ domain: ca.domain, domainOwner: ca.domainOwner, repository: ca.repository, region: ca.region, tools: ['pip'] }) : [];

    const steps = stageAppSteps(CDK_ROOT, o.stages[0]!.name);
    const delivery = renderDelivery({
      ci: o.ci ?? 'codecatalyst',
      appName: o.appName,
      branch: o.branch,
      stages: o.stages,
      cdkRoot: CDK_ROOT,
      // The login writes pip's global index-url, so the install that follows reads only from CodeArtifact.
      testSteps: [...login, 'python3 -m pip install -r requirements-dev.txt', 'python3 -m pytest tests --junitxml=reports/pytest.xml', ...steps.test],
      checkSteps: steps.check,
      junitReports: ['reports/pytest.xml'],
      ...(ca ? { testEnvironment: { name: ca.environment, connection: ca.connection, role: ca.role } } : {}),
    });

    const appData = { appName: o.appName };

    // Without CodeArtifact the Python packages install on start; with it they need a login (credentials) first.
    const commands: ExecCommandDef[] = [
      { id: 'install-python', commandLine: 'python3 -m pip install --user -r requirements-dev.txt', postStart: !ca },
      { id: 'install-npm', commandLine: 'npm install --prefix infra', postStart: true },
      ...(ca ? [{ id: 'codeartifact-login', commandLine: login.join(' && ') }] : []),
    ];
    const fn = (name: string, what: string): [string, string] => [`functions/${name}.py`, what];
    const functions = [
      fn('get_save_image', 'Lambda: download an image into the bucket'),
      fn('image_recognition', 'Lambda: Rekognition labels -> DynamoDB and SNS'),
      fn('list_images', 'Lambda: list images and labels'),
      fn('send_email', 'Lambda: results as XML to the e-mail API'),
    ];

    const parts: ProjectPart[] = [
      // merged: the team adds tools and variables to its Dev Environment; `update` edits the keys it owns in place.
      renderDevfilePart({ commands }, { mode: 'merged' }),
      // managed: both workflows follow the options (stages, accounts, branch, CodeArtifact); `update` re-renders them.
      ...delivery.parts,
      // The CDK app: entry point, options, building blocks and its cdk-nag test.
      ...renderStageApp({
        blueprintId: 'serverless-python',
        appName: o.appName,
        root: CDK_ROOT,
        stages: o.stages,
        pythonRuntime: o.pythonRuntime,
        stackClass: 'ImageRecognitionStack',
        stackModule: 'image-recognition-stack',
        optionsNamed: 'stages, runtime, e-mail API, API authorization',
        extraProps: { emailApiUrl: o.emailApiUrl, apiAuthorization: o.apiAuthorization },
        description: 'event-driven image recognition',
      }),
      // seed: the application itself belongs to the team from the first commit.
      { type: 'template', path: 'infra/lib/image-recognition-stack.ts', template: 'serverless-python/infra/lib/image-recognition-stack.ts.hbs', data: appData, mode: 'seed' },
      ...functions.map(([path]): ProjectPart => ({ type: 'template', path, template: `serverless-python/${path}.hbs`, data: appData, mode: 'seed' })),
      { type: 'template', path: 'tests/unit/test_functions.py', template: 'serverless-python/tests/unit/test_functions.py.hbs', data: appData, mode: 'seed' },
      { type: 'text', path: 'requirements-dev.txt', content: 'pytest>=8,<9\nboto3>=1.34,<2\n', mode: 'seed' },
      // seed: teams add their own ignores.
      { type: 'text', path: '.gitignore', content: ['node_modules/', 'cdk.out/', '__pycache__/', '*.pyc', '.pytest_cache/', '.venv/', 'reports/', '*.log'].join('\n'), mode: 'seed' },
    ];

    // managed: the README documents the options (stages, placeholders, CodeArtifact, delivery diagram).
    const data = {
      ...deliveryReadmeData(o, delivery),
      placeholders: [
        ...placeholderAccounts(o.stages),
        ...(ca && PLACEHOLDER_ACCOUNTS.includes(ca.domainOwner)
          ? [{ option: 'codeArtifact.domainOwner', value: ca.domainOwner, why: 'placeholder owner of the CodeArtifact domain; use the real 12-digit account id' }]
          : []),
      ],
      emailApiUrl: o.emailApiUrl,
      iam: o.apiAuthorization === 'iam',
      codeArtifact: ca ?? null,
      codeArtifactLogin: login,
    };
    const readme = readmePart('serverless-python/README.md.hbs', data, parts, {
      'devfile.yaml': `Dev Environment: universal image (Python, Node.js), ${ca ? 'npm install on start, pip after a CodeArtifact login' : 'installs on start'}`,
      [delivery.parts[0]!.path]: 'workflow on pull requests: pytest, cdk-nag, type check, cdk synth',
      [delivery.parts[1]!.path]: `workflow on push to ${o.branch}: pytest and cdk-nag, then bootstrap and deploy ${names.join(' -> ')}`,
      ...stageAppFileDescriptions(CDK_ROOT),
      'infra/lib/image-recognition-stack.ts': 'the stack: API Gateway, Lambda, S3, SNS, SQS, DynamoDB',
      ...Object.fromEntries(functions),
      'tests/unit/test_functions.py': 'unit tests of the functions (pytest, fakes, no AWS needed)',
      'requirements-dev.txt': 'Python packages for tests and local runs',
    });
    return { files: [...parts, readme] };
  },
});
