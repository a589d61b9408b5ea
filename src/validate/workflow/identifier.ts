import { identifierInfo as parseIdentifier, type IdentifierInfo } from '../../wire/workflow.js';

/**
 * `identifierInfo`, memoized by identifier string: a workflow names a handful of identifiers, each many times
 * (every action, every variable reference), and parsing one runs two regular expressions. The results are
 * shared, so they are frozen. The cache is bounded: past `LIMIT` entries it starts again.
 */
const LIMIT = 1000;
const cache = new Map<string, IdentifierInfo | undefined>();

export function identifierInfo(identifier: unknown): IdentifierInfo | undefined {
  if (typeof identifier !== 'string') return undefined;
  let info = cache.get(identifier);
  if (info === undefined && !cache.has(identifier)) {
    if (cache.size >= LIMIT) cache.clear();
    info = parseIdentifier(identifier);
    if (info) Object.freeze(info);
    cache.set(identifier, info);
  }
  return info;
}
