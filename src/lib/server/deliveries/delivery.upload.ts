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
import { fileMedia, isZip, receiveBody, removeQuietly } from './delivery.storage';
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

async function requireOpen(tx: Tx, user: User, deliveryId: string) {
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
				const row = { id, deliveryId, projectId: delivery.projectId };
				await insertFile(tx, {
					...row,
					path: item.path,
					container: item.format!.container,
					sizeBytes: item.sizeBytes,
					sha256: item.sha256,
					uploadedBy: user.id,
					createdAt: nowIso()
				});
				const media = fileMedia(row);
				await fsp.mkdir(media.dir, { recursive: true });
				await fsp.rename(item.tempPath, media.audio);
				moved.push(media.audio);
				ids.push(id);
			}
			await refreshReport(tx, deliveryId);
		});
	} catch (e) {
		await Promise.all(moved.map((m) => removeQuietly(m)));
		throw e;
	}
	for (const old of replaced) {
		const media = fileMedia(old);
		await Promise.all([removeQuietly(media.audio), removeQuietly(media.peaks)]);
	}
	for (const id of ids) enqueueAnalysis(id);
	return ids;
}

/**
 * `POST /deliveries/:id/files`: one audio file at `?path=`, or a zip unpacked into the delivery.
 * The body streams to a temp file (memory stays flat); nothing is stored unless all of it is good.
 */
export async function addDeliveryUpload(
	db: Db,
	user: User,
	deliveryId: string,
	upload: { body: ReadableStream<Uint8Array> | null; declaredLength: number | null; path?: string }
) {
	// Access first: an outsider's or a viewer's bytes are never read.
	await requireOpen(db, user, deliveryId);
	const rawPath = upload.path === undefined ? null : normalisePath(upload.path);
	const received = await receiveBody(upload.body, upload.declaredLength, config.maxUploadBytes);
	const outDir = `${received.tempPath}.d`;
	try {
		let items: Incoming[];
		const zip = isZip(received.head);
		if (zip) {
			items = await unzipSafely(received.tempPath, outDir, {
				...ZIP_LIMITS,
				maxTotalBytes: config.maxUploadBytes
			});
		} else {
			if (!rawPath)
				throw badRequest(
					upload.path
						? `The path “${upload.path}” is not allowed: use a relative path inside the session folder, like drums/Kick.wav.`
						: 'Say where the file goes in the session folder: ?path=drums/Kick.wav',
					'invalid_path'
				);
			items = [{ ...received, path: rawPath }];
		}
		await probeAll(items, zip);
		const ids = await store(db, user, deliveryId, items);
		const delivery = await getDelivery(db, user, deliveryId);
		const files = ids.map((id) => delivery.files.find((f) => f.id === id)!);
		return { files, zip, delivery };
	} finally {
		await removeQuietly(received.tempPath);
		await removeQuietly(outDir);
	}
}
