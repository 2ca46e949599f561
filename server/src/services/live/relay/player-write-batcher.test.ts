import { afterEach, describe, expect, it } from 'vitest';
import { PlayerWriteBatcher, type PlayerOutput } from './player-write-batcher';

let batcher: PlayerWriteBatcher | null = null;
afterEach(() => batcher?.close());

function output(unsent = () => 0) {
  const writes: Buffer[] = [];
  /** Each write, its buffers joined (what reaches the player in one go). */
  let cut = false;
  const out: PlayerOutput = {
    write: (buffers) => writes.push(Buffer.concat(buffers)),
    unsentBytes: unsent,
    cut: () => (cut = true),
  };
  return { out, writes, wasCut: () => cut };
}

const bytes = (text: string) => Buffer.from(text);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the players’ write batcher', () => {
  it('writes each player’s media of an interval as one buffer, in order, within the interval', async () => {
    batcher = new PlayerWriteBatcher({ intervalMs: 20, maxUnsentBytes: 1000 });
    const a = output();
    const b = output();
    const pa = batcher.add(a.out);
    const pb = batcher.add(b.out);
    pa.push(bytes('v1'));
    pb.push(bytes('v1'));
    pa.push(bytes('a1'));
    pa.push(bytes('a2'));
    expect(a.writes).toEqual([]);
    await sleep(40);
    expect(a.writes.map(String)).toEqual(['v1a1a2']);
    expect(b.writes.map(String)).toEqual(['v1']);
    pa.push(bytes('v2'));
    await sleep(40);
    expect(a.writes.map(String)).toEqual(['v1a1a2', 'v2']);
    expect(b.writes).toHaveLength(1);
  });

  it('cuts a player whose connection holds more unread bytes than allowed, and writes nothing more to it', () => {
    batcher = new PlayerWriteBatcher({ intervalMs: 1000, maxUnsentBytes: 100 });
    let unread = 0;
    const slow = output(() => unread);
    const fast = output();
    const ps = batcher.add(slow.out);
    const pf = batcher.add(fast.out);
    ps.push(bytes('x'));
    pf.push(bytes('x'));
    batcher.flush();
    expect(slow.writes).toHaveLength(1);
    unread = 101;
    ps.push(bytes('y'));
    pf.push(bytes('y'));
    batcher.flush();
    expect(slow.wasCut()).toBe(true);
    expect(slow.writes).toHaveLength(1);
    expect(fast.writes.map(String)).toEqual(['x', 'y']);
  });

  it('drops what waits for a player that is gone', () => {
    batcher = new PlayerWriteBatcher({ intervalMs: 1000, maxUnsentBytes: 100 });
    const gone = output();
    const player = batcher.add(gone.out);
    player.push(bytes('x'));
    player.drop();
    player.push(bytes('y'));
    batcher.flush();
    expect(gone.writes).toEqual([]);
  });
});
