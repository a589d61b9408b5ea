import {
  defineBlueprint,
  renderCdkProjectFiles,
  renderDevfilePart,
  renderVpcEndpointsPart,
  validateCodeArtifactLogin,
  ValidationError,
  workflowPart,
  workflowPath,
  type ProjectPart,
} from '../../src/index.js';
import { readmePart } from '../shared/files-table.js';
import {
  artifactBucketName,
  BUILD_IMAGE,
  buildRolePolicy,
  buildspecPart,
  codeArtifactSetupCommands,
  developerLoginCommand,
  endpointsDeployCommands,
  loginCommands,
  loginDef,
  partitionOf,
  sampleSteps,
  workflowDef,
  WORKFLOW_NAME,
} from './build.js';
import { renderDiagram } from './diagram.js';
import { DEFAULTS, OPTIONS_SCHEMA, placeholders, SAMPLE_TOOL, toolsOf, type PrivateBuildOptions } from './options.js';
import { meta } from './meta.js';
import { intoCodeCatalyst } from '../shared/codecatalyst-readme.js';

export type { PrivateBuildOptions } from './options.js';

export const ENDPOINTS_TEMPLATE_PATH = 'infra/vpc-endpoints.yaml';
export const POLICY_PATH = 'iam/build-role-policy.json';
const CDK_ROOT = 'pipeline';

/** Rules the option schema cannot express. Pointers are into the options. */
function checkOptions(o: PrivateBuildOptions): void {
  const problems: string[] = [];
  const tool = SAMPLE_TOOL[o.sample];
  const tools = toolsOf(o);
  if (!tools.includes(tool)) {
    problems.push(`/codeArtifact/tools: the ${o.sample} sample installs with ${tool}, which is not among the tools ${JSON.stringify(tools)}; add it (--set codeArtifact.tools=${[...tools, tool].join(',')}).`);
  }
  if (o.codeArtifact.region !== undefined && o.codeArtifact.region !== o.region) {
    problems.push(
      `/codeArtifact/region: the domain is in ${o.codeArtifact.region} but the build runs in ${o.region}; a build without internet reaches CodeArtifact only through VPC endpoints, which serve their own region. Put the build (region) in the domain's region.`,
    );
  }
  // Belt and braces: the schema patterns already refuse these, and these values end up on shell lines.
  for (const f of validateCodeArtifactLogin(loginDef(o), '/codeArtifact')) problems.push(`${f.pointer}: ${f.message}`);
  if (problems.length > 0) throw new ValidationError(`The private-build options cannot work:\n  ${problems.join('\n  ')}`);
}

/**
 * CodeBuild in a private VPC without internet access, every dependency from a private CodeArtifact repository
 * through VPC endpoints (AWS DevOps blog, "Setting up a secure CI/CD pipeline in a private Amazon VPC with no
 * public internet access"), run by a CodePipeline defined in CDK or by a CodeCatalyst workflow.
 */
