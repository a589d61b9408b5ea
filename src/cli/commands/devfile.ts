import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EnvironmentError, UsageError, ValidationError } from '../../errors.js';
import {
  editDevfileAddCommand,
  editDevfileAddEnv,
  editDevfileAddSidecar,
  editDevfileSetImage,
  type DevfileEditResult,
} from '../../edit/devfile.js';
import { formatDiagnosticsText } from '../../validate/format.js';
import { paint, type Output } from '../output.js';

export interface DevfileFlags {
  readonly file: string;
  readonly devfileProfile: 'codecatalyst' | 'generic';
  readonly component?: string;
}

export type DevfileEditCommand =
  | { readonly kind: 'add-env'; readonly assignment: string }
  | { readonly kind: 'add-sidecar'; readonly sidecar: string }
  | { readonly kind: 'add-command'; readonly id: string; readonly run: string; readonly postStart: boolean }
  | { readonly kind: 'set-image'; readonly image: string };

/** `catalyst-gen devfile <edit>`: read the devfile, edit it (pure, validated), write it back atomically. */
export function runDevfileEdit(cmd: DevfileEditCommand, flags: DevfileFlags, o: Output): void {
  const file = flags.file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`There is no ${file}; run this in the repository root or name the devfile with --file.`);
    throw new EnvironmentError(`Cannot read ${file}: ${(e as Error).message}`, { cause: e });
  }
  const common = { file, devfileProfile: flags.devfileProfile, ...(flags.component !== undefined ? { component: flags.component } : {}) };
  let result: DevfileEditResult;
  switch (cmd.kind) {
    case 'add-env': {
      const eq = cmd.assignment.indexOf('=');
      if (eq <= 0) throw new ValidationError(`"${cmd.assignment}" is not NAME=VALUE. ${file} was not changed.`);
      result = editDevfileAddEnv(text, { ...common, name: cmd.assignment.slice(0, eq), value: cmd.assignment.slice(eq + 1) });
      break;
    }
    case 'add-sidecar':
      result = editDevfileAddSidecar(text, { file, devfileProfile: flags.devfileProfile, sidecar: cmd.sidecar });
      break;
    case 'add-command':
      result = editDevfileAddCommand(text, { ...common, id: cmd.id, commandLine: cmd.run, postStart: cmd.postStart });
      break;
    case 'set-image':
      result = editDevfileSetImage(text, { ...common, image: cmd.image });
      break;
  }
  if (!result.changed) {
    o.out(`${file} already says that; nothing to change.`);
  } else {
    writeAtomically(file, result.text);
    for (const line of result.summary) o.out(`${paint(o, 'green', 'updated')} ${file}: ${line}`);
    o.out('Restart the Dev Environment for the change to take effect.');
  }
  if (result.diagnostics.length > 0) o.err(formatDiagnosticsText(result.diagnostics, { sources: new Map([[file, result.text]]), color: o.color }));
}

/** Temp file beside the target, then rename: a crash never leaves half a devfile. */
function writeAtomically(file: string, content: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.catalyst-gen-${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content, { encoding: 'utf8', flag: 'wx' });
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing staged */
    }
    throw new EnvironmentError(`Cannot write ${file}: ${(e as Error).message}`, { cause: e });
  }
}
