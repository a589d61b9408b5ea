import { mapAwsError, profileInEffect, type AwsOperation } from './errors.js';

/** Standard SDK settings: the default credential chain, and `AWS_ENDPOINT_URL[_<SERVICE>]` read by the SDK itself. */
export interface AwsClientSettings {
  /** @default - the SDK's chain (AWS_REGION, the profile) */
  readonly region?: string;
  /** @default - AWS_PROFILE, else `default` */
  readonly profile?: string;
  /** @default 3 (the SDK's standard retry mode) */
  readonly maxAttempts?: number;
}

/** The SDK client configuration for these settings: only what was given, the SDK's defaults for the rest. */
export function sdkClientConfig(settings: AwsClientSettings): { region?: string; profile?: string; maxAttempts?: number } {
  return {
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...(settings.maxAttempts ? { maxAttempts: settings.maxAttempts } : {}),
  };
}

/** Runs SDK calls: whatever one throws becomes one clear error naming the operation and the profile in effect. */
export function awsCaller(settings: AwsClientSettings): <T>(op: AwsOperation, fn: () => Promise<T>) => Promise<T> {
  const ctx = profileInEffect(settings.profile);
  return async (op, fn) => {
    try {
      return await fn();
    } catch (e) {
      throw mapAwsError(e, op, ctx);
    }
  };
}
