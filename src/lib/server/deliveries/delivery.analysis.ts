import { analyseFile, AudioFormatError, peaksToDat } from '$lib/audio';
import { getDb, type Db } from '../db';
import { writeTransaction } from '../db/transaction';
import { refreshReport } from './delivery.report';
import { findFile, finishAnalysis, listAnalysingFileIds } from './delivery.repository';
import type { StoredAnalysis } from './delivery.rules';
import { fileMedia } from './delivery.storage';
import { writeFileAtomic } from '../versions/storage';
import { JobQueue } from '../versions/analysis.queue';

/**
 * Each delivery file is decoded exactly once, off the request path: one analyseFile pass gives
 * the format, loudness, peaks, decoded hash, clipping, silence and dual-mono facts. The peaks go
 * to a file; the rest is stored as JSON, and the report is recomputed from it.
 */
const progress = new Map<string, number>();
const queue = new JobQueue<{ key: string }>(({ key }) => analyse(key), 2);

/** Queues a file once (a file already queued or running is not queued twice). */
export const enqueueAnalysis = (fileId: string) => queue.enqueue({ key: fileId });
export const analysisProgress = (fileId: string) => progress.get(fileId) ?? 0;
export const analysisIdle = () => queue.idle();

/** Start-up: files whose analysis a crash interrupted are analysed again. */
export async function recoverDeliveryAnalysis(db: Db): Promise<void> {
	(await listAnalysingFileIds(db)).forEach(enqueueAnalysis);
}

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
		await writeFileAtomic(media.peaks, peaksToDat(r.peaks));
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
