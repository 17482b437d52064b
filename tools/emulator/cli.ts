// npm run emulator -- --port 4010 --seed demo [--latency 50] [--rpm 60 [--rpm-retry-after]] [--data file.json]
//                     [--fault 429:3:GET:^/organization/projects$] (kind:count[:method[:pathRegex]])
import { parseArgs } from 'node:util';
import { startEmulator, type Fault, type FaultKind } from './server';

// `response` (a scripted body) is for the control endpoint and startEmulator only.
const KINDS = ['429', '500', '502', '503', 'hang', 'malformed', 'drop'];

function fail(msg: string): never {
  console.error(`emulator: ${msg}`);
  process.exit(2);
}

function int(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v)) fail(`--${name} takes a whole number, not "${v}"`);
  return Number(v);
}

function fault(spec: string): Fault {
  const [kind, count, method, ...path] = spec.split(':');
  if (!KINDS.includes(kind ?? '')) fail(`--fault kind must be one of ${KINDS.join(', ')}`);
  return { kind: kind as FaultKind, count: int('fault count', count || undefined, 1), method: method || undefined, path: path.join(':') || undefined };
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    seed: { type: 'string', default: 'demo' },
    'seed-value': { type: 'string' },
    latency: { type: 'string' },
    rpm: { type: 'string' },
    'rpm-retry-after': { type: 'boolean' },
    data: { type: 'string' },
    fault: { type: 'string', multiple: true },
    help: { type: 'boolean' },
  },
});
if (values.help) {
  console.log(
    'npm run emulator -- [--port 4010] [--seed demo|empty|large:N] [--seed-value N] [--latency MS] [--rpm N] [--rpm-retry-after] [--data FILE] [--fault kind:count[:method[:pathRegex]]]',
  );
  process.exit(0);
}

void (async () => {
  try {
    const emu = await startEmulator({
      port: int('port', values.port, 4010),
      seed: values.seed,
      seedValue: int('seed-value', values['seed-value'], 1),
      latencyMs: int('latency', values.latency, 0),
      rpm: int('rpm', values.rpm, 0),
      rpmRetryAfter: values['rpm-retry-after'] ?? false,
      dataFile: values.data,
      faults: (values.fault ?? []).map(fault),
    });
    console.log(`OpenAI Projects emulator (seed ${values.seed}) listening`);
    console.log(`  base URL:  ${emu.baseUrl}`);
    console.log(`  admin key: ${emu.adminKey}`);
    console.log(`  control:   ${emu.controlUrl}/{requests,faults,latency,rpm,state,reset}`);
    const stop = () => void emu.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (e) {
    fail((e as Error).message);
  }
})();
