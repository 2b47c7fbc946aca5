import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { Readable } from 'node:stream';
import yazl from 'yazl';
import { peaksFromDat, peaksToJson } from '$lib/audio';
import type { User } from '../auth/user.repository';
import type { Db } from '../db';
import { AppError, forbidden, notFound } from '../http/errors';
import { findProject } from '../projects/project.repository';
import { findSong } from '../songs/song.repository';
import { listFiles } from './delivery.repository';
import { requireDelivery, requireDeliveryFile } from './delivery.service';
import { fileMedia } from './delivery.storage';
import type { Report } from './delivery.rules';

/**
 * Playing, waveform and download of delivery files.
 * TO UNIFY with versions/media-response.ts + range.ts (sendMedia) once the versions branch is on
 * main: this is the minimal single-range sender the stem player needs.
 */
const CONTENT_TYPES: Record<string, string> = {
	wav: 'audio/wav',
	aiff: 'audio/aiff',
	flac: 'audio/flac',
	mp3: 'audio/mpeg'
};

export function contentDisposition(name: string): string {
	const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** RFC 9110 single byte range: 206, 416 with `bytes *\/len`, or the whole file. */
export function parseByteRange(header: string | null, size: number) {
	const m = header && /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!m || (m[1] === '' && m[2] === '')) return { kind: 'full' as const };
	let start = m[1] === '' ? Math.max(0, size - Number(m[2])) : Number(m[1]);
	let end = m[1] === '' || m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
	if (m[1] !== '' && m[2] !== '' && Number(m[2]) < start) return { kind: 'full' as const };
	if (m[1] === '' && Number(m[2]) === 0) start = size;
	if (start >= size || start > end) return { kind: 'unsatisfiable' as const };
	end = Math.max(end, start);
	return { kind: 'partial' as const, start, end };
}

async function sendFile(request: Request, file: string, contentType: string, etag: string) {
	const stat = await fsp.stat(file).catch(() => null);
	if (!stat?.isFile()) throw notFound('That audio file');
	const headers = new Headers({
		'Content-Type': contentType,
		'Accept-Ranges': 'bytes',
		'Cache-Control': 'private, max-age=0, must-revalidate',
		ETag: etag
	});
	if (request.headers.get('if-none-match') === etag)
		return new Response(null, { status: 304, headers });
	const range = parseByteRange(request.headers.get('range'), stat.size);
	if (range.kind === 'unsatisfiable') {
		headers.set('Content-Range', `bytes */${stat.size}`);
		return new Response(null, { status: 416, headers });
	}
	const [start, end, status] =
		range.kind === 'partial' ? [range.start, range.end, 206] : [0, stat.size - 1, 200];
	if (status === 206) headers.set('Content-Range', `bytes ${start}-${end}/${stat.size}`);
	headers.set('Content-Length', String(Math.max(0, end - start + 1)));
	if (request.method === 'HEAD' || stat.size === 0) return new Response(null, { status, headers });
	const stream = fs.createReadStream(file, { start, end });
	return new Response(Readable.toWeb(stream) as ReadableStream, { status, headers });
}

export async function deliveryFileAudio(db: Db, user: User, fileId: string, request: Request) {
	const { file } = await requireDeliveryFile(db, user, fileId, 'read');
	const type = CONTENT_TYPES[file.container] ?? 'application/octet-stream';
	return sendFile(request, fileMedia(file).audio, type, `"${file.sha256}"`);
}

export async function deliveryFilePeaks(
	db: Db,
	user: User,
	fileId: string,
	samplesPerPixel?: number
) {
	const { file } = await requireDeliveryFile(db, user, fileId, 'read');
	if (file.status !== 'ready')
		throw new AppError(409, 'not_ready', 'The waveform is ready once the file is analysed.');
	const dat = await fsp.readFile(fileMedia(file).peaks).catch(() => null);
	if (!dat) throw notFound('That waveform');
	return peaksToJson(peaksFromDat(new Uint8Array(dat)), samplesPerPixel);
}

export function reportText(title: string, report: Report, paths: Map<string, string>): string {
	const lines = [`Session delivery for “${title}”`, `Verdict: ${report.verdict.toUpperCase()}`, ''];
	for (const level of ['fail', 'warn', 'info'] as const)
		for (const f of report.findings.filter((x) => x.level === level))
			lines.push(`[${level}] ${f.fileId ? `${paths.get(f.fileId)}: ` : ''}${f.message}`);
	return lines.join('\r\n') + '\r\n';
}

const REPORT_NAME = 'DELIVERY-REPORT.txt';

/**
 * The delivery as one zip, streamed as it is written: yazl reads each file from disk when its
 * turn comes, audio is STOREd (it does not compress), and the size is known up front.
 */
export async function deliveryZip(db: Db, user: User, id: string) {
	const { delivery, access } = await requireDelivery(db, user, id, 'read');
	const project = await findProject(db, delivery.projectId);
	if (!project?.downloadRoles.includes(access.role))
		throw forbidden('This project does not let your role download the files.');
	const song = await findSong(db, delivery.songId);
	const files = await listFiles(db, id);
	const zip = new yazl.ZipFile();
	for (const f of files)
		zip.addFile(fileMedia(f).audio, f.path, { compress: false, mtime: new Date(f.createdAt) });
	if (delivery.report && !files.some((f) => f.path === REPORT_NAME)) {
		const text = reportText(
			song?.title ?? 'song',
			delivery.report,
			new Map(files.map((f) => [f.id, f.path]))
		);
		zip.addBuffer(Buffer.from(text), REPORT_NAME, { compress: false });
	}
	// A file gone from disk makes yazl fail before the size is known: that is a 404, not a hang.
	const size = await new Promise<number>((resolve, reject) => {
		zip.once('error', () => reject(notFound('A file of this delivery')));
		(zip.end as (o: object, cb: (n: number) => void) => void)({}, resolve);
	});
	const headers = new Headers({
		'Content-Type': 'application/zip',
		'Content-Disposition': contentDisposition(`${song?.title ?? 'Session'} - delivery.zip`),
		'Cache-Control': 'private, no-store'
	});
	if (size >= 0) headers.set('Content-Length', String(size));
	return new Response(Readable.toWeb(zip.outputStream as Readable) as ReadableStream, { headers });
}
