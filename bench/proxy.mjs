// A small round-robin reverse proxy for the benches, in a process of its own (as nginx would be):
// `node bench/proxy.mjs <upstream URL>...` listens on a free local port and prints {"url": ...} on stdout.
// Keep-alive connections to the upstreams; the client's headers pass through unchanged.
import http from 'node:http';

const targets = process.argv.slice(2).map((u) => new URL(u));
if (targets.length === 0) {
  console.error('usage: node bench/proxy.mjs <upstream URL>...');
  process.exit(2);
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
let next = 0;
const server = http.createServer((req, res) => {
  const target = targets[next++ % targets.length];
  const upstream = http.request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (err) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`proxy: ${err.message}`);
  });
  req.pipe(upstream);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
