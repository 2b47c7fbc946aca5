import { z } from 'zod';

export const decisionSchema = z.object({
	decision: z.enum(['approved', 'changes_requested'], {
		message: 'decision must be "approved" or "changes_requested".'
	}),
	note: z.string().max(5000, 'Keep the note under 5000 characters.').nullable().optional()
});
