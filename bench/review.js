// Review-room benchmark (the issue: "a version page with 1,000 notes on a 10-minute song stays
// responsive"). The real built server (node server.js) with its own DATA_DIR on loopback; a
// 10-minute 48 kHz mono 24-bit WAV uploaded three times through the API: song A v1 gets 1,000
// notes (a third of them ranges, a fifth tied to the brief, 10% resolved) and 250 replies; song A
// v2 none of its own (its page lists v1's open notes to address); song B v1 none (the anchor).
//   (a) server: GET /versions/:id (SSR HTML, which loads through the API in-process) and
//       GET /api/v1/versions/:id/comments, p50/p95 over 30 sequential requests after 3 warm-ups;
//   (b) Chromium (playwright-core): cold loads of the page, long tasks while loading, time until
//       the Play button answers, then 5 s of playback: long tasks and rAF frame times.
// Usage: npm run bench:review   (writes bench/results/review.md; the WAV is cached in bench/.tmp)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, measurePage, pct } from './review-browser.js';
import { writeReport } from './review-report.js';
import { generateWav } from './audio-gen.js';
import { apiSession, startServer } from './bench-server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const tmp = path.join(here, '.tmp');
const SETUP = {
	NOTES: 1000,
	REPLIES: 250,
	REQUESTS: 30,
	WARM_UP: 3,
	BROWSER_RUNS: 3,
	PLAY_MS: 5000
};
const { NOTES, REPLIES, REQUESTS, WARM_UP, BROWSER_RUNS, PLAY_MS } = SETUP;
const DURATION_MS = 600_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function upload(api, songId, file) {
	const body = fs.readFileSync(file);
	const { version } = await api.call(
		'POST',
		`/api/v1/songs/${songId}/versions?filename=long.wav`,
		body,
		'audio/wav'
	);
	return version.id;
}

/** Waits for the analysis and the MP3 stream, so no encoder competes with the measurements. */
async function settled(api, id) {
	for (;;) {
		const { version: v } = await api.call('GET', `/api/v1/versions/${id}`);
		if (v.status === 'failed') throw new Error(`analysis failed: ${v.error}`);
		if (v.status === 'ready' && v.stream.status !== 'pending') return v;
		await sleep(250);
	}
}

/** Runs `fn` over `items` with `n` in flight. */
async function pool(items, n, fn) {
	let next = 0;
	await Promise.all(
		Array.from({ length: n }, async () => {
			while (next < items.length) await fn(items[next++]);
		})
	);
}

async function seedNotes(api, versionId, keyElements) {
	const notes = Array.from({ length: NOTES }, (_, i) => {
		const atMs = Math.round((i * (DURATION_MS - 1000)) / NOTES);
		return {
			body: `Note ${i + 1}: ${['bass muddy', 'hi-hats harsh', 'vocal buried', 'too much verb'][i % 4]} around here`,
			atMs,
			...(i % 3 === 0 && { endMs: Math.min(DURATION_MS, atMs + 4000 + (i % 7) * 3000) }),
			...(i % 5 === 0 && { briefItemId: keyElements[i % keyElements.length].id })
		};
	});
	const ids = [];
	await pool(notes, 8, async (n) => {
		const { comment } = await api.call('POST', `/api/v1/versions/${versionId}/comments`, n);
		ids.push(comment.id);
	});
	const replies = Array.from({ length: REPLIES }, (_, i) => ({
		parentId: ids[(i * 7) % ids.length],
		body: `Reply ${i + 1}: agreed, will fix in the next bounce`
	}));
	await pool(replies, 8, (r) => api.call('POST', `/api/v1/versions/${versionId}/comments`, r));
	await pool(ids.slice(0, NOTES / 10), 8, (id) =>
		api.call('PATCH', `/api/v1/comments/${id}`, { status: 'resolved' })
	);
}

