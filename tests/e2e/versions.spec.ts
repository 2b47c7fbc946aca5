import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { encodeWav, sine, tempDir } from '../../src/lib/audio/testing';

const unique = () => `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
// Long on purpose: a DAW export name must wrap or truncate, never push the page sideways.
const FILENAME =
	'Tail Lights - mix 3 - vocals up 1dB, tamer low end - 48k 24bit master for review (final-final).wav';

/** 20 s of a 1 kHz sine at -20 dBFS in both channels: -20 LUFS, and identical channels. */
async function writeMix(): Promise<{ path: string; cleanup: () => Promise<void> }> {
	const dir = await tempDir('bounce-e2e-');
	const s = sine({ frequency: 1000, sampleRate: 48000, seconds: 20, dbfs: -20 });
	const path = dir.file(FILENAME);
	fs.writeFileSync(path, encodeWav({ sampleRate: 48000, bitDepth: 24, channels: [s, s] }));
	return { path, cleanup: dir.cleanup };
}

async function signUpAndOpenNewSong(page: Page) {
	const id = unique();
	await page.goto('/register');
	await page.getByLabel('Your name').fill('Erin Engineer');
	await page.getByLabel('E-mail').fill(`erin-${id}@example.test`);
	await page.getByLabel('Password').fill('correct horse battery');
	await page.getByRole('button', { name: 'Create account' }).click();
	await page.getByLabel('Title').fill('Night Drive EP');
	await page.getByRole('button', { name: 'Create project' }).click();
	await page.getByLabel('Song title').fill('Tail Lights');
	await page.getByRole('button', { name: 'Add song' }).click();
	await page.getByRole('link', { name: /Tail Lights/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Tail Lights' })).toBeVisible();
}

const noSidewaysScroll = (page: Page) =>
	page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** Full-page screenshot from the top (else the sticky header lands mid-page). */
async function screenshot(page: Page, name: string) {
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

test('upload a mix with tus, watch it turn ready with its facts, and play it', async ({
	page,
	browser
}) => {
	const mix = await writeMix();
	try {
		await signUpAndOpenNewSong(page);
		await expect(page.getByText('No versions yet')).toBeVisible();
		await expect(page.getByText('Upload the first mix above')).toBeVisible();
		await screenshot(page, 'song-empty');

		await page.getByLabel('Change notes').fill('Vocals up 1 dB, tamer low end.');
		await page.getByLabel('Choose audio files to upload').setInputFiles(mix.path);

		// The upload's own progress, then the version it became.
		const uploads = page.getByRole('list', { name: 'Uploads' });
		await expect(uploads.getByText(FILENAME)).toBeVisible();
		await expect(uploads.getByRole('progressbar')).toBeVisible();
		await expect(uploads.getByText('Uploaded', { exact: true })).toBeVisible({ timeout: 30_000 });
		await expect(uploads.getByRole('progressbar')).toHaveAttribute('aria-valuetext', '100%');

		const card = page.getByRole('article').filter({ hasText: 'v1' });
		await expect(card.getByText('Ready', { exact: true })).toBeVisible({ timeout: 30_000 });
		await expect(card.getByText('Vocals up 1 dB, tamer low end.')).toBeVisible();
		const facts = card.getByRole('list', { name: 'Format' });
		for (const fact of ['WAV · PCM', '48 kHz', '24-bit', 'stereo', '0:20']) {
			await expect(facts.getByText(fact, { exact: true })).toBeVisible();
		}
		const integrated = card.locator('dt', { hasText: 'Integrated' }).locator('+ dd');
		await expect(integrated).toHaveText(/LUFS$/);
		expect(parseFloat((await integrated.textContent()) ?? '')).toBeCloseTo(-20, 0);
		await expect(card.locator('dt', { hasText: 'True peak' }).locator('+ dd')).toHaveText(/dBTP$/);

		// Play: a click on the player's play button (a real gesture), then time must move.
		const player = card.getByLabel('Play v1');
		await player.scrollIntoViewIfNeeded();
		const box = (await player.boundingBox())!;
		await page.mouse.click(box.x + 22, box.y + box.height / 2);
		await expect
			.poll(() => player.evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 15_000 })
			.toBeGreaterThan(0.2);
		expect(await player.evaluate((a: HTMLAudioElement) => a.paused)).toBe(false);
		await player.evaluate((a: HTMLAudioElement) => a.pause());

		expect(await noSidewaysScroll(page)).toBe(true);
		await screenshot(page, 'song-desktop');

		// The same page on a phone, signed in as the same person.
		const phone = await browser.newContext({
			viewport: { width: 375, height: 740 },
			storageState: await page.context().storageState()
		});
		const p = await phone.newPage();
		await p.goto(page.url());
		await expect(p.getByRole('article').getByText('Ready', { exact: true })).toBeVisible();
		await screenshot(p, 'song-phone');
		expect(await noSidewaysScroll(p)).toBe(true);
		await phone.close();
	} finally {
		await mix.cleanup();
	}
});
