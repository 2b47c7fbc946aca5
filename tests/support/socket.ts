import { io, type Socket } from 'socket.io-client';
import type {
	ClientToServerEvents,
	JoinAck,
	ServerToClientEvents
} from '../../src/lib/realtime/events';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io client in Node: the cookie (and Origin) as a browser sends them, or a token. */
export function connectSocket(
	url: string,
	opts: { cookie?: string; token?: string; origin?: string | null; reconnection?: boolean } = {}
): TestSocket {
	const extraHeaders: Record<string, string> = {};
	if (opts.cookie) extraHeaders.cookie = opts.cookie;
	if (opts.origin !== null) extraHeaders.origin = opts.origin ?? url;
	return io(url, {
		transports: ['websocket'],
		extraHeaders,
		auth: opts.token ? { token: opts.token } : {},
		reconnection: opts.reconnection ?? false,
		forceNew: true
	});
}

/** Resolves once connected; rejects with the server's refusal (e.g. "unauthorized"). */
export function connected(socket: TestSocket, timeoutMs = 5000): Promise<TestSocket> {
	return new Promise((resolve, reject) => {
		if (socket.connected) return resolve(socket);
		const timer = setTimeout(() => reject(new Error('connect timeout')), timeoutMs);
		socket.once('connect', () => {
			clearTimeout(timer);
			resolve(socket);
		});
		socket.once('connect_error', (err) => {
			clearTimeout(timer);
			reject(err);
		});
	});
}

export function join(socket: TestSocket, versionId: string): Promise<JoinAck> {
	return socket.timeout(5000).emitWithAck('version:join', versionId);
}

/** The next event of a kind that satisfies `match`, or a rejection after `timeoutMs`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
	socket: TestSocket,
	event: E,
	match: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
	timeoutMs = 3000
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			socket.off(event, listener as never);
			reject(new Error(`no ${String(event)} within ${timeoutMs} ms`));
		}, timeoutMs);
		const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
			if (!match(payload)) return;
			clearTimeout(timer);
			socket.off(event, listener as never);
			resolve(payload);
		};
		socket.on(event, listener as never);
	});
}

/** Collects every event of a kind, for "nothing leaked" assertions. */
export function record<E extends keyof ServerToClientEvents>(socket: TestSocket, event: E) {
	const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
	socket.on(event, ((p: Parameters<ServerToClientEvents[E]>[0]) => seen.push(p)) as never);
	return seen;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
