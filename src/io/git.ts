import { EnvironmentError, UsageError } from '../errors.js';
import { runProcess } from './run-process.js';

/** Runs the user's git in a folder: exit code and output. Tests may hand in their own. */
export type GitRunner = (args: readonly string[], cwd: string) => Promise<{ code: number; output: string }>;

export const runGit: GitRunner = (args, cwd) => runProcess('git', args, { cwd, what: 'git (is it installed and on PATH?)' });

export interface PushResult {
  /** The commit pushed. */
  readonly commit: string;
  /** Files in it. */
  readonly files: number;
  /** Whether this run made the commit (a folder without commits) or pushed the history it found. */
  readonly committed: boolean;
  readonly remote: string;
}

/**
 * Push a folder to a new repository with the user's own git (their identity, their credential helpers): a
 * folder that is not a repository yet, or has no commit, gets one commit of everything git does not ignore;
 * a repository with commits is pushed as it is, and refused while it has uncommitted changes (they would be
 * left behind without a word). The remote is `origin` when the folder has none, else `codecatalyst`.
 */
export async function pushFolder(dir: string, url: string, branch: string, message: string, git: GitRunner = runGit): Promise<PushResult> {
  const must = async (args: readonly string[], what: string) => {
    const r = await git(args, dir);
    if (r.code !== 0) throw new EnvironmentError(`git ${what} failed in ${dir}: ${lastLines(r.output)}`);
    return r.output.trim();
  };
  const inside = (await git(['rev-parse', '--is-inside-work-tree'], dir)).code === 0;
  if (!inside) await must(['init', '--quiet', `--initial-branch=${branch}`], 'init');
  const hasCommit = (await git(['rev-parse', '--verify', '--quiet', 'HEAD'], dir)).code === 0;
  let committed = false;
  if (!hasCommit) {
    await must(['add', '--all'], 'add');
    const c = await git(['commit', '--quiet', '-m', message], dir);
    if (c.code !== 0) {
      const who = /tell me who you are|user\.email|user\.name/i.test(c.output);
      throw new EnvironmentError(
        who
          ? `git has no identity to commit with in ${dir}: set it with git config --global user.name "Your Name" and git config --global user.email you@example.com, then run this again.`
          : `git commit failed in ${dir}: ${lastLines(c.output)}`,
      );
    }
    committed = true;
  } else {
    const status = await must(['status', '--porcelain'], 'status');
    if (status !== '') throw new UsageError(`${dir} has uncommitted changes; commit or stash them first, so what is pushed is what you meant (nothing was created).`);
  }
  const commit = await must(['rev-parse', 'HEAD'], 'rev-parse');
  const files = (await must(['ls-tree', '-r', '--name-only', 'HEAD'], 'ls-tree')).split('\n').filter(Boolean).length;
  const remotes = (await must(['remote'], 'remote')).split('\n').filter(Boolean);
  const remote = remotes.includes('origin') ? 'codecatalyst' : 'origin';
  if (remotes.includes(remote)) await must(['remote', 'set-url', remote, url], 'remote set-url');
  else await must(['remote', 'add', remote, url], 'remote add');
  await must(['push', '--quiet', '--set-upstream', remote, `HEAD:refs/heads/${branch}`], `push to ${url}`);
  return { commit, files, committed, remote };
}

function lastLines(output: string): string {
  const lines = output.trim().split('\n').filter(Boolean);
  return lines.slice(-3).join(' ') || 'no output';
}
