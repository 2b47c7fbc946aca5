/**
 * Decode one channel of interleaved PCM (or one plane of planar float32) to float32 in
 * [-1, 1). SELF-CONTAINED like dsp.kernel.ts: it is stringified into the analysis workers.
 * Integer scaling is by 2^-(bits-1), so 24-bit and 16-bit values are exact in float32.
 */
export function pcmDecodeKernel() {
	return decode;

	function decode(
		src: Uint8Array,
		enc: number,
		ch: number,
		nch: number,
		stride: number,
		f0: number,
		n: number,
		out: Float32Array,
		o: number
	): void {
		const b = src;
		let p = f0 * nch + ch;
		if (enc === 0) for (let i = 0; i < n; i++, p += nch) out[o + i] = (b[p] - 128) * 0.0078125;
		else if (enc === 1)
			for (let i = 0; i < n; i++, p += nch) out[o + i] = ((b[p] << 24) >> 24) * 0.0078125;
		else if (enc === 2) {
			const v = new Int16Array(b.buffer, b.byteOffset, b.byteLength >> 1);
			for (let i = 0; i < n; i++, p += nch) out[o + i] = v[p] * 3.0517578125e-5;
		} else if (enc === 3) {
			p *= 2;
			const st = nch * 2;
			for (let i = 0; i < n; i++, p += st)
				out[o + i] = (((b[p] << 24) >> 16) | b[p + 1]) * 3.0517578125e-5;
		} else if (enc === 4) {
			p *= 3;
			const st = nch * 3;
			for (let i = 0; i < n; i++, p += st)
				out[o + i] =
					(((b[p + 2] << 24) | (b[p + 1] << 16) | (b[p] << 8)) >> 8) * 1.1920928955078125e-7;
		} else if (enc === 5) {
			p *= 3;
			const st = nch * 3;
			for (let i = 0; i < n; i++, p += st)
				out[o + i] =
					(((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8)) >> 8) * 1.1920928955078125e-7;
		} else if (enc === 6) {
			const v = new Int32Array(b.buffer, b.byteOffset, b.byteLength >> 2);
			for (let i = 0; i < n; i++, p += nch) out[o + i] = v[p] * 4.656612873077393e-10;
		} else if (enc === 7) {
			p *= 4;
			const st = nch * 4;
			for (let i = 0; i < n; i++, p += st)
				out[o + i] =
					((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) * 4.656612873077393e-10;
		} else if (enc === 8 || enc === 12 || enc === 10) {
			let v: Float32Array | Float64Array;
			let st = nch;
			if (enc === 8) v = new Float32Array(b.buffer, b.byteOffset, b.byteLength >> 2);
			else if (enc === 10) v = new Float64Array(b.buffer, b.byteOffset, b.byteLength >> 3);
			else {
				v = new Float32Array(b.buffer, b.byteOffset, b.byteLength >> 2);
				p = ch * stride + f0;
				st = 1;
			}
			for (let i = 0; i < n; i++, p += st) {
				const s = v[p];
				// NaN/inf in a float file would poison every filter state: treat as silence.
				out[o + i] = s > -1e9 && s < 1e9 ? s : 0;
			}
		} else {
			const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
			const w = enc === 9 ? 4 : 8;
			p *= w;
			const st = nch * w;
			for (let i = 0; i < n; i++, p += st) {
				const s = w === 4 ? dv.getFloat32(p, false) : dv.getFloat64(p, false);
				out[o + i] = s > -1e9 && s < 1e9 ? s : 0;
			}
		}
	}
}
