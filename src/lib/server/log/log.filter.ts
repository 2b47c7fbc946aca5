import { z } from 'zod';
import { typesOfKinds } from '$lib/log/kinds';

/** The log's query parameters, shared by the project and song log endpoints and the Log page. */
export const logQuery = z.object({
	songId: z.string().max(64).optional(),
	actorId: z.string().max(64).optional(),
	type: z.string().max(500).optional(),
	kind: z.string().max(200).optional(),
	limit: z.coerce.number().int().min(1).max(1000).optional(),
	before: z.coerce.number().int().min(1).optional()
});

export type LogQuery = z.infer<typeof logQuery>;

/** Types to keep: `type` and `kind` (comma lists) together narrow the log (both must match). */
export function typesFilter(q: Pick<LogQuery, 'type' | 'kind'>): string[] | undefined {
	const types = q.type?.split(',').filter(Boolean);
	const kinds = q.kind?.split(',').filter(Boolean);
	if (!kinds?.length) return types?.length ? types : undefined;
	const ofKinds = typesOfKinds(kinds);
	const both = types?.length ? ofKinds.filter((t) => types.includes(t)) : ofKinds;
	// An empty result must still filter (to nothing), not fall back to "everything".
	return both.length ? both : ['(none)'];
}
