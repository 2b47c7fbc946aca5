import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import { analyseFile, AudioFormatError, peaksToDat } from '$lib/audio';
import { getDb } from '../db';
import { writeTransaction } from '../db/transaction';
import { refreshReport } from './delivery.report';
import { findFile, finishAnalysis } from './delivery.repository';
import type { StoredAnalysis } from './delivery.rules';
import { fileMedia } from './delivery.storage';
import { JobQueue } from './delivery.queue';

/**
 * Each delivery file is decoded exactly once, off the request path: one analyseFile pass gives
 * the format, loudness, peaks, decoded hash, clipping, silence and dual-mono facts. The peaks go
 * to a file; the rest is stored as JSON, and the report is recomputed from it.
 */
const progress = new Map<string, number>();
const queue = new JobQueue(analyse, 2);

export const enqueueAnalysis = (fileId: string) => queue.enqueue(fileId);
export const isQueued = (fileId: string) => queue.has(fileId);
export const analysisProgress = (fileId: string) => progress.get(fileId) ?? 0;
export const analysisIdle = () => queue.idle();

function describe(e: unknown): string {
	if (e instanceof AudioFormatError) return e.message;
	console.error('delivery analysis failed', e);
	return 'the file could not be decoded';
}

async function analyse(fileId: string): Promise<void> {
	const db = await getDb();
	const file = await findFile(db, fileId);
	if (!file || file.status !== 'analysing') return;
	const media = fileMedia(file);
	let result: { analysis: StoredAnalysis } | { error: string };
	progress.set(fileId, 0);
	try {
		const r = await analyseFile(media.audio, { onProgress: (f) => progress.set(fileId, f) });
		const tmp = `${media.peaks}.${randomBytes(6).toString('hex')}.tmp`;
		await fsp.writeFile(tmp, peaksToDat(r.peaks));
		await fsp.rename(tmp, media.peaks);
		const { format, loudness, decodedSha256, clipping, silent, dualMono } = r;
		result = { analysis: { format, loudness, decodedSha256, clipping, silent, dualMono } };
	} catch (e) {
		result = { error: describe(e) };
	} finally {
		progress.delete(fileId);
	}
	await writeTransaction(db, async (tx) => {
		await finishAnalysis(tx, fileId, result);
		await refreshReport(tx, file.deliveryId);
	});
}
