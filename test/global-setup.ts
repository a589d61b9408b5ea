import { execFileSync } from 'node:child_process';

/**
 * End-to-end tests run the built CLI (`dist/`), exactly as users do. Build once before the suite so they never
 * test stale output; the TypeScript 7 compiler makes this take about a second.
 */
export default function setup(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
