// Helpers shared by the browser tests: accounts, projects and analysed versions made over the API.
import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { encodeWav, musicLike } from '../../src/lib/audio/testing';

export const unique = () => `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
export const PASSWORD = 'correct horse battery';
const SR = 44100;

/** A stereo "mix" with music-like material; `peakDbfs` sets how loud it is. */
export function mix(seed: number, peakDbfs: number, seconds = 30): Buffer {
	const ch = musicLike(SR * seconds, SR, seed, peakDbfs);
	return Buffer.from(encodeWav({ sampleRate: SR, bitDepth: 16, channels: [ch, ch] }));
}

export interface Version {
	id: string;
	number: number;
	sha256: string;
	status: string;
	loudness: { integratedLufs: number } | null;
	stream: { status: string };
}

/** Cookie-authenticated state changes carry the app's Origin, as a browser's would. */
export async function api(
	req: APIRequestContext,
	origin: string,
	method: string,
	path: string,
	body?: unknown
) {
	const res = await req.fetch(path, {
		method,
		headers: { origin, ...(body instanceof Buffer ? { 'content-type': 'audio/wav' } : {}) },
		data: body
	});
	expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
	return res.status() === 204 ? null : await res.json();
}

/** Polls until the version is analysed (and, with `stream`, its data-saver stream settled). */
export async function waitReady(
	req: APIRequestContext,
	id: string,
	stream = true
): Promise<Version> {
	for (let i = 0; i < 300; i++) {
		const { version } = await (await req.get(`/api/v1/versions/${id}`)).json();
		if (version.status === 'failed') throw new Error(`analysis failed: ${version.error}`);
		if (version.status === 'ready' && (!stream || version.stream.status !== 'pending'))
			return version;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('version never became ready');
}

/** Signs up an engineer (the request context's cookie) who owns a briefed project with a song. */
export async function projectWithSong(req: APIRequestContext, baseURL: string) {
	const id = unique();
	await api(req, baseURL, 'POST', '/api/v1/auth/register', {
		email: `eve-${id}@example.test`,
		password: PASSWORD,
		name: 'Eve Engineer'
	});
	const { project } = await api(req, baseURL, 'POST', '/api/v1/projects', {
		title: 'Night Drive EP',
		artist: 'The Headlights'
	});
	const { brief } = await api(req, baseURL, 'PUT', `/api/v1/projects/${project.id}/brief`, {
		vision: 'Late night, intimate.',
		tone: 'warm',
		notes: '',
		keyElements: [{ text: 'Vocals upfront' }, { text: 'Wide synths' }]
	});
	const { song } = await api(req, baseURL, 'POST', `/api/v1/projects/${project.id}/songs`, {
		title: 'Tail Lights'
	});
	return { project, song, brief };
}

/** Invites `email` to the project as `role`, then signs them up in a browser context of their own. */
export async function member(
	browser: Browser,
	owner: APIRequestContext,
	baseURL: string,
	projectId: string,
	opts: { name: string; role: string; viewport?: { width: number; height: number } }
) {
	const email = `${opts.name.split(' ')[0].toLowerCase()}-${unique()}@example.test`;
	await api(owner, baseURL, 'POST', `/api/v1/projects/${projectId}/members`, {
		email,
		role: opts.role
	});
	const context = await browser.newContext(opts.viewport ? { viewport: opts.viewport } : {});
	const page = await context.newPage();
	await api(page.request, baseURL, 'POST', '/api/v1/auth/register', {
		email,
		password: PASSWORD,
		name: opts.name
	});
	return { context, page };
}

/** Full-page shots from the top, so the sticky header sits where a person sees it. */
export async function shoot(page: Page, name: string) {
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}
