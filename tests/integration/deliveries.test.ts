import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import * as tus from 'tus-js-client';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav, musicLike } from '../../src/lib/audio/testing/index.js';
import type { ApiClient } from '../support/client';
import {
	clippedWav,
	dualMonoWav,
	makeZip,
	RATE,
	renameInZip,
	sha256,
	silentWav,
	stemWav,
	upload,
	waitReady
} from '../support/delivery';
import { projectWithTeam } from '../support/project';
import { startServer, type RunningServer } from '../support/server';

const MAX = 8 * 1024 * 1024;
let server: RunningServer;
let team: Awaited<ReturnType<typeof projectWithTeam>>;

beforeAll(async () => {
	server = await startServer({ env: { MAX_UPLOAD_BYTES: String(MAX) } });
	team = await projectWithTeam(server.url);
});
afterAll(() => server?.stop());

async function newDelivery(client: ApiClient = team.clients.artist) {
	const res = await client.post(`/api/v1/songs/${team.songId}/deliveries`, { note: 'Session v1' });
	expect(res.status).toBe(201);
	return res.json.delivery.id as string;
}

type Finding = { fileId?: string; rule: string; level: string; message: string };
type File = { id: string; path: string; verdict: string; format: { bitDepth: number } };
const findingsFor = (d: { report: { findings: Finding[] }; files: File[] }, p: string) => {
	const file = d.files.find((f) => f.path === p);
	if (!file) throw new Error(`no file ${p}`);
	return d.report.findings.filter((f) => f.fileId === file.id);
};
const fileAt = <F extends File>(d: { files: F[] }, p: string) => d.files.find((f) => f.path === p)!;

/** Nothing left behind by a refused upload: no temp files, no stored audio, no rows. */
function storedAudioFiles(): string[] {
	const dirs = ['tmp', 'deliveries'].map((d) => path.join(server.dataDir, d));
	return dirs.flatMap((d) =>
		fs.existsSync(d) ? (fs.readdirSync(d, { recursive: true }) as string[]) : []
	);
}
const countAudio = () => storedAudioFiles().filter((f) => /\.(audio|part)$/.test(f)).length;

describe('a good delivery', () => {
	it('is checked within seconds and passes, with the files in their folders', async () => {
		const id = await newDelivery();
		const t0 = Date.now();
		for (const [p, seed] of [
			['drums/Kick.wav', 1],
			['drums/Snare.wav', 2],
			['vocals/Lead_Vocal.wav', 3],
			['Rough Mix.wav', 4]
		] as const) {
			const res = await upload(team.clients.artist, id, p, stemWav(seed));
			expect(res.status, res.text).toBe(201);
			expect(res.json.file).toMatchObject({ path: p, status: 'analysing', verdict: null });
			expect(res.json.files).toHaveLength(1);
		}
		const d = await waitReady(team.clients.engineer, id);
		expect(Date.now() - t0).toBeLessThan(10_000);
		expect(d.state).toBe('ready');
		expect(d.report.verdict).toBe('pass');
		expect(d.report.findings.filter((f: Finding) => f.level !== 'info')).toEqual([]);
		expect(d.report.roughMixFileId).toBe(fileAt(d, 'Rough Mix.wav').id);
		expect(d.files.map((f: File) => f.verdict)).toEqual(['pass', 'pass', 'pass', 'pass']);
		expect(fileAt(d, 'drums/Kick.wav')).toMatchObject({
			group: 'drums',
			format: { container: 'wav', sampleRate: RATE, bitDepth: 24, channels: 2, durationMs: 2000 },
			loudness: { integratedLufs: expect.any(Number), truePeakDbtp: expect.any(Number) }
		});
		const log = await team.clients.owner.get(`/api/v1/projects/${team.projectId}/log`);
		expect(log.json.events.map((e: { type: string }) => e.type)).toContain('delivery.created');
	});
});

