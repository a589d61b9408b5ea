import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { cli, snapshotTree, tempDir } from '../helpers/cli.js';

/**
 * The preview page in a real browser: Debian's chromium (installed by .ci/run), driven by playwright-core, against
 * the installed command (`catalyst-gen ui`). Each step leaves a screenshot in test-artifacts/ui/ (git-ignored).
 */
const CHROMIUM = '/usr/bin/chromium';
const BIN = resolve('dist/src/bundle/bin.js');
const SHOTS = resolve('test-artifacts/ui');
const haveChromium = existsSync(CHROMIUM);
/**
 * What the conditions run in the page read of it: this file is type-checked without the DOM's types (it runs in
 * Node.js), and the page's Content-Security-Policy refuses conditions given as strings (no eval).
 */
interface Page_ {
  readonly document: {
    readonly body: { readonly dataset: Record<string, string | undefined> };
    getElementById(id: string): { readonly textContent: string | null } | null;
    querySelectorAll(selector: string): { readonly length: number };
  };
}
const WRITTEN = () => /^Done/.test((globalThis as unknown as Page_).document.getElementById('create-result')?.textContent ?? '');
if (!haveChromium) console.warn(`Skipping the preview page's browser tests: ${CHROMIUM} is missing (apt-get install -y chromium).`);

