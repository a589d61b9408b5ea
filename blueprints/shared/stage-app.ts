import { renderCdkProjectFiles, type ProjectPart } from '../../src/index.js';
import { lambdaRuntimeConstant, type PythonRuntime, type StageOption } from './options.js';

/**
 * The CDK app of the delivery blueprints (three-tier-web, serverless-python): one stack per stage, the stage from
 * the CDK context. Its construction is a function (lib/app.ts), so the entry point (bin/app.ts) and the app's own
 * test (test/nag.test.ts: cdk-nag's AwsSolutions rules on every stage, `npm test`) build the same stacks.
 */
export interface StageAppDef {
  readonly blueprintId: string;
  readonly appName: string;
  /** Folder of the CDK app. */
  readonly root: string;
  readonly stages: readonly StageOption[];
  readonly pythonRuntime: PythonRuntime;
  /** The stack class and its module under lib/. */
  readonly stackClass: string;
  readonly stackModule: string;
  /** The options lib/app.ts passes, as its comment names them. */
  readonly optionsNamed: string;
  /** Props from options beyond stage, production and runtime, rendered as TypeScript literals. */
  readonly extraProps: Readonly<Record<string, string>>;
  /** The stack description after `<appName> (<stage>): `. */
  readonly description: string;
}

export function renderStageApp(def: StageAppDef): ProjectPart[] {
  const at = (file: string) => `${def.root}/${file}`;
  const data = {
    blueprintId: def.blueprintId,
    appName: def.appName,
    defaultStage: def.stages[0]!.name,
    productionStage: def.stages[def.stages.length - 1]!.name,
    stageEnvs: Object.fromEntries(def.stages.map((s) => [s.name, { account: s.account, region: s.region }])),
    lambdaRuntime: lambdaRuntimeConstant(def.pythonRuntime),
    stackClass: def.stackClass,
    stackModule: def.stackModule,
    optionsNamed: def.optionsNamed,
    extraProps: def.extraProps,
    description: def.description,
  };
  return [
    // managed: versions and settings the generator tested the app with; `update` merges the team's additions.
    ...renderCdkProjectFiles({
      root: def.root,
      packageName: `${def.appName}-infra`,
      // tsx runs the TypeScript tests with Node's own test runner: no test framework to install.
      scripts: { test: 'tsx --test test/*.test.ts' },
      extraDevDependencies: ['cdk-nag'],
      include: ['bin', 'lib', 'test'],
    }),
    // managed: every option the stack uses is in lib/app.ts and reaches the seed stack as props, so `update`
    // applies option changes while the stack stays the team's; bin/app.ts only picks the stage.
    { type: 'template', path: at('bin/app.ts'), template: 'shared/stage-app-bin.ts.hbs', data },
    { type: 'template', path: at('lib/app.ts'), template: 'shared/stage-app.ts.hbs', data },
    // seed: the building blocks the stack uses (logs, roles, API protection) become the team's, like the stack.
    { type: 'template', path: at('lib/hardening.ts'), template: 'shared/hardening.ts.hbs', data: {}, mode: 'seed' },
    // seed: the team's tests grow with the stack.
    { type: 'template', path: at('test/nag.test.ts'), template: 'shared/nag.test.ts.hbs', data: {}, mode: 'seed' },
  ];
}

/** The README's words for the files renderStageApp writes. */
export function stageAppFileDescriptions(root: string): Record<string, string> {
  return {
    [`${root}/bin/app.ts`]: 'CDK app entry: the stack of the stage the CDK context names',
    [`${root}/lib/app.ts`]: 'the options the stacks use (stages, accounts, runtime...) and one stack per stage',
    [`${root}/lib/hardening.ts`]: 'what the stack builds its parts with: log groups, least-privilege roles, API logs, validation and web ACL',
    [`${root}/test/nag.test.ts`]: "cdk-nag's AwsSolutions rules on the stack of every stage (`npm test`)",
  };
}

/**
 * Workflow steps: the app's own tests (cdk-nag) run with the unit tests in both workflows, so nothing that fails
 * them reaches a deployment; pull requests also type-check and synthesize.
 */
export function stageAppSteps(root: string, firstStage: string): { test: string[]; check: string[] } {
  return {
    test: [`npm install --prefix ${root}`, `npm test --prefix ${root}`],
    check: [`npm run build --prefix ${root}`, `(cd ${root} && npx cdk synth --quiet -c stage=${firstStage})`],
  };
}
