/**
 * A delivery file's place in the session folder, from an upload's `?path=` or a zip entry.
 * Backslashes become slashes; anything that could leave the folder (`..`, an absolute path, a
 * drive letter) or that is not a plain name is refused. Returns null when the path is refused.
 */
export const MAX_PATH = 500;

export function normalisePath(raw: string): string | null {
	const p = raw.replace(/\\/g, '/');
	if (p.startsWith('/') || /^[a-zA-Z]:/.test(p)) return null;
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(p)) return null;
	const segments = p.split('/').filter((s) => s !== '' && s !== '.');
	if (!segments.length || segments.some((s) => s === '..' || s.length > 255)) return null;
	const out = segments.map((s) => s.trim()).join('/');
	if (out.length > MAX_PATH || out.split('/').some((s) => s === '')) return null;
	return out;
}

/** Files an operating system leaves behind; a zip carrying them is not refused for it. */
export function isSystemJunk(path: string): boolean {
	const segments = path.split('/');
	const name = segments[segments.length - 1];
	return (
		segments.some((s) => s === '__MACOSX') ||
		name.startsWith('._') ||
		name === '.DS_Store' ||
		name === 'Thumbs.db' ||
		name === 'desktop.ini'
	);
}

/** When every path sits in one top folder ("My Song/drums/Kick.wav"), that folder is dropped. */
export function stripCommonRoot(paths: string[]): string[] {
	const first = paths[0]?.split('/')[0];
	if (!first || !paths.every((p) => p.startsWith(`${first}/`))) return paths;
	return paths.map((p) => p.slice(first.length + 1));
}
