import picomatch from 'picomatch';
import { ValidationError } from '../errors.js';
import type { OwnershipRule, UpdateStrategy } from '../model/blueprint.js';
import type { OwnershipMode } from '../model/project.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { closest } from '../validate/suggest.js';
import type { TargetFolder } from './target.js';

/**
 * `.catalyst-gen/ownership`: the user's per-path update strategies, committed with the project. One rule a
 * line, a glob then a strategy; `#` starts a comment. Rules are read after the blueprint's defaults and the
 * last matching rule wins, as in .gitignore, so a broad rule first and exceptions after reads naturally:
 *
 *     # glob                          strategy
 *     .codecatalyst/workflows/*.yaml  merge
 *     devfile.yaml                    keep-mine
 *     docs/**                         never-touch
 */
export const OWNERSHIP_PATH = '.catalyst-gen/ownership';

export const UPDATE_STRATEGIES: readonly UpdateStrategy[] = ['merge', 'keep-mine', 'take-blueprint', 'never-touch'];

export interface StrategyResolver {
  /** The strategy for a path: the last matching rule, else the default for its ownership mode. */
  (path: string, mode: OwnershipMode): UpdateStrategy;
}

/** Pure: parse the file, reporting every bad line at once with its line and column. */
export function parseOwnership(text: string, file = OWNERSHIP_PATH): { rules: OwnershipRule[]; diagnostics: Diagnostic[] } {
  const rules: OwnershipRule[] = [];
  const diagnostics: Diagnostic[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    const fields = line.split(/\s+/);
    const col = raw.indexOf(fields[0]!) + 1;
    if (fields.length !== 2) {
      diagnostics.push({ code: 'OWNERSHIP-SYNTAX', severity: 'error', file, line: i + 1, col, message: `Expected "<glob> <strategy>", found ${fields.length} field(s).`, fix: `Write one glob and one of ${UPDATE_STRATEGIES.join(', ')} per line.` });
      return;
    }
    const [pattern, strategy] = fields as [string, string];
    if (!(UPDATE_STRATEGIES as readonly string[]).includes(strategy)) {
      const guess = closest(strategy, UPDATE_STRATEGIES);
      diagnostics.push({
        code: 'OWNERSHIP-STRATEGY',
        severity: 'error',
        file,
        line: i + 1,
        col: raw.lastIndexOf(strategy) + 1,
        message: `Unknown strategy "${strategy}"; expected one of ${UPDATE_STRATEGIES.join(', ')}.`,
        ...(guess ? { fix: `Did you mean "${guess}"?` } : {}),
      });
      return;
    }
    if (pattern.startsWith('/') || pattern.split('/').includes('..')) {
      diagnostics.push({ code: 'OWNERSHIP-GLOB', severity: 'error', file, line: i + 1, col, message: `The glob "${pattern}" must be relative to the project folder, without "..".` });
      return;
    }
    rules.push({ pattern, strategy: strategy as UpdateStrategy });
  });
  return { rules, diagnostics };
}

/** Pure: blueprint defaults first, then the user's rules; the last match wins. */
export function strategyResolver(blueprintRules: readonly OwnershipRule[], userRules: readonly OwnershipRule[]): StrategyResolver {
  const compiled = [...blueprintRules, ...userRules].map((r) => ({ strategy: r.strategy, match: picomatch(r.pattern, { dot: true }) }));
  return (path, mode) => {
    for (let i = compiled.length - 1; i >= 0; i--) if (compiled[i]!.match(path)) return compiled[i]!.strategy;
    return mode === 'seed' ? 'keep-mine' : 'merge';
  };
}

/** Read the project's ownership file; no file means no user rules. */
export function loadOwnership(target: TargetFolder): OwnershipRule[] {
  const text = target.read(OWNERSHIP_PATH);
  if (text === undefined) return [];
  const { rules, diagnostics } = parseOwnership(text);
  if (diagnostics.length > 0) throw new ValidationError(`${OWNERSHIP_PATH} has errors; nothing was written.`, diagnostics, new Map([[OWNERSHIP_PATH, text]]));
  return rules;
}
