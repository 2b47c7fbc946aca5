import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors';
import { assertLoginAllowed, recordLoginFailure, recordLoginSuccess } from './throttle';

describe('login throttling', () => {
	it('blocks an e-mail from one address after 5 failures, not from another address', () => {
		const email = `t-${Math.random()}@x`;
		for (let i = 0; i < 5; i++) {
			assertLoginAllowed(email, '10.0.0.1');
			recordLoginFailure(email, '10.0.0.1');
		}
		let err: unknown;
		try {
			assertLoginAllowed(email, '10.0.0.1');
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(AppError);
		expect((err as AppError).status).toBe(429);
		expect(Number((err as AppError).headers['Retry-After'])).toBeGreaterThan(0);
		expect(() => assertLoginAllowed(email, '10.0.0.2')).not.toThrow();
	});

	it('a success clears the failures of that pair', () => {
		const email = `s-${Math.random()}@x`;
		for (let i = 0; i < 4; i++) recordLoginFailure(email, '10.0.0.3');
		recordLoginSuccess(email, '10.0.0.3');
		for (let i = 0; i < 4; i++) recordLoginFailure(email, '10.0.0.3');
		expect(() => assertLoginAllowed(email, '10.0.0.3')).not.toThrow();
	});
});
