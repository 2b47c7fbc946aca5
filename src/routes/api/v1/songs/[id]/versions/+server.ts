import { json } from '@sveltejs/kit';
import { api, created, parse, requireUser } from '$lib/server/http/api';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { receiveToTemp } from '$lib/server/versions/upload.service';
import { closeOnRefusal, declaredLength } from '$lib/server/versions/upload.route';
import { queryOf, uploadQuerySchema } from '$lib/server/versions/version.schemas';
import {
	cleanFilename,
	createVersionFromFile,
	listSongVersions,
	requireSongAccess
} from '$lib/server/versions/version.service';

export const GET = api(async (event) => {
	const db = await getDb();
	const { song } = await requireSongAccess(db, requireUser(event), event.params.id!, 'read');
	return json({ versions: await listSongVersions(db, song.id) });
});

/** Raw upload for scripts: the body is the audio file, streamed to disk. */
export const POST = api((event) =>
	closeOnRefusal(async () => {
		const user = requireUser(event);
		const query = parse(uploadQuerySchema, queryOf(event.url));
		const db = await getDb();
		const { song } = await requireSongAccess(db, user, event.params.id!, 'uploadVersion');
		const file = await receiveToTemp(event.request.body, {
			declaredLength: declaredLength(event.request),
			maxBytes: config.maxUploadBytes
		});
		const version = await createVersionFromFile(db, user, song.id, {
			...file,
			filename: cleanFilename(query.filename),
			notes: query.notes
		});
		return created({ version });
	})
);
