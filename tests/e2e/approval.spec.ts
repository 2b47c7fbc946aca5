import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { PASSWORD, api, mix as music, unique, waitReady as waitAnalysed } from './support';

/** Ten seconds of music-like stereo: enough for a timestamped note, quick to analyse. */
const mix = (seed: number) => music(seed, -3, 10);
const waitReady = (req: APIRequestContext, id: string) => waitAnalysed(req, id, false);

/** A second person in their own browser context, signed up for an invite already sent. */
async function member(browser: Browser, baseURL: string, email: string, name: string) {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const page = await context.newPage();
	await api(page.request, baseURL, 'POST', '/api/v1/auth/register', {
		email,
		password: PASSWORD,
		name
	});
	return { context, page };
}

/** Full-page shots from the top, so the sticky header sits where a person sees it. */
async function shoot(page: Page, name: string) {
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

test('changes requested on v1, addressed in v2, approved by the label: a locked, logged final', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(150_000);
	const origin = baseURL!;
	const id = unique();
	await page.setViewportSize({ width: 1280, height: 900 });

	// Eve, the engineer, runs the project: brief, song, v1; she invites an artist and a label.
	const eve = page.request;
	await api(eve, origin, 'POST', '/api/v1/auth/register', {
		email: `eve-${id}@example.test`,
		password: PASSWORD,
		name: 'Eve Engineer'
	});
	const { project } = await api(eve, origin, 'POST', '/api/v1/projects', {
		title: 'Night Drive EP',
		artist: 'The Headlights'
	});
	await api(eve, origin, 'PUT', `/api/v1/projects/${project.id}/brief`, {
		vision: 'Late night, intimate.',
		tone: 'warm',
		notes: '',
		keyElements: [{ text: 'Vocals upfront' }, { text: 'Wide synths' }],
		revisionRounds: 2
	});
	const { song } = await api(eve, origin, 'POST', `/api/v1/projects/${project.id}/songs`, {
		title: 'Tail Lights'
	});
	const amyEmail = `amy-${id}@example.test`;
	const louEmail = `lou-${id}@example.test`;
	for (const [email, role] of [
		[amyEmail, 'artist'],
		[louEmail, 'label']
	]) {
		await api(eve, origin, 'POST', `/api/v1/projects/${project.id}/members`, { email, role });
	}
	const upload = (name: string, seed: number) =>
		api(eve, origin, 'POST', `/api/v1/songs/${song.id}/versions?filename=${name}`, mix(seed));
	const v1 = await waitReady(eve, (await upload('tail-lights-v1.wav', 1)).version.id);

	// Amy, the artist, listens to v1: a note at 0:02 tied to the brief, then asks for changes.
	const amy = await member(browser, origin, amyEmail, 'Amy Artist');
	const a = amy.page;
	await a.goto(`/versions/${v1.id}`);
	await expect(a.getByRole('heading', { name: /Tail Lights v1/ })).toBeVisible();
	const slider = a.getByRole('slider', { name: 'Playback position' });
	await expect(slider).toHaveAttribute('aria-valuemax', /^\d{4,5}$/);
	// The player may still be settling on its start position: retry from 0:00 until it holds.
	await expect(async () => {
		await slider.focus();
		await a.keyboard.press('Home');
		await a.keyboard.press('ArrowRight');
		await a.keyboard.press('ArrowRight');
		await expect(slider).toHaveAttribute('aria-valuetext', /^0:02\.000/, { timeout: 1000 });
	}).toPass();
	await a.keyboard.press('c');
	await a
		.getByRole('textbox', { name: 'Note at 0:02.000' })
		.fill('The vocal drops behind the guitars.');
	await a.getByLabel('Link to brief item').selectOption({ label: 'Vocals upfront' });
	await a.getByRole('button', { name: 'Post note' }).click();
	await expect(
		a.getByRole('list', { name: 'Notes by time' }).getByRole('button', { name: /vocal drops/ })
	).toBeVisible();

	const amyPanel = a.getByRole('region', { name: 'Approval' });
	await amyPanel.getByRole('button', { name: 'Request changes' }).click();
	await expect(amyPanel.getByRole('alert')).toContainText('Say what should change');
	await amyPanel
		.getByRole('textbox', { name: 'What should change?' })
		.fill('Vocals louder in the verses, please.');
	await amyPanel.getByRole('button', { name: 'Request changes' }).click();
	await expect(amyPanel.getByText('Changes requested').first()).toBeVisible();
	await amyPanel.getByText(/^Decisions \(1\)/).click();
	await expect(amyPanel.getByText('“Vocals louder in the verses, please.”')).toBeVisible();
	// The request opened a revision round; the header says so after the live reload.
	await expect(a.getByText('Round 1 of 2 included (changes requested)')).toBeVisible();

	// Eve uploads v2 and, on its page, marks Amy's note as addressed.
	const v2 = await waitReady(eve, (await upload('tail-lights-v2.wav', 2)).version.id);
	await page.goto(`/versions/${v2.id}`);
	await expect(page.getByRole('heading', { name: /Tail Lights v2/ })).toBeVisible();
	const asked = page.getByRole('region', { name: 'Asked for in earlier versions' });
	await asked.getByRole('checkbox', { name: /vocal drops/ }).check();
	await asked.getByRole('button', { name: 'Mark 1 as addressed in v2' }).click();
	await expect(asked.getByRole('status')).toContainText('1 note marked as addressed in v2');
	// "Against the brief" now lists it among the earlier notes this version addressed.
	const coverage = page.locator('details.coverage');
	await expect(coverage).toContainText('1 addressed from before');
	await coverage.getByText('Against the brief').click();
	await expect(coverage.getByText('Addressed from earlier versions')).toBeVisible();
	await expect(coverage.getByText(/The vocal drops behind the guitars/)).toBeVisible();
	await expect(coverage.getByText('v1 · 0:02.000')).toBeVisible();
	await expect(coverage.getByText('· Brief: Vocals upfront')).toBeVisible();

	// The notes export menu, by accessible names.
	await page.getByRole('button', { name: 'Export notes' }).click();
	const formats = page.getByRole('list', { name: 'Export notes as' });
	for (const name of ['CSV', 'MIDI markers', 'REAPER markers', 'Audacity labels']) {
		await expect(formats.getByRole('link', { name: new RegExp(`^${name}`) })).toBeVisible();
	}
	const reaper = await formats.getByRole('link', { name: /^REAPER/ }).getAttribute('href');
	expect((await eve.get(reaper!)).status()).toBe(200);
	await page.keyboard.press('Escape');
	await expect(formats).toBeHidden();

	// Amy, back on v1, is sent on to v2 rather than offered buttons the API would refuse.
	await a.reload();
	await expect(amyPanel.getByRole('link', { name: 'go to v2' })).toBeVisible();
	await expect(amyPanel.getByRole('button', { name: 'Approve' })).toHaveCount(0);

	// Lou, the label, approves v2: the final is locked, and Eve's open page hears it live.
	const lou = await member(browser, origin, louEmail, 'Lou Label');
	const l = lou.page;
	await l.goto(`/versions/${v2.id}`);
	const louPanel = l.getByRole('region', { name: 'Approval' });
	await expect(louPanel.getByText('Lou Label')).toBeVisible();
	await louPanel.getByRole('button', { name: 'Approve' }).click();
	const banner = l.getByRole('status', { name: 'Approved final' });
	await expect(banner).toContainText('Approved final — locked');
	await expect(banner).toContainText('Approved by Lou Label');
	await expect(banner).toContainText(`SHA-256 ${v2.sha256}`);
	await expect(louPanel.getByRole('button', { name: 'Approve' })).toHaveCount(0);
	await expect(louPanel.getByRole('button', { name: 'Reopen' })).toBeVisible();
	await expect(
		page.getByRole('status', { name: 'Approved final' }),
		'the engineer sees the lock without reloading'
	).toContainText(v2.sha256);
	await expect(
		page.getByRole('region', { name: 'Approval' }).getByRole('button', { name: 'Approve' })
	).toHaveCount(0);

	await shoot(l, 'approval-version-desktop');
	const phone = await browser.newContext({
		viewport: { width: 375, height: 740 },
		storageState: await lou.context.storageState(),
		hasTouch: true,
		isMobile: true
	});
	const p = await phone.newPage();
	await p.goto(`/versions/${v2.id}`);
	await expect(p.getByRole('status', { name: 'Approved final' })).toContainText(v2.sha256);
	expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
	await shoot(p, 'approval-version-phone');

	// A new upload without confirmation is refused: the final stays locked.
	const refused = await eve.fetch(`/api/v1/songs/${song.id}/versions?filename=v3.wav`, {
		method: 'POST',
		headers: { origin, 'content-type': 'audio/wav' },
		data: mix(3)
	});
	expect(refused.status()).toBe(409);
	expect((await refused.json()).error.code).toBe('final_locked');

	// The project log tells the story: the request, the addressed note, the approval.
	await page.goto(`/projects/${project.id}/log`);
	const log = page.getByRole('region', { name: 'Revision log' });
	await expect(
		log.getByText(
			'Amy Artist requested changes on v1 of “Tail Lights”: “Vocals louder in the verses, please.”'
		)
	).toBeVisible();
	await expect(
		log.getByText('Eve Engineer marked the v1 note at 0:02 as addressed in v2')
	).toBeVisible();
	await expect(log.getByText('Lou Label approved v2 of “Tail Lights”')).toBeVisible();
	await expect(
		log.getByText(/v2 of “Tail Lights” is approved.*the final is locked \(SHA-256 [0-9a-f]{12}…\)/)
	).toBeVisible();
	await shoot(page, 'approval-log-desktop');
	const p2 = await phone.newPage();
	await p2.goto(`/projects/${project.id}/log`);
	await expect(p2.getByText(/is approved/)).toBeVisible();
	expect(await p2.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
	await shoot(p2, 'approval-log-phone');

	await Promise.all([phone.close(), amy.context.close(), lou.context.close()]);
});

test('the song page points to its session delivery, and says what it is when there is none', async ({
	page,
	baseURL
}) => {
	const origin = baseURL!;
	await api(page.request, origin, 'POST', '/api/v1/auth/register', {
		email: `eve-${unique()}@example.test`,
		password: PASSWORD,
		name: 'Eve Engineer'
	});
	const { project } = await api(page.request, origin, 'POST', '/api/v1/projects', {
		title: 'Night Drive EP'
	});
	const { song } = await api(page.request, origin, 'POST', `/api/v1/projects/${project.id}/songs`, {
		title: 'Tail Lights'
	});
	await page.goto(`/songs/${song.id}`);
	const section = page.getByRole('region', { name: 'Session delivery' });
	await expect(section).toContainText('No session delivery yet');
	await section.getByRole('link', { name: 'Deliver the session' }).click();
	await expect(page).toHaveURL(new RegExp(`/songs/${song.id}/deliveries$`));
	await expect(page.getByRole('heading', { name: 'Session deliveries' })).toBeVisible();

	await api(page.request, origin, 'POST', `/api/v1/songs/${song.id}/deliveries`, {});
	await page.goto(`/songs/${song.id}`);
	await expect(section).toContainText('One delivery');
	await expect(section.getByRole('link', { name: 'Open session delivery' })).toBeVisible();
});
