import { toPointer, type Finding, type Severity } from '../../model/diagnostic.js';
import { closest } from '../suggest.js';
import { ALL_RUNTIMES, customRuntimeNames, customRuntimeVersion, describeCurrentVersions, imageRuntimes, runtimeVersionAccepted } from './runtimes.js';

export interface RuntimeRuleOptions {
  /** The CodeBuild image the buildspec runs on. @default - any current image of any family */
  readonly image?: string;
  /**
   * The text of a scalar as the file writes it, by JSON pointer. CodeBuild reads runtime versions as written
   * (its guide writes `golang: 1.20`), where a YAML 1.2 reader sees the number 1.2.
   * @default - the parsed value
   */
  readonly scalarText?: (pointer: string) => string | undefined;
}

/**
 * `phases.install.runtime-versions` against the image's runtimes (`runtime-table.ts`). What CodeBuild fails on
 * is an error: a runtime the image does not have, or a version it neither has nor can install. What it runs
 * is at most a warning: a version it downloads at build time (a "custom runtime version" on Ubuntu and Amazon
 * Linux images), anything on an image whose selection rules are not documented (Windows) or that selects
 * nothing (Lambda compute), and anything when the image is not known. A version YAML 1.2 reads as another
 * number (3.10 as 3.1) is only a note: CodeBuild reads the text.
 */
export function runtimeRules(runtimes: Readonly<Record<string, unknown>>, opts: RuntimeRuleOptions, phase = 'install'): Finding[] {
  const at = ['phases', phase, 'runtime-versions'];
  const out: Finding[] = [];
  const image = opts.image ? imageRuntimes(opts.image) : undefined;
  if (opts.image && !image) {
    // An older or custom image: its runtimes are its own, so claim nothing about them.
    if (Object.keys(runtimes).length > 0) {
      out.push({
        code: 'BUILDSPEC-RUNTIME-IMAGE-UNKNOWN',
        severity: 'info',
        pointer: toPointer(at),
        atKey: true,
        message: `catalyst-gen does not know the runtimes of image ${opts.image}; runtime versions were not checked.`,
      });
    }
    return out;
  }
  const known = image?.runtimes ?? ALL_RUNTIMES;
  const where = image ? `image ${opts.image}` : 'any current CodeBuild image';
  // Certain only where the image is known and selects runtimes by the documented rules.
  const certain = image !== undefined && (image.family === 'standard' || image.family === 'amazonlinux' || image.family === 'arm');
  const custom = image === undefined || certain;

  if (image?.family === 'lambda') {
    const [rt, versions] = Object.entries(image.runtimes)[0]!;
    const entries = Object.entries(runtimes);
    const only = entries.length === 1 && entries[0]![0] === rt && runtimeVersionAccepted(text(entries[0]![1], opts, toPointer([...at, rt])), versions);
    if (!only && entries.length > 0) {
      out.push({
        code: 'BUILDSPEC-RUNTIME-LAMBDA',
        severity: 'warning',
        pointer: toPointer(at),
        atKey: true,
        message: `Image ${opts.image} runs on Lambda compute, which does not select runtimes (no custom runtime environments): it has ${rt} ${versions.join(', ')} only, whatever runtime-versions says.`,
        fix: `Remove runtime-versions, or choose the Lambda image of the runtime you need (e.g. ...-lambda-standard:${rt === 'java' ? 'corretto21' : `${rt}${versions[0]}`}).`,
      });
    }
    return out;
  }

  for (const [rt, raw] of Object.entries(runtimes)) {
    const pointer = toPointer([...at, rt]);
    const versions = known[rt];
    const value = typeof raw === 'string' || typeof raw === 'number' ? text(raw, opts, pointer) : undefined;
    if (!versions) {
      const installable = custom && value !== undefined && customRuntimeVersion(rt, value);
      const guess = closest(rt, [...new Set([...Object.keys(known), ...customRuntimeNames()])]);
      out.push({
        code: 'BUILDSPEC-RUNTIME-UNKNOWN',
        severity: certain && !installable ? 'error' : 'warning',
        pointer,
        atKey: true,
        message: installable
          ? `Runtime "${rt}" is not pre-installed on ${where}; CodeBuild downloads ${rt} ${value} at build time (a custom runtime version), which takes longer.`
          : `Runtime "${rt}" is not available on ${where}. Known runtimes: ${Object.keys(known).join(', ')}.`,
        ...(guess && guess !== rt ? { fix: `Did you mean "${guess}"?` } : {}),
      });
      continue;
    }
    if (value === undefined || runtimeVersionAccepted(value, versions)) {
      if (typeof raw === 'number' && value !== undefined && value !== String(raw)) out.push(numberWarning(rt, raw, value, pointer));
      continue;
    }
    // YAML reads `3.10` as the number 3.1; the file's own text was not at hand (a rendered value): say so.
    const asTyped = typeof raw === 'number' && opts.scalarText?.(pointer) === undefined ? versions.find((v) => v !== value && Number(v) === raw) : undefined;
    if (asTyped && typeof raw === 'number') {
      out.push(numberWarning(rt, raw, asTyped, pointer));
      continue;
    }
    const installable = custom && customRuntimeVersion(rt, value);
    const severity: Severity = certain && !installable ? 'error' : 'warning';
    const listed = image ? versions.join(', ') : describeCurrentVersions(rt);
    out.push({
      code: 'BUILDSPEC-RUNTIME-VERSION',
      severity,
      pointer,
      message: installable
        ? `${rt} ${value} is not pre-installed on ${where}; CodeBuild downloads and installs it at build time (a custom runtime version), which takes longer. Pre-installed: ${listed}.`
        : `${rt} ${value} is not available on ${where}; available: ${listed} (or <major>.x, latest).`,
      fix: `Use one of ${versions.slice(0, 3).join(', ')}.`,
    });
  }
  return out;
}

/** The version as the file writes it when known, else as parsed. */
function text(raw: unknown, opts: RuntimeRuleOptions, pointer?: string): string {
  const written = pointer ? opts.scalarText?.(pointer) : undefined;
  return written !== undefined && written !== '' ? written.replace(/^(['"])(.*)\1$/, '$2') : String(raw);
}

function numberWarning(rt: string, raw: number, meant: string, pointer: string): Finding {
  return {
    code: 'BUILDSPEC-RUNTIME-VERSION-NUMBER',
    // The user guide itself writes `golang: 1.20` and `dotnet: 8.0`: CodeBuild runs it, so this only informs.
    severity: 'info',
    pointer,
    message: `${rt}: ${meant} is a number to YAML 1.2 readers, which see ${raw}. CodeBuild reads the text as written, but tools that read the buildspec as YAML (CDK, linters, this validator without the file) do not.`,
    fix: `Quote it: ${rt}: "${meant}".`,
  };
}
