import type { SidecarDef } from '../model/devfile.js';

/**
 * Ready-made sidecars for local services in a Dev Environment. Containers of one Dev Environment share the
 * network namespace (devfile pod semantics), so the main container reaches them on `localhost`; each
 * sidecar exports the variables the project needs to find it (`mainEnv`).
 */

export interface DynamoDbLocalProps {
  /** @default 'dynamodb-local' */
  readonly name?: string;
  /** @default 'public.ecr.aws/aws-dynamodb-local/aws-dynamodb-local:2.5.3' (AWS's own copy on ECR Public, like the other sidecars: no Docker Hub rate limit) */
  readonly image?: string;
  /** @default 8000 */
  readonly port?: number;
  /** Keep tables in memory only (fast, lost on restart). @default true */
  readonly inMemory?: boolean;
}

/**
 * AWS publishes DynamoDB Local on the Amazon ECR Public Gallery as `aws-dynamodb-local/aws-dynamodb-local`, the
 * same image as Docker Hub's `amazon/dynamodb-local` (same entrypoint, `java`, in /home/dynamodblocal). Release
 * 2.5.3 is listed in the DynamoDB developer guide's "Release history for DynamoDB local"
 * (docs.aws.amazon.com/amazondynamodb/latest/developerguide/DynamoDBLocalHistory.html); the ECR Public
 * repository name and its 2.5.3 tag were confirmed in public sources (projects pulling
 * `public.ecr.aws/aws-dynamodb-local/aws-dynamodb-local:2.5.3`). A pinned tag, so every Dev Environment runs the
 * same version; `image` overrides it.
 */
export const DYNAMODB_LOCAL_IMAGE = 'public.ecr.aws/aws-dynamodb-local/aws-dynamodb-local:2.5.3';

/** DynamoDB Local, as in the "Managing Dev Environments" walkthrough: `IS_LOCAL=true` and the endpoint in the main container. */
export function dynamoDbLocalSidecar(props: DynamoDbLocalProps = {}): SidecarDef {
  const port = props.port ?? 8000;
  return {
    name: props.name ?? 'dynamodb-local',
    image: props.image ?? DYNAMODB_LOCAL_IMAGE,
    // The image's entrypoint is `java`; these are its arguments.
    args: ['-jar', 'DynamoDBLocal.jar', '-sharedDb', ...(props.inMemory === false ? [] : ['-inMemory']), '-port', String(port)],
    mainEnv: { IS_LOCAL: 'true', DYNAMODB_ENDPOINT: `http://localhost:${port}` },
  };
}

export interface PostgresProps {
  /** @default 'postgres' */
  readonly name?: string;
  /** @default 'public.ecr.aws/docker/library/postgres:16' (Docker's official image, from ECR Public: no Docker Hub rate limit) */
  readonly image?: string;
  /** @default 'app' */
  readonly database?: string;
  /** @default 'postgres' */
  readonly user?: string;
  /** A local development password, written in the devfile in clear. @default 'postgres' */
  readonly password?: string;
}

/** PostgreSQL on localhost:5432, with the libpq variables (`PGHOST`...) and `DATABASE_URL` in the main container. */
export function postgresSidecar(props: PostgresProps = {}): SidecarDef {
  const db = props.database ?? 'app';
  const user = props.user ?? 'postgres';
  const password = props.password ?? 'postgres';
  return {
    name: props.name ?? 'postgres',
    image: props.image ?? 'public.ecr.aws/docker/library/postgres:16',
    env: { POSTGRES_DB: db, POSTGRES_USER: user, POSTGRES_PASSWORD: password },
    mainEnv: {
      PGHOST: 'localhost',
      PGPORT: '5432',
      PGDATABASE: db,
      PGUSER: user,
      PGPASSWORD: password,
      DATABASE_URL: `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@localhost:5432/${encodeURIComponent(db)}`,
    },
  };
}

export interface RedisProps {
  /** @default 'redis' */
  readonly name?: string;
  /** @default 'public.ecr.aws/docker/library/redis:7' */
  readonly image?: string;
}

/** Redis on localhost:6379, with `REDIS_URL` in the main container. */
export function redisSidecar(props: RedisProps = {}): SidecarDef {
  return {
    name: props.name ?? 'redis',
    image: props.image ?? 'public.ecr.aws/docker/library/redis:7',
    mainEnv: { REDIS_URL: 'redis://localhost:6379' },
  };
}

/** The sidecars `catalyst-gen devfile add-sidecar` knows, by the name users type. */
export const SIDECARS = {
  'dynamodb-local': () => dynamoDbLocalSidecar(),
  postgres: () => postgresSidecar(),
  redis: () => redisSidecar(),
} as const satisfies Record<string, () => SidecarDef>;

export type SidecarName = keyof typeof SIDECARS;
