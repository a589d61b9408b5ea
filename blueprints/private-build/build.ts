import {
  renderBuildRolePolicy,
  renderBuildspecPart,
  renderCodeArtifactLoginCommands,
  shellQuote,
  type BuildspecDef,
  type CodeArtifactLoginDef,
  type CodeArtifactTool,
  type PolicyDocument,
  type ProjectPart,
  type WorkflowDef,
} from '../../src/index.js';
import { toolsOf, type PrivateBuildOptions, type Sample } from './options.js';

/**
 * What the build does, in one place, so that the buildspec (CodePipeline runner), the workflow's build action
 * (CodeCatalyst runner) and the Dev Environment run the same steps: log in to CodeArtifact, install the
 * sample's dependencies (which can only come from there), test, run.
 */

/** The image the CodeBuild project uses (Amazon Linux 2023, standard 5.0): nodejs 22 and python 3.12 are on it. */
export const BUILD_IMAGE = 'aws/codebuild/amazonlinux-x86_64-standard:5.0';

interface SampleSteps {
  /** `phases.install.runtime-versions` on the CodeBuild image. */
  readonly runtime: Readonly<Record<string, string>>;
  readonly install: readonly string[];
  readonly test: readonly string[];
  /** Run the program: the article's "node index.js" proves the dependency resolved. */
  readonly run: readonly string[];
  /** Installing in a Dev Environment (not root: pip installs for the user). */
  readonly devInstall: string;
}

const STEPS: Readonly<Record<Sample, SampleSteps>> = {
  npm: {
    runtime: { nodejs: '22' },
    // No lockfile is generated (it would pin a registry URL); CodeArtifact has no audit endpoint, so skip audit.
    install: ['npm install --no-audit --no-fund'],
    test: ['npm test'],
    run: ['npm start'],
    devInstall: 'npm install --no-audit --no-fund',
  },
  pip: {
    runtime: { python: '3.12' },
    install: ['python3 -m pip install -r requirements.txt'],
    test: ['python3 -m pytest -q'],
    run: ['python3 app.py'],
    devInstall: 'python3 -m pip install --user -r requirements.txt',
  },
};

export function sampleSteps(sample: Sample): SampleSteps {
  return STEPS[sample];
}

/** The CodeArtifact login definition of the options (the region is always explicit: CodeCatalyst sets no AWS_REGION). */
export function loginDef(o: PrivateBuildOptions): CodeArtifactLoginDef {
  const ca = o.codeArtifact;
  return { domain: ca.domain, domainOwner: ca.domainOwner, repository: ca.repository, region: ca.region ?? o.region, tools: toolsOf(o) };
}

export function loginCommands(o: PrivateBuildOptions): string[] {
  return renderCodeArtifactLoginCommands(loginDef(o));
}

/** buildspec.yml: runtime, login (first thing of the install phase), install, then test and run in build. */
export function buildspecDef(o: PrivateBuildOptions): BuildspecDef {
  const s = sampleSteps(o.sample);
  return {
    phases: {
      install: { runtimeVersions: s.runtime, commands: s.install },
      build: { commands: [...s.test, ...s.run] },
    },
    codeArtifact: loginDef(o),
  };
}

export function buildspecPart(o: PrivateBuildOptions): ProjectPart {
  // managed: the login lines follow the options (domain, repository, tools); `update` three-way merges the
  // team's own build steps into the re-rendered file.
  return renderBuildspecPart('buildspec.yml', buildspecDef(o), 'managed');
}

export const WORKFLOW_NAME = 'PrivateBuild';
export const WORKFLOW_ACTION = 'BuildInVpc';

/** The CodeCatalyst runner: one build action, in the environment that is associated with the VPC connection. */
export function workflowDef(o: PrivateBuildOptions): WorkflowDef {
  const s = sampleSteps(o.sample);
  return {
    name: WORKFLOW_NAME,
    runMode: 'QUEUED',
    triggers: [
      { type: 'PUSH', branches: [o.branch] },
      { type: 'PULLREQUEST', events: ['OPEN', 'REVISION'], branches: [o.branch] },
    ],
    actions: [
      {
        name: WORKFLOW_ACTION,
        identifier: 'aws/build@v1',
        environment: { name: o.codecatalyst.environment, connection: { name: o.codecatalyst.connection, role: o.codecatalyst.role } },
        inputs: { sources: ['WorkflowSource'] },
        configuration: { steps: [...loginCommands(o), ...s.install, ...s.test, ...s.run] },
      },
    ],
  };
}

