import http from 'node:http';
import net from 'node:net';

/**
 * A small TCP load balancer, as a Kubernetes Service or HAProxy in front of the API replicas:
 * round-robin over the backends whose `GET /readyz` answers 200 within `timeoutMs` (checked every
 * `intervalMs`; `fall` failures in a row take a backend out, `rise` successes bring it back). When a
 * backend is taken out while another is ready, its client connections are closed (HAProxy's
 * `on-marked-down shutdown-sessions`), so keep-alive clients reconnect to a ready one. With no
 * backend ready it routes to all of them (Envoy's panic mode) rather than refuse everyone.
 * `GET /` on the status port reports each backend.
 *
 *   node tcp-balancer.mjs LISTEN_HOST:PORT STATUS_PORT BACKEND_HOST:PORT[,…]
 *
 * (Plain JavaScript: it starts at once, without a TypeScript loader.)
 */

/** @typedef {{ host: string, port: number, ready: boolean, streak: number, connections: Set<net.Socket>, accepted: number, markedDown: number }} Backend */

const [listen, statusPortText, backendList] = process.argv.slice(2);
if (!listen || !statusPortText || !backendList) {
  console.error('usage: tcp-balancer.mjs LISTEN_HOST:PORT STATUS_PORT BACKEND_HOST:PORT[,…]');
  process.exit(2);
}
const [listenHost, listenPort] = listen.split(':');
const intervalMs = 1000;
const timeoutMs = 5000;
const fall = 3;
const rise = 2;
/** @type {Backend[]} */
const backends = backendList.split(',').map((entry) => {
  const [host, port] = entry.split(':');
  return {
    host: host ?? '',
    port: Number(port),
    ready: false,
    streak: 0,
    connections: new Set(),
    accepted: 0,
    markedDown: 0,
  };
});
let next = 0;

/** @param {string} message */
function log(message) {
  process.stdout.write(`${new Date().toISOString()} ${message}\n`);
}

/** @param {Backend} backend @returns {Promise<boolean>} */
function check(backend) {
  return new Promise((resolve) => {
    const request = http.get(
      { host: backend.host, port: backend.port, path: '/readyz', timeout: timeoutMs, agent: false },
      (response) => {
        response.resume();
        resolve(response.statusCode === 200);
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

async function healthLoop() {
  for (;;) {
    await Promise.all(
      backends.map(async (backend) => {
        const ok = await check(backend);
        if (ok === backend.ready) {
          backend.streak = 0;
          return;
        }
        backend.streak++;
        if (backend.streak < (ok ? rise : fall)) return;
        backend.streak = 0;
        backend.ready = ok;
        if (ok) {
          log(`backend ${backend.host}:${backend.port} ready`);
        } else {
          backend.markedDown++;
          log(
            `backend ${backend.host}:${backend.port} unready: closing ${backend.connections.size} connections`,
          );
          for (const socket of backend.connections) socket.destroy();
        }
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** @returns {Backend | undefined} */
function pick() {
  const ready = backends.some((b) => b.ready) ? backends.filter((b) => b.ready) : backends;
  next = (next + 1) % ready.length;
  return ready[next];
}

const server = net.createServer((client) => {
  const backend = pick();
  if (!backend) {
    client.destroy();
    return;
  }
  backend.accepted++;
  const upstream = net.connect({ host: backend.host, port: backend.port });
  backend.connections.add(client);
  const close = () => {
    backend.connections.delete(client);
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
  client.on('close', close);
  upstream.on('close', close);
  client.pipe(upstream);
  upstream.pipe(client);
});

const status = http.createServer((_, response) => {
  response.writeHead(200, { 'content-type': 'application/json' }).end(
    JSON.stringify(
      backends.map((b) => ({
        backend: `${b.host}:${b.port}`,
        ready: b.ready,
        connections: b.connections.size,
        accepted: b.accepted,
        markedDown: b.markedDown,
      })),
    ),
  );
});

server.listen(Number(listenPort), listenHost, () => log(`balancing ${listen} over ${backendList}`));
status.listen(Number(statusPortText), listenHost);
void healthLoop();
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    server.close();
    status.close();
    process.exit(0);
  });
}
