import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
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

  it('refuses a file as its folder, and a port in use, with what to do', async () => {
    const dir = tempDir('cg-ui-file-');
    writeFileSync(join(dir, 'f'), 'x');
    const file = await cli('ui', join(dir, 'f'), '--no-open');
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('is a file');
    const busy = createServer();
    await new Promise<void>((ok) => busy.listen(0, '127.0.0.1', ok));
    try {
      const port = (busy.address() as AddressInfo).port;
      const r = await cli('ui', dir, '--port', String(port), '--no-open');
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(`Port ${port} is in use; choose another with --port, or --port 0 for a free one.`);
    } finally {
      busy.close();
    }
  });

  it('refuses a port that is not one', async () => {
    const r = await cli('ui', join(tempDir('cg-ui-port-'), 'p'), '--port', 'eighty', '--no-open');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port eighty');
  });
});
