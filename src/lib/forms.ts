import type { SubmitFunction } from '@sveltejs/kit';

/**
 * `use:enhance={submitting((b) => (busy = b))}`: flags the form busy while it is sent (to disable
 * its button and say "Saving…"), then lets SvelteKit apply the result as usual.
 */
export function submitting(
	setBusy: (busy: boolean) => void,
	opts: { reset?: boolean } = {}
): SubmitFunction {
	return () => {
		setBusy(true);
		return async ({ update }) => {
			await update({ reset: opts.reset ?? true });
			setBusy(false);
		};
	};
}
