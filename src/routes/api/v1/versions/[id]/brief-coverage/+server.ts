import { json } from '@sveltejs/kit';
import { api, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { getBriefCoverage } from '$lib/server/exports/notes.service';

/** "Against the brief" for a version: props for the BriefCoverage component. */
export const GET = api(async (event) => {
	return json(await getBriefCoverage(await getDb(), requireUser(event), event.params.id!));
});
