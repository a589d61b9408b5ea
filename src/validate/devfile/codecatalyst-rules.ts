import type { Finding } from '../../model/diagnostic.js';
import { runRules } from '../rule.js';
import { devfileContext } from './rules/context.js';
import { CODECATALYST_RULES } from './rules/index.js';
import { listAt, mainComponentName, objAt, strAt } from './access.js';

/**
 * Layer 3: what Amazon CodeCatalyst Dev Environments run, one rule a file in `rules/codecatalyst.ts`. Pure.
 */
export function codeCatalystFindings(devfile: unknown): Finding[] {
  const ctx = devfileContext(devfile, () => false);
  return ctx ? runRules(CODECATALYST_RULES, ctx) : [];
}

/**
 * Changing `metadata.name` or the main component's name makes CodeCatalyst replace the `/home` of every Dev
 * Environment created from the devfile, unrecoverably. Compare a devfile before and after an edit.
 */
export function homeWipeFindings(previous: unknown, next: unknown): Finding[] {
  const out: Finding[] = [];
  const prevName = strAt(objAt(previous, 'metadata'), 'name');
  const nextName = strAt(objAt(next, 'metadata'), 'name');
  if (prevName !== nextName && (prevName !== undefined || nextName !== undefined)) {
    out.push({
      code: 'DEVFILE-CC-HOME-WIPE',
      severity: 'warning',
      pointer: nextName !== undefined ? '/metadata/name' : '',
      message: `metadata.name changes from ${show(prevName)} to ${show(nextName)}: CodeCatalyst replaces /home in every Dev Environment that uses this devfile, and its content cannot be recovered.`,
      fix: `Keep the name ${show(prevName)} unless losing /home is intended.`,
    });
  }
  const prevMain = mainComponentName(previous);
  const nextMain = mainComponentName(next);
  if (prevMain !== undefined && prevMain !== nextMain) {
    const index = listAt(next, 'components').findIndex((c) => strAt(c, 'name') === nextMain);
    out.push({
      code: 'DEVFILE-CC-HOME-WIPE',
      severity: 'warning',
      pointer: index >= 0 ? `/components/${index}/name` : '/components',
      message: `The main component changes from "${prevMain}" to ${show(nextMain)}: CodeCatalyst replaces /home in every Dev Environment that uses this devfile, and its content cannot be recovered.`,
      fix: `Keep the component name "${prevMain}" unless losing /home is intended.`,
    });
  }
  return out;
}

function show(v: string | undefined): string {
  return v === undefined ? 'nothing' : `"${v}"`;
}
