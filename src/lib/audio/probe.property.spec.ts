import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AudioFormatError, probeBuffer } from './index.js';
import { encodeAiff, encodeFlac, encodeWav, sine } from './testing/index.js';

/**
 * Hostile headers: start from valid files of every container and mutate the header bytes
 * (overwrite bytes/words, truncate, lie about the total size). probeBuffer must either
 * succeed or throw an AudioFormatError — never anything else, never hang (the vitest timeout
 * catches hangs) and never allocate from a header field.
 */
const tone = sine({ frequency: 440, sampleRate: 44100, frames: 600 });
const seeds: Uint8Array[] = [
	encodeWav({ sampleRate: 44100, bitDepth: 16, channels: [tone, tone] }),
	encodeWav({
		sampleRate: 48000,
		bitDepth: 24,
		channels: [tone],
		extensible: true,
		chunksBeforeFmt: [{ id: 'JUNK', data: new Uint8Array(9) }]
	}),
	encodeWav({ sampleRate: 96000, bitDepth: 32, float: true, channels: [tone], rf64: true }),
	encodeAiff({ sampleRate: 44100, bitDepth: 16, channels: [tone] }),
	encodeAiff({ sampleRate: 44100, bitDepth: 32, channels: [tone], compression: 'fl32' }),
	encodeFlac({ sampleRate: 44100, bitDepth: 16, channels: [tone, tone] }),
	// Three MPEG-1 Layer III frame headers (128 kbps, 44.1 kHz) with zero payload.
	(() => {
		const b = new Uint8Array(417 * 3); // 144000 × 128 / 44100 = 417 bytes per frame
		for (let i = 0; i < 3; i++) b.set([0xff, 0xfb, 0x90, 0x64], i * 417);
		return b;
	})()
];

const mutation = fc.oneof(
	fc.record({
		kind: fc.constant('byte' as const),
		at: fc.nat(120),
		value: fc.integer({ min: 0, max: 255 })
	}),
	fc.record({
		kind: fc.constant('u32' as const),
		at: fc.nat(116),
		value: fc.constantFrom(0, 1, 0x7fffffff, 0xffffffff, 0xfffffffe, 0x80000000, 16, 40)
	}),
	fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(400), value: fc.constant(0) })
);

async function probeOutcome(b: Uint8Array, total: number): Promise<'ok' | AudioFormatError> {
	try {
		await probeBuffer(b, total);
		return 'ok';
	} catch (e) {
		if (e instanceof AudioFormatError) return e;
		throw e;
	}
}

describe('probeBuffer under mutated headers', () => {
	it('only ever throws AudioFormatError (415/422)', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.nat(seeds.length - 1),
				fc.array(mutation, { minLength: 1, maxLength: 6 }),
				fc.integer({ min: -100, max: 1 << 30 }),
				async (s, muts, sizeDelta) => {
					let b = seeds[s].slice();
					for (const m of muts) {
						if (m.kind === 'byte' && m.at < b.length) b[m.at] = m.value;
						else if (m.kind === 'u32' && m.at + 4 <= b.length)
							new DataView(b.buffer, b.byteOffset).setUint32(m.at, m.value, m.at % 2 === 0);
						else if (m.kind === 'truncate') b = b.subarray(0, Math.min(b.length, m.at));
					}
					const total = Math.max(0, b.length + (sizeDelta % 3 === 0 ? sizeDelta : 0));
					const r = await probeOutcome(b, total);
					if (r !== 'ok') {
						expect([415, 422]).toContain(r.status);
						expect(['unsupported_media_type', 'malformed_audio']).toContain(r.code);
					}
				}
			),
			{ numRuns: 3000 }
		);
	});

	it('accepts every unmutated seed', async () => {
		for (const s of seeds) expect(await probeOutcome(s, s.length)).toBe('ok');
	});
});
