import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AudioFormatError, probeBuffer, probeFile, readPcm } from './index.js';
import { readExtended, writeExtended } from './aiff.reader.js';
import { encodeAiff, sine, tempDir, writeAiff, type AiffSpec } from './testing/index.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => (dir = await tempDir()));
afterAll(() => dir.cleanup());

const FS = 48000;
const tone = sine({ frequency: 1000, sampleRate: FS, frames: 2000, dbfs: -3 });
const tone2 = sine({ frequency: 250, sampleRate: FS, frames: 2000, dbfs: -9 });

async function firstChannels(path: string): Promise<Float32Array[]> {
	const out: number[][] = [];
	await readPcm(path, (chs, n) => chs.forEach((c, i) => (out[i] ??= []).push(...c.subarray(0, n))));
	return out.map((a) => Float32Array.from(a));
}

const cases: [string, Omit<AiffSpec, 'channels'>, string, 'int' | 'float', number][] = [
	['AIFF 16-bit big-endian', { sampleRate: FS, bitDepth: 16 }, 'pcm_s16be', 'int', 1 / 32768],
	['AIFF 24-bit big-endian', { sampleRate: FS, bitDepth: 24 }, 'pcm_s24be', 'int', 1 / 8388608],
	['AIFF 8-bit signed', { sampleRate: FS, bitDepth: 8 }, 'pcm_s8', 'int', 1 / 128],
	['AIFF 32-bit', { sampleRate: FS, bitDepth: 32 }, 'pcm_s32be', 'int', 1e-7],
	[
		'AIFC NONE',
		{ sampleRate: FS, bitDepth: 24, compression: 'NONE' },
		'pcm_s24be',
		'int',
		1 / 8388608
	],
	[
		'AIFC sowt (little-endian)',
		{ sampleRate: FS, bitDepth: 16, compression: 'sowt' },
		'pcm_s16le',
		'int',
		1 / 32768
	],
	['AIFC fl32', { sampleRate: FS, bitDepth: 32, compression: 'fl32' }, 'pcm_f32be', 'float', 0],
	['AIFC FL32', { sampleRate: FS, bitDepth: 32, compression: 'FL32' }, 'pcm_f32be', 'float', 0],
	['AIFC fl64', { sampleRate: FS, bitDepth: 64, compression: 'fl64' }, 'pcm_f64be', 'float', 0]
];

describe('AIFF / AIFF-C reader', () => {
	for (const [name, spec, codec, sampleFormat, tol] of cases) {
		it(`reads ${name}`, async () => {
			const path = dir.file(`${name.replace(/\W+/g, '_')}.aiff`);
			await writeAiff(path, { ...spec, channels: [tone, tone2] });
			expect(await probeFile(path)).toMatchObject({
				container: 'aiff',
				codec,
				sampleFormat,
				sampleRate: FS,
				channels: 2,
				frames: 2000
			});
			const [a, b] = await firstChannels(path);
			for (let i = 0; i < tone.length; i++) {
				expect(Math.abs(a[i] - tone[i])).toBeLessThanOrEqual(tol);
				expect(Math.abs(b[i] - tone2[i])).toBeLessThanOrEqual(tol);
			}
		});
	}

	it('round-trips 80-bit extended sample rates', () => {
		const b = new Uint8Array(10);
		for (const r of [
			8000, 11025, 22050, 44100, 48000, 88200, 96000, 176400, 192000, 384000, 768000
		]) {
			writeExtended(b, 0, r);
			expect(readExtended(b, 0)).toBe(r);
		}
		// Canonical 44100 encoding as written by Logic / Pro Tools.
		expect(readExtended(Uint8Array.of(0x40, 0x0e, 0xac, 0x44, 0, 0, 0, 0, 0, 0), 0)).toBe(44100);
	});

	it('rejects broken AIFF headers', async () => {
		const good = encodeAiff({ sampleRate: FS, bitDepth: 16, channels: [tone] });
		const bad = async (edit: (dv: DataView) => void, status: 415 | 422) => {
			const b = good.slice();
			edit(new DataView(b.buffer));
			const e = await probeBuffer(b, b.length).catch((x: unknown) => x);
			expect(e).toBeInstanceOf(AudioFormatError);
			expect((e as AudioFormatError).status).toBe(status);
		};
		// FORM(12) COMM id@12 size@16 body@20: channels@20 frames@22 bits@26 rate@28
		await bad((dv) => dv.setUint16(20, 0), 422);
		await bad((dv) => dv.setUint16(26, 40), 422);
		await bad((dv) => dv.setUint32(22, 1e6), 422); // more frames than SSND holds
		await bad((dv) => dv.setUint16(28, 0x7fff), 422); // infinite sample rate
		await bad((dv) => dv.setUint32(16, 0x7fffffff), 422); // COMM past EOF
		await bad((dv) => dv.setUint32(8, 0x41494658), 415); // FORM 'AIFX'
		const aifc = encodeAiff({
			sampleRate: FS,
			bitDepth: 16,
			channels: [tone],
			compression: 'NONE'
		});
		// FVER chunk (12 bytes) first, so COMM body starts at 32; compression type @ 50
		aifc.set(
			Uint8Array.from('ulaw', (c) => c.charCodeAt(0)),
			32 + 18
		);
		await expect(probeBuffer(aifc, aifc.length)).rejects.toMatchObject({ status: 415 });
	});
});
