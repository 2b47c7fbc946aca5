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
	// A connection that died without closing (Wi-Fi gone, laptop lid) is noticed within ~5 s, so
	// its presence disappears within "a few seconds" (pingInterval + pingTimeout).
	pingInterval: 2500,
	pingTimeout: 2500,
	serveClient: false
};

export const IO_KEY = Symbol.for('bounce.io');
