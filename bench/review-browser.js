// The browser half of bench/review.js: loads a version page in Chromium (playwright-core) and
// measures the main thread while the page loads and while it plays.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/browser.js';

/**
 * Runs before any page script: long tasks (buffered from navigation start), the moment the
 * transport first shows "Pause" (the first click that did something), and a rAF frame recorder.
 */
function instrument() {
	const b = (window.__bench = { longtasks: [], pauseAt: null, frames: null });
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, ms: e.duration });
	}).observe({ type: 'longtask', buffered: true });
	new MutationObserver(() => {
		if (b.pauseAt === null && document.querySelector('button[aria-label="Pause"]')) {
			b.pauseAt = performance.now();
		}
	}).observe(document, { subtree: true, attributes: true, attributeFilter: ['aria-label'] });
	b.recordFrames = (ms) =>
		new Promise((resolve) => {
			const out = [];
			const t0 = performance.now();
			let last = t0;
			const tick = (t) => {
				out.push(t - last);
				last = t;
				if (t - t0 < ms) requestAnimationFrame(tick);
				else resolve(out);
			};
			requestAnimationFrame(tick);
		});
}

const tbt = (tasks) => tasks.reduce((sum, t) => sum + Math.max(0, t.ms - 50), 0);
const summarise = (tasks) => ({
	count: tasks.length,
	tbtMs: tbt(tasks),
	longestMs: tasks.reduce((m, t) => Math.max(m, t.ms), 0)
});
export const pct = (xs, p) => {
	if (!xs.length) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

export async function launchBrowser() {
	const executablePath = await findChromium();
	if (!executablePath) throw new Error('No Chromium found (see scripts/browser.js).');
	return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/**
 * One cold load of `/versions/:id` in a fresh context (no cache), signed in with `cookie`:
 * load-phase long tasks, time to interactive (the Play button answers), then 5 s of playback.
 */
export async function measurePage(browser, { origin, versionId, cookie, expectNotes, playMs }) {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const [name, value] = cookie.split('=');
	await context.addCookies([{ name, value, url: origin }]);
	const page = await context.newPage();
	await page.addInitScript(instrument);
	try {
		await page.goto(`${origin}/versions/${versionId}`, { waitUntil: 'commit' });
		// Until hydration the server-rendered button does nothing: click until it answers. The
		// answer is timed in the page (a MutationObserver), so a busy main thread does not blur it.
		const transport = page.locator('button[aria-label="Play"], button[aria-label="Pause"]');
		let clicks = 0;
		for (;;) {
			await transport.first().click({ timeout: 30_000 });
			clicks++;
			const ok = await page
				.waitForFunction(() => window.__bench.pauseAt !== null, null, { timeout: 250 })
				.then(
					() => true,
					() => false
				);
			if (ok) break;
			if (clicks > 200) throw new Error('the Play button never answered');
		}
		const pause = page.getByRole('button', { name: 'Pause' });
		if (await pause.count()) await pause.click();
		// The page is loaded once every note is listed and the overview is drawn; then a quiet second.
		await page.waitForFunction(
			(n) =>
				document.querySelectorAll('[aria-label="Notes by time"] li').length >= n &&
				document.querySelector('.overview canvas') !== null,
			expectNotes,
			{ timeout: 60_000 }
		);
		await page.waitForLoadState('load');
		await page.waitForTimeout(1000);
		const load = await page.evaluate(() => {
			const nav = performance.getEntriesByType('navigation')[0];
			const fcp = performance.getEntriesByName('first-contentful-paint')[0];
			return {
				longtasks: [...window.__bench.longtasks],
				pauseAt: window.__bench.pauseAt,
				ttfbMs: nav.responseStart,
				domContentLoadedMs: nav.domContentLoadedEventEnd,
				loadMs: nav.loadEventEnd,
				fcpMs: fcp?.startTime ?? null,
				htmlKB: nav.transferSize / 1024
			};
		});

		// Playback: long tasks and frame times over `playMs`, from the click on Play.
		const position = () =>
			page
				.getByRole('slider', { name: 'Playback position' })
				.getAttribute('aria-valuenow')
				.then(Number);
		const before = await position();
		const playStart = await page.evaluate(() => performance.now());
		await page.getByRole('button', { name: 'Play', exact: true }).click();
		const frames = await page.evaluate((ms) => window.__bench.recordFrames(ms), playMs);
		const playEnd = await page.evaluate(() => performance.now());
		const played = (await position()) - before;
		const playTasks = await page.evaluate(
			([a, b]) => window.__bench.longtasks.filter((t) => t.start >= a && t.start < b),
			[playStart, playEnd]
		);
		const loadTasks = load.longtasks;
		return {
			clicks,
			ttiMs: load.pauseAt,
			ttfbMs: load.ttfbMs,
			fcpMs: load.fcpMs,
			domContentLoadedMs: load.domContentLoadedMs,
			loadMs: load.loadMs,
			htmlKB: load.htmlKB,
			load: summarise(loadTasks),
			play: summarise(playTasks),
			playedMs: played,
			frames: { count: frames.length, p50: pct(frames, 50), p95: pct(frames, 95) }
		};
	} finally {
		await context.close();
	}
}
