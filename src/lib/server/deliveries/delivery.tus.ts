import { z } from 'zod';
import { parse } from '../http/api';
import type { UploadTarget } from '../uploads/upload-targets';
import { requireOpen, requirePath, storeDeliveryFiles } from './delivery.upload';

/** Resumable uploads (tus, `/api/v1/uploads`) of one delivery file: metadata `deliveryId`, `path`. */
const metadataSchema = z.object({
	deliveryId: z.string().min(1, 'metadata deliveryId is required.').max(64),
	path: z.string().max(1000).optional()
});

export const deliveryUploadTarget: UploadTarget = {
	matches: (m) => typeof m.deliveryId === 'string',
	async authorize(db, user, metadata) {
		const m = parse(metadataSchema, metadata);
		const path = requirePath(m.path ?? metadata.filename ?? metadata.name ?? undefined);
		await requireOpen(db, user, m.deliveryId);
		return { deliveryId: m.deliveryId, path };
	},
	async finish(db, user, file) {
		const m = parse(metadataSchema, file.metadata);
		const [id] = await storeDeliveryFiles(db, user, m.deliveryId, [
			{
				path: requirePath(m.path),
				tempPath: file.tempPath,
				sizeBytes: file.sizeBytes,
				sha256: file.sha256
			}
		]);
		return { headers: { 'Bounce-Delivery-File-Id': id } };
	}
};
