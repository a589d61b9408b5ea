/**
 * Which runtimes each CodeBuild image has, for `phases.install.runtime-versions`. One table for every image
 * family; `runtimes.ts` reads it.
 *
 * Sources:
 * - Ubuntu (`standard`), Amazon Linux (`amazonlinux`) and ARM (`arm`) images: the `runtimes.yml` each image
 *   reads to select a runtime (github aws/aws-codebuild-docker-images @ 1590e48, 2026-04-09; read as text, so
 *   3.10 stays "3.10"). They agree with the CodeBuild user guide's "Available runtimes" table
 *   (docs.aws.amazon.com/codebuild/latest/userguide/available-runtimes.html), which lists the current images
 *   only; `current: false` marks the images that page no longer lists (they still run, but a buildspec is not
 *   checked against them unless `--build-image` names one). AArch64 4.0 is newer than that page's table:
 *   its runtimes.yml is the only source.
 * - Windows (`windows`): the same page's "Windows image runtimes" table (Windows Server Core 2019 standard 1.0,
 *   2.0, 3.0, which are the image ids `windows-base:2019-1.0` ... `2019-3.0`). It lists what each image
 *   contains; whether runtime-versions chooses among them there is not documented, so a mismatch is a warning.
 * - Lambda compute (`lambda`): the same page and "Lambda compute images" (lambda-compute-images.html): one
 *   runtime per image, named by its tag. The Lambda page says Lambda compute does not support custom runtime
 *   environments, so runtime-versions selects nothing there.
 */
export type ImageFamily = 'standard' | 'amazonlinux' | 'arm' | 'windows' | 'lambda';

export type RuntimeTable = Readonly<Record<string, readonly string[]>>;

export interface ImageRuntimes {
  /** Image ids, the first canonical, then aliases CodeBuild accepts for the same image. */
  readonly ids: readonly string[];
  readonly family: ImageFamily;
  /** Listed in the user guide's current "Available runtimes" table. */
  readonly current: boolean;
  readonly runtimes: RuntimeTable;
}

const corretto = (...v: number[]) => v.map((n) => `corretto${n}`);

const linux = (family: 'standard' | 'amazonlinux' | 'arm', ids: string[], current: boolean, runtimes: RuntimeTable): ImageRuntimes => ({ ids, family, current, runtimes });

// The three newest Linux generations share one set of runtimes (AL2023 5.0, Ubuntu 7.0, AArch64 3.0) or the
// next one (AL2023 6.0, Ubuntu 8.0, AArch64 4.0); the ARM images add docker and rust, 3.0 also php 8.1.
const gen5: RuntimeTable = {
  java: corretto(25, 21, 17, 11, 8),
  golang: ['1.26', '1.25', '1.24', '1.23', '1.22', '1.21', '1.20'],
  python: ['3.14', '3.13', '3.12', '3.11', '3.10', '3.9'],
  php: ['8.5', '8.4', '8.3', '8.2'],
  ruby: ['4.0', '3.4', '3.3', '3.2', '3.1'],
  nodejs: ['24', '22', '20', '18'],
  dotnet: ['10.0', '8.0', '6.0'],
};
const gen6: RuntimeTable = {
  java: corretto(25, 21, 17, 11, 8),
  golang: ['1.26', '1.25', '1.24'],
  python: ['3.14', '3.13', '3.12', '3.11', '3.10'],
  php: ['8.5', '8.4', '8.3', '8.2'],
  ruby: ['4.0', '3.4', '3.3'],
  nodejs: ['24', '22'],
  dotnet: ['10.0', '8.0'],
};

const LINUX: readonly ImageRuntimes[] = [
  linux('standard', ['aws/codebuild/standard:8.0'], true, { ...gen6, rust: ['1.93'] }),
  linux('standard', ['aws/codebuild/standard:7.0'], true, gen5),
  linux('standard', ['aws/codebuild/standard:6.0'], false, { java: corretto(17), golang: ['1.18'], python: ['3.10'], php: ['8.1'], ruby: ['3.1'], nodejs: ['16'], dotnet: ['6.0'] }),
  linux('standard', ['aws/codebuild/standard:5.0'], false, {
    java: corretto(8, 11),
    golang: ['1.15', '1.16'],
    python: ['3.7', '3.8', '3.9'],
    php: ['7.3', '7.4', '8.0'],
    ruby: ['2.6', '2.7'],
    nodejs: ['12', '14'],
    dotnet: ['3.1', '5.0'],
  }),
  linux('amazonlinux', ['aws/codebuild/amazonlinux-x86_64-standard:6.0'], true, { ...gen6, rust: ['1.93'] }),
  linux('amazonlinux', ['aws/codebuild/amazonlinux-x86_64-standard:5.0', 'aws/codebuild/amazonlinux2-x86_64-standard:5.0'], true, gen5),
  linux('amazonlinux', ['aws/codebuild/amazonlinux2-x86_64-standard:4.0', 'aws/codebuild/amazonlinux-x86_64-standard:4.0'], false, {
    java: corretto(17),
    golang: ['1.18'],
    python: ['3.9'],
    php: ['8.1'],
    ruby: ['3.1'],
    nodejs: ['16'],
    docker: ['20'],
    dotnet: ['6.0'],
  }),
  linux('amazonlinux', ['aws/codebuild/amazonlinux2-x86_64-standard:corretto11', 'aws/codebuild/amazonlinux-x86_64-standard:corretto11'], true, { java: corretto(11) }),
  linux('amazonlinux', ['aws/codebuild/amazonlinux2-x86_64-standard:corretto8', 'aws/codebuild/amazonlinux-x86_64-standard:corretto8'], true, { java: corretto(8) }),
  linux('arm', ['aws/codebuild/amazonlinux-aarch64-standard:4.0', 'aws/codebuild/amazonlinux2-aarch64-standard:4.0'], true, { ...gen6, rust: ['1.94'], docker: ['23'] }),
  linux('arm', ['aws/codebuild/amazonlinux-aarch64-standard:3.0', 'aws/codebuild/amazonlinux2-aarch64-standard:3.0'], true, { ...gen5, php: ['8.5', '8.4', '8.3', '8.2', '8.1'], rust: ['1.94'], docker: ['23'] }),
  linux('arm', ['aws/codebuild/amazonlinux2-aarch64-standard:2.0', 'aws/codebuild/amazonlinux-aarch64-standard:2.0'], false, {
    java: corretto(11, 8),
    golang: ['1.12', '1.13', '1.14'],
    python: ['3.9', '3.8', '3.7'],
    php: ['7.4', '7.3'],
    ruby: ['2.6', '2.7'],
    nodejs: ['10', '12'],
    docker: ['19'],
    dotnet: ['3.1'],
  }),
];

