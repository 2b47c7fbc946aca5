import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import * as tus from 'tus-js-client';
import { encodeWav } from '../../src/lib/audio/testing';
import { projectWithSong, storedFiles, tone, waitForVersion } from '../support/audio';
import type { ApiClient } from '../support/client';
import { startServer, type RunningServer } from '../support/server';

const servers: RunningServer[] = [];
afterAll(async () => {
	for (const s of servers) await s.stop('SIGKILL');
});
async function start(dataDir?: string, env?: Record<string, string>) {
	const s = await startServer({ dataDir, env });
	servers.push(s);
	return s;
}

const meta = (m: Record<string, string>) =>
	Object.entries(m)
		.map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
		.join(',');

function tusRequest(
	base: string,
	client: ApiClient,
	method: string,
	path: string,
	headers: Record<string, string> = {},
	body?: Uint8Array
) {
	return fetch(base + path, {
		method,
		headers: {
			'tus-resumable': '1.0.0',
			cookie: client.cookie,
			...(method === 'HEAD' ? {} : { origin: base }),
			...headers
		},
		body: body as BodyInit | undefined
	});
}

describe('resumable uploads (tus 1.0)', () => {
	it('uploads with tus-js-client and creates the version', async () => {
		const server = await start();
		const { owner, song } = await projectWithSong(server.url);
		const bytes = encodeWav({ sampleRate: 48000, bitDepth: 24, channels: tone(48000, 2, 2) });
		let progress = 0;
		const versionId = await new Promise<string>((resolve, reject) => {
			const up = new tus.Upload(Buffer.from(bytes), {
				endpoint: `${server.url}/api/v1/uploads`,
				chunkSize: 100_000,
				metadata: { songId: song.id, filename: 'tus mix.wav', notes: 'via tus' },
				headers: { cookie: owner.cookie, origin: server.url },
				retryDelays: [],
				onProgress: (sent) => (progress = sent),
				onError: reject,
				onSuccess: ({ lastResponse }) => resolve(lastResponse.getHeader('Bounce-Version-Id')!)
			});
			up.start();
		});
		expect(progress).toBe(bytes.length);
		const v = await waitForVersion(owner, versionId);
		expect(v).toMatchObject({
			status: 'ready',
			filename: 'tus mix.wav',
			notes: 'via tus',
			number: 1
		});
		expect(storedFiles(server.dataDir).filter((f) => f.startsWith('tus'))).toEqual([]);
	});

	it('resumes after the server is SIGKILLed mid-upload, on a restarted server with the same DATA_DIR', async () => {
		let server = await start();
		const { owner, song } = await projectWithSong(server.url);
		const bytes = encodeWav({ sampleRate: 44100, bitDepth: 24, channels: tone(44100, 2, 3) });
		const created = await tusRequest(server.url, owner, 'POST', '/api/v1/uploads', {
			'upload-length': String(bytes.length),
			'upload-metadata': meta({ songId: song.id, filename: 'resumed.wav' })
		});
		expect(created.status).toBe(201);
		const location = created.headers.get('location')!;
		expect(location).toMatch(/^\/api\/v1\/uploads\/[0-9a-f]{32}$/);
		const half = Math.floor(bytes.length / 2);
		const first = await tusRequest(
			server.url,
			owner,
			'PATCH',
			location,
			{ 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
			bytes.subarray(0, half)
		);
		expect(first.status).toBe(204);

		await server.stop('SIGKILL');
		server = await start(server.dataDir);
		owner.base = server.url;

		const head = await tusRequest(server.url, owner, 'HEAD', location);
		expect(head.status).toBe(200);
		const offset = Number(head.headers.get('upload-offset'));
		expect(offset).toBe(half);
		const rest = await tusRequest(
			server.url,
			owner,
			'PATCH',
			location,
			{ 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
			bytes.subarray(offset)
		);
		expect(rest.status).toBe(204);
		const id = rest.headers.get('bounce-version-id')!;
		const v = (await waitForVersion(owner, id)) as { sha256: string; status: string };
		expect(v.status).toBe('ready');
		const { createHash } = await import('node:crypto');
		expect(v.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
		const original = await fetch(`${server.url}/api/v1/versions/${id}/download`, {
			headers: { cookie: owner.cookie }
		});
		expect(new Uint8Array(await original.arrayBuffer())).toEqual(bytes);
	});

	it('binds uploads to their creator, checks access and size at creation, refuses junk early', async () => {
		const server = await start(undefined, { MAX_UPLOAD_BYTES: String(1024 * 1024) });
		const { owner, song, member } = await projectWithSong(server.url);
		const other = await member('engineer');
		const viewer = await member('viewer');
		const post = (c: ApiClient, length: number, m = { songId: song.id }) =>
			tusRequest(server.url, c, 'POST', '/api/v1/uploads', {
				'upload-length': String(length),
				'upload-metadata': meta(m)
			});
		expect((await post(viewer, 1000)).status).toBe(403);
		expect((await post(owner, 1000, { songId: 'nope' })).status).toBe(404);
		const big = await post(owner, 2 * 1024 * 1024);
		expect(big.status).toBe(413);
		const created = await post(owner, 300_000);
		const location = created.headers.get('location')!;
		expect((await tusRequest(server.url, other, 'HEAD', location)).status).toBe(404);
		const foreign = await tusRequest(
			server.url,
			other,
			'PATCH',
			location,
			{ 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
			new Uint8Array(10)
		);
		expect(foreign.status).toBe(404);
		const junk = await tusRequest(
			server.url,
			owner,
			'PATCH',
			location,
			{ 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
			new Uint8Array(100_000).fill(0x42)
		);
		expect(junk.status).toBe(415);
		expect((await junk.json()).error.message).toMatch(/WAV, AIFF, FLAC or MP3/);
		expect((await tusRequest(server.url, owner, 'HEAD', location)).status).toBe(404);
		expect(storedFiles(server.dataDir)).toEqual([]);
		expect(fs.existsSync(server.dataDir)).toBe(true);
	});
});

describe('size limit on the raw upload', () => {
	it('answers 413 from Content-Length before reading, and while streaming', async () => {
		const server = await start(undefined, { MAX_UPLOAD_BYTES: String(200_000) });
		const { owner, song } = await projectWithSong(server.url);
		const bytes = encodeWav({ sampleRate: 44100, bitDepth: 16, channels: tone(44100, 2, 2) });
		expect(bytes.length).toBeGreaterThan(200_000);
		const declared = await owner.request(
			'POST',
			`/api/v1/songs/${song.id}/versions?filename=big.wav`,
			bytes,
			{ 'content-type': 'audio/wav' }
		);
		expect(declared.status).toBe(413);
		expect(declared.json.error.code).toBe('too_large');
		const chunked = await fetch(`${server.url}/api/v1/songs/${song.id}/versions`, {
			method: 'POST',
			headers: { cookie: owner.cookie, origin: server.url, 'content-type': 'audio/wav' },
			body: new ReadableStream({
				start(c) {
					for (let i = 0; i < bytes.length; i += 50_000) c.enqueue(bytes.slice(i, i + 50_000));
					c.close();
				}
			}),
			duplex: 'half'
		} as RequestInit);
		expect(chunked.status).toBe(413);
		expect(storedFiles(server.dataDir)).toEqual([]);
		expect((await owner.get(`/api/v1/songs/${song.id}`)).json.song.versions).toEqual([]);
	});
});
