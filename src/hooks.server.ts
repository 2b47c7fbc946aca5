import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { authenticate, bearerToken } from '$lib/server/auth/authenticate';
import {
	deleteSessionTokenCookie,
	SESSION_COOKIE,
	setSessionTokenCookie
} from '$lib/server/auth/session.service';
import { getDb } from '$lib/server/db';
import { errorResponse } from '$lib/server/http/api';
import { AppError, unauthorized } from '$lib/server/http/errors';
import { startRealtime } from '$lib/server/realtime/socket.server';
import { startMediaWork } from '$lib/server/versions/startup';

export const init: ServerInit = async () => {
	const db = await getDb();
	startRealtime(db);
	await startMediaWork(db);
};

const handleAuth: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	event.locals.authVia = null;
	const db = await getDb();
	const bearer = bearerToken(event.request.headers.get('authorization'));
	const sessionToken = event.cookies.get(SESSION_COOKIE);
	if (bearer) {
		const principal = await authenticate(db, { bearer });
		if (!principal) return errorResponse(unauthorized());
		event.locals.user = principal.user;
		event.locals.authVia = 'token';
	} else if (sessionToken) {
		const principal = await authenticate(db, { sessionToken });
		if (principal?.session) {
			event.locals.user = principal.user;
			event.locals.session = principal.session;
			event.locals.authVia = 'cookie';
			// Resent only when the expiry slid: not a Set-Cookie on every audio range request.
			if (principal.session.renewed) {
				setSessionTokenCookie(event.cookies, event.url, sessionToken, principal.session.expiresAt);
			}
		} else {
			deleteSessionTokenCookie(event.cookies, event.url);
		}
	}
	return resolve(event);
};

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery: SvelteKit checks form posts only. Any state change that a browser
 * could send with our cookie must carry our own Origin; Bearer-token scripts are exempt (a browser
 * never attaches a token by itself).
 */
const handleOrigin: Handle = async ({ event, resolve }) => {
	if (SAFE.has(event.request.method) || event.locals.authVia === 'token') return resolve(event);
	const origin = event.request.headers.get('origin');
	const cookieAuthed = event.locals.authVia === 'cookie';
	if ((origin && origin !== event.url.origin) || (cookieAuthed && !origin)) {
		return errorResponse(
			new AppError(403, 'forbidden_origin', 'This request must come from the Bounce app itself.')
		);
	}
	return resolve(event);
};

/** Security headers: unreleased music must not be framed or sniffed by other sites. */
const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	if (!event.url.pathname.startsWith('/api/')) response.headers.set('X-Frame-Options', 'DENY');
	return response;
};

export const handle = sequence(handleAuth, handleOrigin, handleHeaders);

export const handleError: HandleServerError = ({ error, status, message }) => {
	if (status !== 404) console.error(error);
	return { message: status === 404 ? 'Not found' : message, code: 'internal_error' };
};
