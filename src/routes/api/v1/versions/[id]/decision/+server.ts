import { api, created, readJson, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { decisionSchema } from '$lib/server/decisions/decision.schemas';
import { recordDecision } from '$lib/server/decisions/decision.service';

export const POST = api(async (event) => {
	const user = requireUser(event);
	const input = await readJson(event.request, decisionSchema);
	const db = await getDb();
	const r = await recordDecision(db, user, event.params.id!, input);
	return created({
		decision: r.decision,
		version: r.versionDto,
		song: r.song,
		warning: r.warning
	});
});
