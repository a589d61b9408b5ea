import type { OwnershipMode, ProjectPart } from '../model/project.js';

/**
 * Versions pinned into generated CDK projects. They are the versions this repository tests generated apps
 * with (a test checks they match package.json), so what `new` writes is what was compiled and synthesized.
 */
export const GENERATED_VERSIONS = {
  'aws-cdk-lib': '2.276.0',
  constructs: '10.8.1',
  'aws-cdk': '2.1148.1',
  typescript: '7.0.2',
  tsx: '4.23.15',
  '@types/node': '20.19.9',
  yaml: '2.9.1',
  vitest: '4.1.12',
  /** The AwsSolutions rule pack a generated app's own tests apply. */
  'cdk-nag': '3.0.2',
  /** This package's own version: what a blueprint package made by `blueprint init` depends on. */
  'catalyst-gen': '0.1.0',
} as const;

export interface CdkProjectDef {
  /** Folder of the CDK app inside the repository, e.g. `infra`; `''` for the repository root. */
  readonly root: string;
  /** npm package name of the app. */
  readonly packageName: string;
  /** Entry point relative to `root`. @default 'bin/app.ts' */
  readonly entry?: string;
  /** CDK context written to cdk.json (feature flags, permissions boundary...). @default {} */
  readonly context?: Readonly<Record<string, unknown>>;
  /** Extra npm scripts. @default {} */
  readonly scripts?: Readonly<Record<string, string>>;
  /** Extra runtime dependencies, from GENERATED_VERSIONS. @default [] */
  readonly extraDependencies?: readonly (keyof typeof GENERATED_VERSIONS)[];
  /** Extra development dependencies (tools the app's checks run), from GENERATED_VERSIONS. @default [] */
  readonly extraDevDependencies?: readonly (keyof typeof GENERATED_VERSIONS)[];
  /** Folders tsc checks. @default ['bin', 'lib'] */
  readonly include?: readonly string[];
  /**
   * Ownership of package.json. Teams add dependencies to it, so a blueprint may hand it over as `seed`.
   * @default 'managed'
   */
  readonly packageJsonMode?: OwnershipMode;
}

/**
 * package.json, tsconfig.json and cdk.json of a TypeScript CDK app. The app runs through `tsx`, which works
 * with any TypeScript version (ts-node does not work with TypeScript 7); `npm run build` type-checks with tsc.
 */
export function renderCdkProjectFiles(def: CdkProjectDef): ProjectPart[] {
  const at = (file: string) => (def.root === '' ? file : `${def.root}/${file}`);
  const v = GENERATED_VERSIONS;
  const extra = Object.fromEntries((def.extraDependencies ?? []).map((d) => [d, v[d]]));
  const extraDev = Object.fromEntries((def.extraDevDependencies ?? []).map((d) => [d, v[d]]));
  return [
    {
      type: 'json',
      path: at('package.json'),
      mode: def.packageJsonMode ?? 'managed',
      value: {
        name: def.packageName,
        version: '0.1.0',
        private: true,
        scripts: { build: 'tsc --noEmit', synth: 'cdk synth', diff: 'cdk diff', deploy: 'cdk deploy', cdk: 'cdk', ...def.scripts },
        dependencies: { 'aws-cdk-lib': v['aws-cdk-lib'], constructs: v.constructs, ...extra },
        devDependencies: { '@types/node': v['@types/node'], 'aws-cdk': v['aws-cdk'], ...extraDev, tsx: v.tsx, typescript: v.typescript },
      },
    },
    {
      type: 'json',
      path: at('tsconfig.json'),
      value: {
        compilerOptions: {
          target: 'es2022',
          // CommonJS semantics (no "type": "module"), resolved the way Node does; TypeScript 7 has no node10 mode.
          module: 'nodenext',
          moduleResolution: 'nodenext',
          lib: ['es2022'],
          // TypeScript 7 no longer picks up @types packages by itself.
          types: ['node'],
          strict: true,
          noImplicitReturns: true,
          noFallthroughCasesInSwitch: true,
          noEmit: true,
          skipLibCheck: true,
          esModuleInterop: true,
        },
        include: [...(def.include ?? ['bin', 'lib'])],
        exclude: ['node_modules', 'cdk.out'],
      },
    },
    {
      type: 'json',
      path: at('cdk.json'),
      value: {
        app: `npx tsx ${def.entry ?? 'bin/app.ts'}`,
        watch: { include: ['bin/**', 'lib/**'], exclude: ['README.md', 'cdk*.json', '**/*.d.ts', '**/*.js', 'tsconfig.json', 'package*.json', 'node_modules', 'test'] },
        context: { ...def.context },
      },
    },
  ];
}
