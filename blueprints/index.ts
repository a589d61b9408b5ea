import type { Blueprint } from '../src/index.js';
import { starter } from './starter/index.js';
import { secureCdkPipeline } from './secure-cdk-pipeline/index.js';

/** The catalogue, in the order `list` shows it. */
export const catalogue: readonly Blueprint<any>[] = [starter, secureCdkPipeline];