describe('a delivery with every kind of problem', () => {
	let d: { report: { verdict: string; findings: Finding[] }; files: File[] };
	beforeAll(async () => {
		const id = await newDelivery();
		const frames = 2 * RATE;
		const gtr = stemWav(20);
		const files: [string, Uint8Array][] = [
			['Rough Mix.wav', stemWav(10)],
			['drums/Kick.wav', stemWav(11)],
			['extra/KICK.wav', stemWav(12)],
			['bass/Bass_DI.wav', stemWav(13, { bitDepth: 16 })],
			['keys/Piano.wav', stemWav(14, { bitDepth: 32, float: true })],
			['keys/Organ.wav', stemWav(15, { sampleRate: 44100 })],
			['synths/Pad.wav', stemWav(16, { seconds: 1.5 })],
			['drums/Audio 3.wav', stemWav(17)],
			['gtr/Gtr_L.wav', gtr],
			['gtr/Gtr_L_take2.wav', gtr],
			['fx/Riser.wav', silentWav()],
			['drums/Crash.wav', clippedWav()],
			['keys/Rhodes.wav', dualMonoWav()],
			[
				'vocals/Lead vox test.wav',
				encodeWav({ sampleRate: RATE, bitDepth: 24, channels: [musicLike(frames, RATE, 99)] })
			]
		];
		for (const [p, bytes] of files) {
			const res = await upload(team.clients.artist, id, p, bytes);
			expect(res.status, `${p}: ${res.text}`).toBe(201);
		}
		d = await waitReady(team.clients.engineer, id);
	});

	it('fails overall', () => expect(d.report.verdict).toBe('fail'));

	it('format: 16-bit warns, 32-bit float is a good-news hint', () => {
		expect(findingsFor(d, 'bass/Bass_DI.wav')).toEqual([
			expect.objectContaining({
				rule: 'format',
				level: 'warn',
				message: expect.stringMatching(/16-bit/)
			})
		]);
		expect(fileAt(d, 'bass/Bass_DI.wav').verdict).toBe('warn');
		expect(findingsFor(d, 'keys/Piano.wav')).toEqual([
			expect.objectContaining({
				rule: 'format',
				level: 'info',
				message: expect.stringMatching(/32-bit float/)
			})
		]);
		expect(fileAt(d, 'keys/Piano.wav').verdict).toBe('pass');
	});

	it('sample rate: a 44.1 kHz stem in a 48 kHz session fails', () => {
		expect(findingsFor(d, 'keys/Organ.wav')).toContainEqual(
			expect.objectContaining({
				rule: 'sample_rate',
				level: 'fail',
				message: expect.stringMatching(/44.1 kHz but the rough mix is 48 kHz/)
			})
		);
		expect(fileAt(d, 'keys/Organ.wav').verdict).toBe('fail');
	});

	it('length: a shorter stem warns with the difference', () => {
		expect(findingsFor(d, 'synths/Pad.wav')).toContainEqual(
			expect.objectContaining({
				rule: 'length',
				level: 'warn',
				message: expect.stringMatching(/0\.500 s shorter/)
			})
		);
	});

	it('labels: a generic name warns with a suggestion; a test take warns; the same name twice fails', () => {
		expect(findingsFor(d, 'drums/Audio 3.wav')).toContainEqual(
			expect.objectContaining({
				rule: 'label',
				level: 'warn',
				message: expect.stringMatching(/“Drums_3”/)
			})
		);
		expect(findingsFor(d, 'vocals/Lead vox test.wav')).toContainEqual(
			expect.objectContaining({ rule: 'label', level: 'warn' })
		);
		for (const p of ['drums/Kick.wav', 'extra/KICK.wav']) {
			expect(findingsFor(d, p)).toContainEqual(
				expect.objectContaining({ rule: 'duplicate_name', level: 'fail' })
			);
			expect(fileAt(d, p).verdict).toBe('fail');
		}
	});

	it('duplicates: identical audio under two names warns', () => {
		for (const p of ['gtr/Gtr_L.wav', 'gtr/Gtr_L_take2.wav'])
			expect(findingsFor(d, p)).toContainEqual(
				expect.objectContaining({ rule: 'duplicate_audio', level: 'warn' })
			);
	});

	it('silent and clipped files warn; dual mono is a hint', () => {
		expect(findingsFor(d, 'fx/Riser.wav')).toEqual([
			expect.objectContaining({ rule: 'silent', level: 'warn' })
		]);
		expect(findingsFor(d, 'drums/Crash.wav')).toContainEqual(
			expect.objectContaining({ rule: 'clipping', level: 'warn' })
		);
		expect(findingsFor(d, 'keys/Rhodes.wav')).toEqual([
			expect.objectContaining({ rule: 'dual_mono', level: 'info' })
		]);
		expect(fileAt(d, 'keys/Rhodes.wav').verdict).toBe('pass');
	});

	it('structure: the groups the engineer will see', () => {
		const groups = (d.report as unknown as { groups: { key: string; fileIds: string[] }[] }).groups;
		expect(groups.map((g) => g.key)).toEqual(
			expect.arrayContaining(['rough', 'drums', 'keys', 'guitars', 'vocals', 'bass', 'fx'])
		);
		expect(d.report.findings).toContainEqual(
			expect.objectContaining({ rule: 'structure', level: 'info' })
		);
	});
});

