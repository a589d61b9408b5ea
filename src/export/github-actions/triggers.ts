import type { PullRequestEvent, Trigger } from '../../model/workflow.js';
import type { ExportFinding } from './model.js';

/**
 * CodeCatalyst triggers to GitHub's `on:`. Branch and file filters are regular expressions in CodeCatalyst and
 * globs on GitHub: a pattern made of literal text and `.*` converts exactly (`.*` is `**`, which crosses `/` as
 * `.*` does); anything else (classes, `+`, alternation, anchors) is reported with the closest glob written.
 * Every CodeCatalyst workflow can also be started by hand from the console, so `workflow_dispatch` is always on.
 */
export interface TriggerTranslation {
  readonly on: Record<string, unknown>;
  /** A condition root jobs need when MERGED and CLOSED pull-request events are not both wanted. */
  readonly rootJobIf?: string;
  readonly findings: ExportFinding[];
}

const PR_TYPES: Record<PullRequestEvent, string> = {
  OPEN: 'opened',
  REVISION: 'synchronize',
  CLOSED: 'closed',
  MERGED: 'closed',
  DRAFT: 'converted_to_draft',
};

export function translateTriggers(triggers: readonly Trigger[] | undefined): TriggerTranslation {
  const findings: ExportFinding[] = [];
  const on: Record<string, unknown> = {};
  let rootJobIf: string | undefined;
  (triggers ?? []).forEach((t, i) => {
    const at = `/Triggers/${i}`;
    const globs = (patterns: readonly string[] | undefined, key: string) => {
      if (!patterns) return undefined;
      return patterns.map((p, j) => {
        const g = regexToGlob(p);
        if (!g.exact) {
          findings.push({
            kind: 'untranslated',
            pointer: `${at}/${key}/${j}`,
            message: `The ${key === 'Branches' ? 'branch' : 'file'} pattern "${p}" is a regular expression GitHub's glob filters cannot express; it was written as "${g.glob}".`,
            action: `Check the filter in "on:" matches the same ${key === 'Branches' ? 'branches' : 'paths'}, or list them one by one.`,
          });
        }
        return g.glob;
      });
    };
    if (t.type === 'PUSH') {
      const branches = globs(t.branches, 'Branches');
      const paths = globs(t.filesChanged, 'FilesChanged');
      on['push'] = merge(on['push'], { ...(branches ? { branches } : {}), ...(paths ? { paths } : {}) }, findings, at);
    } else if (t.type === 'PULLREQUEST') {
      const branches = globs(t.branches, 'Branches');
      const paths = globs(t.filesChanged, 'FilesChanged');
      const types = [...new Set(t.events.map((e) => PR_TYPES[e]))];
      const merged = t.events.includes('MERGED');
      const closed = t.events.includes('CLOSED');
      if (merged !== closed) {
        // GitHub has one "closed" activity for both; the payload says whether it was merged.
        const want = merged ? 'github.event.pull_request.merged' : '!github.event.pull_request.merged';
        rootJobIf = `github.event_name != 'pull_request' || github.event.action != 'closed' || ${want}`;
      }
      if (t.events.includes('DRAFT')) {
        findings.push({
          kind: 'note',
          pointer: `${at}/Events`,
          message: 'The DRAFT event is written as "converted_to_draft"; a pull request opened as a draft fires "opened" on GitHub.',
          action: 'Add "opened" to the types if the workflow must run for pull requests opened as drafts.',
        });
      }
      on['pull_request'] = merge(on['pull_request'], { types, ...(branches ? { branches } : {}), ...(paths ? { paths } : {}) }, findings, at);
    } else {
      const cron = awsCronToPosix(t.expression);
      if (!cron.ok) {
        findings.push({
          kind: 'untranslated',
          pointer: `${at}/Expression`,
          message: `The schedule "${t.expression}" cannot be written as a GitHub cron: ${cron.why}`,
          action: 'Write the schedule by hand in "on.schedule" (five fields, UTC).',
        });
      }
      const schedule = (on['schedule'] as { cron: string }[] | undefined) ?? [];
      schedule.push({ cron: cron.ok ? cron.cron : '0 0 * * *' });
      on['schedule'] = schedule;
      if (t.branches && t.branches.length === 1) {
        findings.push({
          kind: 'setup',
          pointer: `${at}/Branches`,
          message: `The schedule runs on the branch "${t.branches[0]}"; GitHub runs scheduled workflows on the default branch.`,
          action: `Check that "${t.branches[0]}" is the repository's default branch (Settings > General > Default branch).`,
        });
      } else if (t.branches && t.branches.length > 1) {
        findings.push({
          kind: 'untranslated',
          pointer: `${at}/Branches`,
          message: `The schedule runs on the branches ${t.branches.map((b) => `"${b}"`).join(', ')}; GitHub runs scheduled workflows on the default branch only.`,
          action: 'Add a job per other branch that checks it out (actions/checkout with "ref"), or keep one branch.',
        });
      }
    }
  });
  on['workflow_dispatch'] = {};
  return { on, ...(rootJobIf ? { rootJobIf } : {}), findings };
}

