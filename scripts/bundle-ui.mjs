// Build step: the preview page of `catalyst-gen ui`, from web/ into dist/ui/ (one script, one stylesheet, the
// HTML), so the page loads nothing from the network: no CDN, no library fetched at run time. The page's code is
// type-checked against the DOM by `tsc -p web/tsconfig.json` in the build script; esbuild only bundles it.
import { copyFileSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

mkdirSync('dist/ui', { recursive: true });
await build({
  entryPoints: ['web/app.ts'],
  outfile: 'dist/ui/app.js',
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2022',
  legalComments: 'none',
  logLevel: 'warning',
});
for (const f of ['index.html', 'app.css']) copyFileSync(`web/${f}`, `dist/ui/${f}`);