export const privateBuild = defineBlueprint<PrivateBuildOptions>({
  ...meta,
  options: OPTIONS_SCHEMA,
  defaults: DEFAULTS,
  statefulOptions: [
    {
      path: 'projectName',
      consequence:
        'it names the CodeBuild project, the pipeline, the stacks (<projectName>-pipeline, <projectName>-endpoints), the log group and the artifact bucket, so the next deployment creates new ones and leaves the old ones deployed (the artifact bucket is retained even when its stack is deleted). Keep the old name, or delete the old stacks and bucket yourself once the new build works.',
    },
  ],
  render: (o) => {
    checkOptions(o);
    const steps = sampleSteps(o.sample);
    const login = loginCommands(o);
    const pipeline = o.runner === 'codepipeline';
    const bucket = artifactBucketName(o);

    const sample: ProjectPart[] =
      o.sample === 'npm'
        ? [
            {
              type: 'json',
              path: 'package.json',
              value: {
                name: o.projectName,
                version: '0.1.0',
                private: true,
                description: 'Sample: its one dependency comes from the private CodeArtifact repository.',
                main: 'index.js',
                scripts: { start: 'node index.js', test: 'node --test test.js' },
                dependencies: { mathjs: '^14.0.0' },
              },
              mode: 'seed',
            },
            { type: 'template', path: 'index.js', template: 'private-build/sample-npm/index.js.hbs', data: {}, mode: 'seed' },
            { type: 'template', path: 'test.js', template: 'private-build/sample-npm/test.js.hbs', data: {}, mode: 'seed' },
          ]
        : [
            { type: 'text', path: 'requirements.txt', content: 'sympy>=1.12,<2\npytest>=8\n', mode: 'seed' },
            { type: 'template', path: 'app.py', template: 'private-build/sample-pip/app.py.hbs', data: {}, mode: 'seed' },
            { type: 'template', path: 'test_app.py', template: 'private-build/sample-pip/test_app.py.hbs', data: {}, mode: 'seed' },
          ];

    const endpointsPart = renderVpcEndpointsPart(ENDPOINTS_TEMPLATE_PATH, {
      description: `VPC endpoints for ${o.projectName}: CodeBuild without internet access, packages from CodeArtifact.`,
      // The CodePipeline runner moves its source and artifacts through the pipeline bucket.
      ...(pipeline ? { buildBucketArns: [`arn:${partitionOf(o.region)}:s3:::${bucket}`] } : {}),
    });
    const endpoints = ['codeartifact.api', 'codeartifact.repositories', 'logs', 'sts', 's3 (gateway)'];

    const [owner, repo] = o.source.repository.split('/') as [string, string];
    const runnerParts: ProjectPart[] = pipeline
      ? [
          // managed: versions and settings the generator compiled and synthesized the app with; `npm test` checks
          // the app with cdk-nag's AwsSolutions rules; S3 delivers access logs under a bucket policy, not an ACL.
          ...renderCdkProjectFiles({
            root: CDK_ROOT,
            packageName: `${o.projectName}-pipeline`,
            context: { '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true },
            extraDevDependencies: ['cdk-nag'],
            scripts: { test: 'tsx --test test/*.test.ts' },
            include: ['bin', 'lib', 'test'],
          }),
          { type: 'template', path: `${CDK_ROOT}/bin/app.ts`, template: 'shared/create-app-bin.ts.hbs', data: { blueprintId: 'private-build' } },
          // managed: the settings come from the options (VPC, subnets, source); `update` re-renders them.
          {
            type: 'template',
            path: `${CDK_ROOT}/lib/app.ts`,
            template: 'private-build/pipeline/lib/app.ts.hbs',
            data: {
              blueprintId: 'private-build',
              policyFile: POLICY_PATH,
              config: {
                projectName: o.projectName,
                stackName: `${o.projectName}-pipeline`,
                account: o.account,
                region: o.region,
                vpcId: o.vpc.vpcId,
                subnetIds: o.vpc.subnetIds,
                securityGroupIds: o.vpc.securityGroupIds,
                artifactBucketName: bucket,
                buildImage: BUILD_IMAGE,
                source: { owner, repo, branch: o.branch, connectionArn: o.source.connectionArn },
              },
            },
          },
          // managed: the blueprint's tested pipeline; `update` three-way merges the team's changes into it.
          { type: 'template', path: `${CDK_ROOT}/lib/private-build-stack.ts`, template: 'private-build/pipeline/lib/private-build-stack.ts.hbs', data: { blueprintId: 'private-build' } },
          { type: 'template', path: `${CDK_ROOT}/test/cdk-nag.test.ts`, template: 'shared/cdk-nag.test.ts.hbs', data: { blueprintId: 'private-build', applicationStages: false } },
        ]
      : // managed: the build action follows the options (environment, login, branch).
        [workflowPart(workflowDef(o))];

    const parts: ProjectPart[] = [
      // Only the CodePipeline runner's CodeBuild project reads buildspec.yml; the workflow's build action runs
      // the same steps itself.
      ...(pipeline ? [buildspecPart(o)] : []),
      // managed: the endpoints follow the runner (the pipeline bucket) and the blueprint's knowledge of what a
      // build without internet needs; nobody should hand-edit a security boundary that the README documents.
      endpointsPart,
      // managed: least privilege follows the options (domain, repository, subnets); reviewers read this file.
      { type: 'json', path: POLICY_PATH, value: buildRolePolicy(o), fileKind: 'iam-policy' },
      ...runnerParts,
      ...sample,
      // merged: the team adds its tools to the Dev Environment; `update` edits the keys it owns in place. No
      // postStart install: the packages come from CodeArtifact, which needs a login (credentials) first.
      renderDevfilePart(
        {
          commands: [
            { id: 'codeartifact-login', commandLine: login.join(' && ') },
            { id: 'install', commandLine: steps.devInstall },
            { id: 'test', commandLine: steps.test.join(' && ') },
          ],
        },
        { mode: 'merged' },
      ),
      // seed: teams add their own ignores.
      {
        type: 'text',
        path: '.gitignore',
        content: ['node_modules/', 'cdk.out/', '__pycache__/', '*.pyc', '.pytest_cache/', '.venv/', '*.log'].join('\n'),
        mode: 'seed',
      },
    ];

    const ca = o.codeArtifact;
    const data = {
      projectName: o.projectName,
      account: o.account,
      region: o.region,
      branch: o.branch,
      pipeline,
      sample: o.sample,
      npm: o.sample === 'npm',
      codeArtifact: { domain: ca.domain, domainOwner: ca.domainOwner, repository: ca.repository, region: ca.region ?? o.region, tools: toolsOf(o).join(', ') },
      publishes: toolsOf(o).includes('twine'),
      vpc: { vpcId: o.vpc.vpcId, subnets: o.vpc.subnetIds.join(', '), securityGroups: o.vpc.securityGroupIds.join(', ') },
      placeholders: placeholders(o),
      crossAccount: ca.domainOwner !== o.account,
      diagram: renderDiagram(o, endpoints),
      setupCommands: codeArtifactSetupCommands(o),
      endpointsCommands: endpointsDeployCommands(o, ENDPOINTS_TEMPLATE_PATH),
      endpointsPath: ENDPOINTS_TEMPLATE_PATH,
      policyPath: POLICY_PATH,
      developerLogin: developerLoginCommand(o),
      login,
      install: steps.devInstall,
      test: steps.test.join(' && '),
      run: steps.run.join(' && '),
      buildImage: BUILD_IMAGE,
      artifactBucket: bucket,
      cdkRoot: CDK_ROOT,
      stackName: `${o.projectName}-pipeline`,
      source: o.source,
      codecatalyst: o.codecatalyst,
      workflowPath: workflowPath({ name: WORKFLOW_NAME }),
      intoCodeCatalyst: intoCodeCatalyst({
        project: o.projectName,
        workflow: WORKFLOW_NAME,
        devfile: true,
        environments: [{ environment: o.codecatalyst.environment, connection: o.codecatalyst.connection, account: o.account, role: o.codecatalyst.role }],
      }),
    };
    // managed: the README documents the options (placeholders, commands, diagram) and follows them.
    const readme = readmePart('private-build/README.md.hbs', data, parts, {
      'buildspec.yml': 'CodeBuild build: CodeArtifact login, install, test, run',
      [ENDPOINTS_TEMPLATE_PATH]: 'CloudFormation: the VPC endpoints a build without internet needs',
      [POLICY_PATH]: pipeline ? 'least-privilege policy of the CodeBuild service role' : 'least-privilege policy of the workflow environment role',
      [`${CDK_ROOT}/bin/app.ts`]: 'CDK app entry: synthesizes the app of lib/app.ts',
      [`${CDK_ROOT}/lib/app.ts`]: 'the app, with the settings from the options (bin/app.ts and the tests build it)',
      [`${CDK_ROOT}/lib/private-build-stack.ts`]: 'the stack: CodeBuild project in the VPC, its role, the pipeline, the cdk-nag acknowledgements',
      [`${CDK_ROOT}/test/cdk-nag.test.ts`]: '`npm test`: cdk-nag AwsSolutions checks of the stack',
      [workflowPath({ name: 'PrivateBuild' })]: 'CodeCatalyst workflow: the build action in the VPC',
      'package.json': 'sample app: depends on mathjs',
      'index.js': 'sample app: evaluates an expression with mathjs',
      'test.js': 'unit test (node --test)',
      'requirements.txt': 'sample app: sympy and pytest',
      'app.py': 'sample app: evaluates an expression with sympy',
      'test_app.py': 'unit test (pytest)',
      'devfile.yaml': 'Dev Environment: CodeArtifact login, install and test commands',
    });
    return { files: [...parts, readme] };
  },
});
