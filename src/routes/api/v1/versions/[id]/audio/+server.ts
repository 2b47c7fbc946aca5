import type { RequestHandler } from './$types';
import { api, parse, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { versionAudio } from '$lib/server/versions/media.service';
import { sendMedia } from '$lib/server/versions/media-response';
import { audioQuerySchema, queryOf } from '$lib/server/versions/version.schemas';

/** `variant=original` (lossless, per the project's download setting) or `stream` (MP3 192k). */
export const GET: RequestHandler = api(async (event) => {
	const user = requireUser(event);
	const { variant } = parse(audioQuerySchema, queryOf(event.url));
	const file = await versionAudio(await getDb(), user, event.params.id, variant);
	return sendMedia(event.request, file);
});

export const HEAD = GET;
