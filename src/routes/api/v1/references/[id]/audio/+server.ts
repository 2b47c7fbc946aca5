import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { api, requireUser } from '$lib/server/http/api';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { referenceAudio } from '$lib/server/versions/media.service';
import { sendMedia } from '$lib/server/versions/media-response';
import {
	requireReference,
	setReferenceAudioFromFile
} from '$lib/server/versions/reference-audio.service';
import { receiveToTemp } from '$lib/server/versions/upload.service';
import { closeOnRefusal, declaredLength } from '$lib/server/versions/upload.route';
import { cleanFilename } from '$lib/server/versions/version.service';

/** The reference track's audio, raw in the body (`?filename=` optional); replaces any earlier. */
export const PUT: RequestHandler = api((event) =>
	closeOnRefusal(async () => {
		const user = requireUser(event);
		const db = await getDb();
		await requireReference(db, user, event.params.id, 'addReference');
		const file = await receiveToTemp(event.request.body, {
			declaredLength: declaredLength(event.request),
			maxBytes: config.maxUploadBytes
		});
		const filename = cleanFilename(event.url.searchParams.get('filename'), 'reference');
		const reference = await setReferenceAudioFromFile(db, user, event.params.id, {
			...file,
			filename
		});
		return json({ reference });
	})
);

export const GET: RequestHandler = api(async (event) => {
	const file = await referenceAudio(await getDb(), requireUser(event), event.params.id);
	return sendMedia(event.request, file);
});

export const HEAD = GET;
