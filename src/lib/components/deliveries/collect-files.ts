/**
 * Turns what a person picked or dropped into `{file, path}` pairs that keep the folders:
 * `webkitRelativePath` for a folder picked with `<input webkitdirectory>`, the entries' full
 * paths for dropped folders (DataTransferItem.webkitGetAsEntry). Operating-system junk is left
 * out, and a single top folder ("My Song/…") is dropped, as the server does for zips.
 */
export interface Picked {
	file: File;
	/** Folder path inside the delivery; null for a zip (the server unpacks it). */
	path: string | null;
}

const JUNK = /(^|\/)(\.[^/]*|__MACOSX|Thumbs\.db|desktop\.ini)(\/|$)/;
export const isZipFile = (f: File) => /\.zip$/i.test(f.name) || f.type === 'application/zip';

function finish(items: { file: File; path: string }[]): Picked[] {
	const kept = items.filter((i) => !JUNK.test(i.path));
	const audio = kept.filter((i) => !isZipFile(i.file));
	const first = audio[0]?.path.split('/')[0];
	const strip =
		audio.length > 0 && first !== undefined && audio.every((i) => i.path.startsWith(`${first}/`));
	return kept.map((i) =>
		isZipFile(i.file)
			? { file: i.file, path: null }
			: { file: i.file, path: strip ? i.path.slice(first!.length + 1) : i.path }
	);
}

export function fromInput(files: FileList | File[]): Picked[] {
	return finish(
		Array.from(files).map((file) => ({ file, path: file.webkitRelativePath || file.name }))
	);
}

function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
	// readEntries returns the entries in batches (about 100 in Chrome) until an empty batch.
	return new Promise((resolve, reject) => {
		const out: FileSystemEntry[] = [];
		const next = () =>
			reader.readEntries((batch) => {
				if (!batch.length) return resolve(out);
				out.push(...batch);
				next();
			}, reject);
		next();
	});
}

async function walk(entry: FileSystemEntry, out: { file: File; path: string }[]): Promise<void> {
	if (entry.isFile) {
		const file = await new Promise<File>((resolve, reject) =>
			(entry as FileSystemFileEntry).file(resolve, reject)
		);
		out.push({ file, path: entry.fullPath.replace(/^\/+/, '') });
	} else if (entry.isDirectory) {
		for (const child of await readAll((entry as FileSystemDirectoryEntry).createReader()))
			await walk(child, out);
	}
}

export async function fromDrop(data: DataTransfer): Promise<Picked[]> {
	const entries = Array.from(data.items)
		.map((item) => item.webkitGetAsEntry?.())
		.filter((e): e is FileSystemEntry => !!e);
	if (!entries.length) return fromInput(data.files);
	const out: { file: File; path: string }[] = [];
	for (const e of entries) await walk(e, out);
	return finish(out);
}
