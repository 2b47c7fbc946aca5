// Child process of bench/realtime.js: holds a share of the socket.io clients and timestamps every
// `comment:created` it receives. Talks to the parent over IPC only.
import { io } from 'socket.io-client';

const now = () => performance.timeOrigin + performance.now();
/** @type {import('socket.io-client').Socket[]} */
let sockets = [];
/** @type {[string, number][]} marker → arrival time */
let arrivals = [];

function connectOne(url, cookie, versionId) {
	return new Promise((resolve, reject) => {
		const s = io(url, {
			transports: ['websocket'],
			extraHeaders: { cookie, origin: url },
			reconnection: false,
			forceNew: true
		});
		const timer = setTimeout(() => reject(new Error('connect timeout')), 20_000);
		s.on('comment:created', (c) => arrivals.push([c.body, now()]));
		s.once('connect_error', (e) => reject(e));
		s.once('connect', () => {
			s.timeout(20_000).emit('version:join', versionId, (err, ack) => {
				clearTimeout(timer);
				if (err || !ack?.ok) return reject(new Error(`join failed: ${err ?? ack?.error}`));
				resolve(s);
			});
		});
		sockets.push(s);
	});
}

process.on('message', async (msg) => {
	try {
		if (msg.type === 'connect') {
			const { url, clients } = msg;
			for (let i = 0; i < clients.length; i += 25) {
				await Promise.all(
					clients.slice(i, i + 25).map((c) => connectOne(url, c.cookie, c.versionId))
				);
			}
			process.send({ type: 'connected', count: sockets.length });
		} else if (msg.type === 'collect') {
			process.send({ type: 'arrivals', arrivals });
			arrivals = [];
		} else if (msg.type === 'close') {
			for (const s of sockets) s.disconnect();
			sockets = [];
			process.send({ type: 'closed' });
		} else if (msg.type === 'exit') {
			process.exit(0);
		}
	} catch (e) {
		process.send({ type: 'error', message: String(e?.stack ?? e) });
	}
});
