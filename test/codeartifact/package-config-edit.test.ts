import { describe, expect, it } from 'vitest';
import { editNpmrc, editPipConf, editPypirc, npmEntries, pipIndexUrl } from '../../src/io/package-config-edit.js';

const EP = 'https://d-111122223333.d.codeartifact.us-east-1.amazonaws.com/npm/r/';

describe('package configuration edits', () => {
  it('npmrc: replaces the same key, keeps comments and unrelated keys, keeps CRLF and ends with a newline', () => {
    const before = '# mine\r\nregistry = https://registry.npmjs.org/\r\nfund=false';
    expect(editNpmrc(before, npmEntries(EP, 'T'))).toBe(`# mine\r\nregistry=${EP}\r\nfund=false\r\n//d-111122223333.d.codeartifact.us-east-1.amazonaws.com/npm/r/:_authToken=T\r\n`);
  });

  it('npmrc: a scope with or without @ gives @scope:registry and leaves the default registry alone', () => {
    const text = editNpmrc('registry=https://registry.npmjs.org/\n', npmEntries(EP, 'T', 'acme'));
    expect(text.split('\n').slice(0, 2)).toEqual(['registry=https://registry.npmjs.org/', `@acme:registry=${EP}`]);
    expect(npmEntries(EP, 'T', '@acme')[0]![0]).toBe('@acme:registry');
  });

  it('pip.conf: sets index-url in [global], keeping other keys and sections', () => {
    const before = '[global]\ntimeout = 60\nindex-url = https://pypi.org/simple\n\n[install]\nuser = true\n';
    const url = pipIndexUrl('https://d-1.d.codeartifact.us-east-1.amazonaws.com/pypi/r/', 'a/b');
    expect(url).toBe('https://aws:a%2Fb@d-1.d.codeartifact.us-east-1.amazonaws.com/pypi/r/simple/');
    expect(editPipConf(before, url)).toBe(`[global]\ntimeout = 60\nindex-url = ${url}\n\n[install]\nuser = true\n`);
    expect(editPipConf('[install]\nuser = true\n', url)).toBe(`[install]\nuser = true\n\n[global]\nindex-url = ${url}\n`);
  });

  it('pypirc: a new file gets pypi and codeartifact; running twice changes nothing more', () => {
    const once = editPypirc('', 'https://h/pypi/r/', 'T');
    expect(once).toBe('[distutils]\nindex-servers =\n    pypi\n    codeartifact\n\n[codeartifact]\nrepository = https://h/pypi/r/\nusername = aws\npassword = T\n');
    expect(editPypirc(once, 'https://h/pypi/r/', 'T')).toBe(once);
  });
});
