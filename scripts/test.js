// `npm test`: every unit, integration and end-to-end test, then one line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { ensureChromium, HOW_TO_GET_A_BROWSER } from './browser.js';

const results = 'test-results';
fs.mkdirSync(results, { recursive: true });
const vitestJson = `${results}/vitest.json`;
const playwrightJson = `${results}/playwright.json`;
for (const f of [vitestJson, playwrightJson]) fs.rmSync(f, { force: true });

const run = (cmd, args, env = {}) =>
	spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

let passed = 0;
let failed = 0;

const browser = await ensureChromium();
if (!browser) {
	console.error(HOW_TO_GET_A_BROWSER);
	process.exit(1);
}

if (run('node', ['scripts/ensure-build.js']) !== 0) {
	console.log('0 passed, 1 failed');
	process.exit(1);
}

run('npx', [
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	`--outputFile=${vitestJson}`
]);
if (fs.existsSync(vitestJson)) {
	const r = JSON.parse(fs.readFileSync(vitestJson, 'utf8'));
	passed += r.numPassedTests;
	failed += r.numFailedTests + (r.numTotalTestSuites && !r.success && !r.numFailedTests ? 1 : 0);
} else {
	failed += 1;
}

run('npx', ['playwright', 'test'], { PW_REPORTER: playwrightJson, CHROMIUM_PATH: browser });
if (fs.existsSync(playwrightJson)) {
	const s = JSON.parse(fs.readFileSync(playwrightJson, 'utf8')).stats;
	passed += s.expected + s.flaky;
	failed += s.unexpected + (s.skipped ?? 0);
} else {
	failed += 1;
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
