import { describe, expect, it } from 'vitest';
import { groupByDay, relativeTime } from './time';

describe('log times', () => {
	it('says how long ago, in plain words', () => {
		const now = Date.parse('2026-03-10T12:00:00Z');
		expect(relativeTime('2026-03-10T11:59:30Z', now)).toBe('just now');
		expect(relativeTime('2026-03-10T09:00:00Z', now)).toBe('3 hours ago');
		expect(relativeTime('2026-03-09T12:00:00Z', now)).toBe('yesterday');
	});

	it('groups newest-first entries by calendar day in the viewer’s time zone', () => {
		const items = [
			{ at: '2026-03-10T01:00:00Z' },
			{ at: '2026-03-09T23:30:00Z' },
			{ at: '2026-03-09T08:00:00Z' }
		];
		expect(groupByDay(items, 'UTC').map((g) => [g.day, g.items.length])).toEqual([
			['2026-03-10', 1],
			['2026-03-09', 2]
		]);
		// In New York (UTC-4 after 8 March) all three fall on 9 March.
		expect(groupByDay(items, 'America/New_York').map((g) => [g.day, g.items.length])).toEqual([
			['2026-03-09', 3]
		]);
	});
});
