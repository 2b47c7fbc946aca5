import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { encodeWav, musicLike } from '../../src/lib/audio/testing/index.js';

const RATE = 48000;
const wav = (seed: number, bitDepth: 16 | 24 = 24) => {
	const frames = 2 * RATE;
	return encodeWav({
		sampleRate: RATE,
		bitDepth,
		channels: [musicLike(frames, RATE, seed, -6), musicLike(frames, RATE, seed + 500, -6)]
	});
};

/** A session folder as an artist would export it: one 16-bit stem, one "Audio 1", a rough mix. */
function sessionFolder(): { root: string; files: Map<string, Uint8Array> } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bounce-e2e-delivery-'));
	const root = path.join(dir, 'Night Drive session');
	const files: [string, Uint8Array][] = [
		['drums/Kick.wav', wav(1)],
		['drums/Snare.wav', wav(2, 16)],
		['vocals/Audio 1.wav', wav(3)],
		['Rough Mix.wav', wav(4)]
	];
	for (const [p, bytes] of files) {
		fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
		fs.writeFileSync(path.join(root, p), bytes);
	}
	return { root, files: new Map(files) };
}

/** Signs up an owner with a project and a song; returns the song's id. */
async function ownerWithSong(page: Page, baseURL: string): Promise<string> {
	const origin = { origin: baseURL };
	const id = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
	const reg = await page.request.post('/api/v1/auth/register', {
		data: {
			email: `dora-${id}@example.test`,
			password: 'correct horse battery',
			name: 'Dora Owner'
		},
		headers: origin
	});
	expect(reg.status()).toBe(201);
	const project = await page.request.post('/api/v1/projects', {
		data: { title: 'Night Drive EP', artist: 'The Headlights' },
		headers: origin
	});
	const projectId = (await project.json()).project.id;
	const song = await page.request.post(`/api/v1/projects/${projectId}/songs`, {
		data: { title: 'Tail Lights' },
		headers: origin
	});
	return (await song.json()).song.id;
}

async function openNewDelivery(page: Page, songId: string) {
	await page.goto(`/songs/${songId}/deliveries`);
	await expect(page.getByText('No deliveries yet')).toBeVisible();
	await page.getByLabel('Note (optional)').fill('Full session, 48 kHz');
	await page.getByRole('button', { name: 'New delivery' }).click();
	await expect(page.getByRole('heading', { name: 'Session delivery' })).toBeVisible();
}

