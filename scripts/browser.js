// Finds a Chromium for the end-to-end tests: an explicit path, Playwright's own download if one is
// installed, or the system's (Debian's `chromium`). Installs Debian's when allowed and missing.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

const SYSTEM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

async function playwrightOwn() {
	try {
		const { chromium } = await import('playwright-core');
		const p = chromium.executablePath();
		return p && fs.existsSync(p) ? p : null;
	} catch {
		return null;
	}
}

export async function findChromium() {
	const explicit = process.env.CHROMIUM_PATH;
	if (explicit) return fs.existsSync(explicit) ? explicit : null;
	return (await playwrightOwn()) ?? SYSTEM.find((p) => fs.existsSync(p)) ?? null;
}

/** Returns a browser path, installing Debian's Chromium when we are root on Debian and may. */
export async function ensureChromium() {
	const found = await findChromium();
	if (found) return found;
	const canInstall =
		process.getuid?.() === 0 &&
		fs.existsSync('/usr/bin/apt-get') &&
		process.env.BOUNCE_NO_INSTALL !== '1';
	if (canInstall) {
		console.log(
			"No Chromium found: installing Debian's chromium package (set BOUNCE_NO_INSTALL=1 to skip)…"
		);
		execSync(
			'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
			{
				stdio: 'inherit'
			}
		);
		return findChromium();
	}
	return null;
}

export const HOW_TO_GET_A_BROWSER = `No Chromium was found for the end-to-end tests. Either:
  - install your system's Chromium (Debian/Ubuntu: sudo apt-get install chromium), or
  - install Playwright's own: npx playwright install chromium, or
  - point CHROMIUM_PATH at a Chromium or Chrome executable.`;

/** Flags for a sandboxed CI container with no network but loopback. */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];
