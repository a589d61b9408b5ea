import type { ReportFormat, SuccessCriteria, WorkflowAction } from '../../model/workflow.js';
import type { ExportFinding, GhStep } from './model.js';

const TEST_FORMATS: ReadonlySet<ReportFormat> = new Set(['JUNITXML', 'NUNITXML', 'NUNIT3XML', 'TESTNGXML', 'VISUALSTUDIOTRX', 'CUCUMBERJSON']);
const COVERAGE_FORMATS: ReadonlySet<ReportFormat> = new Set(['COBERTURAXML', 'CLOVERXML', 'SIMPLECOV', 'JACOCOXML', 'LCOV']);
const SARIF_FORMATS: ReadonlySet<ReportFormat> = new Set(['SARIFSCA', 'SARIFSA']);

/** The JUnit report step's action (annotations and a check run with the test results). */
export const JUNIT_REPORT_ACTION = 'mikepenz/action-junit-report@v5';
export const SARIF_UPLOAD_ACTION = 'github/codeql-action/upload-sarif@v3';

/**
 * Reports: JUnit XML becomes a report step (a check with the results; a pass rate of 100 fails the job on a
 * failed test, as the success criterion does), SARIF goes to code scanning, and every other format is kept as an
 * artifact. Report steps run whatever the steps did, as CodeCatalyst reads reports after a failed action too.
 */
export function reportSteps(a: WorkflowAction, pointer: string, findings: ExportFinding[]): { steps: GhStep[]; permissions: Record<string, 'write'> } {
  const steps: GhStep[] = [];
  const permissions: Record<string, 'write'> = {};
  const reports = a.outputs?.reports ?? {};
  for (const [name, r] of Object.entries(reports)) {
    const at = `${pointer}/Outputs/Reports/${name}`;
    const paths = r.includePaths.join('\n');
    const criteria = Object.keys(r.successCriteria ?? {}) as (keyof SuccessCriteria)[];
    if (r.format === 'JUNITXML') {
      const passRate = r.successCriteria?.passRate;
      steps.push({ name: `Report ${name}`, if: 'always()', uses: JUNIT_REPORT_ACTION, with: { report_paths: paths, check_name: name, fail_on_failure: passRate === 100 } });
      permissions['checks'] = 'write';
      if (passRate !== undefined && passRate !== 100) {
        findings.push({ kind: 'untranslated', pointer: `${at}/SuccessCriteria/PassRate`, message: `A pass rate of ${passRate}% has no equivalent; the report step fails on no test.`, action: 'Check the pass rate in a step after the report, or require every test to pass.' });
      }
      if (criteria.some((c) => c !== 'passRate')) unmet(findings, at, name);
    } else if (SARIF_FORMATS.has(r.format)) {
      steps.push({ name: `Report ${name}`, if: 'always()', uses: SARIF_UPLOAD_ACTION, with: { sarif_file: r.includePaths[0] ?? '.', category: name } });
      permissions['security-events'] = 'write';
      if (r.includePaths.length > 1) findings.push({ kind: 'untranslated', pointer: `${at}/IncludePaths`, message: 'Only the first SARIF path is uploaded.', action: 'Upload the others in steps of their own.' });
      if (criteria.length > 0) unmet(findings, at, name);
    } else {
      steps.push({ name: `Keep report ${name}`, if: 'always()', uses: 'actions/upload-artifact@v4', with: { name: `report-${name}`, path: paths, 'if-no-files-found': 'warn' } });
      const kind = TEST_FORMATS.has(r.format) || criteria.length > 0 ? 'untranslated' : 'note';
      findings.push({
        kind,
        pointer: at,
        message: `The ${r.format} report "${name}" is kept as an artifact; GitHub shows ${COVERAGE_FORMATS.has(r.format) ? 'coverage' : 'these results'} only through an action of your choice${criteria.length > 0 ? ', and its success criteria are not checked' : ''}.`,
        action: 'Add a reporting action for the format, and check the criteria in a step if they must fail the job.',
      });
    }
  }
  if (a.outputs?.autoDiscoverReports?.enabled) {
    findings.push({
      kind: 'untranslated',
      pointer: `${pointer}/Outputs/AutoDiscoverReports`,
      message: 'Reports are discovered automatically in CodeCatalyst; GitHub reports only the files a step names.',
      action: 'Add a report step with the paths of the test results (see the JUnit report steps of the other jobs).',
    });
  }
  return { steps, permissions };
}

function unmet(findings: ExportFinding[], at: string, name: string): void {
  findings.push({ kind: 'untranslated', pointer: `${at}/SuccessCriteria`, message: `The success criteria of "${name}" other than the pass rate are not checked.`, action: 'Check them in a step after the report.' });
}
