import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { ClientToServerEvents, JoinAck, ServerToClientEvents } from '$lib/realtime/events';
import type { Db } from '../db';
import { AppError } from '../http/errors';
import { can } from '../projects/access';
import type { Role } from '../projects/roles';
import { requireVersionRole } from '../versions/version-access';
import { bus } from './bus';
import { versionRoom } from './emitter';
import type { PresenceTracker } from './presence';

export interface SocketData {
	userId: string;
	name: string;
	sessionId: string | null;
	tokenId: string | null;
	/** Versions this socket joined → their project (kept across a recovered reconnection). */
	joined: Record<string, string>;
}

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, never, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, never, SocketData>;

const versionId = z.string().min(1).max(64);
const ms = z
	.number()
	.int()
	.min(0)
	.max(24 * 60 * 60 * 1000);
const presenceUpdate = z.object({ versionId, positionMs: ms, playing: z.boolean() });
const typing = z.object({ versionId, atMs: ms });

/**
 * Bumped whenever a user's membership changes, so a join whose access check raced with a removal
 * checks again instead of slipping into the room after the eviction sweep ran.
 */
const membershipEpoch = new Map<string, number>();

async function checkAccess(db: Db, userId: string, id: string) {
	for (let attempt = 0; ; attempt++) {
		const epoch = membershipEpoch.get(userId) ?? 0;
		const result = await requireVersionRole(db, { id: userId }, id, 'read');
		if ((membershipEpoch.get(userId) ?? 0) === epoch || attempt >= 5) return result;
	}
}

function leaveVersion(socket: AppSocket, presence: PresenceTracker, id: string) {
	void socket.leave(versionRoom(id));
	delete socket.data.joined[id];
	presence.leave(id, socket.id);
}

/** `version:join` / `version:leave`, presence and typing for one connected socket. */
export function handleVersionRoom(db: Db, socket: AppSocket, presence: PresenceTracker): void {
	socket.on('version:join', async (id, ack) => {
		const reply = typeof ack === 'function' ? ack : () => {};
		if (!versionId.safeParse(id).success) return reply({ ok: false, error: 'invalid_input' });
		try {
			const { version, access } = await checkAccess(db, socket.data.userId, id);
			if (!socket.connected) return;
			// No await from the access check to here: a membership change cannot slip in between.
			void socket.join(versionRoom(id));
			socket.data.joined[id] = version.projectId;
			presence.join(id, socket.id, {
				userId: socket.data.userId,
				name: socket.data.name,
				role: access.role
			});
			reply({ ok: true, presence: presence.users(id) } satisfies JoinAck);
		} catch (e) {
			if (!(e instanceof AppError)) console.error('version:join failed', e);
			reply({ ok: false, error: e instanceof AppError ? e.code : 'internal_error' });
		}
	});

	socket.on('version:leave', (id) => {
		if (typeof id === 'string' && socket.data.joined[id]) leaveVersion(socket, presence, id);
	});

	socket.on('presence:update', (payload) => {
		const p = presenceUpdate.safeParse(payload);
		if (!p.success || !socket.data.joined[p.data.versionId]) return;
		presence.update(p.data.versionId, socket.id, p.data.positionMs, p.data.playing);
	});

	socket.on('comment:typing', (payload) => {
		const p = typing.safeParse(payload);
		if (!p.success || !socket.data.joined[p.data.versionId]) return;
		const role = presence.role(p.data.versionId, socket.id) as Role | undefined;
		// Viewers cannot write notes, so they cannot be "writing a note" either.
		if (role && can(role, 'comment')) presence.typing(p.data.versionId, socket.id, p.data.atMs);
	});

	socket.on('disconnecting', () => {
		for (const id of Object.keys(socket.data.joined)) presence.leave(id, socket.id);
	});
}

/**
 * Membership changes (removal, role change): every socket of that user re-checks the versions it
 * joined in that project with the same requireRole as HTTP; where access is gone it is evicted.
 */
export function watchMembership(io: AppServer, db: Db, presence: PresenceTracker): () => void {
	return bus.on('membership.changed', ({ projectId, userId }) => {
		membershipEpoch.set(userId, (membershipEpoch.get(userId) ?? 0) + 1);
		void recheck(io, db, presence, projectId, userId).catch((e) =>
			console.error('membership re-check failed', e)
		);
	});
}

async function recheck(
	io: AppServer,
	db: Db,
	presence: PresenceTracker,
	projectId: string,
	userId: string
) {
	const sockets = io.of('/').sockets;
	for (const socket of sockets.values()) {
		if (socket.data.userId !== userId) continue;
		for (const [id, pid] of Object.entries(socket.data.joined ?? {})) {
			if (pid !== projectId) continue;
			try {
				const { access } = await requireVersionRole(db, { id: userId }, id, 'read');
				presence.join(id, socket.id, { userId, name: socket.data.name, role: access.role });
			} catch (e) {
				if (!(e instanceof AppError)) throw e;
				leaveVersion(socket, presence, id);
				socket.emit('version:evicted', { versionId: id, reason: e.code });
			}
		}
	}
}
