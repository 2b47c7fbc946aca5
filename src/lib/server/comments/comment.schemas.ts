import { z } from 'zod';

const id = z.string().min(1).max(64);
const ms = (name: string) =>
	z
		.number({ message: `${name} must be a number of milliseconds.` })
		.int(`${name} must be a whole number of milliseconds.`)
		.min(0, `${name} cannot be negative.`)
		.max(24 * 60 * 60 * 1000, `${name} is past any song's end.`);
const body = z
	.string()
	.trim()
	.min(1, 'Write something in the note.')
	.max(5000, 'Keep a note under 5000 characters.');

export const createCommentSchema = z
	.object({
		body,
		/** Optional for a reply: a reply always sits at its parent's time. */
		atMs: ms('atMs').optional(),
		endMs: ms('endMs').nullable().optional(),
		parentId: id.nullable().optional(),
		briefItemId: id.nullable().optional(),
		/** The client's own id for this note, so a resend after a dropped connection is stored once. */
		clientId: z
			.string()
			.regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'clientId is 1–100 letters, digits, _ . : or -.')
			.optional()
	})
	.superRefine((v, ctx) => {
		if (v.atMs === undefined && !v.parentId) {
			ctx.addIssue({ code: 'custom', path: ['atMs'], message: 'A note needs atMs.' });
		}
		if (v.endMs != null && v.atMs !== undefined && v.endMs <= v.atMs) {
			ctx.addIssue({ code: 'custom', path: ['endMs'], message: 'endMs must be after atMs.' });
		}
	});

export const updateCommentSchema = z
	.object({
		body: body.optional(),
		status: z.enum(['open', 'resolved'], { message: 'status is "open" or "resolved".' }).optional(),
		/** Links the note to a key element of the current brief; null unlinks it. */
		briefItemId: id.nullable().optional()
	})
	.refine((v) => v.body !== undefined || v.status !== undefined || v.briefItemId !== undefined, {
		message: 'Send a body, a status or a briefItemId.'
	});

export type CreateCommentInput = z.infer<typeof createCommentSchema>;
export type UpdateCommentInput = z.infer<typeof updateCommentSchema>;
