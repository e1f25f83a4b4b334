// The server's periodic `event-loop delay` log line: how late the event loop ran its timers over the last
// interval (p50, p99, max in milliseconds), so an operator (and bench/) sees when work blocks every request.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Logger } from 'pino';

export interface LoopDelayStats {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  /** Delay samples taken over the interval (one per 10 ms the loop was free to take one). */
  samples: number;
}

/** The message of the log line, for anyone reading the logs by machine. */
export const LOOP_DELAY_MESSAGE = 'event-loop delay';

const RESOLUTION_MS = 10;
// Why subtract: the histogram records the whole time between two 10 ms samples; the delay is what exceeds it.
const ms = (ns: number): number => (Number.isFinite(ns) ? Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100) : 0);

/** Logs the event loop's delay every `everyMs` (nothing when 0); returns the function that stops it. */
export function logLoopDelay(log: Pick<Logger, 'info'>, everyMs: number): () => void {
  if (everyMs <= 0) return () => undefined;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const timer = setInterval(() => {
    const stats: LoopDelayStats = {
      p50Ms: ms(histogram.percentile(50)),
      p99Ms: ms(histogram.percentile(99)),
      maxMs: ms(histogram.max),
      meanMs: ms(histogram.mean),
      samples: histogram.count,
    };
    histogram.reset();
    log.info({ eventLoop: stats }, LOOP_DELAY_MESSAGE);
  }, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    histogram.disable();
  };
}
