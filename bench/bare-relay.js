// The anchor: a bare socket.io server (same options as Bounce's) that only relays a POSTed payload
// to a room. No auth, no database, no SvelteKit: the floor our real path is measured against.
import http from 'node:http';
import { Server } from 'socket.io';
import { ioOptions } from '../src/lib/realtime/io-options.js';

const port = Number(process.env.PORT);
const server = http.createServer((req, res) => {
	const m = req.url?.match(/^\/relay\/([^/]+)$/);
	if (req.method !== 'POST' || !m) {
		res.statusCode = 404;
		return res.end();
	}
	let body = '';
	req.on('data', (d) => (body += d));
	req.on('end', () => {
		const payload = JSON.parse(body);
		io.to(`version:${m[1]}`).emit('comment:created', payload);
		res.writeHead(201, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ comment: payload }));
	});
});
const io = new Server(server, ioOptions);
io.on('connection', (socket) => {
	socket.on('version:join', (versionId, ack) => {
		socket.join(`version:${versionId}`);
		ack({ ok: true, presence: [] });
	});
});
server.listen(port, '127.0.0.1', () => process.send?.({ type: 'listening' }));
