import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/lib/audio/testing';
import { projectWithSong, tone, upload, waitForVersion } from '../support/audio';
import { startServer, type RunningServer } from '../support/server';

const servers: RunningServer[] = [];
afterAll(async () => {
	for (const s of servers) await s.stop('SIGKILL');
});

describe('work a crash interrupted', () => {
	it('re-queues versions left in processing (and streams left pending) on start', async () => {
		const first = await startServer();
		servers.push(first);
		const { owner, song } = await projectWithSong(first.url);
		const bytes = encodeWav({ sampleRate: 48000, bitDepth: 24, channels: tone(48000, 2, 2) });
		const id = (await upload(owner, song.id, bytes, 'filename=a.wav')).json.version.id;
		await waitForVersion(owner, id, (v) => v.stream.status !== 'pending');
		await first.stop('SIGKILL');

		// As a crash mid-analysis would leave it: processing, no facts, no stream.
		const db = new SQLite(path.join(first.dataDir, 'bounce.sqlite'));
		db.prepare(
			`update version set status = 'processing', format = null, loudness = null,
			 stream_status = 'pending' where id = ?`
		).run(id);
		db.close();

		const second = await startServer({ dataDir: first.dataDir });
		servers.push(second);
		owner.base = second.url;
		const v = (await waitForVersion(owner, id, (x) => x.stream.status === 'ready')) as {
			status: string;
		};
		expect(v.status).toBe('ready');
	});
});

describe('reference track audio', () => {
	it('PUT /references/:id/audio stores and analyses it; junk is refused; viewers may not', async () => {
		const server = await startServer();
		servers.push(server);
		const { owner, project, member } = await projectWithSong(server.url);
		const ref = (
			await owner.post(`/api/v1/projects/${project.id}/references`, { title: 'Big Song' })
		).json.reference;
		const bytes = encodeWav({ sampleRate: 44100, bitDepth: 16, channels: tone(44100, 2, 3) });
		const put = (c: typeof owner, b: Uint8Array) =>
			c.request('PUT', `/api/v1/references/${ref.id}/audio?filename=big.wav`, b, {
				'content-type': 'audio/wav'
			});
		const res = await put(owner, bytes);
		expect(res.status, res.text).toBe(200);
		expect(res.json.reference).toMatchObject({ id: ref.id, audio: { status: 'processing' } });
		const deadline = Date.now() + 15_000;
		let audio;
		do {
			audio = (await owner.get(`/api/v1/references/${ref.id}`)).json.reference.audio;
			if (audio.status !== 'processing') break;
			await new Promise((resolve) => setTimeout(resolve, 100));
		} while (Date.now() < deadline);
		expect(audio.status).toBe('ready');
		expect(audio.loudness.integratedLufs).toBeCloseTo(-20, 0);
		expect(audio.format).toMatchObject({ container: 'wav', channels: 2 });
		// The project lists each reference with its audio in brief (no request per reference).
		await owner.post(`/api/v1/projects/${project.id}/references`, { title: 'No audio yet' });
		const listed = (await owner.get(`/api/v1/projects/${project.id}`)).json.project.references;
		expect(listed).toHaveLength(2);
		expect(listed[0]).toMatchObject({ id: ref.id, title: 'Big Song' });
		expect(listed[0].audio).toEqual({
			status: 'ready',
			format: audio.format,
			loudness: audio.loudness
		});
		expect(listed[1].audio).toBeNull();
		const peaks = await owner.get(`/api/v1/references/${ref.id}/peaks`);
		expect(peaks.json.version).toBe(2);
		expect((await put(owner, new TextEncoder().encode('not audio at all'))).status).toBe(415);
		const viewer = await member('viewer');
		expect((await put(viewer, bytes)).status).toBe(403);
		const range = await fetch(`${server.url}/api/v1/references/${ref.id}/audio`, {
			headers: { cookie: viewer.cookie, range: 'bytes=0-3' }
		});
		expect(range.status).toBe(206);
		expect(await range.text()).toBe('RIFF');
	});

	it('renders the song page with its versions for a member', async () => {
		const server = await startServer();
		servers.push(server);
		const { owner, song } = await projectWithSong(server.url);
		const bytes = encodeWav({ sampleRate: 44100, bitDepth: 16, channels: tone(44100, 2, 1) });
		await upload(owner, song.id, bytes, 'filename=first.wav');
		const page = await owner.get(`/songs/${song.id}`);
		expect(page.status).toBe(200);
		expect(page.text).toContain('Song A');
		expect(page.text).toContain('first.wav');
		expect(page.text).toContain('Upload a new version');
	});
});
