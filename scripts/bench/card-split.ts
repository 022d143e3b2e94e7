/**
 * Where the card's time goes, from a Chromium trace of one hover: the window runs from the
 * `contexto-card` measure's start (the show delay's end) to the end of the task holding its end
 * (the frame that paints the card: the measure ends in its animation-frame callback, the frame's
 * style, layout and paint follow in the same task). On the renderer main thread, by self time:
 * - `scriptMs`: our JavaScript (events under one that names our extension's script: building the
 *   card in its shadow root, hit test, floating-ui, and the microtasks that follow);
 * - `forcedMs`: style, layout and hit tests our script forces while it runs (nested in it);
 * - `frameMs`: the browser's own rendering in the window (style, layout, highlight markers,
 *   pre-paint, paint, layerize, commit, intersection observers);
 * - `otherMs`: any other work on the thread (other tasks, the bench's polling);
 * - `idleMs`: the thread idle, waiting for the next frame.
 */

import type { TraceEvent } from './tracing';

export interface CardSplit {
  windowMs: number;
  scriptMs: number;
  forcedMs: number;
  frameMs: number;
  otherMs: number;
  idleMs: number;
}

const TASK = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);
const RENDERING =
  /^(UpdateLayoutTree|Layout|PrePaint|Paint|Layerize|UpdateLayer|Commit|HitTest|ScrollLayer|Document::UpdateStyleAndLayout|IntersectionObserverController::computeIntersections|PaintArtifactCompositor::Update|WebFrameWidgetImpl::UpdateLifecycle|LocalFrameView::.*|LayoutView::.*|Blink\..*UpdateTime)$/;

const asyncKey = (e: TraceEvent) => `${e.name}:${e.id ?? e.id2?.local ?? e.id2?.global ?? ''}`;

/** The split of the last `measure` (default `contexto-card`) in the trace, or null when it is not there. */
export function cardSplit(events: TraceEvent[], measure = 'contexto-card'): CardSplit | null {
  const marks = events.filter((e) => e.name === measure && e.cat.includes('blink.user_timing'));
  const begins = new Map<string, TraceEvent>();
  let pair: [TraceEvent, TraceEvent] | null = null;
  for (const e of marks.sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'b') begins.set(asyncKey(e), e);
    else if (e.ph === 'e') {
      const b = begins.get(asyncKey(e));
      if (b) pair = [b, e];
    }
  }
  if (!pair) return null;
  const [begin, end] = pair;
  const { pid, tid } = begin;
  const own = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  // Top-level tasks (a RunTask may wrap a ThreadControllerImpl::RunTask).
  const tasks: TraceEvent[] = [];
  for (const e of own) {
    const last = tasks[tasks.length - 1];
    if (TASK.has(e.name) && !(last && e.ts < last.ts + last.dur!)) tasks.push(e);
  }
  const holding = tasks.find((t) => t.ts <= end.ts && t.ts + t.dur! >= end.ts);
  const from = begin.ts;
  const to = holding ? holding.ts + holding.dur! : end.ts;
  const split: CardSplit = {
    windowMs: (to - from) / 1000,
    scriptMs: 0,
    forcedMs: 0,
    frameMs: 0,
    otherMs: 0,
    idleMs: 0,
  };
  let busy = 0;
  for (const task of tasks) {
    const taskEnd = task.ts + task.dur!;
    if (taskEnd <= from || task.ts >= to) continue;
    busy += Math.min(taskEnd, to) - Math.max(task.ts, from);
    const nested = own.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= taskEnd);
    addTask(split, task, nested);
  }
  split.idleMs = Math.max(0, (to - from - busy) / 1000);
  for (const k of ['windowMs', 'scriptMs', 'forcedMs', 'frameMs', 'otherMs', 'idleMs'] as const)
    split[k] = Math.round(split[k] * 10) / 10;
  return split;
}

const namesOurs = (e: TraceEvent) => e.args !== undefined && JSON.stringify(e.args).includes('chrome-extension://');

/** Adds one task's self times: under an event of ours (or its microtask checkpoint) → script or forced; else frame or other. */
function addTask(split: CardSplit, task: TraceEvent, nested: TraceEvent[]): void {
  const parent = new Map<TraceEvent, TraceEvent>();
  const stack: TraceEvent[] = [task];
  for (const e of nested) {
    while (stack.length > 1 && stack[stack.length - 1]!.ts + stack[stack.length - 1]!.dur! <= e.ts) stack.pop();
    parent.set(e, stack[stack.length - 1]!);
    stack.push(e);
  }
  // Roots of ours: the outermost events that name our script, and the microtask checkpoint that
  // follows one at the same level (where our promise continuations run).
  const ours = new Set<TraceEvent>();
  const inOurs = (e: TraceEvent) => {
    for (let p = parent.get(e); p && p !== task; p = parent.get(p)) if (ours.has(p)) return true;
    return false;
  };
  for (const e of nested) if (namesOurs(e) && !inOurs(e)) ours.add(e);
  for (const e of [...ours]) {
    const next = nested.find((n) => n.ts >= e.ts + e.dur! && parent.get(n) === parent.get(e));
    if (next?.name === 'RunMicrotasks') ours.add(next);
  }
  const underOurs = (e: TraceEvent) => {
    for (let p: TraceEvent | undefined = e; p && p !== task; p = parent.get(p)) if (ours.has(p)) return true;
    return false;
  };
  const childTime = new Map<TraceEvent, number>();
  for (const e of nested) {
    const p = parent.get(e)!;
    childTime.set(p, (childTime.get(p) ?? 0) + e.dur!);
  }
  const self = (e: TraceEvent) => Math.max(0, e.dur! - (childTime.get(e) ?? 0)) / 1000;
  split.otherMs += self(task);
  for (const e of nested) {
    const rendering = RENDERING.test(e.name);
    if (underOurs(e)) {
      if (rendering) split.forcedMs += self(e);
      else split.scriptMs += self(e);
    } else if (rendering) split.frameMs += self(e);
    else split.otherMs += self(e);
  }
}
