/**
 * `later` (src/page/timer.ts): timers where they run; a `postTask` stand-in where they never fire (a
 * page whose JavaScript the reader blocked), found without probing the page.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Posted = { task: () => void; delay: number; signal?: AbortSignal };

let timers: Map<number, () => void>;
let posted: Posted[];
let later: typeof import('../../src/page/timer').later;
let slack: number;

beforeEach(async () => {
  timers = new Map();
  posted = [];
  let next = 1;
  vi.stubGlobal('setTimeout', (fn: () => void) => {
    timers.set(next, fn);
    return next++;
  });
  vi.stubGlobal('clearTimeout', (id: number) => timers.delete(id));
  vi.stubGlobal('scheduler', {
    postTask: (task: () => void, options: { delay?: number; signal?: AbortSignal }) => {
      posted.push({ task, delay: options.delay ?? 0, signal: options.signal });
      return Promise.resolve();
    },
  });
  // Fresh module state: whether timers run is learnt once per page.
  vi.resetModules();
  ({ later, STAND_IN_SLACK_MS: slack } = await import('../../src/page/timer'));
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const fireTimers = () => {
  for (const [id, fn] of [...timers]) {
    timers.delete(id);
    fn();
  }
};
const runPosted = () => {
  for (const p of posted.splice(0)) if (!p.signal?.aborted) p.task();
};

describe('later', () => {
  it('runs the task once by its timer, drops the stand-in, and uses plain timers from then on', () => {
    const ran: string[] = [];
    later(() => ran.push('first'), 10);
    expect(timers.size).toBe(1);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.delay).toBe(10 + slack);
    fireTimers();
    expect(posted[0]!.signal?.aborted).toBe(true);
    runPosted();
    expect(ran).toEqual(['first']);

    later(() => ran.push('second'));
    expect(posted).toHaveLength(0);
    fireTimers();
    expect(ran).toEqual(['first', 'second']);
  });

  it('runs the task by the stand-in where timers never fire, and posts tasks alone from then on', () => {
    const ran: string[] = [];
    later(() => ran.push('first'));
    runPosted();
    expect(ran).toEqual(['first']);

    later(() => ran.push('second'), 5);
    expect(timers.size).toBe(1); // only the first call's timer, never fired
    expect(posted).toHaveLength(1);
    expect(posted[0]!.delay).toBe(5);
    runPosted();
    expect(ran).toEqual(['first', 'second']);
  });

  it('learns that timers run when the first one fires after its stand-in, and runs nothing twice', () => {
    const ran: string[] = [];
    later(() => ran.push('first'));
    runPosted();
    fireTimers();
    expect(ran).toEqual(['first']);
    later(() => ran.push('second'));
    expect(posted).toHaveLength(0);
    fireTimers();
    expect(ran).toEqual(['first', 'second']);
  });

  it('cancels both before either ran', () => {
    const ran: string[] = [];
    const cancel = later(() => ran.push('x'));
    cancel();
    fireTimers();
    runPosted();
    expect(ran).toEqual([]);
  });

  it('uses plain timers where there is no scheduler', () => {
    vi.stubGlobal('scheduler', undefined);
    const ran: string[] = [];
    later(() => ran.push('x'));
    expect(posted).toHaveLength(0);
    fireTimers();
    expect(ran).toEqual(['x']);
  });
});
