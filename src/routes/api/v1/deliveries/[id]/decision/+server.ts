import { api, created, readJson, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { decisionSchema } from '$lib/server/deliveries/delivery.schemas';
import { decideDelivery } from '$lib/server/deliveries/delivery.service';

export const POST = api(async (event) => {
	const user = requireUser(event);
	const input = await readJson(event.request, decisionSchema);
	return created(await decideDelivery(await getDb(), user, event.params.id!, input));
});
