// Production entry: an HTTP server with socket.io attached first, then the SvelteKit handler.
// Settings: PORT (3000), HOST (0.0.0.0), ORIGIN (http://localhost:PORT), DATA_DIR (./data),
// MAX_UPLOAD_BYTES (2 GiB). See README "Configuration".
import http from 'node:http';
import { Server } from 'socket.io';
import { IO_KEY, ioOptions } from './src/lib/realtime/io-options.js';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
process.env.ORIGIN ??= `http://localhost:${port}`;
// Uploads stream to disk and are capped by MAX_UPLOAD_BYTES in our own code; adapter-node's
// 512 KB default would refuse every mix before it reaches us.
process.env.BODY_SIZE_LIMIT ??= 'Infinity';

/** @type {(req: http.IncomingMessage, res: http.ServerResponse) => void} */
let handler = (_req, res) => {
	res.statusCode = 503;
	res.end('Starting');
};
// socket.io wraps the server's request listeners when it attaches, so the SvelteKit handler must
// be reached through this one listener, registered before socket.io.
const server = http.createServer((req, res) => handler(req, res));
server.requestTimeout = 0; // a 2 GB upload on a slow line takes longer than Node's 5-minute default
const io = new Server(server, ioOptions);
/** @type {Record<symbol, unknown>} */ (globalThis)[IO_KEY] = io;

// Importing the handler runs SvelteKit's init hook: migrations, then the real-time handlers.
({ handler } = await import('./build/handler.js'));

server.listen(port, host, () => {
	console.log(`Bounce listening on ${process.env.ORIGIN} (bound to ${host}:${port})`);
});

let closing = false;
function shutdown(signal) {
	if (closing) return;
	closing = true;
	console.log(`${signal}: closing`);
	io.close();
	server.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
