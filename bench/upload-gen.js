// Benchmark input for bench/upload.js: a stereo WAV of band-limited noise shaped like music
// (sections, a beat), slightly different per channel so nothing is dual-mono. Written block by
// block, so making a 370 MB file stays flat in memory. Kept as is between runs (bench/.tmp).
import { open, stat } from 'node:fs/promises';

function header(rate, channels, bits, float, dataBytes) {
	const h = Buffer.alloc(44);
	h.write('RIFF', 0);
	h.writeUInt32LE(36 + dataBytes, 4);
	h.write('WAVEfmt ', 8);
	h.writeUInt32LE(16, 16);
	h.writeUInt16LE(float ? 3 : 1, 20);
	h.writeUInt16LE(channels, 22);
	h.writeUInt32LE(rate, 24);
	h.writeUInt32LE((rate * channels * bits) / 8, 28);
	h.writeUInt16LE((channels * bits) / 8, 32);
	h.writeUInt16LE(bits, 34);
	h.write('data', 36);
	h.writeUInt32LE(dataBytes, 40);
	return h;
}

/** Writes `path` unless a file of the right size is already there; returns its size in bytes. */
export async function ensureWav(path, { rate, seconds, bits, float = false, channels = 2 }) {
	const frames = rate * seconds;
	const bytesPer = bits / 8;
	const size = 44 + frames * channels * bytesPer;
	const existing = await stat(path).catch(() => null);
	if (existing?.size === size) return size;
	console.log(`generating ${path} (${(size / 2 ** 20).toFixed(0)} MB)…`);
	const fh = await open(path, 'w');
	try {
		await fh.write(header(rate, channels, bits, float, size - 44), 0, 44, 0);
		const BLOCK = 65536;
		const buf = Buffer.alloc(BLOCK * channels * bytesPer);
		const f32 = new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4);
		let seed = 0x9e3779b9;
		const rnd = () => {
			seed ^= seed << 13;
			seed ^= seed >>> 17;
			seed ^= seed << 5;
			return (seed >>> 0) / 4294967296 - 0.5;
		};
		const k = 1 - Math.exp((-2 * Math.PI * 5000) / rate);
		const lp = new Float64Array(channels);
		let pos = 44;
		for (let f0 = 0; f0 < frames; f0 += BLOCK) {
			const n = Math.min(BLOCK, frames - f0);
			for (let i = 0; i < n; i++) {
				const t = (f0 + i) / rate;
				const section = 0.55 + 0.35 * Math.sin((2 * Math.PI * t) / 40);
				const beat = 0.7 + 0.3 * Math.abs(Math.sin(Math.PI * 2 * t)) ** 6;
				const common = rnd();
				for (let c = 0; c < channels; c++) {
					lp[c] += k * (0.75 * common + 0.25 * rnd() - lp[c]);
					const v = Math.max(-0.99, Math.min(0.99, lp[c] * section * beat * 2.2));
					const j = i * channels + c;
					if (float) f32[j] = v;
					else {
						const s = Math.round(v * 8388607);
						buf[j * 3] = s & 0xff;
						buf[j * 3 + 1] = (s >> 8) & 0xff;
						buf[j * 3 + 2] = (s >> 16) & 0xff;
					}
				}
			}
			const len = n * channels * bytesPer;
			await fh.write(buf, 0, len, pos);
			pos += len;
		}
	} finally {
		await fh.close();
	}
	return size;
}
