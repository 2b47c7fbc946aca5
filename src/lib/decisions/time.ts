/** 83250 → "1:23.250"; an hour or more → "1:02:03.004": the timecode engineers read. */
export function timecode(ms: number): string {
	const t = Math.max(0, Math.round(ms));
	const h = Math.floor(t / 3_600_000);
	const m = Math.floor((t % 3_600_000) / 60_000);
	const s = Math.floor((t % 60_000) / 1000);
	const rest = `${String(s).padStart(2, '0')}.${String(t % 1000).padStart(3, '0')}`;
	return h ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
