import { describe, expect, it } from 'vitest';
import { dbToVolume, describeGain, matchGains, MAX_CUT_DB } from './loudness';

describe('matchGains', () => {
	it('turns the louder side down by the difference', () => {
		expect(matchGains(-9.2, -11.5)).toEqual({ a: -2.3, b: 0 });
		expect(matchGains(-14, -8)).toEqual({ a: 0, b: -6 });
	});
	it('does nothing when matching is off, loudness is unknown or equal', () => {
		expect(matchGains(-9, -12, false)).toEqual({ a: 0, b: 0 });
		expect(matchGains(null, -12)).toEqual({ a: 0, b: 0 });
		expect(matchGains(-12, undefined)).toEqual({ a: 0, b: 0 });
		expect(matchGains(-12, -12.01)).toEqual({ a: 0, b: 0 });
	});
	it('ignores silence and caps the cut', () => {
		expect(matchGains(-5, -Infinity)).toEqual({ a: 0, b: 0 });
		expect(matchGains(-5, -69)).toEqual({ a: -MAX_CUT_DB, b: 0 });
	});
});

describe('dbToVolume', () => {
	it('converts dB to a linear volume, never above 1', () => {
		expect(dbToVolume(0)).toBe(1);
		expect(dbToVolume(-6)).toBeCloseTo(0.501, 3);
		expect(dbToVolume(-20)).toBeCloseTo(0.1, 6);
		expect(dbToVolume(3)).toBe(1);
		expect(dbToVolume(-Infinity)).toBe(0);
	});
});

describe('describeGain', () => {
	it('says by how much', () => {
		expect(describeGain(-2.345)).toBe('turned down by 2.3 dB');
		expect(describeGain(0)).toBe('at its own level');
	});
});
