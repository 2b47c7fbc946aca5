import { getDb } from '$lib/server/db';
import { loadOr404, requirePageUser } from '$lib/server/http/page';
import { getBriefHistory } from '$lib/server/projects/brief.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePageUser(event);
	const revisions = await loadOr404(async () =>
		getBriefHistory(await getDb(), user, event.params.id)
	);
	return { revisions };
};
