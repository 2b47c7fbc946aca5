import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { badRequest } from '../http/errors';
import { isSystemJunk, normalisePath, stripCommonRoot } from './delivery.paths';

/**
 * Unpacks an uploaded zip safely. The central directory is checked before a single byte is
 * inflated: entry count, paths (no `..`, absolute paths or drive letters; backslashes become
 * slashes), no links (the Unix mode in the external attributes), no encryption, the declared
 * total size and each entry's compression ratio. Any violation refuses the whole zip (400).
 * Entries are then inflated one at a time to temp files (yauzl checks each inflated size against
 * the declared one), so memory stays flat whatever the zip holds.
 */
export interface ZipLimits {
	maxEntries: number;
	maxTotalBytes: number;
	/** Deflate of real audio is ~1.1:1; of digital silence ~1000:1. Above this ratio an entry is a bomb. */
	maxRatio: number;
	/** Entries smaller than this are not ratio-checked (tiny files compress well and cost nothing). */
	ratioMinBytes: number;
}

export const ZIP_LIMITS = { maxEntries: 2000, maxRatio: 200, ratioMinBytes: 1 << 20 };

export interface UnzippedFile {
	path: string;
	tempPath: string;
	sizeBytes: number;
	sha256: string;
	head: Uint8Array;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const refuse = (why: string) =>
	badRequest(`The zip was refused and nothing was stored: ${why}`, 'unsafe_zip');

function open(file: string): Promise<yauzl.ZipFile> {
	return new Promise((resolve, reject) =>
		yauzl.open(
			file,
			{ lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true },
			(err, zip) =>
				err ? reject(refuse(`it is not a readable zip (${err.message}).`)) : resolve(zip)
		)
	);
}

function readEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
	return new Promise((resolve, reject) => {
		const entries: yauzl.Entry[] = [];
		zip.on('entry', (e: yauzl.Entry) => {
			entries.push(e);
			zip.readEntry();
		});
		zip.on('end', () => resolve(entries));
		// yauzl itself rejects absolute paths, `..` and inconsistent headers here.
		zip.on('error', (err: Error) => reject(refuse(`${err.message}.`)));
		zip.readEntry();
	});
}

function checkEntries(
	entries: yauzl.Entry[],
	limits: ZipLimits
): { entry: yauzl.Entry; path: string }[] {
	let total = 0;
	const seen = new Set<string>();
	const files: { entry: yauzl.Entry; path: string }[] = [];
	for (const e of entries) {
		const mode = (e.externalFileAttributes >>> 16) & S_IFMT;
		if (mode === S_IFLNK) throw refuse(`“${e.fileName}” is a link, and links are not allowed.`);
		const p = normalisePath(e.fileName);
		if (p === null) throw refuse(`“${e.fileName}” points outside the folder.`);
		if (e.fileName.endsWith('/')) continue;
		if (e.generalPurposeBitFlag & 1) throw refuse(`“${p}” is encrypted.`);
		if (e.compressionMethod !== 0 && e.compressionMethod !== 8)
			throw refuse(`“${p}” uses a compression method we do not read (use a standard zip).`);
		if (seen.has(p)) throw refuse(`“${p}” is in the zip twice.`);
		seen.add(p);
		total += e.uncompressedSize;
		if (total > limits.maxTotalBytes)
			throw refuse(
				`it would unpack to more than ${Math.round(limits.maxTotalBytes / 1024 ** 2)} MiB.`
			);
		const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
		if (e.uncompressedSize > limits.ratioMinBytes && ratio > limits.maxRatio)
			throw refuse(
				`“${p}” would inflate ${Math.round(ratio)}× (over ${limits.maxRatio}×), like a zip bomb. If it is a silent track, leave it out or upload the folder instead.`
			);
		if (!isSystemJunk(p)) files.push({ entry: e, path: p });
	}
	return files;
}

function entryStream(zip: yauzl.ZipFile, e: yauzl.Entry): Promise<NodeJS.ReadableStream> {
	return new Promise((resolve, reject) =>
		zip.openReadStream(e, (err, s) => (err ? reject(refuse(`${err.message}.`)) : resolve(s)))
	);
}

/** Checks and unpacks `zipPath` into `outDir` (created); on any failure `outDir` is the caller's to remove. */
export async function unzipSafely(
	zipPath: string,
	outDir: string,
	limits: ZipLimits
): Promise<UnzippedFile[]> {
	const zip = await open(zipPath);
	try {
		if (zip.entryCount > limits.maxEntries)
			throw refuse(`it holds ${zip.entryCount} entries; the limit is ${limits.maxEntries}.`);
		const files = checkEntries(await readEntries(zip), limits);
		if (!files.length) throw refuse('it holds no files.');
		const paths = stripCommonRoot(files.map((f) => f.path));
		await fs.promises.mkdir(outDir, { recursive: true });
		const out: UnzippedFile[] = [];
		for (const [i, { entry }] of files.entries()) {
			const tempPath = path.join(outDir, `${i}.part`);
			const hash = createHash('sha256');
			const head = new Uint8Array(16);
			let size = 0;
			const tap = new Transform({
				transform(chunk: Buffer, _enc, done) {
					if (size < head.length) head.set(chunk.subarray(0, head.length - size), size);
					size += chunk.length;
					hash.update(chunk);
					done(null, chunk);
				}
			});
			try {
				await pipeline(await entryStream(zip, entry), tap, fs.createWriteStream(tempPath));
			} catch (e) {
				throw e instanceof Error && !('status' in e) ? refuse(`${e.message}.`) : e;
			}
			out.push({
				path: paths[i],
				tempPath,
				sizeBytes: size,
				sha256: hash.digest('hex'),
				head: head.subarray(0, Math.min(size, 16))
			});
		}
		return out;
	} finally {
		zip.close();
	}
}
