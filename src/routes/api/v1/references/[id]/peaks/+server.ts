import { json } from '@sveltejs/kit';
import { api, parse, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { referencePeaks } from '$lib/server/versions/media.service';
import { peaksQuerySchema, queryOf } from '$lib/server/versions/version.schemas';

export const GET = api(async (event) => {
	const user = requireUser(event);
	const { samplesPerPixel } = parse(peaksQuerySchema, queryOf(event.url));
	return json(await referencePeaks(await getDb(), user, event.params.id!, samplesPerPixel));
});
