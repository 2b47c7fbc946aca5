import { api, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { attachment } from '$lib/server/exports/filename';
import { notesToCsv } from '$lib/server/exports/notes.csv';
import { getExportNotes } from '$lib/server/exports/notes.service';

export const GET = api(async (event) => {
	const { notes, baseName } = await getExportNotes(
		await getDb(),
		requireUser(event),
		event.params.id!
	);
	return new Response(notesToCsv(notes), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': attachment(`${baseName} notes.csv`),
			'cache-control': 'private, no-store'
		}
	});
});
