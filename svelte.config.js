import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		// SvelteKit's own check covers form posts only; ours (hooks.server.ts) covers every
		// cookie-authenticated state change, including JSON API calls.
		csrf: { trustedOrigins: [] }
	}
};

export default config;
