import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
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
function sessionFolder(): string {
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
	return root;
}

test('an artist delivers a session folder and reads the report; the owner asks for fixes', async ({
	page,
	baseURL
}) => {
	const origin = { origin: baseURL! };
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
	const songId = (await song.json()).song.id;

	await page.goto(`/songs/${songId}/deliveries`);
	await expect(page.getByText('No deliveries yet')).toBeVisible();
	await page.getByLabel('Note (optional)').fill('Full session, 48 kHz');
	await page.getByRole('button', { name: 'New delivery' }).click();
	await expect(page.getByRole('heading', { name: 'Session delivery' })).toBeVisible();

	await page.getByLabel('Choose a folder').setInputFiles(sessionFolder());
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
