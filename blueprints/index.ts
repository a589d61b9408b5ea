import type { Blueprint } from '../src/index.js';
import { starter } from './starter/index.js';
import { threeTierWeb } from './three-tier-web/index.js';
import { privateBuild } from './private-build/index.js';
import { secureCdkPipeline } from './secure-cdk-pipeline/index.js';
import { serverlessPython } from './serverless-python/index.js';
import { multiAccountControl } from './multi-account-control/index.js';
import { blueprintPackage } from './blueprint-package/index.js';

/** The catalogue, in the order `list` shows it. */
export const catalogue: readonly Blueprint<any>[] = [starter, threeTierWeb, privateBuild, secureCdkPipeline, multiAccountControl, serverlessPython, blueprintPackage];
