import type { Server, Socket } from 'socket.io';
import { IO_KEY } from '$lib/realtime/io-options.js';
import { authenticate, bearerToken } from '../auth/authenticate';
import { SESSION_COOKIE } from '../auth/session.service';
import type { Db } from '../db';
import { config } from '../config';
import { bus } from './bus';
import { startEmitter, versionRoom } from './emitter';
import { PresenceTracker } from './presence';
import { limitRate } from './rate-limit';
import { guardRecovery } from './recovery';
import {
	handleVersionRoom,
	watchMembership,
	type AppServer,
	type AppSocket,
	type SocketData
} from './version-room';

export type { AppServer, AppSocket, SocketData };

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
 * recovers (and recovery itself is guarded, see recovery.ts), so a revoked session is never readmitted.
 */
function authMiddleware(db: Db) {
	return async (socket: AppSocket, next: (err?: Error) => void) => {
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
			// A recovered session restored another user's rooms (signed in as someone else since):
			// drop them rather than carry them over.
			const previous = socket.data as Partial<SocketData> | undefined;
			let joined = previous?.joined ?? {};
			if (socket.recovered && previous?.userId !== principal.user.id) {
				for (const id of Object.keys(joined)) void socket.leave(versionRoom(id));
				joined = {};
			}
			socket.data = {
				userId: principal.user.id,
				name: principal.user.name,
				sessionId: principal.session?.id ?? null,
				tokenId: principal.tokenId,
				joined
			};
			next();
		} catch (e) {
			next(e instanceof Error ? e : new Error(String(e)));
		}
	};
}

/** Client → server budget per socket: bursts of 40, 20 a second sustained (presence is ~4/s). */
const RATE = { capacity: 40, perSecond: 20, disconnectAfter: 200 };

let started = false;

export function startRealtime(db: Db): AppServer | null {
	const io = (globalThis as Record<symbol, unknown>)[IO_KEY] as Server | undefined;
	if (!io || started) return (io as AppServer | undefined) ?? null;
	started = true;
	const app = io as unknown as AppServer;
	const presence = new PresenceTracker(
		(versionId, users) => app.to(versionRoom(versionId)).emit('presence', { versionId, users }),
		{ intervalMs: 150, typingMs: 3000 }
	);
	guardRecovery(app, db);
	app.use(authMiddleware(db));
	app.on('connection', (socket) => {
		const data = socket.data;
		void socket.join(`user:${data.userId}`);
		if (data.sessionId) void socket.join(`session:${data.sessionId}`);
		if (data.tokenId) void socket.join(`token:${data.tokenId}`);
		limitRate(socket, RATE);
		handleVersionRoom(db, socket, presence);
	});
	bus.on('session.revoked', ({ sessionIds }) => {
		for (const id of sessionIds) app.in(`session:${id}`).disconnectSockets(true);
	});
	bus.on('token.revoked', ({ tokenId }) => app.in(`token:${tokenId}`).disconnectSockets(true));
	watchMembership(app, db, presence);
	startEmitter(io);
	// A posted note ends its author's "is writing" indicator at once.
	bus.on('version.event', ({ versionId, event, payload }) => {
		if (event !== 'comment:created') return;
		const authorId = (payload as { author?: { id?: string | null } }).author?.id;
		if (authorId) presence.stopTyping(versionId, authorId);
	});
	return app;
}