test('an artist delivers a session folder and reads the report; the owner asks for fixes', async ({
	page,
	baseURL
}) => {
	const songId = await ownerWithSong(page, baseURL!);
	await openNewDelivery(page, songId);

	await page.getByLabel('Choose a folder').setInputFiles(sessionFolder().root);
	await expect(page.getByRole('progressbar', { name: 'Overall upload progress' })).toBeVisible();
	await expect(page.getByText('Usable, with warnings')).toBeVisible({ timeout: 30_000 });

	await expect(page.getByText(/drums\/Snare.wav is 16-bit/)).toBeVisible();
	await expect(
		page.getByText(/“Audio 1” does not say what it is. Rename it, e.g. “Vocals_1”/)
	).toBeVisible();
	await expect(page.getByText(/Rough mix: Rough Mix.wav/)).toBeVisible();

	const tree = page.getByRole('list', { name: 'Delivered files' });
	await expect(tree.getByText('drums/')).toBeVisible();
	await expect(tree.getByText('Rough mix', { exact: true })).toBeVisible();
	await expect(tree.getByLabel('Verdict: Warning')).toHaveCount(2);
	await expect(tree.getByLabel('Verdict: Pass')).toHaveCount(2);
	await expect(page.getByRole('link', { name: 'Download all (.zip)' })).toBeVisible();

	await page.getByRole('button', { name: 'Play drums/Kick.wav' }).click();
	await expect(page.getByRole('region', { name: 'Stem player' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Pause drums/Kick.wav' })).toBeVisible();

	await page.getByLabel('Note to the artist').fill('Please re-export the snare at 24-bit.');
	await page.getByRole('button', { name: 'Ask for fixes' }).click();
	await expect(page.getByText('Fixes requested').first()).toBeVisible();
	await expect(page.getByText('Please re-export the snare at 24-bit.')).toBeVisible();

	fs.mkdirSync('test-results/screens', { recursive: true });
	await page.screenshot({ path: 'test-results/screens/delivery.png', fullPage: true });
	await page.setViewportSize({ width: 375, height: 800 });
	await page.screenshot({ path: 'test-results/screens/delivery-phone.png', fullPage: true });

	await page.goto(`/songs/${songId}/deliveries`);
	await expect(page.getByRole('link', { name: /4 files/ })).toBeVisible();
});

/** tus `Upload-Metadata`: `key base64,key base64`. */
function uploadMetadata(header: string | undefined): Record<string, string> {
	return Object.fromEntries(
		(header ?? '').split(',').map((pair) => {
			const [key, value = ''] = pair.trim().split(' ');
			return [key, Buffer.from(value, 'base64').toString('utf8')];
		})
	);
}

test('a connection dropped halfway through a stem resumes where it stopped, not from zero', async ({
	page,
	baseURL
}) => {
	const session = sessionFolder();
	const kick = session.files.get('drums/Kick.wav')!;
	const half = Math.floor(kick.length / 2);
	// Not audio: refused on its own while the stems carry on.
	fs.writeFileSync(path.join(session.root, 'notes.txt'), 'Recorded at Studio B, 48 kHz.\n');
	const songId = await ownerWithSong(page, baseURL!);
	await openNewDelivery(page, songId);
	fs.mkdirSync('test-results/screens', { recursive: true });

	// Learn which tus upload is the kick from its creation request's metadata.
	let kickUpload: string | null = null;
	await page.route('**/api/v1/uploads', async (route) => {
		const res = await route.fetch();
		if (uploadMetadata(route.request().headers()['upload-metadata']).path === 'drums/Kick.wav')
			kickUpload = new URL(res.headers().location, baseURL).pathname;
		await route.fulfill({ response: res });
	});
	// Its first PATCH delivers half the bytes to the server, then the connection breaks.
	const kickOffsets: number[] = [];
	await page.route('**/api/v1/uploads/*', async (route) => {
		const req = route.request();
		if (req.method() !== 'PATCH' || new URL(req.url()).pathname !== kickUpload) {
			return route.continue();
		}
		kickOffsets.push(Number(req.headers()['upload-offset']));
		if (kickOffsets.length > 1) return route.continue();
		const partial = await route.fetch({
			postData: Buffer.from(kick.subarray(0, half)),
			headers: { ...req.headers(), 'content-length': String(half) }
		});
		expect(partial.headers()['upload-offset']).toBe(String(half));
		await page.screenshot({ path: 'test-results/screens/delivery-tus-during.png', fullPage: true });
		await page.setViewportSize({ width: 375, height: 800 });
		await page.screenshot({
			path: 'test-results/screens/delivery-tus-during-phone.png',
			fullPage: true
		});
		await page.setViewportSize({ width: 1280, height: 720 });
		await route.abort('connectionreset');
	});

	await page.getByLabel('Choose a folder').setInputFiles(session.root);
	const uploads = page.getByRole('list', { name: 'Uploads' });
	await expect(uploads.getByLabel('Upload progress of drums/Kick.wav')).toBeVisible();
	await expect(page.getByText('4 of 5 files uploaded · 1 refused')).toBeVisible({
		timeout: 30_000
	});
	await expect(uploads.getByRole('alert')).toHaveText(/not audio/);
	await expect(page.getByText('Usable, with warnings')).toBeVisible({ timeout: 30_000 });

	// tus-js-client retried on its own and sent only the missing half.
	expect(kickOffsets).toEqual([0, half]);

	const res = await page.request.get(page.url().replace('/deliveries/', '/api/v1/deliveries/'));
	const { delivery } = await res.json();
	expect(delivery.files).toHaveLength(4);
	for (const [p, bytes] of session.files) {
		const file = delivery.files.find((f: { path: string }) => f.path === p);
		expect(file, p).toBeTruthy();
		expect(file.status).toBe('ready');
		expect(file.verdict).not.toBeNull();
		expect(file.sizeBytes).toBe(bytes.length);
		expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
	}
	await expect(page.getByText(/Rough mix: Rough Mix.wav/)).toBeVisible();

	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path: 'test-results/screens/delivery-tus-after.png', fullPage: true });
	await page.setViewportSize({ width: 375, height: 800 });
	await page.screenshot({
		path: 'test-results/screens/delivery-tus-after-phone.png',
		fullPage: true
	});
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
		true
	);
});
