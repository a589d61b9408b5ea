import { isRecord } from '../../../model/values.js';
import type { Rule } from '../../rule.js';

export type Obj = Record<string, unknown>;

/** The phases of a buildspec, in the order CodeBuild runs them. */
export const PHASES = ['install', 'pre_build', 'build', 'post_build'];

/** What the buildspec rules look at: the buildspec in its canonical form (`../lenient.ts` has rewritten the rest). */
export interface BuildspecContext {
  readonly doc: Obj;
  readonly phases: Obj | undefined;
  readonly env: Obj | undefined;
  readonly batch: Obj | undefined;
}

export type BuildspecRule = Rule<BuildspecContext>;

export function buildspecContext(doc: unknown): BuildspecContext | undefined {
  if (!isRecord(doc)) return undefined;
  const at = (k: string) => (isRecord(doc[k]) ? doc[k] : undefined);
  return { doc, phases: at('phases'), env: at('env'), batch: at('batch') };
}
