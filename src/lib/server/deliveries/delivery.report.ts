import type { Tx } from '../db/transaction';
import { findDelivery, listFiles, setFileVerdict, updateDelivery } from './delivery.repository';
import { checkDelivery, type Report } from './delivery.rules';

/**
 * Recomputes a delivery's report from the stored per-file analyses (no audio is read) and stores
 * it with each file's verdict. Runs inside the write that changed the delivery's files.
 */
export async function refreshReport(tx: Tx, deliveryId: string): Promise<Report | null> {
	const delivery = await findDelivery(tx, deliveryId);
	if (!delivery) return null;
	const files = await listFiles(tx, deliveryId);
	const report = checkDelivery(files, { roughMixFileId: delivery.roughMixFileId });
	for (const f of files) {
		const verdict = report.files[f.id]?.verdict ?? null;
		if (verdict !== f.verdict) await setFileVerdict(tx, f.id, verdict);
	}
	await updateDelivery(tx, deliveryId, { report });
	return report;
}
