/** Clock times for people who think in timecode: `m:ss.mmm` (and `h:mm:ss.mmm` past an hour). */

/** 92500 → "1:32.500". Negative and non-finite values read as 0. */
export function formatTime(ms: number, opts: { millis?: boolean } = {}): string {
	const total = Number.isFinite(ms) && ms > 0 ? Math.round(ms) : 0;
	const millis = total % 1000;
	const s = Math.floor(total / 1000);
	const h = Math.floor(s / 3600);
	const m = Math.floor((s % 3600) / 60);
	const sec = s % 60;
	const ss = String(sec).padStart(2, '0');
	const clock = h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
	return opts.millis === false ? clock : `${clock}.${String(millis).padStart(3, '0')}`;
}

/** A compact label for lists: "1:32" (no milliseconds). */
export const formatClock = (ms: number) => formatTime(ms, { millis: false });

/**
 * Parses what a person types: "1:32.5", "1:32", "92.5" (seconds), "0:01:32.500". Returns
 * milliseconds, or null when it is not a time.
 */
export function parseTime(text: string): number | null {
	const t = text.trim();
	const m = /^(?:(\d+):)?(?:(\d+):)?(\d+)(?:\.(\d{1,3}))?$/.exec(t);
	if (!m) return null;
	const [, a, b, sec, frac] = m;
	const hours = a !== undefined && b !== undefined ? Number(a) : 0;
	const minutes = b !== undefined ? Number(b) : a !== undefined ? Number(a) : 0;
	const seconds = Number(sec);
	if ((a !== undefined || b !== undefined) && seconds >= 60) return null;
	if (hours > 0 && minutes >= 60) return null;
	const ms = frac ? Number(frac.padEnd(3, '0')) : 0;
	return ((hours * 60 + minutes) * 60 + seconds) * 1000 + ms;
}
