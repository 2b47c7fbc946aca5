import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseFile } from './index.js';
import { tempDir, toneSequence, writeWav } from './testing/index.js';

/**
 * EBU Tech 3341 (loudness) and Tech 3342 (LRA) minimum-requirement test signals:
 * 1 kHz sines, level given as dBFS peak per channel, identical on both stereo channels.
 */
const FS = 48000;
let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => (dir = await tempDir()));
afterAll(() => dir.cleanup());

async function measure(
	name: string,
	segments: { dbfs: number; seconds: number }[],
	channels = 2,
	rate = FS
) {
	const tone = toneSequence(1000, rate, segments);
	const path = dir.file(`${name}.wav`);
	await writeWav(path, {
		sampleRate: rate,
		bitDepth: 32,
		float: true,
		channels: Array.from({ length: channels }, () => tone)
	});
	return (await analyseFile(path, { threads: 0 })).loudness;
}

describe('EBU Tech 3341 integrated loudness', () => {
	it('case 1: -23 dBFS → -23.0 LUFS', async () => {
		expect((await measure('t1', [{ dbfs: -23, seconds: 20 }])).integratedLufs).toBeCloseTo(-23, 1);
	});
	it('case 2: -33 dBFS → -33.0 LUFS', async () => {
		expect((await measure('t2', [{ dbfs: -33, seconds: 20 }])).integratedLufs).toBeCloseTo(-33, 1);
	});
	it('case 3: -36/-23/-36 → -23.0 LUFS (relative gate)', async () => {
		const l = await measure('t3', [
			{ dbfs: -36, seconds: 10 },
			{ dbfs: -23, seconds: 60 },
			{ dbfs: -36, seconds: 10 }
		]);
		expect(Math.abs((l.integratedLufs as number) + 23)).toBeLessThanOrEqual(0.1);
	});
	it('case 4: -72/-36/-23/-36/-72 → -23.0 LUFS (absolute + relative gate)', async () => {
		const l = await measure('t4', [
			{ dbfs: -72, seconds: 10 },
			{ dbfs: -36, seconds: 10 },
			{ dbfs: -23, seconds: 60 },
			{ dbfs: -36, seconds: 10 },
			{ dbfs: -72, seconds: 10 }
		]);
		expect(Math.abs((l.integratedLufs as number) + 23)).toBeLessThanOrEqual(0.1);
	});
	it('case 5: -26/-20/-26 → -23.0 LUFS', async () => {
		const l = await measure('t5', [
			{ dbfs: -26, seconds: 20 },
			{ dbfs: -20, seconds: 20.1 },
			{ dbfs: -26, seconds: 20 }
		]);
		expect(Math.abs((l.integratedLufs as number) + 23)).toBeLessThanOrEqual(0.1);
	});
	it('is sample-rate independent (44.1, 96, 192 kHz)', async () => {
		for (const rate of [44100, 96000, 192000]) {
			const l = await measure(`r${rate}`, [{ dbfs: -23, seconds: 5 }], 2, rate);
			expect(Math.abs((l.integratedLufs as number) + 23)).toBeLessThanOrEqual(0.1);
		}
	});
	it('silence is fully gated (null), not -Infinity', async () => {
		const l = await measure('sil', [{ dbfs: -200, seconds: 2 }]);
		expect(l.integratedLufs).toBeNull();
		expect(l.lra).toBeNull();
	});
});

describe('EBU Tech 3342 loudness range', () => {
	const cases: [string, number[], number][] = [
		['case 1: -20/-30 → 10 LU', [-20, -30], 10],
		['case 2: -20/-15 → 5 LU', [-20, -15], 5],
		['case 3: -40/-20 → 20 LU', [-40, -20], 20],
		['case 4: -50/-35/-20/-35/-50 → 15 LU', [-50, -35, -20, -35, -50], 15]
	];
	for (const [name, levels, lra] of cases) {
		it(name, async () => {
			const l = await measure(
				`lra${lra}`,
				levels.map((dbfs) => ({ dbfs, seconds: 20 }))
			);
			expect(Math.abs((l.lra as number) - lra)).toBeLessThanOrEqual(1);
		});
	}
});