/** Two triggers of one type: GitHub has one entry per event, so their filters must agree. */
function merge(previous: unknown, next: Record<string, unknown>, findings: ExportFinding[], at: string): Record<string, unknown> {
  if (previous === undefined) return next;
  const p = previous as Record<string, unknown>;
  const union = (a: unknown, b: unknown) => (a === undefined || b === undefined ? undefined : [...new Set([...(a as string[]), ...(b as string[])])]);
  const same = JSON.stringify(p['paths']) === JSON.stringify(next['paths']);
  if (!same) {
    findings.push({
      kind: 'untranslated',
      pointer: at,
      message: 'Two triggers of the same type have different file filters; GitHub has one filter per event, so they were merged.',
      action: 'Split the workflow in two if each branch filter needs its own file filter.',
    });
  }
  const out: Record<string, unknown> = {};
  const types = union(p['types'], next['types']);
  if (types) out['types'] = types;
  const branches = union(p['branches'], next['branches']);
  if (branches) out['branches'] = branches;
  const paths = union(p['paths'], next['paths']);
  if (paths) out['paths'] = paths;
  return out;
}

/**
 * A regular expression as a GitHub filter pattern; `exact` when both match the same names. GitHub's patterns have
 * `*` (any characters but `/`), `**` (any characters), `?` and `+` (zero or one, one or more of the preceding
 * character), `[...]` classes and `\` escapes, so most expressions written for branches and paths convert exactly:
 * `.*` is `**`, `[0-9]+` and `\d` stay classes, `\/` is `/`. Alternation, groups, negated classes and `.` alone are
 * written as the closest pattern and reported.
 */
export function regexToGlob(regex: string): { glob: string; exact: boolean } {
  let glob = '';
  let exact = true;
  let i = regex.startsWith('^') ? 1 : 0;
  const end = regex.endsWith('$') && !regex.endsWith('\\$') ? regex.length - 1 : regex.length;
  while (i < end) {
    // One atom...
    let atom: string;
    let any = false;
    const c = regex[i]!;
    if (c === '\\' && i + 1 < end) {
      const e = regex[i + 1]!;
      atom = e === 'd' ? '[0-9]' : /[A-Za-z0-9]/.test(e) ? ((exact = false), '*') : '*?+[]!\\'.includes(e) ? `\\${e}` : e;
      i += 2;
    } else if (c === '[') {
      const close = regex.indexOf(']', i + 2);
      if (close < 0 || close >= end) return { glob: glob + '**', exact: false };
      atom = regex.slice(i, close + 1);
      if (atom.startsWith('[^')) {
        exact = false;
        atom = '*';
      }
      i = close + 1;
    } else if (c === '.') {
      atom = '.';
      any = true;
      i++;
    } else if (c === '(') {
      // A group (alternatives, usually): any characters, reported.
      let depth = 0;
      let j = i;
      for (; j < end; j++) {
        if (regex[j] === '\\') j++;
        else if (regex[j] === '(') depth++;
        else if (regex[j] === ')' && --depth === 0) break;
      }
      exact = false;
      atom = '*';
      i = j + 1;
    } else if ('|){}'.includes(c)) {
      exact = false;
      atom = '*';
      i++;
    } else if ('*+?'.includes(c)) {
      exact = false; // a quantifier with nothing before it
      atom = '*';
      i++;
    } else {
      atom = c;
      i++;
    }
    // ...and its quantifier.
    const q = i < end ? regex[i] : undefined;
    if (q === '*' || q === '+' || q === '?') {
      i++;
      if (any) {
        glob += '**';
        if (q !== '*') exact = false;
      } else if (q === '*') {
        glob += `${atom}*`;
        exact = false;
      } else glob += atom + q;
    } else {
      if (any) exact = false; // any one character, almost always meant as a literal dot
      glob += atom;
    }
  }
  return { glob: glob.replace(/\*{3,}/g, '**') || '**', exact };
}

/**
 * An AWS cron (minutes hours day-of-month month day-of-week year, UTC) as a POSIX one (no year; days of the week
 * 0-6 from Sunday where AWS counts 1-7 from Sunday; `?` is `*`). `L`, `W` and `#` have no POSIX form.
 */
export function awsCronToPosix(expression: string): { ok: true; cron: string } | { ok: false; why: string } {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6) return { ok: false, why: `AWS cron has 6 fields, this has ${fields.length}.` };
  const [min, hour, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  if (year !== '*') return { ok: false, why: 'GitHub cron has no year field.' };
  if (/[LW#]/.test(dom + dow)) return { ok: false, why: 'L, W and # have no POSIX cron form.' };
  const q = (f: string) => (f === '?' ? '*' : f);
  // Numbers that name a day (not the step after "/") shift down by one.
  let outOfRange = false;
  const weekday = q(dow).replace(/(^|[,-])(\d+)/g, (_m, sep: string, n: string) => {
    if (Number(n) < 1 || Number(n) > 7) outOfRange = true;
    return `${sep}${Number(n) - 1}`;
  });
  if (outOfRange) return { ok: false, why: `day of week "${dow}" is outside 1-7.` };
  return { ok: true, cron: [min, hour, q(dom), month, weekday].join(' ') };
}
