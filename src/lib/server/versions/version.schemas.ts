import { z } from 'zod';

const notes = z.string().max(5_000, 'Change notes are at most 5000 characters.');

/** Query of the raw upload (`POST /songs/:id/versions?filename=&notes=`). */
export const uploadQuerySchema = z.object({
	filename: z.string().max(255, 'The file name is at most 255 characters.').optional(),
	notes: notes.default('')
});

/** `PATCH /versions/:id`: change notes, and the earlier notes this version addresses. */
export const versionPatchSchema = z.object({
	notes: notes.optional(),
	addresses: z
		.array(z.string().min(1).max(64), { message: 'addresses is a list of comment ids.' })
		.max(500, 'At most 500 notes at once.')
		.optional()
});

export const peaksQuerySchema = z.object({
	samplesPerPixel: z.coerce
		.number({ message: 'samplesPerPixel must be a whole number.' })
		.int('samplesPerPixel must be a whole number.')
		.min(1, 'samplesPerPixel is at least 1.')
		.max(2 ** 20, 'samplesPerPixel is at most 1048576.')
		.optional()
});

export const audioQuerySchema = z.object({
	variant: z
		.enum(['original', 'stream'], { message: 'variant is "original" or "stream".' })
		.default('original')
});

/** Query parameters as a plain object (the last value wins; empty ones are dropped). */
export function queryOf(url: URL): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of url.searchParams) if (v !== '') out[k] = v;
	return out;
}
