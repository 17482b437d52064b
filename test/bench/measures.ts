// What the benchmark measures, and the budgets it holds each figure to. Shared by the extension-host
// side (test/bench/host.ts) and the runner (test/bench/run.ts).

export interface HostResults {
  activation: {
    /** ext.activate(): loading dist/extension.js, running activate(), VS Code's own bookkeeping. */
    totalMs: number;
    /** Inside activate(), measured by the extension itself. */
    activateMs: number;
    coreLoadedAtActivation: boolean;
    requestsAtActivation: number;
    webviewsAtActivation: number;
    /** Evaluating a fresh copy of the module. */
    extensionModuleMs: number;
    /** What the first use costs on top (dist/core.js). */
    coreModuleMs: number;
  };
  /** `clientMs`: the same listing by the client alone in the same host, for what the tree adds. */
  /** `serverMs`: the emulator's own time for the listing's requests (they are sequential), the load's floor. */
  rootLoad: { n: number; latencyMs: number; ms: number; serverMs: number; firstRowsMs: number; clientMs: number; requests: number; maxLagMs: number }[];
  /**
   * Usage & Cost, at 50 ms. The overview of large:1000 with the tree's list loaded: requests, their
   * waves (requests sent together count once: round trips), ms from the command to the webview saying
   * its charts are drawn (a new panel: VS Code boots the webview too). A project's 90 days on a warm
   * webview: ms from the request for the range to drawn, and the waves of its requests.
   */
  usage: {
    latencyMs: number;
    projects: number;
    overview: { ms: number; requests: string[]; roundTrips: number; rows: number; msAll: number[] };
    project90: { ms: number; msAll: number[]; requests: string[]; roundTrips: number };
    /** A project's view opened on an empty cache: its requests (costs, usage, its limit and alerts) and their waves. */
    projectOpen: { requests: string[]; roundTrips: number };
  };
  /** The Organization view's Members folder of `n` people: all loaded, the requests and the server's time for them. */
  members: { n: number; latencyMs: number; ms: number; serverMs: number; requests: number; rows: number };
  /** Switch Organization between two indexed organizations: the other one's rows, and the requests sent before them. */
  orgSwitch: { ms: number; msAll: number[]; requestsBeforeRows: number; rows: number };
  /** Rows from the index on disk after a restart, before any request. */
  warmStart: { n: number; latencyMs: number; ms: number; msAll: number[]; requestsBeforeRows: number; rows: number };
  search: {
    projects: number;
    records: number;
    /** Each keystroke of typing the queries, in ms. */
    keystrokes: number;
    p95Ms: number;
    maxMs: number;
    /** The first search after the index loaded: builds the search records once. */
    firstMs: number;
    diskBytes: number;
    heapMB: number;
    fillMs: number;
  };
  indexOrg: {
    projects: number;
    rpm: number;
    windowMs: number;
    ms: number;
    requests: number;
    /** One list request per folder of every active project (one page each), plus the project list's pages. */
    floor: number;
    lists: number;
    fetchedTwice: number;
    refused: number;
    errorsShown: string[];
    failed: number;
    progressShown: boolean;
    maxWaiting: number;
    learnedLimit: number | undefined;
  };
  offboard: { projects: number; latencyMs: number; memberships: number; writes: number; listsAfter: string[]; done: number; ms: number };
  expand: { latencyMs: number; ms: number; requests: number; reExpandRequests: number };
  mutations: { what: string; ms: number; requests: string[] }[];
  heap: { projects: number; expanded: number; growthMB: number };
  /** Money in the rows (`showCost`) over `projects`: the limits read as the rows are drawn, and again on redraws. */
  rowMoney: { projects: number; rows: number; limitReads: number; costReads: number; roundTrips: number; readsOnRedraw: number };
  rpm: {
    rpm: number;
    projects: number;
    folders: number;
    ms: number;
    errors: string[];
    requests: number;
    refused: number;
    refusedTwice: number;
    fetchedTwice: number;
    learnedLimit: number | undefined;
    maxWaiting: number;
  };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The network floor of a cursor-paginated list: one round trip per page of 100 (the API's maximum). */
export const floorTrips = (n: number, pageSize = 100) => Math.ceil(n / pageSize);

export interface Check {
  figure: string;
  value: string;
  budget: string;
  pass: boolean;
}

/**
 * A timing budget: `limit` in full runs; twice that in the smoke run, which must catch a real regression
 * but never fail on a slow or busy machine. Counts (requests, bytes) are exact either way.
 */
export function timeBudget(smoke: boolean, figure: string, value: number, limit: number, unit: string, show = (x: number) => x.toFixed(2)): Check {
  const allowed = smoke ? limit * 2 : limit;
  return { figure, value: `${show(value)}${unit}`, budget: `≤ ${show(allowed)}${unit}${smoke ? ' (smoke: 2×)' : ''}`, pass: value <= allowed };
}

export function countBudget(figure: string, value: number, limit: number, unit = ''): Check {
  return { figure, value: `${value.toLocaleString('en-US')}${unit}`, budget: `≤ ${limit.toLocaleString('en-US')}${unit}`, pass: value <= limit };
}

export function truth(figure: string, value: string, ok: boolean, budget: string): Check {
  return { figure, value, budget, pass: ok };
}

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}