/** Time to the last byte of `REQUESTS` sequential GETs, after warm-ups. */
async function timeGets(origin, p, cookie) {
	const once = async () => {
		const t0 = performance.now();
		const res = await fetch(origin + p, { headers: { cookie } });
		const text = await res.text();
		if (!res.ok) throw new Error(`GET ${p}: ${res.status}`);
		return { ms: performance.now() - t0, kb: Buffer.byteLength(text) / 1024 };
	};
	for (let i = 0; i < WARM_UP; i++) await once();
	const runs = [];
	for (let i = 0; i < REQUESTS; i++) runs.push(await once());
	const ms = runs.map((r) => r.ms);
	return { p50: pct(ms, 50), p95: pct(ms, 95), kb: runs[0].kb };
}

async function main() {
	fs.mkdirSync(tmp, { recursive: true });
	fs.mkdirSync(path.join(here, 'results'), { recursive: true });
	execFileSync(process.execPath, ['scripts/ensure-build.js'], { cwd: root, stdio: 'inherit' });
	const wav = path.join(tmp, 'song-10min-48k-mono.wav');
	await generateWav(wav, { rate: 48000, seconds: DURATION_MS / 1000, bits: 24, channels: 1 });
	const loadBefore = loadavg()[0];

	const dataDir = fs.mkdtempSync(path.join(tmp, 'review-data-'));
	const { proc, origin } = await startServer(dataDir, { host: 'localhost' });
	let browser;
	try {
		const api = await apiSession(origin);
		const { project } = await api.call('POST', '/api/v1/projects', { title: 'Bench EP' });
		const { brief } = await api.call('PUT', `/api/v1/projects/${project.id}/brief`, {
			vision: 'Late night',
			keyElements: [{ text: 'Vocals upfront' }, { text: 'Wide synths' }, { text: 'Warm bass' }]
		});
		const newSong = async (title) =>
			(await api.call('POST', `/api/v1/projects/${project.id}/songs`, { title })).song;
		const [song, other] = [await newSong('Ten Minutes'), await newSong('Anchor')];
		const noted = await upload(api, song.id, wav);
		const next = await upload(api, song.id, wav);
		const empty = await upload(api, other.id, wav);
		const ta = performance.now();
		console.log('analysing three 10-minute versions (and their MP3 streams)…');
		await Promise.all([settled(api, noted), settled(api, next), settled(api, empty)]);
		console.log(`analysed in ${((performance.now() - ta) / 1000).toFixed(1)} s`);
		const t0 = performance.now();
		await seedNotes(api, noted, brief.keyElements);
		const seedS = (performance.now() - t0) / 1000;
		console.log(`posted ${NOTES} notes + ${REPLIES} replies in ${seedS.toFixed(1)} s`);

		const cases = [
			{ label: 'anchor: v1, 0 notes', id: empty, notes: 0 },
			{
				label: `v1, ${NOTES.toLocaleString('en')} notes + ${REPLIES} replies`,
				id: noted,
				notes: NOTES
			},
			// The next version lists the previous one's open notes to address.
			{
				label: `v2, 0 notes, ${(NOTES * 0.9).toLocaleString('en')} open v1 notes`,
				id: next,
				notes: 0
			}
		];
		const server = [];
		for (const c of cases) {
			for (const [what, p] of [
				['GET /versions/:id (SSR HTML)', `/versions/${c.id}`],
				['GET /api/v1/versions/:id/comments', `/api/v1/versions/${c.id}/comments`]
			]) {
				const r = { case: c.label, what, ...(await timeGets(origin, p, api.cookie())) };
				console.log(r);
				server.push(r);
			}
		}

		browser = await launchBrowser();
		const pages = [];
		// Alternate the two pages, so a burst of load from elsewhere hits both alike.
		for (let run = 1; run <= BROWSER_RUNS; run++) {
			for (const c of cases) {
				const r = await measurePage(browser, {
					origin,
					versionId: c.id,
					cookie: api.cookie(),
					expectNotes: c.notes,
					playMs: PLAY_MS
				});
				console.log(c.label, r);
				pages.push({ case: c.label, run, ...r });
			}
		}
		writeReport({ server, pages, seedS, loadBefore }, SETUP);
	} finally {
		await browser?.close();
		proc.kill('SIGTERM');
		await new Promise((resolve) => proc.once('exit', resolve));
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

await main();
