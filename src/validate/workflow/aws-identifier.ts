import type { Finding } from '../../model/diagnostic.js';
import { closest } from '../suggest.js';
import { AWS_ACTIONS, awsAction, awsIdentifierParts } from '../../wire/aws-actions.js';

const NAMES = Object.keys(AWS_ACTIONS);

/**
 * An `aws/` identifier must name an action AWS publishes, at a version it publishes: the set is closed
 * (`wire/aws-actions.ts`), and the service fails the run on anything else. Other owners' actions
 * (`codecatalyst-labs/`, third parties, `.`) are not checked here. `pointer` is the action's `Identifier`.
 */
export function awsIdentifierFinding(identifier: unknown, pointer: string): Finding | undefined {
  if (typeof identifier !== 'string') return undefined;
  const parts = awsIdentifierParts(identifier);
  if (!parts) return undefined;
  const action = awsAction(parts.name);
  if (!action) {
    const guess = closest(parts.name, NAMES);
    const version = parts.version !== undefined ? `@${parts.version}` : '@v1';
    return {
      code: 'WF-IDENTIFIER-UNKNOWN',
      severity: 'error',
      pointer,
      message: `"${identifier}" is not an action AWS publishes; the aws/ actions are ${NAMES.join(', ')}.`,
      fix: guess ? `Did you mean "aws/${guess}${parts.stage ?? ''}${version}"?` : 'Use one of the aws/ actions, or the identifier of a codecatalyst-labs/ or third-party action.',
    };
  }
  if (parts.major !== undefined && (action.majors as readonly number[]).includes(parts.major)) return undefined;
  const published = action.majors.map((m) => `aws/${parts.name}@v${m}`);
  const newest = published[published.length - 1]!;
  return {
    code: 'WF-IDENTIFIER-VERSION',
    severity: 'error',
    pointer,
    message:
      parts.version === undefined
        ? `"${identifier}" has no version; the service needs one (${published.join(' or ')}).`
        : `"${identifier}": aws/${parts.name} has no version "${parts.version}"; AWS publishes ${published.join(' and ')} (a pinned v<major>.<minor>.<patch> is accepted too).`,
    fix: `Did you mean "${newest}"?`,
  };
}
