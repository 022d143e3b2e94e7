import { describe, expect, it } from 'vitest';
import { analyseTrace } from '../../scripts/bench/trace';

/** The trace part's attribution: our part of a task, and the rendering it sets off. */

const URL = 'http://127.0.0.1/page.html';
const OURS = 'chrome-extension://abc/content-scripts/content.js';
const T = { pid: 1, tid: 2 };
const meta = { name: 'thread_name', cat: '__metadata', ph: 'M', ts: 0, ...T, args: { name: 'CrRendererMain' } };
/** A complete event (ms in, µs out). */
const x = (name: string, at: number, ms: number, args?: Record<string, unknown>) => ({
  name,
  cat: 'devtools.timeline',
  ph: 'X',
  ts: at * 1000,
  dur: ms * 1000,
  ...T,
  ...(args ? { args } : {}),
});
const task = (at: number, ms: number) => x('ThreadControllerImpl::RunTask', at, ms);
const parse = (at: number, ms: number) => x('ParseHTML', at, ms, { beginData: { url: URL } });

describe('trace analysis', () => {
  it("counts our events and the microtasks right after them, not the host task's own style and layout", () => {
    const events = [
      meta,
      // document_start: the parser runs our content script (20 ms), then parses on.
      task(0, 100),
      parse(0, 100),
      x('EvaluateScript', 10, 20, { data: { url: OURS } }),
      x('v8.compile', 10, 5, { data: { url: OURS } }),
      x('RunMicrotasks', 30, 2),
      // The page's first frame: before DOMContentLoaded, not ours.
      task(200, 80),
      x('Layout', 200, 80),
      // The parser's last task: DOMContentLoaded (our listener, our continuation: 15 ms), then the page's style and layout (600 ms).
      task(1000, 700),
      parse(1000, 50),
      x('EventDispatch', 1060, 16, { data: { type: 'DOMContentLoaded' } }),
      x('FunctionCall', 1060, 1, { data: { url: OURS } }),
      x('RunMicrotasks', 1061, 14),
      x('UpdateLayoutTree', 1080, 300),
      x('Layout', 1380, 300),
      // The next frame paints our highlights.
      task(1800, 30),
      x('Paint', 1800, 30),
    ];
    const a = analyseTrace(events as never, URL, true)!;
    expect(a.ourScript).toBe(22);
    expect(a.host).toBe(700);
    expect(a.renderingAfter).toBe(30);
    expect(a.over50).toBe(0);
    expect(a.longest).toBe(700);
    // The loader's own parts: its evaluation (the compile nested in it counted once) and its listener; not the checkpoints.
    expect(a.loader).toEqual({ longest: 20, longestCpu: 20, total: 21 });
  });

  it('counts the rendering in the frame that ran our callback, and a long part of ours', () => {
    const events = [
      meta,
      task(0, 10),
      parse(0, 10),
      x('EventDispatch', 1, 5, { data: { type: 'DOMContentLoaded' } }),
      x('FunctionCall', 1, 1, { data: { url: OURS } }),
      task(100, 200),
      x('FireAnimationFrame', 100, 60),
      x('FunctionCall', 100, 60, { data: { url: OURS } }),
      x('UpdateLayoutTree', 160, 10),
      x('Paint', 170, 70),
    ];
    const a = analyseTrace(events as never, URL, true)!;
    expect(a.ourScript).toBe(60);
    expect(a.renderingAfter).toBe(80);
    expect(a.over50).toBe(2);
    expect(a.fullScript).toBe(false);
  });

  it('counts the full script under its per-session URL as ours, and says it ran', () => {
    const MAIN = 'chrome-extension://0f1e2d3c-per-session/content-main.js';
    const events = [
      meta,
      task(0, 10),
      parse(0, 10),
      x('EventDispatch', 1, 5, { data: { type: 'DOMContentLoaded' } }),
      x('FunctionCall', 1, 1, { data: { url: OURS } }),
      task(100, 90),
      { ...x('v8.evaluateModule', 100, 70, { data: { url: MAIN } }), tdur: 40_000 },
      x('RunMicrotasks', 170, 10),
      x('Layout', 180, 10),
    ];
    const a = analyseTrace(events as never, URL, true)!;
    expect(a.ourScript).toBe(80);
    // Thread time where the trace has it (the checkpoint has none: its wall time counts).
    expect(a.ourScriptCpu).toBe(50);
    expect(a.host).toBe(90);
    expect(a.fullScript).toBe(true);
    expect(a.over50).toBe(1);
    // The full script is not the loader.
    expect(a.loader.total).toBe(1);
    const without = analyseTrace(events as never, URL, false)!;
    expect(without.ourScript).toBe(0);
    expect(without.longest).toBe(90);
  });

  it("counts what the V8 sampler caught ours in where no event names our script: the full script's evaluation, its continuations, a timer's slice", () => {
    const MAIN = 'chrome-extension://0f1e2d3c-per-session/content-main.js';
    const node = (id: number, parent?: number, url?: string) => ({
      id,
      ...(parent ? { parent } : {}),
      callFrame: { functionName: id === 3 ? 'blockAround' : '', url: url ?? '', lineNumber: 0, columnNumber: id },
    });
    // Samples every 5 ms from 0: node 2 is the page's (or nobody's) code, node 3 ours.
    const at = (ms: number[]) => ms.map((m, i) => (i === 0 ? m * 1000 : (m - ms[i - 1]!) * 1000));
    const sampled = [0, 105, 110, 150, 175, 205, 230, 245, 305, 330];
    const nodes = [0, 3, 3, 3, 3, 3, 3, 3, 2, 2];
    const profile = [
      {
        name: 'Profile',
        cat: 'disabled-by-default-v8.cpu_profiler',
        ph: 'P',
        id: '0x1',
        ts: 0,
        ...T,
        args: { data: { startTime: 0 } },
      },
      {
        name: 'ProfileChunk',
        cat: 'disabled-by-default-v8.cpu_profiler',
        ph: 'P',
        id: '0x1',
        ts: 0,
        ...T,
        args: {
          data: {
            cpuProfile: {
              nodes: [node(1), node(2, 1), node(3, 1, MAIN)],
              samples: nodes.map((n) => (n === 0 ? 1 : n)),
            },
            timeDeltas: at(sampled),
          },
        },
      },
    ];
    const events = [
      meta,
      ...profile,
      task(0, 10),
      parse(0, 10),
      x('EventDispatch', 1, 5, { data: { type: 'DOMContentLoaded' } }),
      // The full script's evaluation (its world, no URL) and its continuations: 10 + 90 ms, the checkpoint ours by its samples.
      task(100, 100),
      { ...x('v8.evaluateModule', 100, 10, { worldName: 'Contexto' }), tdur: 8000 },
      { ...x('RunMicrotasks', 110, 90), tdur: 60_000 },
      // A scan slice: a timer resolves our promise, our continuation runs in its checkpoint (45 ms).
      task(230, 50),
      x('TimerFire', 230, 45),
      x('v8.callFunction', 230, 45),
      x('RunMicrotasks', 230, 45),
      x('Layout', 275, 5),
      // A timer where only the page's code was sampled is not ours.
      task(300, 60),
      x('TimerFire', 300, 60),
    ];
    const a = analyseTrace(events as never, URL, true)!;
    // Neither names a script; the sampler caught ours in both.
    expect(a.ourScript).toBe(100);
    expect(a.ourScriptCpu).toBe(68);
    expect(a.host).toBe(100);
    expect(a.over50).toBe(1);
    expect(a.functions[0]![0]).toBe('blockAround@content-main.js:0:3');
    // The slice is a part of its own, and the page's timer none.
    const slices = analyseTrace(events.filter((e) => e.ts < 100_000 || e.ts >= 230_000) as never, URL, true)!;
    expect(slices.ourScript).toBe(45);
    expect(slices.over50).toBe(0);
  });

  it("takes as the control, without the extension, the page's first rendering task after the one dispatching DOMContentLoaded", () => {
    const events = [
      meta,
      // A frame before DOMContentLoaded: not counted.
      task(0, 90),
      x('Layout', 0, 90),
      // The parser's last task: DOMContentLoaded, then its own style and layout: not counted either.
      task(100, 400),
      parse(100, 10),
      x('EventDispatch', 110, 5, { data: { type: 'DOMContentLoaded' } }),
      x('Layout', 120, 300),
      // A task without rendering, then the page's frames: 70 and 90 ms.
      task(550, 120),
      x('FunctionCall', 550, 120),
      task(700, 70),
      x('Paint', 700, 70),
      task(900, 90),
      x('UpdateLayoutTree', 900, 90),
    ];
    const b = analyseTrace(events as never, URL, false)!;
    expect(b.pageRendering).toBe(70);
    // The control for later frames: the longest after the first (not the 120 ms task without rendering).
    expect(b.pageLaterRendering).toBe(90);
    expect(b.longest).toBe(400);
  });

  it('splits the rendering after ours: in the first frame after DOMContentLoaded, which has a control, and later', () => {
    const events = [
      meta,
      task(100, 50),
      parse(100, 10),
      x('EventDispatch', 110, 5, { data: { type: 'DOMContentLoaded' } }),
      x('FunctionCall', 110, 5, { data: { url: OURS } }),
      // The first frame after it: ours is before it, so it counts as the rendering after ours (80 ms).
      task(200, 80),
      x('Paint', 200, 80),
      // A later slice of ours, then a frame of 30 ms.
      task(400, 10),
      x('TimerFire', 400, 10, { data: { url: OURS } }),
      task(500, 30),
      x('Layout', 500, 30),
    ];
    const a = analyseTrace(events as never, URL, true)!;
    expect(a.renderingAfter).toBe(80);
    expect(a.renderingAfterInFirstFrame).toBe(80);
    expect(a.renderingAfterLater).toBe(30);
    // Without a slice of ours before the later frame, it is not counted.
    const early = analyseTrace(events.filter((e) => e.ts < 400_000 || e.ts >= 500_000) as never, URL, true)!;
    expect(early.renderingAfterLater).toBe(0);
    expect(early.renderingAfterInFirstFrame).toBe(80);
  });
});
