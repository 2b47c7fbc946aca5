import type { RequestHandler } from './$types';
import { api, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { versionDownload } from '$lib/server/versions/media.service';
import { sendMedia } from '$lib/server/versions/media-response';

/** The original file as an attachment (Range works, so browsers can resume a download). */
export const GET: RequestHandler = api(async (event) => {
	const file = await versionDownload(await getDb(), requireUser(event), event.params.id);
	return sendMedia(event.request, file);
});

export const HEAD = GET;
