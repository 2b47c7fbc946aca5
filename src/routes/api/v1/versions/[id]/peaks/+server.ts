import { json } from '@sveltejs/kit';
import { api, parse, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { versionPeaks } from '$lib/server/versions/media.service';
import { peaksQuerySchema, queryOf } from '$lib/server/versions/version.schemas';

/** BBC audiowaveform JSON (version 2); computed once at analysis, served at any zoom. */
export const GET = api(async (event) => {
	const user = requireUser(event);
	const { samplesPerPixel } = parse(peaksQuerySchema, queryOf(event.url));
	const peaks = await versionPeaks(await getDb(), user, event.params.id!, samplesPerPixel);
	return json(peaks, { headers: { 'Cache-Control': 'private, max-age=3600' } });
});