describe('the rough mix', () => {
	it('missing warns; choosing one by hand (PATCH) clears it', async () => {
		const id = await newDelivery();
		await upload(team.clients.artist, id, 'drums/Kick.wav', stemWav(30));
		await upload(team.clients.artist, id, 'Song_Bounce_0412.wav', stemWav(31));
		let d = await waitReady(team.clients.artist, id);
		expect(d.report.findings).toContainEqual(
			expect.objectContaining({ rule: 'rough_mix', level: 'warn' })
		);
		expect(d.report.verdict).toBe('warn');
		const rough = fileAt(d, 'Song_Bounce_0412.wav').id;
		const res = await team.clients.engineer.patch(`/api/v1/deliveries/${id}`, {
			roughMixFileId: rough
		});
		expect(res.status, res.text).toBe(200);
		d = res.json.delivery;
		expect(d.report).toMatchObject({
			verdict: 'pass',
			roughMixFileId: rough,
			roughMixChosen: true
		});
		const other = await team.clients.engineer.patch(`/api/v1/deliveries/${id}`, {
			roughMixFileId: 'nope'
		});
		expect(other.status).toBe(400);
	});
});

describe('refusals store nothing', () => {
	let id: string;
	beforeAll(async () => {
		id = await newDelivery();
	});
	const filesNow = async () =>
		(await team.clients.artist.get(`/api/v1/deliveries/${id}`)).json.delivery.files;

	it('not audio → 415, damaged audio → 422, a bad path → 400', async () => {
		const before = countAudio();
		const text = await upload(
			team.clients.artist,
			id,
			'notes.wav',
			new TextEncoder().encode('hello '.repeat(100)),
			'application/octet-stream'
		);
		expect(text.status).toBe(415);
		expect(text.json.error.code).toBe('unsupported_audio');
		const wav = stemWav(40);
		const broken = wav.slice(0, 30); // RIFF/WAVE, then a fmt chunk cut short
		const bad = await upload(team.clients.artist, id, 'Broken.wav', broken);
		expect(bad.status).toBe(422);
		for (const p of ['../escape.wav', '/abs.wav', 'C:/drive.wav', 'a/../../b.wav'])
			expect((await upload(team.clients.artist, id, p, wav)).status, p).toBe(400);
		expect((await upload(team.clients.artist, id, null, wav)).status).toBe(400);
		expect(await filesNow()).toEqual([]);
		expect(countAudio()).toBe(before);
	});

	it('a body over MAX_UPLOAD_BYTES → 413, refused before it is read', async () => {
		// Declares more than the cap and sends only a first chunk: the answer must not wait for the rest.
		const status = await new Promise<number>((resolve, reject) => {
			const req = http.request(`${server.url}/api/v1/deliveries/${id}/files?path=Huge.wav`, {
				method: 'POST',
				headers: {
					cookie: team.clients.artist.cookie,
					origin: server.url,
					'content-type': 'audio/wav',
					'content-length': String(MAX + 1)
				}
			});
			req.on('response', (res) => {
				res.resume();
				resolve(res.statusCode!);
				req.destroy();
			});
			req.on('error', reject);
			req.write(stemWav(42, { seconds: 0.1 }));
		});
		expect(status).toBe(413);
		expect(await filesNow()).toEqual([]);
	});

	const wav = () => stemWav(41, { seconds: 0.5 });
	const attacks: [string, () => Promise<Buffer>][] = [
		[
			'a ../ path',
			async () =>
				renameInZip(
					await makeZip([
						{ name: 'ok/Kick.wav', data: wav() },
						{ name: 'xx/escape.wav', data: wav() }
					]),
					'xx/escape.wav',
					'../escape.wav'
				)
		],
		[
			'an absolute path',
			async () =>
				renameInZip(
					await makeZip([
						{ name: 'ok/Kick.wav', data: wav() },
						{ name: 'Xabs.wav', data: wav() }
					]),
					'Xabs.wav',
					'/abs.wav'
				)
		],
		[
			'a drive letter',
			async () =>
				renameInZip(
					await makeZip([{ name: 'CC/drive.wav', data: wav() }]),
					'CC/drive.wav',
					'C:/drive.wav'
				)
		],
		[
			'a symlink',
			async () =>
				makeZip([
					{ name: 'ok/Kick.wav', data: wav() },
					{ name: 'link.wav', data: new TextEncoder().encode('/etc/passwd'), mode: 0o120777 }
				])
		],
		[
			'too many entries',
			async () =>
				makeZip(
					Array.from({ length: 2001 }, (_, i) => ({ name: `f${i}.wav`, data: new Uint8Array(4) }))
				)
		],
		[
			'a zip bomb (ratio)',
			async () =>
				makeZip([{ name: 'bomb.wav', data: new Uint8Array(6 * 1024 * 1024), compress: true }])
		],
		[
			'more than MAX_UPLOAD_BYTES inflated',
			async () => {
				// Sparse data: compresses ~20:1 (under the bomb ratio) but 3 × 3 MiB > the 8 MiB cap.
				const sparse = () => {
					const b = new Uint8Array(3 * 1024 * 1024);
					for (let i = 0; i < b.length; i += 32) b[i] = (i * 2654435761) >>> 24;
					return b;
				};
				return makeZip(
					[1, 2, 3].map((n) => ({ name: `s${n}.wav`, data: sparse(), compress: true }))
				);
			}
		],
		[
			'not a zip at all (truncated)',
			async () => (await makeZip([{ name: 'Kick.wav', data: wav() }])).subarray(0, 200)
		]
	];
	for (const [what, build] of attacks) {
		it(`a zip with ${what} → 400, nothing stored`, async () => {
			const before = countAudio();
			const res = await upload(team.clients.artist, id, null, await build(), 'application/zip');
			expect(res.status, res.text).toBe(400);
			expect(res.json.error.code).toBe('unsafe_zip');
			expect(await filesNow()).toEqual([]);
			expect(countAudio()).toBe(before);
		});
	}

	it('a zip with a file that is not audio → 415, nothing stored', async () => {
		const zip = await makeZip([
			{ name: 'ok/Kick.wav', data: wav() },
			{ name: 'ok/readme.txt', data: new TextEncoder().encode('hello there, engineer!') }
		]);
		const res = await upload(team.clients.artist, id, null, zip, 'application/zip');
		expect(res.status).toBe(415);
		expect(res.json.error.message).toMatch(/readme.txt/);
		expect(await filesNow()).toEqual([]);
	});
});

