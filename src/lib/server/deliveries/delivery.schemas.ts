import { z } from 'zod';

const note = z.string().trim().max(5000, 'A note is at most 5000 characters.');

export const createDeliverySchema = z.object({ note: note.optional() });

export const patchDeliverySchema = z.object({
	/** Marks the rough mix by hand; null goes back to recognising it by name. */
	roughMixFileId: z.string().min(1).max(64).nullable().optional(),
	note: note.optional()
});

export const decisionSchema = z.object({
	decision: z.enum(['accepted', 'fixes_requested'], {
		message: 'decision must be "accepted" or "fixes_requested".'
	}),
	note: note.optional()
});

export const uploadQuerySchema = z.object({
	path: z.string().max(1000, 'The path is at most 1000 characters.').optional()
});

export const peaksQuerySchema = z.object({
	samplesPerPixel: z.coerce
		.number()
		.int()
		.positive()
		.max(1 << 24)
		.optional()
});
