import type { WorkflowDef } from '../../src/model/workflow.js';
import { secretRef, variableRef } from '../../src/model/workflow.js';

const dev = { name: 'dev', connection: { name: 'dev-account', role: 'DevDeployRole' } };
const prod = { name: 'prod', connection: { name: '111122223333', role: 'ProdDeployRole' } };

/** Every typed action, triggers of all kinds, reports, caching, packages, a group, a gate and a generic action. */
export const fullWorkflow: WorkflowDef = {
  name: 'release',
  runMode: 'SUPERSEDED',
  compute: { type: 'EC2', fleet: 'Linux.x86-64.Large', sharedInstance: false },
  triggers: [
    { type: 'PUSH', branches: ['main'], filesChanged: ['src\\/.*'] },
    { type: 'PULLREQUEST', events: ['OPEN', 'REVISION'], branches: ['main'] },
    { type: 'SCHEDULE', expression: '0 9 ? * MON-FRI *', branches: ['main'] },
  ],
  actions: [
    {
      name: 'Build',
      identifier: 'aws/build@v1',
      timeout: 30,
      inputs: { sources: ['WorkflowSource'], variables: { NODE_ENV: 'production', CI: 'true' } },
      outputs: {
        artifacts: [{ name: 'cdkout', files: ['cdk.out/**/*'] }],
        variables: ['VERSION'],
        autoDiscoverReports: { enabled: true, reportNamePrefix: 'rpt', includePaths: ['**/*.xml'], successCriteria: { passRate: 100 } },
        reports: {
          Unit: { format: 'JUNITXML', includePaths: ['reports/junit.xml'], successCriteria: { passRate: 100, vulnerabilities: { severity: 'HIGH', number: 0 } } },
          Coverage: { format: 'COBERTURAXML', includePaths: ['reports/cov.xml'], successCriteria: { lineCoverage: 80 } },
        },
      },
      fileCaching: { npm: { path: '/root/.npm', restoreKeys: ['npm-'] } },
      packages: { npm: [{ repository: 'main-repo' }, { repository: 'scoped-repo', scopes: ['@acme'] }] },
      configuration: {
        steps: ['npm ci', 'npm test', `echo ${secretRef('NPM_TOKEN')} > /dev/null`, 'VERSION=$(node -p "require(\'./package.json\').version")', 'npx cdk synth'],
        container: { registry: 'CODECATALYST', image: 'CodeCatalystLinux_x86_64:2024_03' },
      },
    },
    {
      name: 'Test',
      identifier: 'aws/managed-test@v1',
      dependsOn: ['Build'],
      inputs: { sources: ['WorkflowSource'] },
      configuration: { steps: [`echo ${variableRef('Build', 'VERSION')}`] },
    },
    {
      name: 'GitHubLint',
      identifier: 'aws/github-actions-runner@v1',
      dependsOn: ['Build'],
      inputs: { sources: ['WorkflowSource'] },
      outputs: { variables: ['lint_RESULT'] },
      configuration: { steps: [{ name: 'Lint', id: 'lint', uses: 'actions/setup-node@v4', with: { 'node-version': '20' } }, { run: 'echo ok' }] },
    },
    {
      name: 'BootstrapDev',
      identifier: 'aws/cdk-bootstrap@v2',
      dependsOn: ['Test', 'GitHubLint'],
      environment: dev,
      inputs: { artifacts: ['cdkout'] },
      configuration: { region: 'eu-west-1', cdkCliVersion: '2.150.0' },
    },
    {
      name: 'DeployDev',
      identifier: 'aws/cdk-deploy@v2',
      dependsOn: ['BootstrapDev'],
      environment: dev,
      inputs: { artifacts: ['cdkout'] },
      configuration: {
        stackName: 'app-dev',
        region: 'eu-west-1',
        tags: { team: 'web', env: 'dev' },
        context: { stage: 'dev', replicas: 2 },
        cfnOutputVariables: ['ApiUrl'],
        cloudAssemblyRootPath: 'cdk.out',
      },
    },
    {
      name: 'Stack',
      identifier: 'aws/cfn-deploy@v1',
      dependsOn: ['DeployDev'],
      environment: dev,
      inputs: { artifacts: ['cdkout'] },
      configuration: {
        name: 'shared-stack',
        region: 'eu-west-1',
        template: 'cdk.out/Shared.template.json',
        capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
        parameterOverrides: { Env: 'dev', Size: 'small' },
        noExecuteChangeset: false,
        failOnEmptyChangeset: true,
        terminationProtection: true,
        timeoutInMinutes: 30,
        tags: { team: 'web' },
      },
    },
    {
      name: 'Smoke',
      identifier: 'aws/lambda-invoke@v1',
      dependsOn: ['Stack'],
      environment: dev,
      inputs: { sources: ['WorkflowSource'] },
      configuration: { function: 'smoke-test', awsRegion: 'eu-west-1', requestPayload: '{"url":"${DeployDev.ApiUrl}"}', continueOnError: false },
    },
    { name: 'ApproveProd', identifier: 'aws/approval@v1', dependsOn: ['Smoke'], configuration: { approvalsRequired: 2 } },
    {
      kind: 'group',
      name: 'Prod',
      dependsOn: ['ApproveProd'],
      actions: [
        {
          name: 'PublishSite',
          identifier: 'aws/s3-publish@v1',
          environment: prod,
          inputs: { artifacts: ['cdkout'] },
          configuration: { sourcePath: 'site', destinationBucketName: 'my-site-bucket', targetPath: 'www' },
        },
        {
          name: 'DeployService',
          identifier: 'aws/ecs-deploy@v1',
          environment: prod,
          inputs: { artifacts: ['cdkout'] },
          configuration: { region: 'us-east-1', cluster: 'main', service: 'web', taskDefinition: 'task.json', forceNewDeployment: true },
        },
      ],
    },
    {
      kind: 'generic',
      name: 'Invalidate',
      identifier: 'codecatalyst-labs/invalidate-cloudfront-cache@v1',
      dependsOn: ['Prod'],
      environment: prod,
      configuration: { DistributionId: 'E123', ObjectPaths: '/*' },
    },
  ],
};

/** Action-level compute (no workflow compute), a Lambda action, manual runs only (no triggers). */
export const actionComputeWorkflow: WorkflowDef = {
  name: 'nightly-tasks',
  actions: [
    { name: 'Prepare', identifier: 'aws/build@v1', compute: { type: 'EC2', fleet: 'Linux.Arm64.Large' }, inputs: { sources: ['WorkflowSource'] }, configuration: { steps: ['make prepare'] } },
    { name: 'Quick', identifier: 'aws/build@v1', dependsOn: ['Prepare'], compute: { type: 'LAMBDA', fleet: 'Linux.x86-64.Large' }, inputs: { sources: ['WorkflowSource'] }, configuration: { steps: ['make quick'] } },
    {
      name: 'StackLegacy',
      identifier: 'aws/cfn-deploy@v1',
      dependsOn: ['Quick'],
      environment: { name: 'dev' },
      inputs: { sources: ['WorkflowSource'] },
      configuration: { name: 'legacy', region: 'us-west-2', template: 'template.yaml', parameterOverrides: 'params/dev.json' },
    },
  ],
};
