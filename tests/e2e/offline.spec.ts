import {
	expect,
	test,
	type APIRequestContext,
	type Browser,
	type Page,
	type WebSocketRoute
} from '@playwright/test';
import { api, member, mix, projectWithSong, waitReady } from './support';

/**
 * The artist's line to the real-time server, held by the test; the app has no test hook.
 *
 * `context.setOffline(true)` fails new requests (so socket.io's reconnection attempts, which start
 * with HTTP long-polling, fail), but in Chromium it does not close a WebSocket that is already
 * open: the loss would only show when the heartbeat times out (pingInterval + pingTimeout, ~5 s).
 * So the tab's WebSocket goes through `page.routeWebSocket`, proxied to the real server, and
 * losing the network also closes both ends of it at once: the server sees the transport close
 * (and keeps the session for recovery), the tab sees its connection die.
 *
 * `forgetSession()` makes the next handshake carry an unknown session id (`pid`), which is what
 * the server sees past the recovery window (its stored session has expired) or after a restart:
 * the connection is new (`socket.recovered === false`), so the page must resync over HTTP.
 */
async function lineOf(page: Page) {
	let current: { tab: WebSocketRoute; server: WebSocketRoute } | null = null;
	let upgraded: () => void = () => {};
	let ready = new Promise<void>((r) => (upgraded = r));
	let forget = false;
	let forgotten = 0;
	// socket.io's CONNECT packet with recovery data: `40{"pid":"…","offset":"…"}`.
	const rewrite = (packet: string) => {
		if (!forget || !packet.includes('"pid":"')) return packet;
		forgotten++;
		return packet.replace(/"pid":"[^"]*"/, '"pid":"expired-session"');
	};

	await page.routeWebSocket(/\/socket\.io\//, (tab) => {
		const server = tab.connectToServer();
		current = { tab, server };
		tab.onMessage((m) => {
			server.send(typeof m === 'string' ? rewrite(m) : m);
			// Engine.io's "upgrade" packet: from now on the WebSocket is the only transport.
			if (m === '5') upgraded();
		});
	});
	return {
		/** Resolves once the tab's socket runs over the (routed) WebSocket. */
		connected: () => ready,
		async drop() {
			await page.context().setOffline(true);
			const line = current!;
			current = null;
			ready = new Promise<void>((r) => (upgraded = r));
			await line.server.close();
			await line.tab.close();
		},
		async restore() {
			await page.context().setOffline(false);
		},
		async forgetSession() {
			forget = true;
			// The handshake starts over HTTP long-polling; the CONNECT packet usually goes that way.
			await page.route(/\/socket\.io\/\?/, (route) => {
				const req = route.request();
				const body = req.method() === 'POST' ? req.postData() : null;
				return route.continue(body == null ? undefined : { postData: rewrite(body) });
			});
		},
		get forgotten() {
			return forgotten;
		}
	};
}

/** Owner Eve (on `page`) and artist Amy (her own context) both on an analysed version's page. */
async function twoInTheRoom(page: Page, browser: Browser, baseURL: string) {
	const req = page.request;
	const { project, song } = await projectWithSong(req, baseURL);
	const { version } = await api(
		req,
		baseURL,
		'POST',
		`/api/v1/songs/${song.id}/versions?filename=v1.wav`,
		mix(5, -3, 10)
	);
	await waitReady(req, version.id, false);
	const { context: artist, page: a } = await member(browser, req, baseURL, project.id, {
		name: 'Amy Artist',
		role: 'artist',
		viewport: { width: 1280, height: 900 }
	});
	await page.setViewportSize({ width: 1280, height: 900 });
	const line = await lineOf(a);
	// Every HTTP resync of the artist's page (SvelteKit's invalidateAll), counted.
	const resyncs: string[] = [];
	a.on('request', (r) => {
		if (r.url().includes('__data.json')) resyncs.push(r.url());
	});

	await page.goto(`/versions/${version.id}`);
	await a.goto(`/versions/${version.id}`);
	const hereB = page.getByRole('region', { name: 'Listening now' });
	await expect(hereB).toContainText('Amy Artist');
	await expect(a.getByRole('region', { name: 'Listening now' })).toContainText('Eve Engineer');
	await line.connected();
	return {
		version,
		artist,
		a,
		line,
		resyncs,
		hereB,
		listA: a.getByRole('list', { name: 'Notes by time' }),
		listB: page.getByRole('list', { name: 'Notes by time' }),
		waitingA: a.getByRole('status').filter({ hasText: 'Waiting for connection' })
	};
}

/** Amy writes a note the way she would: C at 0:03, the text, Post. */
async function writeNote(a: Page, body: string) {
	const slider = a.getByRole('slider', { name: 'Playback position' });
	await slider.focus();
	await a.keyboard.press('Home');
	for (let i = 0; i < 3; i++) await a.keyboard.press('ArrowRight');
	await a.keyboard.press('c');
	await a.getByRole('textbox', { name: 'Note at 0:03.000' }).fill(body);
	await a.getByRole('button', { name: 'Post note' }).click();
}

async function storedNotes(req: APIRequestContext, versionId: string) {
	const res = await req.get(`/api/v1/versions/${versionId}/comments`);
	expect(res.status()).toBe(200);
	return (await res.json()).comments as { id: string; body: string; status: string }[];
}

