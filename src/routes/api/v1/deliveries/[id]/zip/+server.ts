import { api, requireUser } from '$lib/server/http/api';
import { getDb } from '$lib/server/db';
import { deliveryZip } from '$lib/server/deliveries/delivery.media';

export const GET = api(async (event) => {
	return deliveryZip(await getDb(), requireUser(event), event.params.id!);
});
