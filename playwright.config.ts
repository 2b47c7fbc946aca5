import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/browser.js';

const port = Number(process.env.E2E_PORT ?? 4319);
const origin = `http://localhost:${port}`;
const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `bounce-e2e-${process.pid}`);
const executablePath = await findChromium();

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results/e2e',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.PW_REPORTER
		? [['list'], ['json', { outputFile: process.env.PW_REPORTER }]]
		: 'list',
	use: {
		baseURL: origin,
		launchOptions: { executablePath: executablePath ?? undefined, args: CHROMIUM_ARGS },
		screenshot: 'only-on-failure',
		trace: 'retain-on-failure'
	},
	projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
	webServer: {
		command: 'node server.js',
		url: `${origin}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: { PORT: String(port), HOST: '127.0.0.1', ORIGIN: origin, DATA_DIR: dataDir }
	}
});
