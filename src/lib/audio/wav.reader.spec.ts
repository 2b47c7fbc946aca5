import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { AudioFormatError, probeBuffer, probeFile, readPcm } from './index.js';
import { encodeWav, sine, tempDir, writeWav, type WavSpec } from './testing/index.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => (dir = await tempDir()));
afterAll(() => dir.cleanup());

const FS = 44100;
const left = sine({ frequency: 440, sampleRate: FS, frames: 3000, dbfs: -6 });
const right = sine({ frequency: 660, sampleRate: FS, frames: 3000, dbfs: -12 });

async function readAll(path: string): Promise<Float32Array[]> {
	const out: number[][] = [];
	await readPcm(path, (chs, n) => {
		chs.forEach((c, i) => (out[i] ??= []).push(...c.subarray(0, n)));
	});
	return out.map((a) => Float32Array.from(a));
}

function maxErr(a: Float32Array, b: Float32Array): number {
	expect(a.length).toBe(b.length);
	let m = 0;
	for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
	return m;
}

const variants: [string, Omit<WavSpec, 'channels'>, string, number][] = [
	['8-bit unsigned', { sampleRate: FS, bitDepth: 8 }, 'pcm_u8', 1 / 128],
	['16-bit', { sampleRate: FS, bitDepth: 16 }, 'pcm_s16le', 1 / 32768],
	['24-bit', { sampleRate: FS, bitDepth: 24 }, 'pcm_s24le', 1 / 8388608],
	['32-bit int', { sampleRate: FS, bitDepth: 32 }, 'pcm_s32le', 1e-7],
	['32-bit float', { sampleRate: FS, bitDepth: 32, float: true }, 'pcm_f32le', 0],
	['64-bit float', { sampleRate: FS, bitDepth: 64, float: true }, 'pcm_f64le', 0],
	[
		'extensible 24-bit',
		{ sampleRate: FS, bitDepth: 24, extensible: true },
		'pcm_s24le',
		1 / 8388608
	],
	[
		'extensible float',
		{ sampleRate: FS, bitDepth: 32, float: true, extensible: true },
		'pcm_f32le',
		0
	],
	['RF64 24-bit', { sampleRate: FS, bitDepth: 24, rf64: true }, 'pcm_s24le', 1 / 8388608],
	[
		'streaming data size 0xFFFFFFFF',
		{ sampleRate: FS, bitDepth: 16, streaming: true },
		'pcm_s16le',
		1 / 32768
	],
	[
		'odd-sized LIST/bext/JUNK chunks around fmt',
		{
			sampleRate: FS,
			bitDepth: 16,
			chunksBeforeFmt: [
				{ id: 'JUNK', data: new Uint8Array(27) },
				{ id: 'bext', data: new Uint8Array(602) }
			],
			chunksBeforeData: [{ id: 'LIST', data: new Uint8Array(13).fill(65) }]
		},
		'pcm_s16le',
		1 / 32768
	]
];

describe('WAV reader', () => {
	for (const [name, spec, codec, tol] of variants) {
		it(`reads ${name}`, async () => {
			const path = dir.file(`${name.replace(/\W+/g, '_')}.wav`);
			await writeWav(path, { ...spec, channels: [left, right] });
			const f = await probeFile(path);
			expect(f).toMatchObject({
				container: 'wav',
				codec,
				sampleRate: FS,
				channels: 2,
				frames: 3000
			});
			expect(f.sampleFormat).toBe(spec.float ? 'float' : 'int');
			expect(f.bitDepth).toBe(spec.bitDepth);
			expect(f.durationMs).toBe(Math.round((3000 / FS) * 1000));
			const [l, r] = await readAll(path);
			expect(maxErr(l, left)).toBeLessThanOrEqual(tol);
			expect(maxErr(r, right)).toBeLessThanOrEqual(tol);
		});
	}

	it('reads mono and 32-channel files', async () => {
		for (const n of [1, 6, 32]) {
			const chans = Array.from({ length: n }, (_, i) =>
				sine({ frequency: 100 + i * 50, sampleRate: 48000, frames: 500 })
			);
			const path = dir.file(`ch${n}.wav`);
			await writeWav(path, { sampleRate: 48000, bitDepth: 24, channels: chans });
			expect((await probeFile(path)).channels).toBe(n);
			const back = await readAll(path);
			expect(maxErr(back[n - 1], chans[n - 1])).toBeLessThanOrEqual(1 / 8388608);
		}
	});

	it('identifies by bytes, not by name', async () => {
		const path = dir.file('actually-a-wav.mp3');
		await writeWav(path, { sampleRate: FS, bitDepth: 16, channels: [left] });
		expect((await probeFile(path)).container).toBe('wav');
	});
});

