/** The delivery shapes the pages render (type-only: nothing from the server reaches the browser). */
export type { DeliveryDto, DeliveryFileDto } from '$lib/server/deliveries/delivery.dto';
export type { Finding, Level, Verdict } from '$lib/server/deliveries/delivery.rules';
