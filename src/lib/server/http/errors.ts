/** The one error type services throw; the HTTP and socket edges turn it into the contract's shape. */
export class AppError extends Error {
	constructor(
		public status: number,
		public code: string,
		message: string,
		public headers: Record<string, string> = {}
	) {
		super(message);
	}
}

export const notFound = (what = 'That') =>
	new AppError(404, 'not_found', `${what} does not exist, or you do not have access to it.`);
export const forbidden = (message = 'Your role in this project does not allow this.') =>
	new AppError(403, 'forbidden', message);
export const unauthorized = () =>
	new AppError(401, 'unauthorized', 'Sign in first (session cookie or a Bearer token).');
export const badRequest = (message: string, code = 'invalid_input') =>
	new AppError(400, code, message);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
