import type { Server } from 'socket.io';
import type { VersionEventName, VersionEventPayload } from '$lib/realtime/events';
import { bus } from './bus';

/** The room every socket joined to a version sits in. */
export const versionRoom = (versionId: string) => `version:${versionId}`;

/**
 * Services call this AFTER their transaction committed (never inside it: a rolled-back write must
 * not be announced). It only puts the event on the bus; the emitter below is the one place that
 * turns it into a socket.io message.
 */
export function publishVersionEvent<E extends VersionEventName>(
	versionId: string,
	event: E,
	payload: VersionEventPayload<E>
): void {
	bus.emit('version.event', { versionId, event, payload });
}

/** The single emitter: bus 'version.event' → every socket in the version's room (all tabs). */
export function startEmitter(io: Server): () => void {
	return bus.on('version.event', ({ versionId, event, payload }) => {
		io.to(versionRoom(versionId)).emit(event, payload);
	});
}
