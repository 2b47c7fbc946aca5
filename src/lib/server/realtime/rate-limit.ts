import type { Socket } from 'socket.io';

/** A token bucket: `capacity` events at once, refilled at `perSecond`. */
export class TokenBucket {
	#tokens: number;
	#last = performance.now();
	constructor(
		private capacity: number,
		private perSecond: number
	) {
		this.#tokens = capacity;
	}

	take(cost = 1): boolean {
		const now = performance.now();
		this.#tokens = Math.min(
			this.capacity,
			this.#tokens + ((now - this.#last) / 1000) * this.perSecond
		);
		this.#last = now;
		if (this.#tokens < cost) return false;
		this.#tokens -= cost;
		return true;
	}
}

export interface RateLimitOptions {
	capacity: number;
	perSecond: number;
	/** Consecutive refused events after which the socket is cut off (a client gone wild). */
	disconnectAfter: number;
}

/**
 * Per-socket limit on client → server events, so one client cannot starve the others. An event over
 * the limit is dropped; one that expects an ack gets `{ok: false, error: 'rate_limited'}`. A client
 * that keeps going long after being refused is disconnected.
 */
export function limitRate(socket: Socket, opts: RateLimitOptions): void {
	const bucket = new TokenBucket(opts.capacity, opts.perSecond);
	let refused = 0;
	socket.use((packet, next) => {
		if (bucket.take()) {
			refused = 0;
			return next();
		}
		const ack = packet[packet.length - 1];
		if (typeof ack === 'function') ack({ ok: false, error: 'rate_limited' });
		if (++refused >= opts.disconnectAfter) socket.disconnect(true);
	});
}
