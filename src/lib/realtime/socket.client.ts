import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from './events';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: ClientSocket | undefined;

/**
 * The one socket.io connection of a tab. Same origin, so the browser sends the session cookie by
 * itself (the server checks it, and the Origin, in the handshake). Reconnects on its own; after a
 * short outage the server replays what was missed (connection state recovery).
 */
export function getSocket(): ClientSocket {
	socket ??= io({ withCredentials: true, reconnectionDelayMax: 5000 });
	return socket;
}

/** On sign-out: drop the connection so the next user of this tab starts clean. */
export function closeSocket(): void {
	socket?.disconnect();
	socket = undefined;
}
