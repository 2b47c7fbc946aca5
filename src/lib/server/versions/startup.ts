import type { Db } from '../db';
import { cleanUpExpiredUploads } from '../uploads/tus';
import { recoverUnfinishedWork } from './analysis.service';
import { sweepTemp } from './storage';

/**
 * At server start: re-queue analysis and encoding a crash interrupted, and clear abandoned
 * temp files and expired resumable uploads. Runs in the background; start-up does not wait.
 */
export function startMediaWork(db: Db): void {
	void (async () => {
		await recoverUnfinishedWork(db);
		await sweepTemp();
		await cleanUpExpiredUploads();
	})().catch((e: unknown) => console.error('media start-up work failed', e));
}
