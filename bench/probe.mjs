// A second client, in its own process so that the load generator cannot delay it: sends GET <url> at a steady
// rate whatever the answers (open loop: a stalled server meets every probe it would have had, no coordinated
// omission) and prints the latency percentiles in ms as one JSON line; a failed probe counts with the time it waited.
// Usage: node bench/probe.mjs <url> <seconds> <requests per second>
const [url, seconds = '4', rate = '50'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node bench/probe.mjs <url> <seconds> <requests per second>');
  process.exit(2);
}
const latencies = [];
let failed = 0;
let firstError = null;
const inFlight = [];
const probe = async () => {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
    await res.arrayBuffer();
    if (res.ok) latencies.push(performance.now() - t0);
    else {
      failed++;
      latencies.push(performance.now() - t0);
      firstError ??= `HTTP ${res.status}`;
    }
  } catch (err) {
    failed++;
    // A probe that got no answer waited at least this long: it counts in the percentiles, never as fast.
    latencies.push(performance.now() - t0);
    firstError ??= `${err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(err)} after ${Math.round(performance.now() - t0)} ms`;
  }
};
const every = 1000 / Number(rate);
const end = performance.now() + Number(seconds) * 1000;
let next = performance.now();
while (performance.now() < end) {
  inFlight.push(probe());
  next += every;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
}
await Promise.all(inFlight);
latencies.sort((a, b) => a - b);
const at = (q) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : 0);
const round = (x) => Math.round(x * 100) / 100;
process.stdout.write(
  `${JSON.stringify({ p50: round(at(0.5)), p99: round(at(0.99)), max: round(at(1 - 1e-9)), ok: latencies.length - failed, failed, ...(firstError ? { firstError } : {}) })}\n`,
);
