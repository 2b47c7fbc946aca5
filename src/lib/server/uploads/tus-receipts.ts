import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { config } from '../config';
import { writeFileAtomic } from '../versions/storage';

/**
 * What a finished upload became, kept for as long as an unfinished one would be (7 days).
 *
 * A client whose final PATCH went unanswered (a dropped connection, or a server that crashed and
 * finished the upload at start-up) asks again with HEAD. Without a receipt the upload id is
 * unknown by then, the client starts over and the same mix becomes two versions; with it, the
 * answer is "complete", with the id of what it became (`Bounce-Version-Id`).
 */
export interface Receipt {
	userId: string;
	size: number;
	headers: Record<string, string>;
	finishedAt: string;
}

export const RECEIPT_DAYS = 7;
const dir = () => path.join(config.dataDir, 'tus-finished');
const ID = /^[0-9a-f]{32}$/;

export async function writeReceipt(id: string, receipt: Receipt): Promise<void> {
	if (!ID.test(id)) return;
	await fsp.mkdir(dir(), { recursive: true });
	await writeFileAtomic(path.join(dir(), `${id}.json`), Buffer.from(JSON.stringify(receipt)));
}

/** The receipt of upload `id`, only for the user who made it (anyone else: as if none). */
export async function findReceipt(id: string, userId: string): Promise<Receipt | null> {
	if (!ID.test(id)) return null;
	try {
		const r = JSON.parse(await fsp.readFile(path.join(dir(), `${id}.json`), 'utf8')) as Receipt;
		return r.userId === userId ? r : null;
	} catch {
		return null;
	}
}

/** The tus answer for an upload that is already complete (HEAD, or a PATCH at its end). */
export function receiptResponse(request: Request, r: Receipt): Response {
	const headers = new Headers({
		'Tus-Resumable': '1.0.0',
		'Upload-Offset': String(r.size),
		'Cache-Control': 'no-store',
		...r.headers
	});
	if (request.method === 'HEAD') {
		headers.set('Upload-Length', String(r.size));
		return new Response(null, { status: 200, headers });
	}
	const offset = Number(request.headers.get('upload-offset'));
	if (offset !== r.size) {
		headers.set('Content-Type', 'application/json');
		const error = { code: 'conflict', message: 'This upload is already complete.' };
		return new Response(JSON.stringify({ error }), { status: 409, headers });
	}
	return new Response(null, { status: 204, headers });
}

export async function sweepReceipts(maxAgeMs = RECEIPT_DAYS * 24 * 3600_000): Promise<void> {
	if (!fs.existsSync(dir())) return;
	for (const name of await fsp.readdir(dir())) {
		const file = path.join(dir(), name);
		const stat = await fsp.stat(file).catch(() => null);
		if (stat && Date.now() - stat.mtimeMs > maxAgeMs) await fsp.rm(file, { force: true });
	}
}
