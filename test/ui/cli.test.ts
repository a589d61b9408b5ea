import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';

const BIN = resolve('dist/src/bundle/bin.js');

describe('catalyst-gen ui (the installed command)', () => {
  it('prints the URL with its token as the first line of stdout, serves it, and stops on Ctrl-C (exit 130, as any command Ctrl-C stops)', async () => {
    const dir = tempDir('cg-ui-cli-');
    const child = spawn(process.execPath, [BIN, 'ui', dir, '--no-open'], { env: { ...process.env, DISPLAY: '' } });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const firstLine = await new Promise<string>((ok) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (stdout.includes('\n')) ok(stdout.split('\n')[0]!);
      });
    });
    expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    const page = await fetch(firstLine);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>catalyst-gen');
    const exit = new Promise<number | null>((ok) => child.on('close', (code) => ok(code)));
    child.kill('SIGINT');
    expect(await exit).toBe(130);
    expect(stderr).toContain('Stopped.');
  });

  it('refuses a port that is not one', async () => {
    const r = await cli('ui', join(tempDir('cg-ui-port-'), 'p'), '--port', 'eighty', '--no-open');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port eighty');
  });
});
