import fsp from 'node:fs/promises';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server, type Upload } from '@tus/server';
import type { User } from '../auth/user.repository';
import { config } from '../config';
import { getDb } from '../db';
import { AppError, badRequest, notFound, unauthorized } from '../http/errors';
import { isAudioFormatError, tooLarge, toAppError } from '../versions/audio-errors';
import { songUploadTarget, type UploadTarget } from './upload-targets';
import { hashFile, PROBE_BYTES, probePartial } from '../versions/upload.service';

export const TUS_PATH = '/api/v1/uploads';

/** What an upload becomes when it completes, chosen by its metadata (deliveries add theirs). */
const targets: UploadTarget[] = [songUploadTarget];

/** The signed-in user of each request in flight: tus hooks get the same Request object. */
const users = new WeakMap<object, User>();
/** Uploads whose header passed the early probe, or the byte count to re-probe at. */
const probeAt = new Map<string, number>();

type TusError = { status_code: number; body: string };
const tusError = (e: AppError): TusError => ({
	status_code: e.status,
	body: JSON.stringify({ error: { code: e.code, message: e.message } })
});

function userOf(req: object): User {
	const user = users.get(req);
	if (!user) throw tusError(unauthorized());
	return user;
}

function targetFor(metadata: Upload['metadata']): UploadTarget {
	const target = targets.find((t) => t.matches(metadata ?? {}));
	if (!target) throw tusError(badRequest('Say what the upload is for: metadata songId.'));
	return target;
}

const directory = () => path.join(config.dataDir, 'tus');
let server: Server | undefined;

function tus(): Server {
	if (server) return server;
	const store = new FileStore({
		directory: directory(),
		// Unfinished uploads are kept a week: long enough for a closed laptop to come back.
		expirationPeriodInMilliseconds: 7 * 24 * 3600_000
	});
	server = new Server({
		path: TUS_PATH,
		datastore: store,
		relativeLocation: true,
		maxSize: config.maxUploadBytes,
		exposedHeaders: ['Bounce-Version-Id'],
		async onIncomingRequest(req, id) {
			const user = userOf(req);
			if (req.method === 'POST' || req.method === 'OPTIONS') return;
			// Upload ids are random, and bound to their creator: anyone else gets a 404.
			const upload = await store.getUpload(id).catch(() => null);
			if (!upload || upload.metadata?.userId !== user.id) throw tusError(notFound('That upload'));
		},
		async onUploadCreate(req, upload) {
			const user = userOf(req);
			if (upload.sizeIsDeferred) {
				throw tusError(badRequest('Send Upload-Length: the size must be known up front.'));
			}
			try {
				const metadata = await targetFor(upload.metadata).authorize(
					await getDb(),
					user,
					upload.metadata ?? {}
				);
				return { metadata: { ...metadata, userId: user.id } };
			} catch (e) {
				throw e instanceof AppError ? tusError(e) : e;
			}
		},
		async onUploadFinish(req, upload) {
			const user = userOf(req);
			const file = path.join(directory(), upload.id);
			try {
				const created = await targetFor(upload.metadata).finish(await getDb(), user, {
					tempPath: file,
					sizeBytes: upload.size ?? upload.offset,
					sha256: await hashFile(file),
					metadata: upload.metadata ?? {}
				});
				return { headers: created.headers };
			} catch (e) {
				throw e instanceof AppError ? tusError(e) : e;
			} finally {
				probeAt.delete(upload.id);
				await removeUpload(store, upload.id);
			}
		},
		onResponseError(_req, err) {
			if ('status_code' in err && err.status_code === 413) {
				return tusError(tooLarge(config.maxUploadBytes));
			}
			return undefined;
		}
	});
	return server;
}

async function removeUpload(store: FileStore, id: string): Promise<void> {
	await fsp.rm(path.join(directory(), id), { force: true });
	await store.configstore.delete(id).catch(() => undefined);
}

/**
 * Junk is refused as soon as its first 64 KB have arrived, not after the whole upload: after
 * a PATCH, the partial file's header is probed; a conclusive verdict ends the upload at once.
 */
async function probeEarly(id: string, offset: number, size: number): Promise<AppError | null> {
	if (offset >= size || offset < Math.min(PROBE_BYTES, size)) return null;
	if (offset < (probeAt.get(id) ?? 0)) return null;
	const fh = await fsp.open(path.join(directory(), id), 'r');
	try {
		probeAt.set(id, (await probePartial(fh, offset, size)).waitFor);
		return null;
	} catch (e) {
		if (!isAudioFormatError(e)) throw e;
		return toAppError(e);
	} finally {
		await fh.close();
	}
}

/** Turns tus's plain-text errors into the API's error shape, keeping the tus headers. */
async function withErrorShape(res: Response): Promise<Response> {
	if (res.status < 400) return res;
	const text = await res.text();
	let body = text;
	try {
		JSON.parse(text);
	} catch {
		const code =
			res.status === 404 ? 'not_found' : res.status === 409 ? 'conflict' : 'upload_error';
		body = JSON.stringify({ error: { code, message: text.trim() || 'The upload failed.' } });
	}
	const headers = new Headers(res.headers);
	headers.set('Content-Type', 'application/json');
	headers.delete('Content-Length');
	return new Response(body, { status: res.status, headers });
}

/** The tus 1.0 endpoint behind our auth: POST creates, PATCH appends, HEAD resumes, DELETE. */
export async function handleTus(request: Request, user: User | null): Promise<Response> {
	if (!user && request.method !== 'OPTIONS') {
		throw unauthorized();
	}
	if (user) users.set(request, user);
	const res = await tus().handleWeb(request);
	if (request.method === 'PATCH' && res.status === 204) {
		const id = new URL(request.url).pathname.split('/').pop()!;
		const offset = Number(res.headers.get('Upload-Offset'));
		const upload = await tus()
			.datastore.getUpload(id)
			.catch(() => null);
		const refusal = upload?.size ? await probeEarly(id, offset, upload.size) : null;
		if (refusal) {
			probeAt.delete(id);
			await removeUpload(tus().datastore as FileStore, id);
			return withErrorShape(
				new Response(JSON.stringify({ error: { code: refusal.code, message: refusal.message } }), {
					status: refusal.status,
					headers: { 'Tus-Resumable': '1.0.0' }
				})
			);
		}
	}
	return withErrorShape(res);
}

/** Start-up: drop uploads abandoned for longer than the expiration period. */
export async function cleanUpExpiredUploads(): Promise<void> {
	await tus()
		.cleanUpExpiredUploads()
		.catch(() => undefined);
}
