import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { analyseFile, probeBuffer, probeFile } from './index.js';
import { encodeMp3, sine, tempDir } from './testing/index.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => (dir = await tempDir()));
afterAll(() => dir.cleanup());

describe('MP3', () => {
	it('probes by frame sync (and behind an ID3v2 tag) and analyses with a lossy warning', async () => {
		const tone = sine({ frequency: 1000, sampleRate: 44100, seconds: 4, dbfs: -23 });
		const mp3 = await encodeMp3([tone, tone], 44100);
		const id3 = new Uint8Array(10 + 100);
		id3.set([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 100]);
		const tagged = new Uint8Array(id3.length + mp3.length);
		tagged.set(id3);
		tagged.set(mp3, id3.length);
		for (const [name, bytes] of [
			['plain.mp3', mp3],
			['tagged.bin', tagged]
		] as const) {
			const path = dir.file(name);
			await writeFile(path, bytes);
			const f = await probeFile(path);
			expect(f).toMatchObject({
				container: 'mp3',
				codec: 'mp3',
				sampleRate: 44100,
				channels: 2,
				bitDepth: null,
				sampleFormat: 'float'
			});
			expect(Math.abs(f.frames - tone.length)).toBeLessThan(2 * 1152);
			const r = await analyseFile(path);
			expect(r.warnings.map((w) => w.code)).toContain('lossy');
			expect(r.loudness.integratedLufs as number).toBeCloseTo(-23, 0);
			expect(Math.abs(r.format.frames - tone.length)).toBeLessThan(2 * 1152);
		}
	});

	it('rejects an ID3 tag followed by garbage (422) and random bytes (415)', async () => {
		const b = new Uint8Array(5000).fill(0x55);
		b.set([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 10]);
		await expect(probeBuffer(b, b.length)).rejects.toMatchObject({ status: 422 });
		await expect(probeBuffer(new Uint8Array(5000).fill(0x55), 5000)).rejects.toMatchObject({
			status: 415
		});
	});
});
