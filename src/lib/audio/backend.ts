import { dspKernel, type ChannelConfig, type ChannelResult } from './dsp.kernel.js';
import { pcmDecodeKernel } from './pcm-decode.kernel.js';
import { truePeakKernel } from './true-peak.kernel.js';

/**
 * Where the per-channel DSP runs. The reader fills slots (raw PCM bytes, or planar float32
 * from a decoder) and submits them; the backend processes every channel of every slot in
 * order and hands the slot back for reuse. Memory is the fixed set of slots.
 */
export interface Backend {
	readonly slotBytes: number;
	acquire(): Promise<Uint8Array>;
	submit(slot: Uint8Array, enc: number, planeStride: number, frames: number): void;
	finish(): Promise<ChannelResult[]>;
	dispose(): void;
}

/** Everything on the calling thread: small files, tests, and environments without workers. */
export function inProcessBackend(cfg: ChannelConfig, channels: number, slotBytes: number): Backend {
	const kernel = dspKernel(pcmDecodeKernel(), truePeakKernel());
	const procs = Array.from({ length: channels }, () => kernel.createChannel(cfg));
	// Own ArrayBuffer at offset 0 so typed views over it are aligned for every sample width.
	const slot = new Uint8Array(new ArrayBuffer(slotBytes));
	return {
		slotBytes,
		acquire: async () => slot,
		submit(s, enc, planeStride, frames) {
			for (let c = 0; c < channels; c++) procs[c].process(s, enc, c, channels, planeStride, frames);
		},
		finish: async () => procs.map((p) => p.finish()),
		dispose() {}
	};
}
