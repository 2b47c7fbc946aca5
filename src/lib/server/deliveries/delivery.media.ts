import fsp from 'node:fs/promises';
import { Readable } from 'node:stream';
import yazl from 'yazl';
import { peaksFromDat, peaksToJson, type Container } from '$lib/audio';
import type { User } from '../auth/user.repository';
import type { Db } from '../db';
import { AppError, forbidden, notFound } from '../http/errors';
import { findProject } from '../projects/project.repository';
import { findSong } from '../songs/song.repository';
import { listFiles } from './delivery.repository';
import { requireDelivery, requireDeliveryFile } from './delivery.service';
import { fileMedia } from './delivery.storage';
import { contentDisposition, sendMedia } from '../versions/media-response';
import { CONTENT_TYPES } from '../versions/storage';
import type { Report } from './delivery.rules';

/** Playing (HTTP Range via versions' sendMedia), waveform and download of delivery files. */

export async function deliveryFileAudio(db: Db, user: User, fileId: string, request: Request) {
	const { file } = await requireDeliveryFile(db, user, fileId, 'read');
	return sendMedia(request, {
		path: fileMedia(file).audio,
		contentType: CONTENT_TYPES[file.container as Container] ?? 'application/octet-stream',
		etag: `"${file.sha256}"`
	});
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
