import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { encodeWav, musicLike } from '../../src/lib/audio/testing';
import { api, member, mix, projectWithSong, shoot, waitReady } from './support';

async function waitReference(req: APIRequestContext, id: string) {
	for (let i = 0; i < 300; i++) {
		const { reference } = await (await req.get(`/api/v1/references/${id}`)).json();
		if (reference.audio?.status === 'ready') return reference;
		if (reference.audio?.status === 'failed') throw new Error('reference analysis failed');
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('reference never became ready');
}

/** A signed-in engineer-owner with a briefed project, a song and two analysed versions. */
async function setUp(page: Page, baseURL: string) {
	const req = page.request;
	const { project, song, brief } = await projectWithSong(req, baseURL);
	// v1 is about 6 dB louder than v2: the A/B must not let it win by that.
	const up = (name: string, bytes: Buffer) =>
		api(req, baseURL, 'POST', `/api/v1/songs/${song.id}/versions?filename=${name}`, bytes);
	const v1 = (await up('tail-lights-v1.wav', mix(1, -1))).version;
	const v2 = (await up('tail-lights-v2.wav', mix(2, -7))).version;
	// A reference track from the brief, even louder: compared the same way.
	const { reference } = await api(
		req,
		baseURL,
		'POST',
		`/api/v1/projects/${project.id}/references`,
		{
			title: 'Midnight City',
			artist: 'M83'
		}
	);
	await api(req, baseURL, 'PUT', `/api/v1/references/${reference.id}/audio`, mix(4, -0.5));
	const [r1, r2, ref] = await Promise.all([
		waitReady(req, v1.id),
		waitReady(req, v2.id),
		waitReference(req, reference.id)
	]);
	return { project, song, brief, v1: r1, v2: r2, ref };
}

const position = (page: Page) =>
	page
		.getByRole('slider', { name: 'Playback position' })
		.getAttribute('aria-valuenow')
		.then(Number);

test('the review room: play, notes by key, threads, gapless version switch, matched A/B, addressed', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	await page.setViewportSize({ width: 1280, height: 900 });
	const { v1, v2, ref } = await setUp(page, baseURL!);

	await page.goto(`/versions/${v1.id}`);
	await expect(page.getByRole('heading', { name: /Tail Lights v1/ })).toBeVisible();
	const slider = page.getByRole('slider', { name: 'Playback position' });
	await expect(slider).toHaveAttribute('aria-valuemax', /^\d{5}$/);

	// Play: the playhead moves; pause with Space.
	await page.getByRole('button', { name: 'Play', exact: true }).click();
	await expect.poll(() => position(page), { timeout: 15_000 }).toBeGreaterThan(800);
	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();

	// Click on the overview to seek to the middle.
	const box = (await page.locator('.overview canvas').boundingBox())!;
	await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
	await expect.poll(() => position(page)).toBeGreaterThan(14_000);
	await expect.poll(() => position(page)).toBeLessThan(16_000);

	// C: a point note at the playhead, linked to a brief item.
	await page.keyboard.press('Home'); // focus is on the slider after the click: Home → 0:00
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await expect(slider).toHaveAttribute('aria-valuetext', /^0:02\.000/);
	await page.keyboard.press('c');
	const note = page.getByRole('textbox', { name: 'Note at 0:02.000' });
	await expect(note).toBeFocused();
	await note.fill('The vocal drops behind the guitars here.');
	await page.getByLabel('Link to brief item').selectOption({ label: 'Vocals upfront' });
	await page.getByRole('button', { name: 'Post note' }).click();
	const list = page.getByRole('list', { name: 'Notes by time' });
	await expect(list.getByRole('button', { name: /0:02\.000.*vocal drops/ })).toBeVisible();

	// [ and ]: a range note (keys typed in a field do not move the playhead).
	await page.getByRole('button', { name: 'Close note' }).click();
	await slider.focus();
	for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
	await page.keyboard.press('[');
	await page.keyboard.press('Shift+ArrowRight');
	await page.keyboard.press(']');
	const range = page.getByRole('textbox', { name: 'Note at 0:05.000–0:10.000' });
	await expect(range).toBeFocused();
	await range.pressSequentially('Too much reverb [here]');
	await expect(slider).toHaveAttribute('aria-valuetext', /^0:10\.000/);
	await page.getByRole('button', { name: 'Post note' }).click();
	await expect(list.getByRole('button', { name: /0:05\.000–0:10\.000/ })).toBeVisible();

	// Edit my own note, then write and delete a third one.
	const rangeThread = page.getByRole('region', { name: /Note at 0:05\.000–0:10\.000/ });
	await rangeThread.getByRole('button', { name: 'Edit', exact: true }).click();
	await rangeThread
		.getByRole('textbox', { name: 'Edit note' })
		.fill('Too much reverb on the snare');
	await rangeThread.getByRole('button', { name: 'Save' }).click();
	await expect(list.getByRole('button', { name: /reverb on the snare/ })).toBeVisible();
	await page.getByRole('button', { name: /^Add note at/ }).click();
	await page.getByRole('textbox', { name: /^Note at/ }).fill('Scratch that');
	await page.getByRole('button', { name: 'Post note' }).click();
	await expect(list.getByRole('button', { name: /Scratch that/ })).toBeVisible();
	page.once('dialog', (d) => d.accept());
	await page.getByRole('button', { name: 'Delete', exact: true }).click();
	await expect(list.getByRole('button', { name: /Scratch that/ })).toHaveCount(0);

	// Thread: open the first note (the playhead jumps there), reply, resolve, reopen.
	await list.getByRole('button', { name: /vocal drops/ }).click();
	await expect(slider).toHaveAttribute('aria-valuetext', /^0:02\.000/);
	const thread = page.getByRole('region', { name: /Note at 0:02\.000/ });
	await expect(thread.getByText('Brief: Vocals upfront')).toBeVisible();
	await thread.getByRole('textbox', { name: 'Your reply' }).fill('Agreed, push it up 1 dB.');
	await thread.getByRole('button', { name: 'Reply' }).click();
	await expect(thread.getByText('Agreed, push it up 1 dB.')).toBeVisible();
	await thread.getByRole('button', { name: 'Resolve' }).click();
	await expect(thread.getByText('resolved', { exact: true })).toBeVisible();
	await thread.getByRole('button', { name: 'Reopen' }).click();
	await expect(thread.getByText('open', { exact: true })).toBeVisible();

	// The filters: resolved shows none now; the brief item shows the linked one.
	await page.getByText('Resolved', { exact: true }).click();
	await expect(page.getByText('No notes match')).toBeVisible();
	await page.getByText('All', { exact: true }).click();
	await page.getByLabel('Filter by brief item').selectOption({ label: 'Vocals upfront' });
	await expect(list.getByRole('listitem')).toHaveCount(1);
	await page.getByLabel('Filter by brief item').selectOption({ label: 'Any brief item' });

	// Relink the note to another brief item from its thread; the filter follows.
	await thread
		.getByRole('combobox', { name: 'Brief item', exact: true })
		.selectOption({ label: 'Wide synths' });
	await expect(thread.getByText('Brief: Wide synths')).toBeVisible();
	await page.getByLabel('Filter by brief item').selectOption({ label: 'Wide synths' });
	await expect(list.getByRole('listitem')).toHaveCount(1);
	await page.getByLabel('Filter by brief item').selectOption({ label: 'Any brief item' });
	await page.keyboard.press('Escape');

	// The keyboard help.
	await page.locator('body').click({ position: { x: 5, y: 300 } });
	await page.keyboard.press('?');
	await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
	await page.screenshot({ path: 'test-results/screens/review-help.png' });
	await page.keyboard.press('Escape');
	await expect(page.getByRole('dialog')).toHaveCount(0);
	await shoot(page, 'review-desktop');

	// Switch to v2 while playing: same spot, no restart.
	await page.getByRole('button', { name: 'Play', exact: true }).click();
	await expect.poll(() => position(page)).toBeGreaterThan(2_500);
	const before = await position(page);
	await page.getByRole('link', { name: 'Version 2' }).click();
	await expect(page).toHaveURL(new RegExp(`/versions/${v2.id}`));
	await expect(page.getByRole('heading', { name: /Tail Lights v2/ })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
	const after = await position(page);
	// Same spot, no restart: it carried on from where v1 was (navigation time may pass meanwhile).
	expect(after).toBeGreaterThanOrEqual(before);
	expect(after - before).toBeLessThan(10_000);
	await expect.poll(() => position(page)).toBeGreaterThan(after + 300);

	// A/B against v1, loudness-matched: v1 (louder) is turned down by the LUFS difference.
	const diff = Math.round((v1.loudness!.integratedLufs - v2.loudness!.integratedLufs) * 10) / 10;
	expect(diff).toBeGreaterThan(3);
	const ab = page.getByRole('region', { name: 'Compare' });
	await ab.getByLabel('Compare v2 with').selectOption({ label: 'v1' });
	await expect(ab).toHaveAttribute('data-applied-gain-db', '0');
	await ab.getByRole('button', { name: /^B v1/ }).click();
	await expect(ab).toHaveAttribute('data-applied-gain-db', String(-diff));
	await expect(ab.getByText(`B (v1) turned down by ${diff.toFixed(1)} dB`)).toBeVisible();
	await ab.getByLabel('Match loudness').uncheck();
	await expect(ab).toHaveAttribute('data-applied-gain-db', '0');
	await ab.getByLabel('Match loudness').check();
	await expect(ab).toHaveAttribute('data-applied-gain-db', String(-diff));
	await page.keyboard.press('b');
	await expect(ab).toHaveAttribute('data-applied-gain-db', '0');
	await expect(ab.getByRole('button', { name: /^A v2/ })).toHaveAttribute('aria-pressed', 'true');

	// The reference the same way: it is the louder, so it is the one turned down.
	const refDiff =
		Math.round((ref.audio.loudness.integratedLufs - v2.loudness!.integratedLufs) * 10) / 10;
	await ab.getByLabel('Compare v2 with').selectOption({ label: 'Reference: Midnight City' });
	await ab.getByRole('button', { name: /^B Reference: Midnight City/ }).click();
	await expect(ab).toHaveAttribute('data-applied-gain-db', String(-refDiff));
	await expect(page.getByText('Hearing B: Midnight City')).toBeVisible();
	await ab.getByRole('button', { name: /^A v2/ }).click();

	// Data saver and back, at the same spot.
	const atSwitch = await position(page);
	await page.getByText('Data saver', { exact: true }).click();
	await expect(page.getByRole('radio', { name: 'Data saver' })).toBeChecked();
	expect(await position(page)).toBeGreaterThanOrEqual(atSwitch);
	await expect.poll(() => position(page)).toBeGreaterThan(atSwitch + 300);
	await page.getByText('Lossless', { exact: true }).click();
	await expect(page.getByRole('radio', { name: 'Lossless' })).toBeChecked();
	await page.getByRole('button', { name: 'Pause' }).click();

	// v2 addresses the v1 note; its author sees "addressed in v2" on v1.
	const asked = page.getByRole('region', { name: 'Asked for in earlier versions' });
	await asked.getByRole('checkbox', { name: /vocal drops/ }).check();
	await asked.getByRole('button', { name: 'Mark 1 as addressed in v2' }).click();
	await expect(asked.getByRole('status')).toContainText('1 note marked as addressed in v2');
	await expect(asked.getByRole('list', { name: 'This version addresses:' })).toContainText(
		'vocal drops'
	);
	await shoot(page, 'review-v2-ab');

	await page.getByRole('link', { name: 'Version 1' }).click();
	await expect(page.getByRole('heading', { name: /Tail Lights v1/ })).toBeVisible();
	await expect(list.getByRole('button', { name: /vocal drops/ })).toContainText('addressed in v2');

	// The same room on a phone.
	const phone = await browser.newContext({
		viewport: { width: 375, height: 740 },
		storageState: await page.context().storageState(),
		hasTouch: true,
		isMobile: true
	});
	const p = await phone.newPage();
	await p.goto(`/versions/${v1.id}`);
	await expect(p.getByRole('slider', { name: 'Playback position' })).toBeVisible();
	// A tap before the page hydrates does nothing (the button is server-rendered): tap until it plays.
	const pause = p.getByRole('button', { name: 'Pause' });
	await expect(async () => {
		if (await pause.isVisible()) return;
		await p.getByRole('button', { name: 'Play', exact: true }).tap();
		await expect(pause).toBeVisible({ timeout: 1000 });
	}).toPass();
	await expect.poll(() => position(p), { timeout: 15_000 }).toBeGreaterThan(500);
	await p.getByRole('button', { name: /^Add note at/ }).tap();
	await expect(p.getByRole('button', { name: 'Post note' })).toBeVisible();
	await p.getByRole('button', { name: 'Pause' }).tap();
	const width = await p.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(375);
	await shoot(p, 'review-phone');
	await phone.close();
});

test('a 10-minute song with 1,000 notes: all listed and marked, it plays and jumps', async ({
	page,
	baseURL
}) => {
	test.setTimeout(180_000);
	await page.setViewportSize({ width: 1280, height: 900 });
	const req = page.request;
	const { song } = await projectWithSong(req, baseURL!);
	// Ten minutes, mono at 22.05 kHz: a long song without a 100 MB fixture.
	const sr = 22050;
	const long = Buffer.from(
		encodeWav({ sampleRate: sr, bitDepth: 16, channels: [musicLike(sr * 600, sr, 7, -2)] })
	);
	const { version } = await api(
		req,
		baseURL!,
		'POST',
		`/api/v1/songs/${song.id}/versions?filename=long.wav`,
		long
	);
	await waitReady(req, version.id, false);
	const bodies = Array.from({ length: 1000 }, (_, i) => ({
		body: `Note ${i + 1}: ${i % 2 ? 'hi-hats harsh' : 'bass muddy'} around here`,
		atMs: Math.round((i * 599_000) / 1000),
		endMs:
			i % 3 === 0
				? Math.min(600_000, Math.round((i * 599_000) / 1000) + 5_000 + (i % 7) * 3_000)
				: undefined
	}));
	for (let i = 0; i < bodies.length; i += 20) {
		await Promise.all(
			bodies
				.slice(i, i + 20)
				.map((b) => api(req, baseURL!, 'POST', `/api/v1/versions/${version.id}/comments`, b))
		);
	}

	// Timings (render, long tasks, frame times) are measured by bench/review.js, not asserted here.
	await page.goto(`/versions/${version.id}`);
	const list = page.getByRole('list', { name: 'Notes by time' });
	await expect(list.getByRole('listitem')).toHaveCount(1000);
	await expect(page.locator('.lanes .mark')).toHaveCount(1000);
	await page.getByRole('button', { name: 'Play', exact: true }).click();
	await expect.poll(() => position(page)).toBeGreaterThan(300);

	// A click on a late note moves the playhead there.
	const late = list.getByRole('button', { name: /Note 900:/ });
	await late.scrollIntoViewIfNeeded();
	await late.click();
	await expect(page.getByRole('slider', { name: 'Playback position' })).toHaveAttribute(
		'aria-valuetext',
		/^8:58\.\d{3}/
	);
	await page.getByRole('button', { name: 'Pause' }).click();
	await shoot(page, 'review-1000-notes');
});

test('live: another listener shows on the waveform, their notes arrive without a reload', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const req = page.request;
	const { project, song } = await projectWithSong(req, baseURL!);
	const { version } = await api(
		req,
		baseURL!,
		'POST',
		`/api/v1/songs/${song.id}/versions?filename=v1.wav`,
		mix(3, -3)
	);
	await waitReady(req, version.id, false);
	const { context: artist, page: a } = await member(browser, req, baseURL!, project.id, {
		name: 'Amy Artist',
		role: 'artist',
		viewport: { width: 375, height: 740 }
	});

	await page.goto(`/versions/${version.id}`);
	await a.goto(`/versions/${version.id}`);
	const here = page.getByRole('region', { name: 'Listening now' });
	await expect(here).toContainText('Amy Artist');

	// Her playhead: she seeks to 0:12 and the owner's page says so.
	await a.getByRole('slider', { name: 'Playback position' }).focus();
	await a.keyboard.press('PageUp');
	await a.keyboard.press('ArrowUp');
	await a.keyboard.press('ArrowUp');
	await expect(here).toContainText('paused at 0:12');
	await expect(page.locator('.listener')).toHaveCount(1);

	// Her note appears in his list live.
	await a.keyboard.press('c');
	await a.getByRole('textbox', { name: 'Note at 0:12.000' }).fill('Can the snare be drier?');
	await expect(here).toContainText('writing a note at 0:12');
	await a.getByRole('button', { name: 'Post note' }).click();
	const list = page.getByRole('list', { name: 'Notes by time' });
	await expect(list.getByRole('button', { name: /0:12\.000 Amy Artist/ })).toBeVisible();

	// He resolves it; her page shows it resolved, live.
	await list.getByRole('button', { name: /snare/ }).click();
	await page.getByRole('button', { name: 'Resolve' }).click();
	await expect(
		a.getByRole('list', { name: 'Notes by time' }).getByRole('button', { name: /snare/ })
	).toContainText('resolved');
	await artist.close();
});
