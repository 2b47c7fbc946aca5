import { createHash, type Hash } from 'node:crypto';
import { Enc, bytesPerSample, isLittleEndian, type Encoding } from './pcm-encoding.js';

/**
 * decodedSha256 = SHA-256 of the CANONICAL PCM, so the same audio in WAV, AIFF/AIFC or FLAC
 * hashes the same:
 * - interleaved frames, little-endian;
 * - integer PCM as signed ints left-justified in ceil(bits/8) bytes (unsigned 8-bit WAV is
 *   converted to signed, big-endian AIFF is byte-swapped, FLAC ints are re-packed);
 * - float PCM as IEEE float at the source width (32 or 64 bit);
 * - MP3: the decoder's float32 output.
 * For little-endian WAV this is exactly the data chunk, so the hot path hashes the bytes as
 * read with no conversion.
 */
export class PcmHasher {
	private readonly hash: Hash = createHash('sha256');
	private scratch = new Uint8Array(0);

	constructor(
		private readonly encoding: Encoding | 'flac' | 'mp3',
		/** FLAC bits per sample. */
		private readonly bits = 0
	) {}

	private buf(n: number): Uint8Array {
		if (this.scratch.length < n) this.scratch = new Uint8Array(n);
		return this.scratch.subarray(0, n);
	}

	/** Raw interleaved bytes from a WAV/AIFF data chunk (whole samples only). */
	updateRaw(raw: Uint8Array): void {
		const e = this.encoding as Encoding;
		if (e === Enc.s8 || isLittleEndian(e)) {
			this.hash.update(raw);
			return;
		}
		const out = this.buf(raw.length);
		if (e === Enc.u8) {
			for (let i = 0; i < raw.length; i++) out[i] = raw[i] ^ 0x80;
		} else {
			const w = bytesPerSample(e);
			for (let i = 0; i < raw.length; i += w)
				for (let k = 0; k < w; k++) out[i + k] = raw[i + w - 1 - k];
		}
		this.hash.update(out);
	}

	/** Decoder output (planar float32), `frames` frames of each channel. */
	updatePlanar(channels: Float32Array[], frames: number): void {
		const nch = channels.length;
		if (this.encoding === 'mp3') {
			const f = new Float32Array(frames * nch);
			for (let c = 0; c < nch; c++) {
				const src = channels[c];
				for (let i = 0; i < frames; i++) f[i * nch + c] = src[i];
			}
			this.hash.update(new Uint8Array(f.buffer));
			return;
		}
		const bytes = Math.ceil(this.bits / 8);
		const scale = Math.pow(2, this.bits - 1);
		const shift = Math.pow(2, bytes * 8 - this.bits);
		const out = this.buf(frames * nch * bytes);
		let o = 0;
		for (let i = 0; i < frames; i++) {
			for (let c = 0; c < nch; c++) {
				const v = Math.round(channels[c][i] * scale) * shift;
				for (let k = 0; k < bytes; k++, o++) out[o] = (v >> (8 * k)) & 0xff;
			}
		}
		this.hash.update(out);
	}

	digest(): string {
		return this.hash.digest('hex');
	}
}
