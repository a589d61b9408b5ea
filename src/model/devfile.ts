/**
 * Authoring types for devfiles that CodeCatalyst Dev Environments run: devfile 2.0.0, one main container the
 * IDE attaches to (it mounts the sources), sidecar containers for local services, volumes, exec commands and
 * `postStart` events. That is the feature set CodeCatalyst documents; `renderDevfile` turns a `DevfileDef`
 * into the wire value, and the devfile validator checks the result.
 */

/** The image AWS provides for Dev Environments. Tags `3.0` and `4.0` are supported; `latest` maps to 3.0. */
export const UNIVERSAL_IMAGE_REPOSITORY = 'public.ecr.aws/aws-mde/universal-image';

/** The universal image tag used when none is given. Pinned, never `latest`, so environments are reproducible. */
export const DEFAULT_UNIVERSAL_IMAGE_TAG = '4.0';

/** `public.ecr.aws/aws-mde/universal-image:<tag>`. */
export function universalImage(tag: string = DEFAULT_UNIVERSAL_IMAGE_TAG): string {
  return `${UNIVERSAL_IMAGE_REPOSITORY}:${tag}`;
}

/** Environment variables by name. Values are strings (the devfile schema rejects numbers and booleans). */
export type EnvVars = Readonly<Record<string, string>>;

export interface DevfileMetadata {
  /**
   * The devfile name. Changing it on an existing project replaces every Dev Environment's `/home`.
   * @default 'aws-universal' (the name of AWS's default devfile, so switching from it keeps `/home`)
   */
  readonly name?: string;
  /** Semantic version of the devfile. @default '1.0.1' */
  readonly version?: string;
  /** @default - none */
  readonly displayName?: string;
  /** @default - none */
  readonly description?: string;
  /** @default - none */
  readonly tags?: readonly string[];
  /** @default - none */
  readonly projectType?: string;
}

export interface VolumeMountDef {
  /** Name of a volume component. */
  readonly name: string;
  /** Absolute path inside the container. */
  readonly path: string;
}

/** A container component other than the main one: a local service such as DynamoDB Local or PostgreSQL. */
export interface SidecarDef {
  /** Component name: lowercase letters, digits and `-`. */
  readonly name: string;
  /** A public image, with a pinned tag. */
  readonly image: string;
  /** Overrides the image's entrypoint. @default - the image's entrypoint */
  readonly command?: readonly string[];
  /** Arguments for the entrypoint. @default - the image's default arguments */
  readonly args?: readonly string[];
  /** Environment of the sidecar itself. @default - none */
  readonly env?: EnvVars;
  /**
   * Environment added to the main container so the project can find this service (endpoint URLs, flags).
   * @default - none
   */
  readonly mainEnv?: EnvVars;
  /** @default - none */
  readonly volumeMounts?: readonly VolumeMountDef[];
}

export interface MainContainerDef {
  /**
   * Component name. Changing it on an existing project replaces every Dev Environment's `/home`.
   * @default 'aws-runtime' (the name in AWS's default devfile)
   */
  readonly name?: string;
  /** @default universalImage('4.0') */
  readonly image?: string;
  /** @default - the image's entrypoint */
  readonly command?: readonly string[];
  /** @default - none */
  readonly args?: readonly string[];
  /** Environment of the container the IDE runs in. Sidecars' `mainEnv` is merged in. @default - none */
  readonly env?: EnvVars;
  /** Extra mounts; the docker-store mount is added when `dockerStore` is on. @default - none */
  readonly volumeMounts?: readonly VolumeMountDef[];
}

export interface VolumeDef {
  readonly name: string;
  /** Kubernetes quantity, e.g. `16Gi`. @default - the platform's default size */
  readonly size?: string;
}

export interface ExecCommandDef {
  /** Lowercase id; run it in a Dev Environment with `/aws/mde/mde command <id>`. */
  readonly id: string;
  readonly commandLine: string;
  /** Container that runs it. @default - the main container */
  readonly component?: string;
  /** @default '$PROJECT_SOURCE' */
  readonly workingDir?: string;
  /** Run it when the Dev Environment starts (a `postStart` event), in declaration order. @default false */
  readonly postStart?: boolean;
}

export interface DockerStoreDef {
  /** @default '16Gi' */
  readonly size?: string;
}

export interface DevfileDef {
  /** @default - see DevfileMetadata */
  readonly metadata?: DevfileMetadata;
  /** @default - the universal image as `aws-runtime` */
  readonly main?: MainContainerDef;
  /** @default - none */
  readonly sidecars?: readonly SidecarDef[];
  /**
   * A `docker-store` volume mounted on `/var/lib/docker` in the main container, as in AWS's default devfile,
   * so Docker images survive restarts. `false` leaves it out.
   * @default { size: '16Gi' }
   */
  readonly dockerStore?: DockerStoreDef | false;
  /** Other volume components. @default - none */
  readonly volumes?: readonly VolumeDef[];
  /** @default - none */
  readonly commands?: readonly ExecCommandDef[];
}

/** The defaults the renderer applies, exported so edits and blueprints agree with it. */
export const DEVFILE_DEFAULTS = {
  schemaVersion: '2.0.0',
  metadataName: 'aws-universal',
  metadataVersion: '1.0.1',
  mainComponent: 'aws-runtime',
  workingDir: '$PROJECT_SOURCE',
  dockerStoreName: 'docker-store',
  dockerStorePath: '/var/lib/docker',
  dockerStoreSize: '16Gi',
} as const;
