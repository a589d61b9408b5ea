import type { Diagnostic } from '../model/diagnostic.js';
import type { RuleDoc } from './rule.js';
import { sarifRule } from './rules-format.js';

export interface TextFormatOptions {
  /** Source text by file, to print the offending line and a caret under the column. */
  readonly sources?: ReadonlyMap<string, string>;
  readonly color?: boolean;
}

const ansi = { red: '\u001b[31m', yellow: '\u001b[33m', cyan: '\u001b[36m', dim: '\u001b[2m', bold: '\u001b[1m', reset: '\u001b[0m' };

/** `file:line:col: severity CODE message`, then the source line and a caret, then the fix. */
export function formatDiagnosticsText(diagnostics: readonly Diagnostic[], opts: TextFormatOptions = {}): string {
  const paint = (code: keyof typeof ansi, s: string) => (opts.color ? `${ansi[code]}${s}${ansi.reset}` : s);
  const lines: string[] = [];
  const splitCache = new Map<string, string[]>();
  for (const d of diagnostics) {
    const loc = [d.file ?? '<input>', d.line, d.col].filter((x) => x !== undefined).join(':');
    const sev = d.severity === 'error' ? paint('red', 'error') : d.severity === 'warning' ? paint('yellow', 'warning') : paint('cyan', 'info');
    lines.push(`${paint('bold', loc)}: ${sev} ${paint('dim', d.code)} ${d.message}`);
    const text = d.file !== undefined ? opts.sources?.get(d.file) : undefined;
    if (text !== undefined && d.line !== undefined) {
      let split = splitCache.get(d.file!);
      if (!split) splitCache.set(d.file!, (split = text.split(/\r?\n/)));
      const src = split[d.line - 1];
      if (src !== undefined) {
        const { shown, col } = excerpt(src, Math.max(1, d.col ?? 1));
        const width = d.endLine === d.line && d.endCol !== undefined && d.endCol > (d.col ?? 1) ? d.endCol - (d.col ?? 1) : 1;
        const gutter = String(d.line).padStart(5);
        lines.push(`${paint('dim', `${gutter} |`)} ${shown.replace(/\t/g, ' ')}`);
        lines.push(`${paint('dim', `${' '.repeat(5)} |`)} ${' '.repeat(col - 1)}${paint(d.severity === 'error' ? 'red' : 'yellow', '^' + '~'.repeat(Math.max(0, Math.min(width, 80) - 1)))}`);
      }
    }
    if (d.fix) lines.push(`      ${paint('cyan', 'fix:')} ${d.fix}`);
  }
  return lines.join('\n');
}

/** Source lines longer than this are shown as a window around the column (a minified or hostile file has lines of megabytes). */
const MAX_EXCERPT = 160;

/** The part of a source line to show, and the column of the caret in it. */
function excerpt(src: string, col: number): { shown: string; col: number } {
  if (src.length <= MAX_EXCERPT) return { shown: src, col };
  const from = Math.max(0, Math.min(col - 1 - MAX_EXCERPT / 2, src.length - MAX_EXCERPT));
  const to = from + MAX_EXCERPT;
  const shown = `${from > 0 ? '...' : ''}${src.slice(from, to)}${to < src.length ? '...' : ''}`;
  return { shown, col: col - from + (from > 0 ? 3 : 0) };
}

/**
 * `N files checked: E errors, W warnings.` Files that were not fully validated are counted apart, so the line
 * never claims more than was checked: `syntaxOnly` (kind unknown: only parsed) and `rejected` (not YAML or text).
 */
export function summarize(diagnostics: readonly Diagnostic[], files: number, notValidated: { syntaxOnly?: number; rejected?: number } = {}): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const syntaxOnly = notValidated.syntaxOnly ?? 0;
  const rejected = notValidated.rejected ?? 0;
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`;
  if (syntaxOnly === 0 && rejected === 0) return `${plural(files, 'file')} checked: ${counts}`;
  const parts = [`${plural(files - syntaxOnly - rejected, 'file')} validated`];
  if (syntaxOnly > 0) parts.push(`${syntaxOnly} only parsed (kind unknown, not validated)`);
  if (rejected > 0) parts.push(`${rejected} not checked (not YAML)`);
  return `${parts.join(', ')}: ${counts}`;
}

export function formatDiagnosticsJson(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify({ diagnostics }, null, 2) + '\n';
}

/** What SARIF says about the codes it reports: the rule catalogue (`catalogue.ts`), passed in by the caller. */
export interface SarifRuleHelp {
  /** The rule a code belongs to (`ruleFor`). */
  ruleFor(code: string): RuleDoc | undefined;
  /** Where the catalogue is published; each rule's `helpUri` is this with the rule's anchor. @default - no helpUri */
  readonly helpBase?: string;
}

/**
 * SARIF 2.1.0, the format GitHub code scanning and most CI dashboards read. `failure` says the run itself failed
 * (a file that cannot be read): SARIF's way is an invocation that did not succeed, with the message as a notification.
 * With `help`, each rule carries its descriptions, help text and examples.
 */
export function formatDiagnosticsSarif(
  diagnostics: readonly Diagnostic[],
  tool: { name: string; version: string; informationUri?: string },
  run: { readonly failure?: string; readonly help?: SarifRuleHelp } = {},
): string {
  const ruleIds = [...new Set(diagnostics.map((d) => d.code))].sort();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
            rules: ruleIds.map((id) => sarifRule(id, run.help?.ruleFor(id), run.help?.helpBase)),
          },
        },
        ...(run.failure !== undefined
          ? { invocations: [{ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: run.failure } }] }] }
          : {}),
        results: diagnostics.map((d) => ({
          ruleId: d.code,
          ruleIndex: ruleIds.indexOf(d.code),
          level: d.severity === 'info' ? 'note' : d.severity,
          message: { text: d.fix ? `${d.message} ${d.fix}` : d.message },
          locations: d.file
            ? [
                {
                  physicalLocation: {
                    artifactLocation: { uri: d.file.split('\\').join('/') },
                    ...(d.line !== undefined
                      ? {
                          region: {
                            startLine: d.line,
                            startColumn: d.col ?? 1,
                            ...(d.endLine !== undefined ? { endLine: d.endLine } : {}),
                            ...(d.endCol !== undefined ? { endColumn: d.endCol } : {}),
                          },
                        }
                      : {}),
                  },
                },
              ]
            : [],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
