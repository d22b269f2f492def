/**
 * The floor the API is measured against: a bare Node HTTP server answering the same envelope the
 * balance route does, with nothing in between. Run as its own process, as `next start` is.
 */
import { createServer } from "node:http";

const body = JSON.stringify({ success: true, data: { available: 50, held: 0, total: 50 } });

const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${typeof address === "object" && address ? address.port : 0}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