const WINDOWS: readonly ImageRuntimes[] = [
  {
    ids: ['aws/codebuild/windows-base:2019-3.0'],
    family: 'windows',
    current: true,
    runtimes: {
      dotnet: ['8.0'],
      golang: ['1.21', '1.22', '1.23'],
      gradle: ['8.12'],
      java: corretto(8, 11, 17, 21),
      maven: ['3.9'],
      nodejs: ['20.18', '22.13'],
      php: ['8.3', '8.4'],
      powershell: ['7.4'],
      python: ['3.10', '3.11', '3.12', '3.13'],
      ruby: ['3.2', '3.3', '3.4'],
    },
  },
  {
    ids: ['aws/codebuild/windows-base:2019-2.0'],
    family: 'windows',
    current: true,
    runtimes: { dotnet: ['3.1', '6.0', '7.0'], golang: ['1.18'], gradle: ['7.6'], java: corretto(11, 17), maven: ['3.8'], nodejs: ['16.19'], php: ['8.1'], powershell: ['7.2'], python: ['3.10'], ruby: ['3.1'] },
  },
  {
    ids: ['aws/codebuild/windows-base:2019-1.0'],
    family: 'windows',
    current: true,
    runtimes: { dotnet: ['3.1', '5.0'], golang: ['1.14'], gradle: ['6.7'], java: corretto(11), maven: ['3.6'], nodejs: ['14.15'], php: ['7.4'], powershell: ['7.1'], python: ['3.8'], ruby: ['2.7'] },
  },
];

/** Lambda compute image tags and the one runtime each has. */
const LAMBDA_TAGS: Readonly<Record<string, readonly [string, string]>> = {
  corretto11: ['java', 'corretto11'],
  corretto17: ['java', 'corretto17'],
  corretto21: ['java', 'corretto21'],
  dotnet6: ['dotnet', '6.0'],
  dotnet8: ['dotnet', '8.0'],
  'go1.21': ['golang', '1.21'],
  'go1.24': ['golang', '1.24'],
  nodejs18: ['nodejs', '18'],
  nodejs20: ['nodejs', '20'],
  nodejs22: ['nodejs', '22'],
  'python3.11': ['python', '3.11'],
  'python3.12': ['python', '3.12'],
  'python3.13': ['python', '3.13'],
  'ruby3.2': ['ruby', '3.2'],
  'ruby3.4': ['ruby', '3.4'],
};

const LAMBDA: readonly ImageRuntimes[] = Object.entries(LAMBDA_TAGS).map(([tag, [rt, version]]) => ({
  ids: [`aws/codebuild/amazonlinux-x86_64-lambda-standard:${tag}`, `aws/codebuild/amazonlinux-aarch64-lambda-standard:${tag}`],
  family: 'lambda' as const,
  current: true,
  runtimes: { [rt]: [version] },
}));

export const IMAGES: readonly ImageRuntimes[] = [...LINUX, ...WINDOWS, ...LAMBDA];

/**
 * Versions CodeBuild installs on demand on Ubuntu and Amazon Linux images when they are not pre-installed
 * ("Custom runtime versions" in runtime-versions.html): the runtime, and the forms its version may take.
 */
export const CUSTOM_RUNTIME_SYNTAX: Readonly<Record<string, RegExp>> = {
  dotnet: /^\d+\.\d+\.\d+$/,
  golang: /^\d+\.\d+(\.\d+)?$/,
  java: /^corretto\d+$/,
  nodejs: /^\d+(\.\d+){0,2}$/,
  php: /^\d+\.\d+\.\d+$/,
  python: /^\d+(\.\d+){0,2}$/,
  ruby: /^\d+\.\d+\.\d+$/,
};
