import type { Session } from '$lib/server/auth/session.service';
import type { User } from '$lib/server/auth/user.repository';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
		}
		interface Locals {
			user: User | null;
			session: Session | null;
			/** How the request authenticated: the browser's cookie or a script's Bearer token. */
			authVia: 'cookie' | 'token' | null;
		}
	}
}

export {};
