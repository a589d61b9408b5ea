import {
  defineBlueprint,
  dynamoDbLocalSidecar,
  renderDevfilePart,
  type ProjectPart,
} from '../../src/index.js';
import { deliveryReadmeData, renderDelivery } from '../shared/delivery.js';
import { CI_SCHEMA, type CiOption } from '../shared/github-actions.js';
import { readmePart } from '../shared/files-table.js';
import { renderStageApp, stageAppFileDescriptions, stageAppSteps } from '../shared/stage-app.js';
import { APP_NAME_PATTERN, BRANCH_NAME_PATTERN, defaultStage, deliveryStatefulOptions, NEWEST_PYTHON_RUNTIME, PYTHON_RUNTIMES, placeholderAccounts, stageSchema, type PythonRuntime, type StageOption } from '../shared/options.js';
import { meta } from './meta.js';

export interface ThreeTierWebOptions {
  /** Lowercase name: stack names are `<appName>-<stage>`. */
  readonly appName: string;
  /** Pull requests into this branch are tested; a merge into it deploys. */
  readonly branch: string;
  /** Stages in promotion order; the last one is production (its table is retained). */
  readonly stages: readonly StageOption[];
  /** Lambda runtime of the API. */
  readonly pythonRuntime: PythonRuntime;
  /** Who may call the API: users of a Cognito user pool the stack makes, or anyone ('none': open, only when chosen). */
  readonly apiAuthorization: 'cognito' | 'none';
  /** Where the workflows run: CodeCatalyst (the default) or GitHub Actions. */
  readonly ci?: CiOption;
}

const CDK_ROOT = 'infra';
const DYNAMODB_PORT = 8000;

/**
 * The modern three-tier web application of the articles: a static web front end (S3 + CloudFront), a Python
 * API (API Gateway + Lambda) and a DynamoDB table in one CDK app; a Dev Environment with DynamoDB Local; a
 * pull-request workflow and a deploy workflow that promotes dev -> test -> approval -> prod across accounts.
 */
