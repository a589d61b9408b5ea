import type { ProjectPart } from '../model/project.js';

/**
 * Versions pinned into generated CDK projects. They are the versions this repository tests generated apps
 * with (test/catalogue checks they match package.json), so what `new` writes is what was compiled and synthesized.
 */
export const GENERATED_VERSIONS = {
  'aws-cdk-lib': '2.276.0',
  constructs: '10.8.1',
  'aws-cdk': '2.1148.1',
  typescript: '7.0.2',
  tsx: '4.23.15',
  '@types/node': '20.19.9',
} as const;

export interface CdkProjectDef {
  /** Folder of the CDK app inside the repository, e.g. `infra`. */
  readonly root: string;
  /** npm package name of the app. */
  readonly packageName: string;
  /** Entry point relative to `root`. @default 'bin/app.ts' */
  readonly entry?: string;
  /** CDK context written to cdk.json (feature flags, permissions boundary...). @default {} */
  readonly context?: Readonly<Record<string, unknown>>;
  /** Extra npm scripts. @default {} */
  readonly scripts?: Readonly<Record<string, string>>;
}

/**
 * package.json, tsconfig.json and cdk.json of a TypeScript CDK app. The app runs through `tsx`, which works
 * with any TypeScript version (ts-node does not work with TypeScript 7); `npm run build` type-checks with tsc.
 */
export function renderCdkProjectFiles(def: CdkProjectDef): ProjectPart[] {
  const entry = def.entry ?? 'bin/app.ts';
  const v = GENERATED_VERSIONS;
  return [
    {
      type: 'json',
      path: `${def.root}/package.json`,
      value: {
        name: def.packageName,
        version: '0.1.0',
        private: true,
        scripts: { build: 'tsc --noEmit', synth: 'cdk synth', diff: 'cdk diff', deploy: 'cdk deploy', ...def.scripts },
        dependencies: { 'aws-cdk-lib': v['aws-cdk-lib'], constructs: v.constructs },
        devDependencies: { '@types/node': v['@types/node'], 'aws-cdk': v['aws-cdk'], tsx: v.tsx, typescript: v.typescript },
      },
    },
    {
      type: 'json',
      path: `${def.root}/tsconfig.json`,
      value: {
        compilerOptions: {
          target: 'es2022',
          // CommonJS semantics (no "type": "module"), resolved the way Node does; TypeScript 7 has no node10 mode.
          module: 'nodenext',
          lib: ['es2022'],
          types: ['node'],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          esModuleInterop: true,
        },
        include: ['bin', 'lib', 'test'],
      },
    },
    {
      type: 'json',
      path: `${def.root}/cdk.json`,
      value: {
        app: `npx tsx ${entry}`,
        watch: { include: ['bin/**', 'lib/**'] },
        context: { ...def.context },
      },
    },
  ];
}
