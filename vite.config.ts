import { sveltekit } from '@sveltejs/kit/vite';
import { Server } from 'socket.io';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { IO_KEY, ioOptions } from './src/lib/realtime/io-options.js';

/** In dev, socket.io runs on Vite's own HTTP server, as it runs on server.js's in production. */
const socketIoDev: Plugin = {
	name: 'bounce-socket-io-dev',
	configureServer(server) {
		if (!server.httpServer) return;
		(globalThis as Record<symbol, unknown>)[IO_KEY] = new Server(server.httpServer, ioOptions);
	}
};

export default defineConfig({
	plugins: [sveltekit(), socketIoDev],
	test: {
		include: ['src/**/*.spec.ts', 'tests/integration/**/*.test.ts'],
		testTimeout: 30_000,
		hookTimeout: 120_000,
		globalSetup: ['tests/integration/global-setup.ts'],
		pool: 'forks'
	}
});
