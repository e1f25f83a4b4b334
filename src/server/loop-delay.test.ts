import { logLoopDelay, LOOP_DELAY_MESSAGE, type LoopDelayStats } from './loop-delay';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('logLoopDelay', () => {
  it('logs the delay of a loop blocked for 120 ms, and a small one when idle', async () => {
    const lines: { stats: LoopDelayStats; msg: string }[] = [];
    const stop = logLoopDelay(
      { info: (obj: { eventLoop: LoopDelayStats }, msg: string) => lines.push({ stats: obj.eventLoop, msg }) } as never,
      400,
    );
    try {
      await sleep(450); // an idle interval
      setTimeout(() => {
        const until = Date.now() + 120;
        while (Date.now() < until); // blocks the loop
      }, 20);
      await sleep(400);
    } finally {
      stop();
    }
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.every((l) => l.msg === LOOP_DELAY_MESSAGE)).toBe(true);
    const [idle, blocked] = lines;
    expect(idle?.stats.samples).toBeGreaterThan(10);
    expect(idle?.stats.p50Ms).toBeLessThan(5);
    expect(blocked?.stats.maxMs).toBeGreaterThanOrEqual(100);
  });

  it('logs nothing when turned off', async () => {
    const info = vi.fn();
    const stop = logLoopDelay({ info } as never, 0);
    await sleep(50);
    stop();
    expect(info).not.toHaveBeenCalled();
  });
});