/** Patch a valid 16-bit stereo WAV (fmt at 12, data at 36) and expect an AudioFormatError. */
function mutate(edit: (dv: DataView, b: Uint8Array) => void, truncate?: number): Uint8Array {
	const b = encodeWav({ sampleRate: FS, bitDepth: 16, channels: [left, right] }).slice();
	edit(new DataView(b.buffer), b);
	return truncate ? b.subarray(0, truncate) : b;
}

async function expectError(
	b: Uint8Array,
	status: 415 | 422,
	code = status === 415 ? 'unsupported_media_type' : 'malformed_audio'
) {
	const err = await probeBuffer(b, b.length).then(
		() => null,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(AudioFormatError);
	expect(err).toMatchObject({ status, code });
}

describe('WAV header validation', () => {
	const set4 = (s: string, at: number) => (_: DataView, b: Uint8Array) =>
		b.set(
			Uint8Array.from(s, (c) => c.charCodeAt(0)),
			at
		);
	it('415 for text, RIFF forms that are not WAVE and non-PCM codecs', async () => {
		await expectError(new TextEncoder().encode('hello, this is not audio at all'), 415);
		await expectError(mutate(set4('AVI ', 8)), 415);
		await expectError(
			mutate((dv) => dv.setUint16(20, 2, true)),
			415
		); // MS ADPCM
		await expectError(
			mutate((dv) => dv.setUint16(20, 0x55, true)),
			415
		); // MP3 in WAV
	});
	it('422 for broken headers', async () => {
		await expectError(
			mutate((dv) => dv.setUint32(16, 0x7ffffff0, true)),
			422
		); // fmt size past EOF
		await expectError(
			mutate((dv) => dv.setUint32(40, 0x7ffffff0, true)),
			422
		); // data size past EOF
		await expectError(mutate(set4('junk', 12)), 422); // no fmt
		await expectError(mutate(set4('junk', 36)), 422); // no data
		await expectError(
			mutate((dv) => dv.setUint16(22, 0, true)),
			422
		); // zero channels
		await expectError(
			mutate((dv) => dv.setUint32(24, 7999, true)),
			422
		);
		await expectError(
			mutate((dv) => dv.setUint32(24, 768001, true)),
			422
		);
		await expectError(
			mutate((dv) => dv.setUint16(34, 12, true)),
			422
		); // bit depth
		await expectError(
			mutate((dv) => dv.setUint16(32, 3, true)),
			422
		); // block align
		await expectError(
			mutate((dv) => dv.setUint32(40, 0, true)),
			422
		); // no frames
		await expectError(
			mutate(() => {}, 30),
			422
		); // truncated inside fmt
	});
	it('422 for a huge file of tiny chunks before data (bounded walk)', async () => {
		const many = new Uint8Array(12 + 8 * 5000 + 8);
		many.set(Uint8Array.from('RIFF\0\0\0\0WAVE', (c) => c.charCodeAt(0)));
		for (let i = 0; i < 5001; i++)
			many.set(
				Uint8Array.from('JUNK', (c) => c.charCodeAt(0)),
				12 + i * 8
			);
		await expectError(many, 422);
	});
	it('probes from a head buffer, seeking past it with readAt', async () => {
		const b = encodeWav({
			sampleRate: FS,
			bitDepth: 16,
			channels: [left],
			chunksBeforeFmt: [{ id: 'JUNK', data: new Uint8Array(100_000) }]
		});
		await expectError(b.subarray(0, 4096), 422); // no readAt: can't see fmt
		const f = await probeBuffer(b.subarray(0, 4096), b.length, async (o, n) =>
			b.subarray(o, o + n)
		);
		expect(f.frames).toBe(3000);
	});
	it('probeFile rejects a missing-data WAV written to disk', async () => {
		const path = dir.file('bad.wav');
		await writeFile(path, mutate(set4('junk', 36)));
		await expect(probeFile(path)).rejects.toMatchObject({ status: 422 });
	});
});