export const threeTierWeb = defineBlueprint<ThreeTierWebOptions>({
  ...meta,
  options: {
    type: 'object',
    additionalProperties: false,
    required: ['appName', 'branch', 'stages', 'pythonRuntime', 'apiAuthorization'],
    properties: {
      appName: { type: 'string', pattern: APP_NAME_PATTERN, description: 'Application name (lowercase letters, digits, "-"); stacks are named <appName>-<stage>.' },
      branch: { type: 'string', pattern: BRANCH_NAME_PATTERN, description: 'Branch that pull requests target and whose pushes deploy.' },
      stages: stageSchema('Deployment stages in promotion order, each in its own account; the last one is production.'),
      pythonRuntime: { type: 'string', enum: [...PYTHON_RUNTIMES], description: 'Lambda runtime of the API.' },
      apiAuthorization: {
        type: 'string',
        enum: ['cognito', 'none'],
        description: 'Who may call the API: "cognito", users of a Cognito user pool the stack makes (the web page signs them in); "none", anyone on the internet (open: anyone can read and write the table).',
      },
      ci: CI_SCHEMA,
    },
  },
  defaults: {
    appName: 'three-tier-web',
    branch: 'main',
    stages: [defaultStage('dev', '111111111111'), defaultStage('test', '222222222222'), defaultStage('prod', '333333333333', true)],
    pythonRuntime: NEWEST_PYTHON_RUNTIME,
    apiAuthorization: 'cognito',
    ci: 'codecatalyst',
  },
  statefulOptions: deliveryStatefulOptions('the production table is retained even when its stack is deleted'),
  upgradeNotes: {
    '2.0.0':
      'the API requires sign-in (option apiAuthorization, default cognito: a Cognito user pool), and infra/lib/app.ts now passes apiAuthorization to your stack. ' +
      'infra/lib/three-tier-stack.ts and web/index.html are yours, so they were kept: until the stack accepts an apiAuthorization prop, `npm run build` in infra/ fails. ' +
      'Write the blueprint\'s new version beside them with `catalyst-gen new three-tier-web <empty folder> --no-input` and take what you want from its stack and page; ' +
      'the new infra/test/nag.test.ts (run by `npm test` and both workflows) applies cdk-nag to your stack, so fix or acknowledge what it finds.',
  },
  render: (o) => {
    const names = o.stages.map((s) => s.name);

    const steps = stageAppSteps(CDK_ROOT, o.stages[0]!.name);
    const delivery = renderDelivery({
      ci: o.ci ?? 'codecatalyst',
      appName: o.appName,
      branch: o.branch,
      stages: o.stages,
      cdkRoot: CDK_ROOT,
      testSteps: ['python3 -m pip install -r api/requirements-dev.txt', 'python3 -m pytest api --junitxml=reports/pytest.xml', ...steps.test],
      checkSteps: steps.check,
      junitReports: ['reports/pytest.xml'],
    });

    const appData = { appName: o.appName };

    const parts: ProjectPart[] = [
      // merged: the team adds tools and variables to its Dev Environment; `update` edits the keys it owns in place.
      renderDevfilePart(
        {
          main: { env: { TABLE_NAME: `${o.appName}-local` } },
          sidecars: [dynamoDbLocalSidecar({ port: DYNAMODB_PORT })],
          commands: [
            { id: 'install-python', commandLine: 'python3 -m pip install --user -r api/requirements-dev.txt', postStart: true },
            { id: 'install-npm', commandLine: 'npm install --prefix infra', postStart: true },
            {
              id: 'create-local-table',
              commandLine:
                'aws dynamodb create-table --endpoint-url "$DYNAMODB_ENDPOINT" --table-name "$TABLE_NAME" --attribute-definitions AttributeName=id,AttributeType=S --key-schema AttributeName=id,KeyType=HASH --billing-mode PAY_PER_REQUEST',
            },
          ],
        },
        { mode: 'merged' },
      ),
      // managed: both workflows follow the options (stages, accounts, branch); `update` re-renders them.
      ...delivery.parts,
      // The CDK app: entry point, options, building blocks and its cdk-nag test.
      ...renderStageApp({
        blueprintId: 'three-tier-web',
        appName: o.appName,
        root: CDK_ROOT,
        stages: o.stages,
        pythonRuntime: o.pythonRuntime,
        stackClass: 'ThreeTierStack',
        stackModule: 'three-tier-stack',
        optionsNamed: 'stages, runtime, API authorization',
        extraProps: { apiAuthorization: o.apiAuthorization },
        description: 'web front end, API and table',
      }),
      // seed: the application itself belongs to the team from the first commit.
      { type: 'template', path: 'infra/lib/three-tier-stack.ts', template: 'three-tier-web/infra/lib/three-tier-stack.ts.hbs', data: appData, mode: 'seed' },
      { type: 'template', path: 'api/app.py', template: 'three-tier-web/api/app.py.hbs', data: appData, mode: 'seed' },
      { type: 'template', path: 'api/test_app.py', template: 'three-tier-web/api/test_app.py.hbs', data: appData, mode: 'seed' },
      { type: 'text', path: 'api/requirements-dev.txt', content: 'pytest>=8,<9\nboto3>=1.34,<2\n', mode: 'seed' },
      { type: 'template', path: 'web/index.html', template: 'three-tier-web/web/index.html.hbs', data: { appName: o.appName, footer: `${o.appName}: served by Amazon CloudFront` }, mode: 'seed' },
      // seed: teams add their own ignores.
      { type: 'text', path: '.gitignore', content: ['node_modules/', 'cdk.out/', '__pycache__/', '*.pyc', '.pytest_cache/', '.venv/', 'reports/', '*.log'].join('\n'), mode: 'seed' },
    ];

    // managed: the README documents the options (stages, placeholders, delivery diagram); `update` keeps it true.
    const data = {
      ...deliveryReadmeData(o, delivery),
      placeholders: placeholderAccounts(o.stages),
      dynamodbEndpoint: `http://localhost:${DYNAMODB_PORT}`,
      cognito: o.apiAuthorization === 'cognito',
    };
    const readme = readmePart('three-tier-web/README.md.hbs', data, parts, {
      'devfile.yaml': 'Dev Environment: universal image, IS_LOCAL=true, DynamoDB Local sidecar, installs on start',
      [delivery.parts[0]!.path]: 'workflow on pull requests: unit tests, cdk-nag, type check, cdk synth',
      [delivery.parts[1]!.path]: `workflow on push to ${o.branch}: unit tests and cdk-nag, then bootstrap and deploy ${names.join(' -> ')}`,
      ...stageAppFileDescriptions(CDK_ROOT),
      'infra/lib/three-tier-stack.ts': `the stack: S3 + CloudFront, API Gateway + Lambda${o.apiAuthorization === 'cognito' ? ' + Cognito' : ''}, DynamoDB`,
      'api/app.py': 'API handler (Lambda)',
      'api/test_app.py': 'API unit tests (pytest, no AWS needed)',
      'api/requirements-dev.txt': 'Python packages for tests and local runs',
      'web/index.html': 'web front end',
    });
    return { files: [...parts, readme] };
  },
});