describe('a zip delivery, download and playback', () => {
	let id: string;
	let d: { files: (File & { sha256: string; sizeBytes: number })[] };
	const kick = stemWav(50);
	beforeAll(async () => {
		id = await newDelivery();
		const zip = renameInZip(
			await makeZip([
				{ name: 'My Song/drums/Kick.wav', data: kick },
				{ name: 'My Song/drums#Snare.wav', data: stemWav(51) },
				{ name: 'My Song/Rough Mix.wav', data: stemWav(52), compress: true },
				{ name: 'My Song/.DS_Store', data: new Uint8Array(10) },
				{ name: '__MACOSX/My Song/._Kick.wav', data: new Uint8Array(10) }
			]),
			'drums#Snare.wav',
			'drums\\Snare.wav'
		);
		const res = await upload(team.clients.artist, id, null, zip, 'application/zip');
		expect(res.status, res.text).toBe(201);
		expect(res.json.files.map((f: File) => f.path).sort()).toEqual([
			'Rough Mix.wav',
			'drums/Kick.wav',
			'drums/Snare.wav'
		]);
		expect(res.json.file.id).toBe(res.json.files[0].id);
		d = await waitReady(team.clients.engineer, id);
	});

	it('unpacks into the folders (common root dropped, backslashes normalised, OS junk skipped)', () => {
		expect(d.files.map((f) => f.path)).toEqual(
			['drums/Kick.wav', 'drums/Snare.wav', 'Rough Mix.wav'].sort()
		);
		expect(fileAt(d, 'drums/Kick.wav').sha256).toBe(sha256(kick));
	});

	it('plays with HTTP Range, and serves peaks', async () => {
		const kickId = fileAt(d, 'drums/Kick.wav').id;
		const c = team.clients.label;
		const full = await fetch(`${server.url}/api/v1/delivery-files/${kickId}/audio`, {
			headers: { cookie: c.cookie }
		});
		expect(full.status).toBe(200);
		expect(full.headers.get('content-type')).toBe('audio/wav');
		expect(sha256(new Uint8Array(await full.arrayBuffer()))).toBe(sha256(kick));
		const part = await fetch(`${server.url}/api/v1/delivery-files/${kickId}/audio`, {
			headers: { cookie: c.cookie, range: 'bytes=0-11' }
		});
		expect(part.status).toBe(206);
		expect(part.headers.get('content-range')).toBe(`bytes 0-11/${kick.length}`);
		expect(new TextDecoder().decode(new Uint8Array(await part.arrayBuffer()).subarray(8, 12))).toBe(
			'WAVE'
		);
		const past = await fetch(`${server.url}/api/v1/delivery-files/${kickId}/audio`, {
			headers: { cookie: c.cookie, range: `bytes=${kick.length}-` }
		});
		expect(past.status).toBe(416);
		expect(past.headers.get('content-range')).toBe(`bytes */${kick.length}`);
		const peaks = await c.get(`/api/v1/delivery-files/${kickId}/peaks`);
		expect(peaks.status).toBe(200);
		expect(peaks.json).toMatchObject({ version: 2, channels: 2, sample_rate: RATE, bits: 16 });
		expect(peaks.json.data.length).toBe(peaks.json.length * 4);
	});

	it('downloads everything as one zip, audio STOREd, identical bytes', async () => {
		const res = await fetch(`${server.url}/api/v1/deliveries/${id}/zip`, {
			headers: { cookie: team.clients.engineer.cookie }
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/zip');
		const body = Buffer.from(await res.arrayBuffer());
		expect(Number(res.headers.get('content-length'))).toBe(body.length);
		const entries = await new Promise<{ name: string; method: number; data: Buffer }[]>(
			(resolve, reject) => {
				yauzl.fromBuffer(body, { lazyEntries: true }, (err, zip) => {
					if (err) return reject(err);
					const out: { name: string; method: number; data: Buffer }[] = [];
					zip.on('entry', (e: yauzl.Entry) =>
						zip.openReadStream(e, (err2, s) => {
							if (err2) return reject(err2);
							const chunks: Buffer[] = [];
							s.on('data', (c: Buffer) => chunks.push(c));
							s.on('end', () => {
								out.push({
									name: e.fileName,
									method: e.compressionMethod,
									data: Buffer.concat(chunks)
								});
								zip.readEntry();
							});
						})
					);
					zip.on('end', () => resolve(out));
					zip.readEntry();
				});
			}
		);
		expect(entries.map((e) => e.name).sort()).toEqual([
			'DELIVERY-REPORT.txt',
			'Rough Mix.wav',
			'drums/Kick.wav',
			'drums/Snare.wav'
		]);
		for (const e of entries) expect(e.method).toBe(0);
		expect(sha256(entries.find((e) => e.name === 'drums/Kick.wav')!.data)).toBe(sha256(kick));
		expect(entries.find((e) => e.name === 'DELIVERY-REPORT.txt')!.data.toString()).toMatch(
			/Verdict: PASS/
		);
	});

	it('the same path again replaces the file', async () => {
		const again = await upload(team.clients.artist, id, 'drums/Kick.wav', stemWav(53));
		expect(again.status).toBe(201);
		const now = await waitReady(team.clients.artist, id);
		expect(now.files).toHaveLength(3);
		expect(fileAt(now, 'drums/Kick.wav').id).toBe(again.json.file.id);
	});
});

describe('resumable uploads (tus, metadata deliveryId + path)', () => {
	it('a tus upload lands in the delivery like a raw one', async () => {
		const id = await newDelivery();
		const bytes = stemWav(70);
		const c = team.clients.artist;
		const fileId = await new Promise<string>((resolve, reject) => {
			const up = new tus.Upload(Buffer.from(bytes), {
				endpoint: `${server.url}/api/v1/uploads`,
				chunkSize: 200_000,
				metadata: { deliveryId: id, path: 'vocals\\Lead_Vocal.wav' },
				headers: { cookie: c.cookie, origin: server.url },
				retryDelays: [],
				onError: reject,
				onSuccess: ({ lastResponse }) => resolve(lastResponse.getHeader('Bounce-Delivery-File-Id')!)
			});
			up.start();
		});
		const d = await waitReady(c, id);
		expect(d.files).toEqual([
			expect.objectContaining({ id: fileId, path: 'vocals/Lead_Vocal.wav', sha256: sha256(bytes) })
		]);
		const viewer = await new Promise<string>((resolve) => {
			const up = new tus.Upload(Buffer.from(bytes), {
				endpoint: `${server.url}/api/v1/uploads`,
				metadata: { deliveryId: id, path: 'x/Kick.wav' },
				headers: { cookie: team.clients.viewer.cookie, origin: server.url },
				retryDelays: [],
				onError: (e) => resolve(String(e)),
				onSuccess: () => resolve('stored')
			});
			up.start();
		});
		expect(viewer).toMatch(/403/);
	});
});

describe('access and decisions', () => {
	let id: string;
	let fileId: string;
	beforeAll(async () => {
		id = await newDelivery(team.clients.engineer);
		const res = await upload(team.clients.engineer, id, 'Rough Mix.wav', stemWav(60));
		fileId = res.json.file.id;
		await waitReady(team.clients.engineer, id);
	});

	it('outsiders get 404 everywhere; anonymous 401', async () => {
		const o = team.outsider;
		expect((await o.get(`/api/v1/deliveries/${id}`)).status).toBe(404);
		expect((await o.get(`/api/v1/songs/${team.songId}/deliveries`)).status).toBe(404);
		expect((await o.post(`/api/v1/songs/${team.songId}/deliveries`, {})).status).toBe(404);
		expect((await upload(o, id, 'x/Kick.wav', stemWav(61))).status).toBe(404);
		expect((await o.patch(`/api/v1/deliveries/${id}`, { note: 'x' })).status).toBe(404);
		expect(
			(await o.post(`/api/v1/deliveries/${id}/decision`, { decision: 'accepted' })).status
		).toBe(404);
		expect((await o.get(`/api/v1/deliveries/${id}/zip`)).status).toBe(404);
		expect((await o.get(`/api/v1/delivery-files/${fileId}/audio`)).status).toBe(404);
		expect((await o.get(`/api/v1/delivery-files/${fileId}/peaks`)).status).toBe(404);
		expect((await o.delete(`/api/v1/delivery-files/${fileId}`)).status).toBe(404);
		const anon = await fetch(`${server.url}/api/v1/deliveries/${id}`);
		expect(anon.status).toBe(401);
	});

	it('labels and viewers read but do not deliver; artists deliver but do not decide', async () => {
		for (const role of ['label', 'viewer'] as const) {
			expect((await team.clients[role].get(`/api/v1/deliveries/${id}`)).status).toBe(200);
			expect(
				(await team.clients[role].post(`/api/v1/songs/${team.songId}/deliveries`, {})).status
			).toBe(403);
			expect((await upload(team.clients[role], id, 'x/Kick.wav', stemWav(62))).status).toBe(403);
		}
		const artist = await team.clients.artist.post(`/api/v1/deliveries/${id}/decision`, {
			decision: 'accepted'
		});
		expect(artist.status).toBe(403);
		expect(
			(await team.clients.owner.post(`/api/v1/deliveries/${id}/decision`, { decision: 'maybe' }))
				.status
		).toBe(400);
	});

	it('owner and engineer decide; the log records it; an accepted delivery takes no more files', async () => {
		const fixes = await team.clients.engineer.post(`/api/v1/deliveries/${id}/decision`, {
			decision: 'fixes_requested',
			note: 'Please re-export the bass at 24-bit.'
		});
		expect(fixes.status, fixes.text).toBe(201);
		expect(fixes.json.delivery.status).toBe('fixes_requested');
		const ok = await team.clients.owner.post(`/api/v1/deliveries/${id}/decision`, {
			decision: 'accepted'
		});
		expect(ok.status).toBe(201);
		expect(ok.json.decision).toMatchObject({ decision: 'accepted', by: { name: 'Olive Owner' } });
		expect(ok.json.delivery.decisions).toHaveLength(2);
		const log = await team.clients.viewer.get(`/api/v1/projects/${team.projectId}/log`);
		const decided = log.json.events.filter((e: { type: string }) => e.type === 'delivery.decided');
		expect(decided.map((e: { summary: string }) => e.summary)).toEqual([
			expect.stringMatching(/accepted the session delivery/),
			expect.stringMatching(/asked for fixes .*re-export the bass/)
		]);
		expect((await upload(team.clients.artist, id, 'x/Kick.wav', stemWav(63))).status).toBe(409);
		const list = await team.clients.viewer.get(`/api/v1/songs/${team.songId}/deliveries`);
		expect(list.json.deliveries.find((x: { id: string }) => x.id === id)).toMatchObject({
			status: 'accepted',
			fileCount: 1
		});
	});
});
