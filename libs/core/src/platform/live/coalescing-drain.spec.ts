import { CoalescingDrain } from './coalescing-drain';

/** A batch source the test releases by hand: each batch waits for `release(n)`. */
function source() {
  const pending: Array<(n: number) => void> = [];
  let calls = 0;
  const batch = () => {
    calls++;
    return new Promise<number>((resolve) => pending.push(resolve));
  };
  const release = async (n: number) => {
    while (pending.length === 0) await new Promise((r) => setImmediate(r));
    pending.shift()!(n);
  };
  return { batch, release, calls: () => calls };
}

describe('CoalescingDrain', () => {
  it('drains until a batch is empty, and a call made meanwhile shares the drain and asks for one more round', async () => {
    const s = source();
    const drain = new CoalescingDrain(s.batch, () => undefined);
    const first = drain.run();
    const second = drain.run();
    expect(second).toBe(first);
    await s.release(3);
    await s.release(0); // empty: the first round ends, but a call came meanwhile
    await s.release(2);
    await s.release(0);
    expect(await first).toBe(5);
    expect(s.calls()).toBe(4);
  });

  it('a failed batch ends the drain through onError; the next call drains again', async () => {
    const errors: string[] = [];
    let n = 0;
    const drain = new CoalescingDrain(
      async () => {
        n++;
        if (n === 1) throw new Error('base indisponible');
        return n === 2 ? 4 : 0;
      },
      (e) => errors.push(e.message),
    );
    expect(await drain.run()).toBe(0);
    expect(errors).toEqual(['base indisponible']);
    expect(await drain.run()).toBe(4);
  });

  it('stop() lets the batch under way end, starts no other, and waits for it', async () => {
    const s = source();
    const drain = new CoalescingDrain(s.batch, () => undefined);
    const run = drain.run();
    const stopped = drain.stop();
    await s.release(7);
    await stopped;
    expect(await run).toBe(7);
    expect(s.calls()).toBe(1);
  });
});
