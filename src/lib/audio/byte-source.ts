import { open } from 'node:fs/promises';
import { malformed } from './types.js';

/**
 * Random access to the first bytes of a file for header parsing.
 * Every read is for a small, constant number of bytes chosen by the parser, never
 * by a header field, so a forged header can't make us allocate or read a lot.
 */
export interface ByteSource {
	readonly size: number;
	/** Exactly `length` bytes at `offset`; throws 422 if that range is past EOF or unavailable. */
	read(offset: number, length: number): Promise<Uint8Array>;
}

const WINDOW = 64 * 1024;

/** Header bytes already in memory; `readAt` optionally fetches bytes beyond them. */
export function bufferSource(
	head: Uint8Array,
	totalSize: number,
	readAt?: (offset: number, length: number) => Promise<Uint8Array>
): ByteSource {
	const size = Math.max(totalSize, head.length);
	return {
		size,
		async read(offset, length) {
			if (offset < 0 || offset + length > size) malformed('header extends past end of file');
			if (offset + length <= head.length) return head.subarray(offset, offset + length);
			if (!readAt) malformed('header extends past the bytes available for probing');
			const b = await readAt(offset, length);
			if (b.length < length) malformed('unexpected end of file in header');
			return b.subarray(0, length);
		}
	};
}

/** File-backed source with a single cached 64 KB window (headers are read front to back). */
export async function fileSource(path: string): Promise<ByteSource & { close(): Promise<void> }> {
	const fh = await open(path, 'r');
	const { size } = await fh.stat();
	const cache = new Uint8Array(WINDOW);
	let cacheStart = -1;
	let cacheLen = 0;
	return {
		size,
		async read(offset, length) {
			if (offset < 0 || length > WINDOW || offset + length > size)
				malformed('header extends past end of file');
			if (cacheStart < 0 || offset < cacheStart || offset + length > cacheStart + cacheLen) {
				const { bytesRead } = await fh.read(cache, 0, WINDOW, offset);
				cacheStart = offset;
				cacheLen = bytesRead;
				if (bytesRead < length) malformed('unexpected end of file in header');
			}
			return cache.subarray(offset - cacheStart, offset - cacheStart + length);
		},
		close: () => fh.close()
	};
}

export const ascii = (b: Uint8Array, at = 0, n = 4): string =>
	String.fromCharCode(...b.subarray(at, at + n));
export const u16le = (b: Uint8Array, i: number): number => b[i] | (b[i + 1] << 8);
export const u32le = (b: Uint8Array, i: number): number =>
	(b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;
export const u64le = (b: Uint8Array, i: number): number =>
	u32le(b, i) + u32le(b, i + 4) * 0x100000000;
export const u16be = (b: Uint8Array, i: number): number => (b[i] << 8) | b[i + 1];
export const u32be = (b: Uint8Array, i: number): number =>
	b[i] * 0x1000000 + ((b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]);
