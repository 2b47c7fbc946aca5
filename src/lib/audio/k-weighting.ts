/**
 * BS.1770-4 K-weighting re-derived for any sample rate from the analog prototype (as
 * libebur128 does), so 44.1/88.2/96/192 kHz get the right curve rather than the 48 kHz
 * table coefficients. Returns [b0, b1, b2, a1, a2] of the shelf then of the RLB high-pass.
 */
export function kWeightingCoefficients(sampleRate: number): number[] {
	// Stage 1: high shelf (head acoustics).
	let f0 = 1681.974450955533;
	const G = 3.999843853973347;
	let Q = 0.7071752369554196;
	let K = Math.tan((Math.PI * f0) / sampleRate);
	const Vh = Math.pow(10, G / 20);
	const Vb = Math.pow(Vh, 0.4996667741545416);
	let a0 = 1 + K / Q + K * K;
	const shelf = [
		(Vh + (Vb * K) / Q + K * K) / a0,
		(2 * (K * K - Vh)) / a0,
		(Vh - (Vb * K) / Q + K * K) / a0,
		(2 * (K * K - 1)) / a0,
		(1 - K / Q + K * K) / a0
	];
	// Stage 2: RLB high-pass.
	f0 = 38.13547087602444;
	Q = 0.5003270373238773;
	K = Math.tan((Math.PI * f0) / sampleRate);
	a0 = 1 + K / Q + K * K;
	const hp = [1, -2, 1, (2 * (K * K - 1)) / a0, (1 - K / Q + K * K) / a0];
	return [...shelf, ...hp];
}

/**
 * BS.1770-4 channel weights by position for the usual layouts: L, R, C = 1.0, surrounds 1.41,
 * LFE excluded. 5.1 order is L R C LFE Ls Rs; 7.1 is L R C LFE Ls Rs Lb Rb.
 * Other counts weigh every channel 1.0 (we have no reliable layout for them).
 */
export function channelWeights(channels: number): number[] {
	const S = 1.41;
	switch (channels) {
		case 4:
			return [1, 1, S, S];
		case 5:
			return [1, 1, 1, S, S];
		case 6:
			return [1, 1, 1, 0, S, S];
		case 8:
			return [1, 1, 1, 0, S, S, S, S];
		default:
			return new Array<number>(channels).fill(1);
	}
}
