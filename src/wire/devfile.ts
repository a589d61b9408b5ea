/**
 * The devfile as it is written (devfile 2.0.0 spelling), restricted to what catalyst-gen renders. Key order
 * in these objects is the order the renderer emits.
 */
export interface WireEnvVar {
  readonly name: string;
  readonly value: string;
}

export interface WireVolumeMount {
  readonly name: string;
  readonly path?: string;
}

export interface WireContainer {
  readonly image: string;
  readonly mountSources?: boolean;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly env?: readonly WireEnvVar[];
  readonly volumeMounts?: readonly WireVolumeMount[];
}

export interface WireComponent {
  readonly name: string;
  readonly container?: WireContainer;
  readonly volume?: { readonly size?: string };
}

export interface WireExecCommand {
  readonly id: string;
  readonly exec: {
    readonly component: string;
    readonly commandLine: string;
    readonly workingDir?: string;
  };
}

export interface WireDevfile {
  readonly schemaVersion: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly components?: readonly WireComponent[];
  readonly commands?: readonly WireExecCommand[];
  readonly events?: { readonly postStart?: readonly string[] };
}
