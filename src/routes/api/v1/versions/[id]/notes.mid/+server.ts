import { api, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { attachment } from '$lib/server/exports/filename';
import { notesToMidi } from '$lib/server/exports/notes.midi';
import { getExportNotes } from '$lib/server/exports/notes.service';

/** The notes as markers in a Standard MIDI File, for the engineer's DAW timeline. */
export const GET = api(async (event) => {
	const { notes, baseName } = await getExportNotes(
		await getDb(),
		requireUser(event),
		event.params.id!
	);
	const body = notesToMidi(notes, { title: `${baseName} notes` });
	return new Response(body as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'audio/midi',
			'content-disposition': attachment(`${baseName} notes.mid`),
			'cache-control': 'private, no-store'
		}
	});
});
