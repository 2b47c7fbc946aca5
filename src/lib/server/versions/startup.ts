import type { Db } from '../db';
import { recoverDeliveryAnalysis } from '../deliveries/delivery.analysis';
import { cleanUpExpiredUploads, finishCompletedUploads } from '../uploads/tus';
import { recoverUnfinishedWork } from './analysis.service';
import { sweepTemp } from './storage';

/**
 * At server start: finish resumable uploads that were complete when the server stopped (awaited:
 * no request may race them), then in the background re-queue analysis and encoding a crash
 * interrupted and clear abandoned temp files and expired resumable uploads.
 */
export async function startMediaWork(db: Db): Promise<void> {
	await finishCompletedUploads().catch((e: unknown) =>
		console.error('finishing complete uploads failed', e)
	);
	void (async () => {
		await recoverUnfinishedWork(db);
		await recoverDeliveryAnalysis(db);
		await sweepTemp();
		await cleanUpExpiredUploads();
	})().catch((e: unknown) => console.error('media start-up work failed', e));
}
