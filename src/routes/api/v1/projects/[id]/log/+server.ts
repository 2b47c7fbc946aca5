import { json } from '@sveltejs/kit';
import { api, parse, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { logQuery, typesFilter } from '$lib/server/log/log.filter';
import { getProjectLog } from '$lib/server/log/log.service';

export const GET = api(async (event) => {
	const user = requireUser(event);
	const q = parse(logQuery, Object.fromEntries(event.url.searchParams));
	const events = await getProjectLog(await getDb(), user, event.params.id!, {
		...q,
		types: typesFilter(q)
	});
	return json({ events });
});