describe.skipIf(!haveChromium)('catalyst-gen ui in chromium', () => {
  let root: string;
  let child: ChildProcess;
  let url: string;
  let browser: Browser;
  let page: Page;
  let exited: Promise<number | null>;

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const previews = async () => Number(await page.locator('body').getAttribute('data-preview-seq'));
  /** Do something, then wait until the page shows a preview newer than the one before it. */
  const andWaitForPreview = async (act: () => Promise<void>) => {
    const before = await previews();
    await act();
    await page.waitForFunction((n) => Number((globalThis as unknown as Page_).document.body.dataset['previewSeq']) > n, before);
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    root = realpathSync(tempDir('cg-ui-browser-'));
    child = spawn(process.execPath, [BIN, 'ui', root, '--no-open'], { env: { ...process.env, DISPLAY: '' } });
    exited = new Promise((ok) => child.on('close', (code) => ok(code)));
    url = await new Promise<string>((ok, fail) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) ok(out.split('\n')[0]!);
      });
      child.on('close', (code) => fail(new Error(`catalyst-gen ui exited with ${code}`)));
    });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM });
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  });

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) child.kill('SIGINT');
  });

  it('lists the catalogue with descriptions, and labels every field of the form', async () => {
    await page.goto(url);
    await expect(page.locator('input[name=blueprint]')).toBeDefined();
    const ids = await page.locator('input[name=blueprint]').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
    expect(ids).toEqual(expect.arrayContaining(['starter', 'three-tier-web', 'private-build', 'secure-cdk-pipeline', 'multi-account-control', 'serverless-python']));
    expect(await page.locator('label[for="bp-three-tier-web"] small').textContent()).toMatch(/DynamoDB/);
    await shot('01-opened');

    await andWaitForPreview(() => page.getByLabel(/Three-tier web application/).check());
    await page.waitForSelector('#workflows svg');
    // Every control of the form has a label, and its help and error are tied to it.
    const unlabelled = await page.locator('#options-form input, #options-form select').evaluateAll((els) => els.filter((e) => (e as unknown as { labels: { length: number } | null }).labels?.length === 0).map((e) => e.id));
    expect(unlabelled).toEqual([]);
    expect(await page.locator('#opt-appName').getAttribute('aria-describedby')).toBe('opt-appName-help opt-appName-error');
    // Keyboard: Tab from the target folder reaches the blueprint list, nothing has a positive tabindex.
    expect(await page.locator('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])').count()).toBe(0);
    await shot('02-blueprint-chosen');
  });

  it('follows an option change: the file preview and the workflow diagram change', async () => {
    await page.click('[data-path=".codecatalyst/workflows/Deploy.yaml"]');
    expect(await page.locator('#file-content').textContent()).toContain('Deploy_dev:');
    expect(await page.locator('#workflows [data-name="Deploy_dev"]').count()).toBe(1);
    // Highlighted: keys and comments are marked up.
    expect(await page.locator('#file-content .t-key').count()).toBeGreaterThan(10);

    await andWaitForPreview(() => page.fill('[id="opt-stages.0.name"]', 'qa'));
    expect(await page.locator('#file-content').textContent()).toContain('Deploy_qa:');
    expect(await page.locator('#file-content').textContent()).not.toContain('Deploy_dev:');
    expect(await page.locator('#workflows [data-name="Deploy_qa"]').count()).toBe(1);
    expect(await page.locator('#workflows [data-name="Deploy_dev"]').count()).toBe(0);

    // Another stage: the diagram grows by its actions.
    const nodes = await page.locator('#workflows figure[data-file=".codecatalyst/workflows/Deploy.yaml"] .node').count();
    await andWaitForPreview(() => page.click('[id="opt-stages-add"]'));
    // The new stage starts as a copy of the last: the blueprint refuses two stages of one name, as the page says.
    expect(await page.locator('#status').textContent()).toContain('Stage "prod" is listed twice');
    expect(await page.locator('#create').isDisabled()).toBe(true);
    await andWaitForPreview(() => page.fill('[id="opt-stages.3.name"]', 'perf'));
    expect(await page.locator('#workflows figure[data-file=".codecatalyst/workflows/Deploy.yaml"] .node').count()).toBeGreaterThan(nodes);
    await andWaitForPreview(() => page.getByRole('button', { name: 'Remove stage 4' }).click());
    expect(await page.locator('#workflows figure[data-file=".codecatalyst/workflows/Deploy.yaml"] .node').count()).toBe(nodes);
    await shot('03-option-changed');
  });

  it('shows an invalid value with the message --set gives, next to its field', async () => {
    await andWaitForPreview(() => page.fill('[id="opt-stages.0.account"]', 'abc'));
    const message = (await page.locator('[id="opt-stages.0.account-error"]').textContent()) ?? '';
    const set = await cli('new', 'three-tier-web', join(tempDir('cg-ui-set-'), 'x'), '--no-input', '--set', 'stages.0.account=abc');
    expect(message).toMatch(/stages\.0\.account/);
    expect(set.stderr).toContain(message);
    expect(await page.locator('[id="opt-stages.0.account"]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#status').textContent()).toContain('1 option error');
    expect(await page.locator('#create').isDisabled()).toBe(true);
    await shot('04-invalid-value');
    await andWaitForPreview(() => page.fill('[id="opt-stages.0.account"]', '444455556666'));
    expect(await page.locator('[id="opt-stages.0.account-error"]').textContent()).toBe('');
  });

  it('creates the project: the files on disk are those `new` writes with the same options', async () => {
    await andWaitForPreview(async () => {
      await page.fill('#target', 'shop');
      await page.press('#target', 'Tab');
    });
    expect(await page.locator('#target-info').textContent()).toContain(join(root, 'shop'));
    // The equivalent command line, as the wizard of `new` prints it (a changed list is given whole).
    const command = (await page.locator('#command').textContent()) ?? '';
    expect(command).toMatch(/^catalyst-gen new three-tier-web shop --no-input --set 'stages=\[\{"name":"qa","account":"444455556666",/);
    await page.click('#create');
    await page.waitForFunction(WRITTEN);
    await shot('05-created');

    // That command, run by a shell in another folder, makes the same files.
    const elsewhere = tempDir('cg-ui-new-');
    const n = spawnSync('bash', ['-c', command.replace(/^catalyst-gen /, `'${process.execPath}' '${BIN}' `)], { cwd: elsewhere, encoding: 'utf8' });
    expect(n.status, n.stderr).toBe(0);
    const byCli = join(elsewhere, 'shop');
    const made = snapshotTree(join(root, 'shop'));
    expect(Object.keys(made).length).toBeGreaterThan(10);
    expect(made).toEqual(snapshotTree(byCli));

    // The folder holds the project now: the page turns to what update would do.
    expect(await page.locator('#create').textContent()).toBe('Update the project');
    expect(await page.locator('#target-info').textContent()).toContain('three-tier-web project');
  });

  it('shows and applies what update would merge into the project it made', async () => {
    await page.waitForFunction(() => (globalThis as unknown as Page_).document.querySelectorAll('#files [data-action="unchanged"]').length > 10);
    await andWaitForPreview(() => page.fill('#opt-branch', 'release'));
    const changed = await page.locator('#files [data-action="update"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-path')));
    expect(changed).toContain('.codecatalyst/workflows/Deploy.yaml');
    expect(await page.locator('#command').textContent()).toBe('catalyst-gen update shop --no-input --set branch=release');
    // The change itself, as --dry-run shows it.
    await page.click('[data-path=".codecatalyst/workflows/Deploy.yaml"]');
    await page.click('#show-diff');
    const diff = (await page.locator('#file-content').textContent()) ?? '';
    expect(diff).toContain('-      - main\n+      - release\n');
    expect(await page.locator('#file-content .t-added').count()).toBeGreaterThan(0);
    await shot('06-update-preview');
    await page.click('#create');
    await page.waitForFunction(WRITTEN);
    const deploy = readFileSync(join(root, 'shop', '.codecatalyst/workflows/Deploy.yaml'), 'utf8');
    expect(deploy).toContain('      - release\n');
  });

  it('stops when the page says done', async () => {
    await page.click('#done');
    expect(await exited).toBe(0);
    await shot('07-done');
  });
});
