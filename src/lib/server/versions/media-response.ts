import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { Readable } from 'node:stream';
import { notFound } from '../http/errors';
import { parseRange } from './range';

export interface MediaFile {
	path: string;
	contentType: string;
	/** A strong validator for the bytes (the SHA-256 for originals). */
	etag?: string;
	/** `attachment` with this file name (RFC 6266), else played inline. */
	downloadName?: string;
}

/** RFC 6266 / 8187: an ASCII fallback plus the exact UTF-8 name. */
export function contentDisposition(name: string): string {
	const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	const encoded = encodeURIComponent(name).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sends a stored file with HTTP Range (206/416), conditional requests and HEAD. The body is
 * streamed from disk (no buffering), so any number of listeners costs no memory per file size.
 */
export async function sendMedia(request: Request, file: MediaFile): Promise<Response> {
	const stat = await fsp.stat(file.path).catch(() => null);
	if (!stat?.isFile()) throw notFound('That audio file');
	const size = stat.size;
	const etag = file.etag ?? `"${size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`;
	const headers = new Headers({
		'Content-Type': file.contentType,
		'Accept-Ranges': 'bytes',
		'Cache-Control': 'private, max-age=0, must-revalidate',
		ETag: etag,
		'Last-Modified': stat.mtime.toUTCString()
	});
	if (file.downloadName) headers.set('Content-Disposition', contentDisposition(file.downloadName));

	const inm = request.headers.get('if-none-match');
	if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
		return new Response(null, { status: 304, headers });
	}
	// If-Range: only honour Range when the client's copy is still this one (strong match).
	const ifRange = request.headers.get('if-range');
	const rangeHeader = ifRange && ifRange.trim() !== etag ? null : request.headers.get('range');
	const range = parseRange(rangeHeader, size);
	if (range.kind === 'unsatisfiable') {
		headers.set('Content-Range', `bytes */${size}`);
		headers.set('Content-Length', '0');
		return new Response(null, { status: 416, headers });
	}
	const [start, end, status] =
		range.kind === 'partial' ? [range.start, range.end, 206] : [0, size - 1, 200];
	if (status === 206) headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
	headers.set('Content-Length', String(end - start + 1));
	if (request.method === 'HEAD' || size === 0) return new Response(null, { status, headers });
	const stream = fs.createReadStream(file.path, { start, end });
	return new Response(Readable.toWeb(stream) as ReadableStream, { status, headers });
}
