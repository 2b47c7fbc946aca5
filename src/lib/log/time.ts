/** Times for the revision log: relative ("3 hours ago"), exact, and grouping by day. */

const units: [Intl.RelativeTimeFormatUnit, number][] = [
	['year', 365 * 86_400_000],
	['month', 30 * 86_400_000],
	['week', 7 * 86_400_000],
	['day', 86_400_000],
	['hour', 3_600_000],
	['minute', 60_000]
];

export function relativeTime(iso: string, now: number, locale = 'en'): string {
	const diff = new Date(iso).getTime() - now;
	const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
	for (const [unit, ms] of units) {
		if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
	}
	return 'just now';
}

export function exactTime(iso: string, timeZone?: string, locale = 'en-GB'): string {
	return new Date(iso).toLocaleString(locale, {
		dateStyle: 'full',
		timeStyle: 'medium',
		timeZone
	});
}

/** Groups items (newest first) by calendar day in `timeZone` (the viewer's own, once known). */
export function groupByDay<T extends { at: string }>(
	items: T[],
	timeZone?: string,
	locale = 'en-GB'
): { day: string; label: string; items: T[] }[] {
	const key = new Intl.DateTimeFormat('en-CA', {
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		timeZone
	});
	const label = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone });
	const groups: { day: string; label: string; items: T[] }[] = [];
	for (const item of items) {
		const d = new Date(item.at);
		const day = key.format(d);
		if (groups.at(-1)?.day !== day) groups.push({ day, label: label.format(d), items: [] });
		groups.at(-1)!.items.push(item);
	}
	return groups;
}
