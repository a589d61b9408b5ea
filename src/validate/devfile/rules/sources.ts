import { toPointer } from '../../../model/diagnostic.js';
import { listAt, objAt, strAt, type Obj } from '../access.js';
import type { DevfileRule } from './context.js';
import { dev, devfile, specDoc } from './examples.js';


/** R21-R24: URIs and git sources. */

/** Go's `url.ParseRequestURI` for http(s) URIs, its lenient `url.Parse` for the rest. */
function validUri(u: string): boolean {
  if (/[\u0000-\u0020\u007f]/.test(u) || /%(?![0-9A-Fa-f]{2})/.test(u) || u.startsWith(':')) return false;
  if (u.startsWith('http')) {
    try {
      new URL(u);
      return true;
    } catch {
      return false;
    }
  }
  return true;
}

export const uri: DevfileRule = {
  ...specDoc({
    code: 'DEVFILE-URI',
    severity: 'error',
    title: 'A kubernetes, openshift or plugin component has an invalid URI.',
    description: 'uri (and a plugin\'s registryUrl) must parse as a URI the way the devfile library (Go\'s net/url) parses it.',
    bad: devfile(`${dev()}  - name: deploy\n    kubernetes:\n      uri: "http://exa mple.com/deploy.yaml"\n`),
    good: devfile(`${dev()}  - name: deploy\n    kubernetes:\n      uri: https://example.com/deploy.yaml\n`),
  }),
  check(ctx) {
    ctx.components.forEach((c, i) => {
      for (const type of ['kubernetes', 'openshift', 'plugin']) {
        const body = objAt(c, type);
        for (const key of type === 'plugin' ? ['uri', 'registryUrl'] : ['uri']) {
          const u = strAt(body, key);
          if (u !== undefined && !validUri(u)) ctx.report({ pointer: toPointer(['components', i, type, key]), message: `${key} "${u}" of component "${strAt(c, 'name') ?? i}" is not a valid URI.` });
        }
      }
    });
  },
};

export const gitRemote: DevfileRule = {
  ...specDoc({
    code: 'DEVFILE-GIT-REMOTE',
    severity: 'error',
    title: "A project's or starter project's git source has no remote, too many, or checks out from one it lacks.",
    description:
      'A project\'s git source needs at least one remote, and checkoutFrom.remote when it has several; a starter project has exactly one. checkoutFrom.remote must be one of the remotes.',
    bad: devfile(dev(), 'projects:\n  - name: app\n    git:\n      remotes:\n        origin: https://github.com/example/app.git\n      checkoutFrom:\n        remote: upstream\n'),
    good: devfile(dev(), 'projects:\n  - name: app\n    git:\n      remotes:\n        origin: https://github.com/example/app.git\n      checkoutFrom:\n        remote: origin\n'),
  }),
  check(ctx) {
    const check = (git: Obj | undefined, at: (string | number)[], what: string, remotesRule: 'exactly-one' | 'at-least-one') => {
      if (!git) return;
      const remotes = Object.keys(objAt(git, 'remotes') ?? {});
      const checkout = strAt(objAt(git, 'checkoutFrom'), 'remote');
      const report = (path: (string | number)[], message: string, fix?: string) => ctx.report({ pointer: toPointer(path), message, ...(fix ? { fix } : {}) });
      if (remotes.length === 0) report([...at, 'remotes'], `The git source of ${what} has no remote.`, 'Add one entry under "remotes", e.g. origin: https://...');
      else if (remotesRule === 'exactly-one' && remotes.length > 1) report([...at, 'remotes'], `The git source of ${what} has ${remotes.length} remotes; it must have exactly one.`);
      else if (remotes.length > 1 && checkout === undefined) report([...at, 'remotes'], `The git source of ${what} has ${remotes.length} remotes but no checkoutFrom.remote saying which to use.`, `Add "checkoutFrom: { remote: ${remotes[0]} }".`);
      if (checkout !== undefined && !remotes.includes(checkout)) report([...at, 'checkoutFrom', 'remote'], `checkoutFrom.remote of ${what} is "${checkout}", which is not one of its remotes (${remotes.join(', ') || 'none'}).`);
    };
    ctx.components.forEach((c, i) => check(objAt(objAt(objAt(c, 'image'), 'dockerfile'), 'git'), ['components', i, 'image', 'dockerfile', 'git'], `component "${strAt(c, 'name')}"`, 'exactly-one'));
    listAt(ctx.devfile, 'projects').forEach((p, i) => check(objAt(p, 'git'), ['projects', i, 'git'], `project "${strAt(p, 'name')}"`, 'at-least-one'));
    // dependentProjects (devfile 2.2) are cloned like projects; the library checks only projects, but a clone
    // with no remote, or with two and no checkoutFrom.remote, fails or guesses the same way there.
    listAt(ctx.devfile, 'dependentProjects').forEach((p, i) => check(objAt(p, 'git'), ['dependentProjects', i, 'git'], `dependent project "${strAt(p, 'name')}"`, 'at-least-one'));
    listAt(ctx.devfile, 'starterProjects').forEach((p, i) => check(objAt(p, 'git'), ['starterProjects', i, 'git'], `starter project "${strAt(p, 'name')}"`, 'exactly-one'));
  },
};
