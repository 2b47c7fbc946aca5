import type { Server, Socket } from 'socket.io';
import { IO_KEY } from '$lib/realtime/io-options.js';
import { authenticate, bearerToken } from '../auth/authenticate';
import { SESSION_COOKIE } from '../auth/session.service';
import type { Db } from '../db';
import { config } from '../config';
import { bus } from './bus';

export interface SocketData {
	userId: string;
	name: string;
	sessionId: string | null;
	tokenId: string | null;
}

export type AppSocket = Socket<
	Record<string, never>,
	Record<string, never>,
	Record<string, never>,
	SocketData
>;

function readCookie(header: string | undefined, name: string): string | null {
	for (const part of header?.split(';') ?? []) {
		const [k, ...v] = part.trim().split('=');
		if (k === name) return decodeURIComponent(v.join('='));
	}
	return null;
}

/** The origin the app is served from: ORIGIN when set, else the request's own host (dev). */
function expectedOrigin(socket: Socket): string {
	if (process.env.ORIGIN) return config.origin;
	const proto = socket.handshake.secure ? 'https' : 'http';
	return `${proto}://${socket.handshake.headers.host}`;
}

/**
 * Handshake: the same authentication as HTTP (session cookie, or a personal access token in
 * `auth.token`), and a browser from another site is refused. It runs again when a connection
 * recovers, so a revoked session is never readmitted.
 */
function authMiddleware(db: Db) {
	return async (socket: Socket, next: (err?: Error) => void) => {
		try {
			const origin = socket.handshake.headers.origin;
			if (origin && origin !== expectedOrigin(socket)) return next(new Error('forbidden_origin'));
			const auth = socket.handshake.auth as { token?: unknown } | undefined;
			const token = typeof auth?.token === 'string' ? auth.token : null;
			const principal = await authenticate(db, {
				bearer: token ?? bearerToken(socket.handshake.headers.authorization),
				sessionToken: readCookie(socket.handshake.headers.cookie, SESSION_COOKIE)
			});
			if (!principal) return next(new Error('unauthorized'));
			Object.assign(socket.data, {
				userId: principal.user.id,
				name: principal.user.name,
				sessionId: principal.session?.id ?? null,
				tokenId: principal.tokenId
			} satisfies SocketData);
			next();
		} catch (e) {
			next(e instanceof Error ? e : new Error(String(e)));
		}
	};
}

type Handlers = (io: Server, db: Db) => void;
const handlers: Handlers[] = [];

/** Feature modules (versions, presence) register their socket handlers here. */
export function registerSocketHandlers(fn: Handlers): void {
	handlers.push(fn);
}

let started = false;

export function startRealtime(db: Db): Server | null {
	const io = (globalThis as Record<symbol, unknown>)[IO_KEY] as Server | undefined;
	if (!io || started) return io ?? null;
	started = true;
	io.use(authMiddleware(db));
	io.on('connection', (socket: Socket) => {
		const data = socket.data as SocketData;
		void socket.join(`user:${data.userId}`);
		if (data.sessionId) void socket.join(`session:${data.sessionId}`);
		if (data.tokenId) void socket.join(`token:${data.tokenId}`);
	});
	bus.on('session.revoked', ({ sessionIds }) => {
		for (const id of sessionIds) io.in(`session:${id}`).disconnectSockets(true);
	});
	bus.on('token.revoked', ({ tokenId }) => io.in(`token:${tokenId}`).disconnectSockets(true));
	for (const fn of handlers) fn(io, db);
	return io;
}
