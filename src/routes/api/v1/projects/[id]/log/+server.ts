import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { api, parse, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { getProjectLog } from '$lib/server/log/log.service';

const query = z.object({
	songId: z.string().max(64).optional(),
	actorId: z.string().max(64).optional(),
	type: z.string().max(500).optional(),
	limit: z.coerce.number().int().min(1).max(1000).optional(),
	before: z.coerce.number().int().min(1).optional()
});

export const GET = api(async (event) => {
	const user = requireUser(event);
	const q = parse(query, Object.fromEntries(event.url.searchParams));
	const events = await getProjectLog(await getDb(), user, event.params.id!, {
		...q,
		types: q.type?.split(',').filter(Boolean)
	});
	return json({ events });
});