test('offline: a note written offline is stored once when back, missed events are replayed', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const room = await twoInTheRoom(page, browser, baseURL!);
	const { a, line, listA, listB, hereB, waitingA, version } = room;
	const comments = `/api/v1/versions/${version.id}/comments`;
	// Amy's first note, while online; it reaches Eve live.
	await writeNote(a, 'Kick is too boomy.');
	await expect(listB.getByRole('button', { name: /Kick is too boomy/ })).toBeVisible();

	// Amy loses the network; the server drops her from the room.
	await line.drop();
	await expect(hereB).toHaveCount(0);

	await writeNote(a, 'Can the snare be drier?');
	await expect(waitingA).toBeVisible();
	await expect(waitingA.getByRole('list', { name: 'Notes waiting to be sent' })).toContainText(
		'0:03.000 Can the snare be drier?'
	);
	await expect(a.getByRole('textbox', { name: /^Note at/ })).toHaveCount(0);

	// Meanwhile Eve resolves Amy's first note and writes one of her own.
	await listB.getByRole('button', { name: /Kick is too boomy/ }).click();
	await page.getByRole('button', { name: 'Resolve' }).click();
	await expect(listB.getByRole('button', { name: /Kick is too boomy/ })).toContainText('resolved');
	await api(page.request, baseURL!, 'POST', comments, { body: 'Vocal is great here.', atMs: 6000 });

	// Back online. The first send is stored but its answer is lost (the network flickers): the note
	// stays queued and is sent again with the same clientId.
	let posts = 0;
	await a.route(`**${comments}`, async (route) => {
		if (route.request().method() !== 'POST') return route.continue();
		if (++posts > 1) return route.continue();
		await route.fetch();
		await route.abort('internetdisconnected');
	});
	await line.restore();

	// Amy's page: her note stored, Eve's events (missed while offline) replayed by socket.io.
	await expect(waitingA).toHaveCount(0, { timeout: 20_000 });
	await expect(listA.getByRole('button', { name: /snare be drier/ })).toHaveCount(1);
	await expect(listA.getByRole('button', { name: /Vocal is great/ })).toBeVisible({
		timeout: 20_000
	});
	await expect(listA.getByRole('button', { name: /Kick is too boomy/ })).toContainText('resolved');
	// Replayed, not reloaded: the page made no HTTP resync.
	expect(room.resyncs).toEqual([]);
	await expect(hereB).toContainText('Amy Artist');

	// Sent twice (the answer to the first was lost), stored and announced once.
	expect(posts).toBe(2);
	await expect(listB.getByRole('button', { name: /snare be drier/ })).toHaveCount(1);
	const stored = await storedNotes(page.request, version.id);
	expect(stored.filter((c) => c.body === 'Can the snare be drier?')).toHaveLength(1);
	expect(stored.map((c) => c.body).sort()).toEqual([
		'Can the snare be drier?',
		'Kick is too boomy.',
		'Vocal is great here.'
	]);
	await room.artist.close();
});

test('offline past the recovery window: the page resyncs over HTTP and matches the server', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const room = await twoInTheRoom(page, browser, baseURL!);
	const { a, line, listA, listB, hereB, waitingA, version } = room;
	const comments = `/api/v1/versions/${version.id}/comments`;
	const { comment: early } = await api(page.request, baseURL!, 'POST', comments, {
		body: 'Intro drags a little.',
		atMs: 1000
	});
	await expect(listA.getByRole('button', { name: /Intro drags/ })).toBeVisible();

	await line.drop();
	await expect(hereB).toHaveCount(0);
	await writeNote(a, 'Hi-hats are harsh.');
	await expect(waitingA).toContainText('Hi-hats are harsh.');

	// While Amy is away Eve deletes her note and writes another: events nobody will replay.
	await api(page.request, baseURL!, 'DELETE', `/api/v1/comments/${early.id}`);
	await api(page.request, baseURL!, 'POST', comments, { body: 'Chorus needs lift.', atMs: 8000 });
	await expect(listB.getByRole('button', { name: /Chorus needs lift/ })).toBeVisible();

	// The server no longer knows Amy's session: she connects afresh and reloads over HTTP.
	await line.forgetSession();
	const resynced = a.waitForRequest(/__data\.json/, { timeout: 30_000 });
	await line.restore();
	await resynced;
	expect(line.forgotten).toBeGreaterThan(0);

	await expect(waitingA).toHaveCount(0, { timeout: 20_000 });
	await expect(listA.getByRole('button', { name: /Intro drags/ })).toHaveCount(0);
	await expect(listA.getByRole('button', { name: /Chorus needs lift/ })).toBeVisible();
	await expect(listA.getByRole('button', { name: /Hi-hats are harsh/ })).toHaveCount(1);
	const stored = await storedNotes(page.request, version.id);
	expect(stored.map((c) => c.body).sort()).toEqual(['Chorus needs lift.', 'Hi-hats are harsh.']);
	await expect(listA.getByRole('listitem')).toHaveCount(stored.length);
	await expect(listB.getByRole('button', { name: /Hi-hats are harsh/ })).toHaveCount(1);

	// And she is live again on the fresh connection.
	await expect(hereB).toContainText('Amy Artist');
	await api(page.request, baseURL!, 'POST', comments, { body: 'Outro is perfect.', atMs: 9000 });
	await expect(listA.getByRole('button', { name: /Outro is perfect/ })).toBeVisible();
	await room.artist.close();
});