/** `aws` for the commercial regions, the partition of China and GovCloud regions otherwise. */
export function partitionOf(region: string): 'aws' | 'aws-cn' | 'aws-us-gov' {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * The build role's policy. CodePipeline runner: the CodeBuild service role (its log group, CodeArtifact, the
 * network interfaces of a VPC build). CodeCatalyst runner: the environment's role, which needs CodeArtifact
 * only (CodeCatalyst keeps the logs, and the VPC connection's own role creates the network interfaces).
 */
export function buildRolePolicy(o: PrivateBuildOptions): PolicyDocument {
  const doc = renderBuildRolePolicy({
    partition: partitionOf(o.region),
    region: o.region,
    account: o.account,
    projectName: o.projectName,
    codeArtifact: loginDef(o),
    ...(o.runner === 'codepipeline' ? { vpcSubnetIds: o.vpc.subnetIds } : {}),
  });
  return o.runner === 'codepipeline' ? doc : { ...doc, Statement: doc.Statement.filter((s) => s.Sid !== 'BuildLogs') };
}

/** The pipeline's artifact bucket: named, so the S3 gateway endpoint policy can allow exactly it. */
export function artifactBucketName(o: PrivateBuildOptions): string {
  return `${o.projectName}-pipeline-${o.account}-${o.region}`;
}

/** Public registry each tool's packages come from, as a CodeArtifact external connection. */
const EXTERNAL_CONNECTION: Readonly<Partial<Record<CodeArtifactTool, { store: string; connection: string }>>> = {
  npm: { store: 'npm-store', connection: 'public:npmjs' },
  pip: { store: 'pypi-store', connection: 'public:pypi' },
  twine: { store: 'pypi-store', connection: 'public:pypi' },
  maven: { store: 'maven-central-store', connection: 'public:maven-central' },
  gradle: { store: 'maven-central-store', connection: 'public:maven-central' },
  nuget: { store: 'nuget-store', connection: 'public:nuget-org' },
  dotnet: { store: 'nuget-store', connection: 'public:nuget-org' },
};

/**
 * Shell commands (one string each) that create the domain and the repository, with one upstream "store"
 * repository per public registry (a repository holds at most one external connection), as the console's
 * "public upstream repositories" choice does.
 */
export function codeArtifactSetupCommands(o: PrivateBuildOptions): string[] {
  const ca = o.codeArtifact;
  const region = `--region ${shellQuote(ca.region ?? o.region)}`;
  const domain = `--domain ${shellQuote(ca.domain)} --domain-owner ${shellQuote(ca.domainOwner)}`;
  const stores = [...new Map(toolsOf(o).flatMap((t) => (EXTERNAL_CONNECTION[t] ? [[EXTERNAL_CONNECTION[t]!.store, EXTERNAL_CONNECTION[t]!]] : []))).values()];
  return [
    `aws codeartifact create-domain --domain ${shellQuote(ca.domain)} ${region}`,
    ...stores.flatMap((s) => [
      `aws codeartifact create-repository ${domain} --repository ${s.store} ${region}`,
      `aws codeartifact associate-external-connection ${domain} --repository ${s.store} --external-connection ${s.connection} ${region}`,
    ]),
    [`aws codeartifact create-repository ${domain} --repository ${shellQuote(ca.repository)}`, ...(stores.length > 0 ? [`--upstreams ${stores.map((s) => `repositoryName=${s.store}`).join(' ')}`] : []), region].join(' '),
  ];
}

/** `aws cloudformation deploy` of the endpoints template, with the asset bucket looked up first. */
export function endpointsDeployCommands(o: PrivateBuildOptions, templatePath: string): string[] {
  const ca = o.codeArtifact;
  const region = shellQuote(o.region);
  return [
    `ASSET_BUCKET_ARN="$(aws codeartifact describe-domain --domain ${shellQuote(ca.domain)} --domain-owner ${shellQuote(ca.domainOwner)} --region ${region} --query domain.s3BucketArn --output text)"`,
    [
      `aws cloudformation deploy --region ${region} --stack-name ${shellQuote(`${o.projectName}-endpoints`)} --template-file ${templatePath}`,
      '--parameter-overrides',
      `VpcId=${o.vpc.vpcId}`,
      `SubnetIds=${o.vpc.subnetIds.join(',')}`,
      `RouteTableIds=${o.vpc.routeTableIds.join(',')}`,
      `BuildSecurityGroupId=${o.vpc.securityGroupIds[0]}`,
      '"CodeArtifactAssetBucketArn=${ASSET_BUCKET_ARN}"',
    ].join(' '),
  ];
}

/** The developer's login, with catalyst-gen itself (writes ~/.npmrc or pip.conf, mode 0600). */
export function developerLoginCommand(o: PrivateBuildOptions): string {
  const ca = o.codeArtifact;
  const tools = toolsOf(o).filter((t) => t === 'npm' || t === 'pip' || t === 'twine' || t === 'maven' || t === 'gradle');
  return [
    'catalyst-gen codeartifact login',
    ...tools.map((t) => `--tool ${t}`),
    `--domain ${shellQuote(ca.domain)}`,
    `--domain-owner ${shellQuote(ca.domainOwner)}`,
    `--repository ${shellQuote(ca.repository)}`,
    `--region ${shellQuote(ca.region ?? o.region)}`,
  ].join(' ');
}
