import fsp from 'node:fs/promises';
import { AudioFormatError, probeFile, type AudioFormat } from '$lib/audio';
import type { User } from '../auth/user.repository';
import { config } from '../config';
import type { Db } from '../db';
import { newId, nowIso } from '../db/ids';
import { writeTransaction, type Tx } from '../db/transaction';
import { AppError, badRequest, conflict } from '../http/errors';
import { enqueueAnalysis } from './delivery.analysis';
import { normalisePath } from './delivery.paths';
import { refreshReport } from './delivery.report';
import {
	countFiles,
	deleteFile,
	findFileByPath,
	insertFile,
	type DeliveryFileRow
} from './delivery.repository';
import { getDelivery, requireDelivery } from './delivery.service';
import { fileMedia, receiveZipBody, removeQuietly, startsLikeZip } from './delivery.storage';
import { receiveToTemp } from '../versions/upload.service';
import { removeDirQuietly } from '../versions/storage';
import { unzipSafely, ZIP_LIMITS } from './delivery.zip';

/** A delivery holds at most this many files (a 2,000-track session is already generous). */
export const MAX_FILES = 2000;

interface Incoming {
	path: string;
	tempPath: string;
	sizeBytes: number;
	sha256: string;
	format?: AudioFormat;
}

function audioError(e: AudioFormatError, where: string): AppError {
	if (e.status === 415)
		return new AppError(
			415,
			'unsupported_audio',
			`${where} is not audio we take (${e.message}): send WAV or AIFF (FLAC and MP3 are judged too).`
		);
	return new AppError(
		422,
		'malformed_audio',
		`${where} claims to be audio but is damaged (${e.message}). Export it again from the session.`
	);
}

export async function requireOpen(tx: Tx, user: User, deliveryId: string) {
	const { delivery } = await requireDelivery(tx, user, deliveryId, 'deliver');
	if (delivery.status === 'accepted')
		throw conflict(
			'delivery_accepted',
			'This delivery is accepted; start a new delivery to send more files.'
		);
	return delivery;
}

/** Every file's header is read before anything is kept: one bad file refuses the request. */
async function probeAll(items: Incoming[], fromZip: boolean): Promise<void> {
	for (const item of items) {
		try {
			item.format = await probeFile(item.tempPath);
		} catch (e) {
			if (!(e instanceof AudioFormatError)) throw e;
			throw audioError(e, fromZip ? `“${item.path}” in the zip` : 'This file');
		}
	}
}

async function store(db: Db, user: User, deliveryId: string, items: Incoming[]) {
	const moved: string[] = [];
	const replaced: DeliveryFileRow[] = [];
	const ids: string[] = [];
	try {
		await writeTransaction(db, async (tx) => {
			const delivery = await requireOpen(tx, user, deliveryId);
			if ((await countFiles(tx, deliveryId)) + items.length > MAX_FILES)
				throw badRequest(`A delivery holds at most ${MAX_FILES} files.`, 'too_many_files');
			for (const item of items) {
				// The same path again replaces the file (a fixed export sent once more).
				const old = await findFileByPath(tx, deliveryId, item.path);
				if (old) {
					replaced.push(old);
					await deleteFile(tx, old.id);
				}
				const id = newId();
				const row = {
					id,
					deliveryId,
					projectId: delivery.projectId,
					container: item.format!.container
				};
				await insertFile(tx, {
					...row,
					path: item.path,
					sizeBytes: item.sizeBytes,
					sha256: item.sha256,
					uploadedBy: user.id,
					createdAt: nowIso()
				});
				const media = fileMedia(row);
				await fsp.mkdir(media.dir, { recursive: true });
				await fsp.rename(item.tempPath, media.audio);
				moved.push(media.dir);
				ids.push(id);
			}
			await refreshReport(tx, deliveryId);
		});
	} catch (e) {
		await Promise.all(moved.map((m) => removeDirQuietly(m)));
		throw e;
	}
	for (const old of replaced) await removeDirQuietly(fileMedia(old).dir);
	for (const id of ids) enqueueAnalysis(id);
	return ids;
}

/**
 * Keeps files that arrived complete (a raw body, a zip's entries, a finished tus upload): every
 * header is read first, and one bad file refuses them all; then they are moved into place and
 * queued for their one analysis. Returns the new files' ids.
 */
export async function storeDeliveryFiles(
	db: Db,
	user: User,
	deliveryId: string,
	items: Incoming[],
	fromZip = false
): Promise<string[]> {
	await probeAll(items, fromZip);
	return store(db, user, deliveryId, items);
}

const badPath = (raw: string | undefined) =>
	badRequest(
		raw
			? `The path “${raw}” is not allowed: use a relative path inside the session folder, like drums/Kick.wav.`
			: 'Say where the file goes in the session folder: ?path=drums/Kick.wav',
		'invalid_path'
	);

export function requirePath(raw: string | undefined): string {
	const p = raw === undefined ? null : normalisePath(raw);
	if (!p) throw badPath(raw);
	return p;
}

async function fromZip(db: Db, user: User, deliveryId: string, zipPath: string) {
	const outDir = `${zipPath}.d`;
	try {
		const items = await unzipSafely(zipPath, outDir, {
			...ZIP_LIMITS,
			maxTotalBytes: config.maxUploadBytes
		});
		return await storeDeliveryFiles(db, user, deliveryId, items, true);
	} finally {
		await removeDirQuietly(outDir);
	}
}

/**
 * `POST /deliveries/:id/files`: one audio file at `?path=`, or a zip (`application/zip`)
 * unpacked into the delivery. Bodies stream to a temp file (memory stays flat); audio goes
 * through versions' receiveToTemp, which refuses what is not audio after its first 64 KB.
 */
export async function addDeliveryUpload(
	db: Db,
	user: User,
	deliveryId: string,
	upload: {
		body: ReadableStream<Uint8Array> | null;
		declaredLength: number | null;
		contentType: string;
		path?: string;
	}
) {
	// Access and the path first: an outsider's or a viewer's bytes are never read.
	await requireOpen(db, user, deliveryId);
	const isZipBody = /zip/i.test(upload.contentType);
	const path = isZipBody ? null : requirePath(upload.path);
	const max = config.maxUploadBytes;
	let ids: string[];
	if (isZipBody) {
		const received = await receiveZipBody(upload.body, upload.declaredLength, max);
		try {
			ids = await fromZip(db, user, deliveryId, received.tempPath);
		} finally {
			await removeQuietly(received.tempPath);
		}
	} else {
		const received = await receiveToTemp(upload.body, {
			declaredLength: upload.declaredLength,
			maxBytes: max
		});
		try {
			// A small zip sent as application/octet-stream is still a zip.
			ids = (await startsLikeZip(received.tempPath))
				? await fromZip(db, user, deliveryId, received.tempPath)
				: await storeDeliveryFiles(db, user, deliveryId, [{ ...received, path: path! }]);
		} finally {
			await removeQuietly(received.tempPath);
		}
	}
	const delivery = await getDelivery(db, user, deliveryId);
	return { files: ids.map((id) => delivery.files.find((f) => f.id === id)!), delivery };
}
