/**
 * Sample encodings understood by the DSP kernel. Numeric so the kernel (which runs as a
 * stringified function inside workers) can switch on them without shared imports.
 */
export const Enc = {
	u8: 0,
	s8: 1,
	s16le: 2,
	s16be: 3,
	s24le: 4,
	s24be: 5,
	s32le: 6,
	s32be: 7,
	f32le: 8,
	f32be: 9,
	f64le: 10,
	f64be: 11,
	/** Planar float32 written by the FLAC/MP3 decoders: channel c at float offset c * planeStride. */
	f32planar: 12
} as const;
export type Encoding = (typeof Enc)[keyof typeof Enc];

export const bytesPerSample = (e: Encoding): number =>
	e <= Enc.s8
		? 1
		: e <= Enc.s16be
			? 2
			: e <= Enc.s24be
				? 3
				: e <= Enc.f32be
					? 4
					: e <= Enc.f64be
						? 8
						: 4;

export const isLittleEndian = (e: Encoding): boolean =>
	e === Enc.s16le || e === Enc.s24le || e === Enc.s32le || e === Enc.f32le || e === Enc.f64le;

/** Interleaved PCM in the file, ready to stream. */
export interface PcmSource {
	kind: 'pcm';
	encoding: Encoding;
	dataOffset: number;
	dataBytes: number;
	blockAlign: number;
}

/** Compressed stream fed to a wasm decoder from `streamOffset`. */
export interface CodedSource {
	kind: 'flac' | 'mp3';
	streamOffset: number;
	/** Bits per sample of the decoded ints (FLAC); 0 for mp3. */
	bits: number;
}

export type StreamSource = PcmSource | CodedSource;
