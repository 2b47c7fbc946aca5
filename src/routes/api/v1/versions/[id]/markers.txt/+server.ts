import { z } from 'zod';
import { api, parse, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { attachment } from '$lib/server/exports/filename';
import { notesToAudacity, notesToReaper } from '$lib/server/exports/notes.markers';
import { getExportNotes } from '$lib/server/exports/notes.service';

const query = z.object({
	format: z
		.enum(['reaper', 'audacity'], { message: 'format is "reaper" or "audacity".' })
		.default('reaper')
});

/** A marker list: REAPER's Region/Marker Manager CSV, or an Audacity label track. */
export const GET = api(async (event) => {
	const { format } = parse(query, Object.fromEntries(event.url.searchParams));
	const { notes, baseName } = await getExportNotes(
		await getDb(),
		requireUser(event),
		event.params.id!
	);
	const reaper = format === 'reaper';
	return new Response(reaper ? notesToReaper(notes) : notesToAudacity(notes), {
		headers: {
			'content-type': `${reaper ? 'text/csv' : 'text/plain'}; charset=utf-8`,
			'content-disposition': attachment(
				reaper ? `${baseName} markers (REAPER).csv` : `${baseName} labels (Audacity).txt`
			),
			'cache-control': 'private, no-store'
		}
	});
});
