import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/lib/audio/testing';
import {
	acceptedFiles,
	encodeMp3,
	eventually,
	flacFile,
	projectWithSong,
	storedFiles,
	tone,
	upload,
	waitForVersion
} from '../support/audio';
import { ApiClient, signUp } from '../support/client';
import { connectSocket, connected, join, record } from '../support/socket';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

describe('uploading mix versions (raw POST)', () => {
	it('takes every accepted format, numbers versions per song and analyses each', async () => {
		const { owner, song } = await projectWithSong(server.url);
		const files = acceptedFiles();
		files.push({
			name: 'mix.mp3',
			bytes: await encodeMp3(tone(44100, 2, 2)),
			expect: { container: 'mp3', sampleRate: 44100, channels: 2 }
		});
		const ids: string[] = [];
		for (const [i, f] of files.entries()) {
			const res = await upload(owner, song.id, f.bytes, `filename=${f.name}&notes=take%20${i}`);
			expect(res.status, `${f.name}: ${res.text}`).toBe(201);
			expect(res.json.version).toMatchObject({
				songId: song.id,
				number: i + 1,
				filename: f.name,
				notes: `take ${i}`,
				status: 'processing',
				sizeBytes: f.bytes.length,
				stream: { status: 'pending' },
				approval: { state: 'in_review', decisions: [] }
			});
			expect(res.json.version.sha256).toMatch(/^[0-9a-f]{64}$/);
			ids.push(res.json.version.id);
		}
		for (const [i, id] of ids.entries()) {
			const v = await waitForVersion(owner, id);
			expect(v.status, `${files[i].name}: ${JSON.stringify(v)}`).toBe('ready');
			expect((v as any).format).toMatchObject(files[i].expect); // eslint-disable-line @typescript-eslint/no-explicit-any
		}
		const listed = (await owner.get(`/api/v1/songs/${song.id}`)).json.song.versions;
		expect(listed.map((v: { number: number }) => v.number)).toEqual(
			[...files.keys()].map((i) => files.length - i)
		);
	});

	it('takes FLAC and analyses it', async () => {
		const { owner, song } = await projectWithSong(server.url);
		const f = flacFile();
		const res = await upload(owner, song.id, f.bytes, `filename=${f.name}`);
		expect(res.status, res.text).toBe(201);
		const v = (await waitForVersion(owner, res.json.version.id)) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
		expect(v.status, v.error).toBe('ready');
		expect(v.format).toMatchObject(f.expect);
		expect(v.loudness.integratedLufs).toBeCloseTo(-20, 0);
	});

	it('reports loudness close to the known value of a sine, with mastering warnings', async () => {
		const { owner, song } = await projectWithSong(server.url);
		// 1 kHz stereo sine at -20 dBFS peak: -20 LUFS integrated (EBU Tech 3341 case 1 scaled).
		const bytes = encodeWav({ sampleRate: 48000, bitDepth: 16, channels: tone(48000, 2, 5) });
		const res = await upload(owner, song.id, bytes, 'filename=sine.wav');
		const v = (await waitForVersion(owner, res.json.version.id)) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
		expect(v.status).toBe('ready');
		expect(v.loudness.integratedLufs).toBeCloseTo(-20, 0);
		expect(v.loudness.samplePeakDbfs).toBeCloseTo(-20, 0);
		expect(v.loudness.truePeakDbtp).toBeGreaterThan(-20.5);
		expect(v.format).toMatchObject({ codec: expect.any(String), durationMs: 5000 });
		expect(v.warnings.map((w: { code: string }) => w.code)).toContain('low_bit_depth');
		const log = (await owner.get(`/api/v1/projects/${v.projectId}/log`)).json.events;
		const types = log.map((e: { type: string }) => e.type);
		expect(types).toEqual(expect.arrayContaining(['version.uploaded', 'version.ready']));
	});

	it('reports analysis progress (0..1, never backwards) while processing, null once ready', async () => {
		const { owner, song } = await projectWithSong(server.url);
		// 60 s at 96 kHz: long enough that a few polls land while it is being analysed.
		const bytes = encodeWav({ sampleRate: 96000, bitDepth: 24, channels: tone(96000, 2, 60) });
		const res = await upload(owner, song.id, bytes, 'filename=long.wav');
		expect(res.json.version).toMatchObject({ status: 'processing', progress: 0 });
		const seen: number[] = [];
		const v = await eventually(async () => {
			const x = (await owner.get(`/api/v1/versions/${res.json.version.id}`)).json.version;
			if (x.status === 'processing') seen.push(x.progress);
			return x.status === 'processing' ? undefined : x;
		});
		expect(v.status).toBe('ready');
		expect(v.progress).toBeNull();
		expect(seen.every((p) => p >= 0 && p <= 1)).toBe(true);
		expect(seen).toEqual([...seen].sort((a, b) => a - b));
		const listed = (await owner.get(`/api/v1/songs/${song.id}/versions`)).json.versions;
		expect(listed[0].progress).toBeNull();
	});

	it('pushes progress to sockets in the version room as version:updated', async () => {
		const { owner, song } = await projectWithSong(server.url);
		const socket = await connected(connectSocket(server.url, { cookie: owner.cookie }));
		try {
			// The queue analyses one version at a time. The first is four times longer than the
			// second, so while it is analysed the second (already uploaded) waits in the queue and
			// joining its room cannot miss its first progress report.
			const tone96 = (seconds: number) =>
				encodeWav({ sampleRate: 96000, bitDepth: 24, channels: tone(96000, 2, seconds) });
			// Both encoded up front: encoding the second while the first is analysed could let the
			// first finish before the second even exists.
			const [long, short] = [tone96(240), tone96(60)];
			await upload(owner, song.id, long, 'filename=first.wav');
			const second = (await upload(owner, song.id, short, 'filename=second.wav')).json.version;
			expect((await join(socket, second.id)).ok).toBe(true);
			const seen = record(socket, 'version:updated');
			await waitForVersion(owner, second.id);
			await eventually(async () => (seen.some((v) => v.status === 'ready') ? true : undefined));
			// Progress is published at most every 500 ms, so a short analysis may report only its
			// start; the HTTP test above and version.events.spec.ts cover the steps in between.
			const fractions = seen
				.filter((v) => v.status === 'processing')
				.map((v) => v.progress as number);
			expect(fractions.length).toBeGreaterThan(0);
			expect(fractions.every((p) => p >= 0 && p < 1)).toBe(true);
			expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
			expect(seen.find((v) => v.status === 'ready')?.progress).toBeNull();
		} finally {
			socket.disconnect();
		}
	});

	it('serves peaks in BBC audiowaveform JSON and validates samplesPerPixel', async () => {
		const { owner, song } = await projectWithSong(server.url);
		const bytes = encodeWav({ sampleRate: 44100, bitDepth: 24, channels: tone(44100, 2, 3) });
		const id = (await upload(owner, song.id, bytes, 'filename=p.wav')).json.version.id;
		await waitForVersion(owner, id);
		const overview = await owner.get(`/api/v1/versions/${id}/peaks`);
		expect(overview.status).toBe(200);
		expect(overview.json).toMatchObject({ version: 2, channels: 2, sample_rate: 44100 });
		expect(overview.json.data.length).toBe(overview.json.length * 2 * 2);
		const zoomed = await owner.get(`/api/v1/versions/${id}/peaks?samplesPerPixel=512`);
		expect(zoomed.json.samples_per_pixel).toBe(512);
		expect(zoomed.json.length).toBe(Math.ceil((3 * 44100) / 512));
		for (const bad of ['0', '-1', '1.5', 'abc', String(2 ** 20 + 1)]) {
			const r = await owner.get(`/api/v1/versions/${id}/peaks?samplesPerPixel=${bad}`);
			expect(r.status, bad).toBe(400);
		}
	});

	it('makes a compressed stream that is valid MP3', async () => {
		const { owner, song } = await projectWithSong(server.url);
		const bytes = encodeWav({ sampleRate: 96000, bitDepth: 24, channels: tone(96000, 6, 2) });
		const id = (await upload(owner, song.id, bytes, 'filename=surround.wav')).json.version.id;
		const notYet = await owner.get(`/api/v1/versions/${id}/audio?variant=stream`);
		if (notYet.status !== 200) expect(notYet.json.error.code).toBe('stream_not_ready');
		await waitForVersion(owner, id, (v) => v.stream.status !== 'pending');
		const res = await fetch(`${server.url}/api/v1/versions/${id}/audio?variant=stream`, {
			headers: { cookie: owner.cookie }
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('audio/mpeg');
		const mp3 = new Uint8Array(await res.arrayBuffer());
		expect(mp3[0]).toBe(0xff);
		expect(mp3[1] & 0xe0).toBe(0xe0); // MPEG frame sync
		expect(mp3.length).toBeGreaterThan(40_000); // ~2 s at 192 kbps
		expect(mp3.length).toBeLessThan(60_000);
	});
});

describe('refusing what is not audio we take', () => {
	it('junk → 415, forged header → 422, empty → 415; nothing stored', async () => {
		const { owner, song } = await projectWithSong(server.url);
		const before = storedFiles(server.dataDir);
		const junk = new TextEncoder().encode('%PDF-1.7 '.repeat(20_000)); // 180 KB
		const forged = encodeWav({ sampleRate: 48000, bitDepth: 24, channels: tone(48000, 2, 1) });
		new DataView(forged.buffer).setUint16(22, 0, true); // 0 channels in fmt
		const truncatedHeader = encodeWav({ sampleRate: 48000, bitDepth: 16, channels: 2, frames: 10 });
		const cases: [Uint8Array, number][] = [
			[junk, 415],
			[forged, 422],
			[new Uint8Array(0), 415],
			[truncatedHeader.subarray(0, 30), 422]
		];
		for (const [bytes, status] of cases) {
			const t0 = Date.now();
			const res = await upload(owner, song.id, bytes, 'filename=song.wav');
			expect(res.status, res.text).toBe(status);
			expect(res.json.error.message).toMatch(/WAV, AIFF, FLAC or MP3|damaged/);
			expect(Date.now() - t0).toBeLessThan(2000);
		}
		expect(storedFiles(server.dataDir)).toEqual(before);
		expect((await owner.get(`/api/v1/songs/${song.id}`)).json.song.versions).toEqual([]);
		// The next good upload is still v1: refusals consumed no number.
		const ok = await upload(
			owner,
			song.id,
			encodeWav({ sampleRate: 44100, bitDepth: 16, channels: tone(44100, 1, 1) })
		);
		expect(ok.json.version.number).toBe(1);
	});

	it('refuses a large junk body after its first bytes, without reading it all', async () => {
		const { owner, song } = await projectWithSong(server.url);
		let sent = 0;
		const chunk = new Uint8Array(64 * 1024).fill(0x41);
		const body = new ReadableStream<Uint8Array>({
			async pull(c) {
				if (sent > 200 * 1024 * 1024) return c.close();
				sent += chunk.length;
				await new Promise((resolve) => setTimeout(resolve, 1));
				c.enqueue(chunk);
			}
		});
		const res = await fetch(`${server.url}/api/v1/songs/${song.id}/versions`, {
			method: 'POST',
			headers: { cookie: owner.cookie, origin: server.url, 'content-type': 'audio/wav' },
			body,
			duplex: 'half'
		} as RequestInit).catch((e: Error) => e);
		if (res instanceof Response) {
			expect(res.status).toBe(415);
		}
		expect(sent).toBeLessThan(50 * 1024 * 1024);
		expect(storedFiles(server.dataDir).filter((f) => f.startsWith('tmp'))).toEqual([]);
	});
});

describe('access', () => {
	it('outsiders get 404, viewers 403 on upload and download, artists read and download', async () => {
		const { owner, song, member } = await projectWithSong(server.url);
		const bytes = encodeWav({ sampleRate: 44100, bitDepth: 24, channels: tone(44100, 2, 1) });
		const id = (await upload(owner, song.id, bytes, 'filename=Mix%20Ä.wav')).json.version.id;
		await waitForVersion(owner, id);
		const { client: outsider } = await signUp(server.url, 'Outsider');
		expect((await outsider.get(`/api/v1/versions/${id}`)).status).toBe(404);
		expect((await outsider.get(`/api/v1/versions/${id}/audio`)).status).toBe(404);
		expect((await upload(outsider, song.id, bytes)).status).toBe(404);
		const viewer = await member('viewer');
		expect((await viewer.get(`/api/v1/versions/${id}`)).status).toBe(200);
		expect((await upload(viewer, song.id, bytes)).status).toBe(403);
		expect((await viewer.get(`/api/v1/versions/${id}/download`)).status).toBe(403);
		expect((await viewer.get(`/api/v1/versions/${id}/audio?variant=original`)).status).toBe(403);
		const artist = await member('artist');
		expect((await upload(artist, song.id, bytes)).status).toBe(403);
		const dl = await artist.get(`/api/v1/versions/${id}/download`);
		expect(dl.status).toBe(200);
		expect(dl.headers.get('content-disposition')).toBe(
			`attachment; filename="Mix _.wav"; filename*=UTF-8''Mix%20%C3%84.wav`
		);
		const engineer = await member('engineer');
		expect((await upload(engineer, song.id, bytes)).status).toBe(201);
		expect((await viewer.patch(`/api/v1/versions/${id}`, { notes: 'x' })).status).toBe(403);
		const patched = await engineer.patch(`/api/v1/versions/${id}`, { notes: 'Vocals up 1 dB' });
		expect(patched.json.version.notes).toBe('Vocals up 1 dB');
	});

	it('scripts upload with a Bearer token and no Origin', async () => {
		const { owner, song } = await projectWithSong(server.url);
		const token = (await owner.post('/api/v1/tokens', { name: 'DAW' })).json.token;
		const script = new ApiClient(server.url, null);
		script.token = token;
		const bytes = encodeWav({ sampleRate: 44100, bitDepth: 24, channels: tone(44100, 2, 1) });
		expect((await upload(script, song.id, bytes, 'filename=a.wav')).status).toBe(201);
	});
});

describe('HTTP Range on /audio (RFC 9110)', () => {
	it('answers 200, 206, suffix and open ranges, multi-range, 416 and HEAD', async () => {
		const { owner, song } = await projectWithSong(server.url);
		const bytes = encodeWav({ sampleRate: 44100, bitDepth: 16, channels: tone(44100, 2, 1) });
		const id = (await upload(owner, song.id, bytes, 'filename=r.wav')).json.version.id;
		const url = `${server.url}/api/v1/versions/${id}/audio?variant=original`;
		const get = (range?: string, method = 'GET') =>
			fetch(url, {
				method,
				headers: { cookie: owner.cookie, ...(range ? { range } : {}) }
			});
		const len = bytes.length;
		const full = await get();
		expect(full.status).toBe(200);
		expect(full.headers.get('accept-ranges')).toBe('bytes');
		expect(full.headers.get('content-type')).toBe('audio/wav');
		expect(full.headers.get('cache-control')).toMatch(/private/);
		expect(new Uint8Array(await full.arrayBuffer())).toEqual(bytes);

		const cases: [string, number, number][] = [
			['bytes=0-99', 0, 99],
			['bytes=100-', 100, len - 1],
			['bytes=-500', len - 500, len - 1],
			[`bytes=-${len + 10}`, 0, len - 1],
			[`bytes=10-${len + 1000}`, 10, len - 1],
			[`bytes=${len - 1}-${len - 1}`, len - 1, len - 1]
		];
		for (const [range, start, end] of cases) {
			const r = await get(range);
			expect(r.status, range).toBe(206);
			expect(r.headers.get('content-range'), range).toBe(`bytes ${start}-${end}/${len}`);
			expect(r.headers.get('content-length')).toBe(String(end - start + 1));
			expect(new Uint8Array(await r.arrayBuffer())).toEqual(bytes.subarray(start, end + 1));
		}
		const multi = await get('bytes=0-9, 20-29');
		expect([200, 206]).toContain(multi.status);
		if (multi.status === 206) expect(multi.headers.get('content-range')).toBe(`bytes 0-9/${len}`);
		await multi.arrayBuffer();

		for (const range of [`bytes=${len}-`, `bytes=${len + 5}-${len + 10}`, 'bytes=-0']) {
			const r = await get(range);
			expect(r.status, range).toBe(416);
			expect(r.headers.get('content-range')).toBe(`bytes */${len}`);
		}
		for (const range of ['bytes=9-3', 'items=0-1', 'bytes=abc']) {
			const r = await get(range);
			expect(r.status, range).toBe(200);
			await r.arrayBuffer();
		}
		const head = await get('bytes=0-9', 'HEAD');
		expect(head.status).toBe(206);
		expect(head.headers.get('content-length')).toBe('10');
		const stale = await fetch(url, {
			headers: { cookie: owner.cookie, range: 'bytes=0-9', 'if-range': '"other"' }
		});
		expect(stale.status).toBe(200);
		await stale.arrayBuffer();
	});
});
