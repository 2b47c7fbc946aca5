import { describe, expect, it } from 'vitest';
import { formatClock, formatTime, parseTime } from './time';

describe('formatTime', () => {
	it('shows m:ss.mmm', () => {
		expect(formatTime(0)).toBe('0:00.000');
		expect(formatTime(92_500)).toBe('1:32.500');
		expect(formatTime(599_999)).toBe('9:59.999');
		expect(formatTime(3_723_004)).toBe('1:02:03.004');
	});
	it('rounds to the millisecond and treats bad input as zero', () => {
		expect(formatTime(1.6)).toBe('0:00.002');
		expect(formatTime(-5)).toBe('0:00.000');
		expect(formatTime(Number.NaN)).toBe('0:00.000');
	});
	it('has a short clock form', () => {
		expect(formatClock(92_500)).toBe('1:32');
	});
});

describe('parseTime', () => {
	it('reads what people type', () => {
		expect(parseTime('1:32.500')).toBe(92_500);
		expect(parseTime('1:32.5')).toBe(92_500);
		expect(parseTime('1:32')).toBe(92_000);
		expect(parseTime('92.25')).toBe(92_250);
		expect(parseTime(' 0:01:02.003 ')).toBe(62_003);
	});
	it('round-trips formatTime', () => {
		for (const ms of [0, 1, 999, 61_001, 599_999, 3_600_000, 4_000_123]) {
			expect(parseTime(formatTime(ms))).toBe(ms);
		}
	});
	it('refuses what is not a time', () => {
		for (const bad of ['', 'abc', '1:75', '1:2:3:4', '-1', '1:32.5000']) {
			expect(parseTime(bad)).toBeNull();
		}
	});
});
