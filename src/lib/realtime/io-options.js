/**
 * socket.io server options shared by server.js (production) and the Vite dev plugin, so both run the
 * same real-time server. Plain JS: server.js imports it without a build step.
 */
export const ioOptions = {
	// Missed events are replayed after a short outage. Middlewares run again on recovery, so a
	// revoked session or removed member is not readmitted.
	connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
	// Presence and typing events are tiny; a 64 KB cap keeps one client from flooding the server.
	maxHttpBufferSize: 64 * 1024,
	pingInterval: 5000,
	pingTimeout: 4000,
	serveClient: false
};

export const IO_KEY = Symbol.for('bounce.io');
