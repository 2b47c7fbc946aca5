import { open } from 'node:fs/promises';
import { probeFileInternal } from './probe.js';
import { pcmDecodeKernel } from './pcm-decode.kernel.js';
import { decodeCoded } from './coded.decoder.js';
import { BASE_SAMPLES_PER_PIXEL as SPP, PeaksData } from './peaks.js';

const CHUNK_FRAMES = 1 << 16;

/** Running min/max per channel for one 256-frame pixel at a time. */
class PeakAccumulator {
	private data: Int16Array;
	private pixel = 0;
	private inPixel = 0;
	private readonly lo: Float64Array;
	private readonly hi: Float64Array;

	constructor(
		private readonly channels: number,
		expectedFrames: number
	) {
		this.data = new Int16Array((Math.ceil(expectedFrames / SPP) + 1) * channels * 2);
		this.lo = new Float64Array(channels).fill(Infinity);
		this.hi = new Float64Array(channels).fill(-Infinity);
	}

	add(planes: Float32Array[], frames: number): void {
		const ch = this.channels;
		let i = 0;
		while (i < frames) {
			const n = Math.min(frames - i, SPP - this.inPixel);
			for (let c = 0; c < ch; c++) {
				const x = planes[c];
				let lo = this.lo[c];
				let hi = this.hi[c];
				for (let k = i; k < i + n; k++) {
					const v = x[k];
					if (v < lo) lo = v;
					if (v > hi) hi = v;
				}
				this.lo[c] = lo;
				this.hi[c] = hi;
			}
			i += n;
			this.inPixel += n;
			if (this.inPixel === SPP) this.flush();
		}
	}

	flush(): void {
		if (this.inPixel === 0) return;
		const ch = this.channels;
		if ((this.pixel + 1) * ch * 2 > this.data.length) {
			const g = new Int16Array(this.data.length * 2 + ch * 2);
			g.set(this.data);
			this.data = g;
		}
		const d = this.data;
		const q = (x: number): number => Math.max(-32768, Math.min(32767, Math.floor(x * 32768)));
		for (let c = 0; c < ch; c++) {
			d[(this.pixel * ch + c) * 2] = q(this.lo[c]);
			d[(this.pixel * ch + c) * 2 + 1] = q(this.hi[c]);
			this.lo[c] = Infinity;
			this.hi[c] = -Infinity;
		}
		this.pixel++;
		this.inPixel = 0;
	}

	result(sampleRate: number): PeaksData {
		this.flush();
		const ch = this.channels;
		return new PeaksData(
			sampleRate,
			SPP,
			ch,
			this.pixel,
			16,
			this.data.slice(0, this.pixel * ch * 2)
		);
	}
}

/**
 * Peaks only (no loudness): the fast path for waveform display, one thread, one pass.
 * Same values as AnalysisResult.peaks.
 */
export async function analysePeaks(
	path: string,
	opts: { signal?: AbortSignal } = {}
): Promise<PeaksData> {
	const { format, source } = await probeFileInternal(path);
	const ch = format.channels;
	const acc = new PeakAccumulator(ch, Math.max(1, format.frames));
	if (source.kind !== 'pcm') {
		await decodeCoded(path, source, ch, (d, n) => acc.add(d, n), undefined, opts.signal);
		return acc.result(format.sampleRate);
	}
	const decode = pcmDecodeKernel();
	const raw = new Uint8Array(new ArrayBuffer(CHUNK_FRAMES * source.blockAlign));
	const planes = Array.from({ length: ch }, () => new Float32Array(CHUNK_FRAMES));
	const fh = await open(path, 'r');
	try {
		for (let pos = 0; pos < source.dataBytes;) {
			opts.signal?.throwIfAborted();
			const want = Math.min(raw.length, source.dataBytes - pos);
			let got = 0;
			while (got < want) {
				const { bytesRead } = await fh.read(raw, got, want - got, source.dataOffset + pos + got);
				if (bytesRead === 0) throw new Error('file shrank while reading');
				got += bytesRead;
			}
			const frames = got / source.blockAlign;
			for (let c = 0; c < ch; c++) decode(raw, source.encoding, c, ch, 0, 0, frames, planes[c], 0);
			acc.add(planes, frames);
			pos += got;
		}
	} finally {
		await fh.close();
	}
	return acc.result(format.sampleRate);
}
