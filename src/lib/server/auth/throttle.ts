import { AppError } from '../http/errors';

/**
 * Failed-login throttling, kept in memory (one process; a scale-out would move it to the database).
 * Keys are "email from this address" and "this address": an attacker elsewhere cannot lock the real
 * user out, and a lockout lasts at most WINDOW_MS.
 */
const WINDOW_MS = 10 * 60 * 1000;
const LIMITS = { pair: 5, ip: 50 };

interface Bucket {
	failures: number;
	resetAt: number;
}

const buckets = new Map<string, Bucket>();

function bucket(key: string, now: number): Bucket {
	let b = buckets.get(key);
	if (!b || b.resetAt <= now) {
		b = { failures: 0, resetAt: now + WINDOW_MS };
		buckets.set(key, b);
	}
	return b;
}

const keys = (email: string, ip: string) =>
	[
		[`pair:${email}:${ip}`, LIMITS.pair],
		[`ip:${ip}`, LIMITS.ip]
	] as const;

export function assertLoginAllowed(email: string, ip: string): void {
	const now = Date.now();
	for (const [key, limit] of keys(email, ip)) {
		const b = bucket(key, now);
		if (b.failures >= limit) {
			const seconds = Math.ceil((b.resetAt - now) / 1000);
			throw new AppError(
				429,
				'too_many_attempts',
				`Too many failed sign-ins. Try again in ${Math.ceil(seconds / 60)} minute(s).`,
				{ 'Retry-After': String(seconds) }
			);
		}
	}
}

export function recordLoginFailure(email: string, ip: string): void {
	const now = Date.now();
	for (const [key] of keys(email, ip)) bucket(key, now).failures++;
	if (buckets.size > 100_000) {
		for (const [k, b] of buckets) if (b.resetAt <= now) buckets.delete(k);
	}
}

export function recordLoginSuccess(email: string, ip: string): void {
	buckets.delete(`pair:${email}:${ip}`);
}
