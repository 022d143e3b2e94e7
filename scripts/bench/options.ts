/** The bench's command line (`node:util` parseArgs, strict: an unknown flag or a missing value is an error, exit 2). */
import { parseArgs } from 'node:util';

export type Method = 'baseline' | 'chars' | 'contexto' | 'contexto-noctx' | 'markjs' | 'naive';
export const ALL_METHODS: Method[] = ['baseline', 'chars', 'contexto', 'contexto-noctx', 'markjs', 'naive'];
/** Methods that find no mentions (their count is of text nodes or characters). */
export const FLOOR_METHODS: ReadonlySet<Method> = new Set(['baseline', 'chars']);

/** The parts: each selectable with --only. */
export const PARTS = [
  'scan',
  'scan-firefox',
  'firstview',
  'firstview-firefox',
  'longtask',
  'trace',
  'incremental',
  'hover',
  'smooth',
  'idle',
  'memory',
] as const;
export type Part = (typeof PARTS)[number];
/** Parts that need the built extension (skipped by --skip-extension). */
export const EXTENSION_PARTS: ReadonlySet<Part> = new Set(PARTS.filter((p) => p !== 'scan' && p !== 'scan-firefox'));
export const QUICK_PARTS: Part[] = ['scan', 'scan-firefox', 'firstview', 'firstview-firefox'];

/** `--quick`: a representative subset: the worst and the median pages of the last full run, the biggest DOMs and texts, CJK, a tiny page. */
export const QUICK_PAGES = [
  'yahoo-2',
  'breitbart',
  'folha',
  'buzzfeed-1',
  'wikipedia-2',
  'archive-of-our-own',
  'guardian-1',
  'hukumusume',
  'medium-3',
];

const HELP = `npm run bench [-- options]

  --quick              in under 3 minutes: scan (Chromium, Firefox: baseline and contexto, 5 reps, 2 where a
                       round takes over 1 s) on 9 pages + the 5 MB page, and first viewport (Chromium,
                       Firefox) on wikipedia-2 + the 5 MB page
  --only PARTS         comma-separated: ${PARTS.join(', ')}
  --pages a,b          corpus pages whose file name contains one of these
  --methods M          scan methods: ${ALL_METHODS.join(', ')} (baseline and contexto always)
  --reps N             scan reps (≥ 5; 3× on fast pages, but not with --quick)   --stat min|median   how reps are summarised
  --loads N            loads per page of the first-viewport, nothing-to-find and trace parts (trace: 3)
  --paragraphs N       incremental: paragraphs inserted (default 1000)   --rounds N (default 3)
  --markjs-slow-ms N   a mark.js run slower than this is not repeated (default 10000)
  --skip-extension     no part that needs the build
  --json               machine-readable output on stdout (progress on stderr)
  --verbose            phase times, profile and trace breakdowns
  --help
Environment: CONTEXTO_CORPUS_DIR, CONTEXTO_EXTENSION_DIR, CONTEXTO_FIREFOX_EXTENSION_DIR.`;

export interface BenchOptions {
  json: boolean;
  quick: boolean;
  verbose: boolean;
  reps: number;
  stat: 'min' | 'median';
  pages?: string[];
  methods: Method[];
  parts: ReadonlySet<Part>;
  loads?: number;
  paragraphs: number;
  rounds: number;
  markjsSlowMs: number;
}

const whole = (name: string, v: string | undefined, fallback: number, min = 0): number => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) usage(`--${name}: expected a whole number ≥ ${min}, got ${v}`);
  return n;
};

function usage(message: string): never {
  console.error(`${message}\n\n${HELP}`);
  process.exit(2);
}

export function benchOptions(argv = process.argv.slice(2)): BenchOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        json: { type: 'boolean' },
        quick: { type: 'boolean' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean' },
        'skip-extension': { type: 'boolean' },
        reps: { type: 'string' },
        stat: { type: 'string' },
        pages: { type: 'string' },
        methods: { type: 'string' },
        only: { type: 'string' },
        loads: { type: 'string' },
        paragraphs: { type: 'string' },
        rounds: { type: 'string' },
        'markjs-slow-ms': { type: 'string' },
      },
    }));
  } catch (e) {
    usage((e as Error).message);
  }
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const quick = values.quick === true;
  const list = (v: unknown) => (typeof v === 'string' ? v.split(',').filter(Boolean) : undefined);
  const stat = (values.stat ?? 'min') as string;
  if (stat !== 'min' && stat !== 'median') usage(`--stat: min or median, not ${stat}`);
  const methods = (list(values.methods) ?? (quick ? ['baseline', 'contexto'] : ALL_METHODS)) as Method[];
  for (const m of methods) if (!ALL_METHODS.includes(m)) usage(`--methods: unknown method ${m}`);
  if (!methods.includes('baseline') || !methods.includes('contexto'))
    usage('--methods: baseline and contexto are always measured');
  let parts = (list(values.only) ?? (quick ? QUICK_PARTS : [...PARTS])) as Part[];
  for (const p of parts) if (!PARTS.includes(p)) usage(`--only: unknown part ${p}`);
  if (values['skip-extension']) parts = parts.filter((p) => !EXTENSION_PARTS.has(p));
  return {
    json: values.json === true,
    quick,
    verbose: values.verbose === true,
    reps: Math.max(5, whole('reps', values.reps as string | undefined, 5, 1)),
    stat,
    pages: list(values.pages) ?? (quick ? QUICK_PAGES : undefined),
    methods,
    parts: new Set(parts),
    loads: values.loads === undefined ? undefined : whole('loads', values.loads as string, 5, 1),
    paragraphs: whole('paragraphs', values.paragraphs as string | undefined, 1000),
    rounds: whole('rounds', values.rounds as string | undefined, 3, 1),
    markjsSlowMs: whole('markjs-slow-ms', values['markjs-slow-ms'] as string | undefined, 10_000),
  };
}
