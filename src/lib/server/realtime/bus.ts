import { EventEmitter } from 'node:events';

/**
 * Domain events, emitted by services only after their write committed. The socket layer is the one
 * subscriber that turns them into socket.io messages; nothing else talks to sockets.
 */
export interface BusEvents {
	'session.revoked': { sessionIds: string[] };
	'token.revoked': { tokenId: string };
	/** A member was removed or their role changed: sockets re-check access at once. */
	'membership.changed': { projectId: string; userId: string };
	/** A project-scoped broadcast to every socket joined to a version's room. */
	'version.event': { versionId: string; event: string; payload: unknown };
}

class Bus {
	#emitter = new EventEmitter().setMaxListeners(50);
	emit<K extends keyof BusEvents>(name: K, payload: BusEvents[K]): void {
		this.#emitter.emit(name, payload);
	}
	on<K extends keyof BusEvents>(name: K, listener: (payload: BusEvents[K]) => void): () => void {
		this.#emitter.on(name, listener);
		return () => this.#emitter.off(name, listener);
	}
}

const KEY = Symbol.for('bounce.bus');
const g = globalThis as unknown as Record<symbol, Bus | undefined>;
/** One bus per process, shared by the bundled app and server.js-side code. */
export const bus: Bus = (g[KEY] ??= new Bus());
