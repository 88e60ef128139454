#!/usr/bin/env node
// Runs the end-to-end suite (vitest, tests/e2e/**/*.e2e.ts) in real Chromium and Firefox. The
// keyboard-shortcut tests need a display: without one, the run goes under Xvfb when it is installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const args = ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)];
const useXvfb = !process.env.DISPLAY && existsSync('/usr/bin/xvfb-run');
const [cmd, cmdArgs] = useXvfb
  ? ['xvfb-run', ['-a', '--server-args=-screen 0 1280x1024x24', 'npx', ...args]]
  : ['npx', args];
if (!useXvfb && !process.env.DISPLAY) console.warn('No display and no Xvfb: the keyboard-shortcut tests will be skipped.');
const result = spawnSync(cmd, cmdArgs, { stdio: 'inherit' });
process.exit(result.status ?? 1);
