import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as LibraryModule from '../../benchmarks/library';
import type * as ModesModule from '../../benchmarks/modes';
import type * as SdkModule from '../../benchmarks/sdk';
import type * as HooksModule from '../../src/hooks';
import type * as BullmqModule from 'bullmq';
import type { RunResult } from '../../benchmarks/mode-runner';
import { payloadItemsOfAbout } from '../../benchmarks/job-phases';
import { context } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Telemetry } from 'bullmq';
import { floorMarkTelemetry, floorTelemetry, floorTraceTelemetry } from '../../benchmarks/floor-telemetry';
import type * as FloorModule from '../../benchmarks/floor-telemetry';
import type * as LightSpanModule from '../../src/light-span';
import { MODE_LEGEND, MODES } from '../../benchmarks/modes';
import { modeTable, ratioTable, summarise } from '../../benchmarks/report';
import { pairedRatios, roundOrder } from '../../benchmarks/stats';

function result(mode: string, addMicros: number, processMicros: number): RunResult {
  return {
    mode, jobs: 100, add: { cpuMicros: addMicros, systemMicros: 0, wallMs: 10, allocatedBytes: 204_800 }, process: { cpuMicros: processMicros, systemMicros: 0, wallMs: 20, allocatedBytes: 307_200 }, spans: 250,
    peakHeap: 2 ** 20, peakRss: 2 ** 21, inflightHeapPerJob: 0, usedMemoryPerJob: 226, jobMemory: { hashBytes: 184, listpackShare: 1, optsBytes: 40 },
  };
}

test('the default run has every mode the issue names', () => {
  const defaults = MODES.filter((m) => !m.optional).map((m) => m.name);
  expect(defaults).toEqual(expect.arrayContaining(['none', 'qo-100', 'qo-10', 'qo-0', 'qo-otlp', 'qo-off', 'bullmq-otel']));
  expect(MODES.find((m) => m.name === 'qo-otlp')?.otlp).toBe(true);
  expect(MODES.find((m) => m.name === 'none')?.telemetry).toBeUndefined();
});

test('the floor modes do nothing but write the metadata they name: none, or the unsampled mark', () => {
  for (const [name, telemetry, metadata] of [['floor', floorTelemetry(), ''], ['floor-mark', floorMarkTelemetry(), '0']] as const) {
    expect(MODES.find((m) => m.name === name)?.optional).toBe(true);
    const manager = telemetry.contextManager;
    expect(manager.getMetadata(manager.active())).toBe(metadata);
    let ran = 0;
    expect(manager.with(manager.active(), () => ++ran)).toBe(1);
    expect(ran).toBe(1);
  }
});

/** Runs `fn` with the benchmark's modules loaded afresh from the sources (`BENCH_SOURCE=src`), not from the build. */
function withSourceModules(fn: () => void): void {
  const saved = process.env.BENCH_SOURCE;
  process.env.BENCH_SOURCE = 'src';
  try {
    jest.isolateModules(fn);
  } finally {
    if (saved === undefined) delete process.env.BENCH_SOURCE;
    else process.env.BENCH_SOURCE = saved;
  }
}

/** Drives `telemetry` as BullMQ does for one `add` and the job's processing (with a settle span); returns the metadata. */
function addAndProcess(telemetry: Telemetry<Context>): string {
  const { tracer, contextManager } = telemetry;
  const add = tracer.startSpan('add bench.job', { kind: 3 });
  const metadata = contextManager.with(add.setSpanOnContext(contextManager.active()), () => contextManager.getMetadata(contextManager.active()));
  add.end();
  const parent = contextManager.fromMetadata(contextManager.active(), metadata);
  const process = tracer.startSpan('process bench', { kind: 4 }, parent);
  contextManager.with(process.setSpanOnContext(parent), () => {
    const settle = tracer.startSpan('complete bench', { kind: 0 }, contextManager.active());
    settle.end();
  });
  process.end();
  return metadata;
}

test('floor-trace records the span shape of QueueOtel\'s defaults through the public API', () => {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  try {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const metadata = addAndProcess(floorTraceTelemetry(provider.getTracer('floor')) as Telemetry<Context>);
    const spans = exporter.getFinishedSpans();
    // add, wait and process; no span for the INTERNAL settle operation.
    expect(spans.map((s) => [s.name, s.kind])).toEqual([['add bench.job', 3], ['wait bench', 0], ['process bench', 4]]);
    const add = spans[0]!.spanContext();
    expect(metadata).toBe(`00-${add.traceId}-${add.spanId}-01`);
    for (const span of spans.slice(1)) {
      expect(span.spanContext().traceId).toBe(add.traceId);
      expect(span.parentSpanContext?.spanId).toBe(add.spanId);
      expect(span.attributes).toEqual({});
    }
    expect(MODES.find((m) => m.name === 'floor-trace')?.optional).toBe(true);
    expect(MODE_LEGEND['floor-trace']).toBeDefined();
  } finally {
    context.disable();
  }
});

test('floor-light makes the same spans as QueueOtel makes them (light spans, light contexts), and floor-context none', () => {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  try {
    withSourceModules(() => {
      const floors = jest.requireActual<typeof FloorModule>('../../benchmarks/floor-telemetry');
      const library = jest.requireActual<typeof LibraryModule>('../../benchmarks/library');
      const lightSpan = jest.requireActual<typeof LightSpanModule>('../../src/light-span');
      const exporter = new InMemorySpanExporter();
      const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
      const metadata = addAndProcess(floors.floorLightTelemetry(provider.getTracer('floor'), library.lightInternals()) as Telemetry<Context>);
      const spans = exporter.getFinishedSpans();
      expect(spans.map((s) => [s.name, s.kind])).toEqual([['add bench.job', 3], ['wait bench', 0], ['process bench', 4]]);
      for (const span of spans) {
        expect(span).toBeInstanceOf(lightSpan.LightSpan);
        expect(span.attributes).toEqual({});
      }
      const add = spans[0]!.spanContext();
      expect(metadata).toBe(`00-${add.traceId}-${add.spanId}-01`);
      for (const span of spans.slice(1)) expect(span.parentSpanContext?.spanId).toBe(add.spanId);

      exporter.reset();
      const carried = addAndProcess(floors.floorContextTelemetry(library.lightInternals()) as Telemetry<Context>);
      expect(carried).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(exporter.getFinishedSpans()).toEqual([]);
    });
    for (const name of ['floor-light', 'floor-context']) {
      expect(MODES.find((m) => m.name === name)?.optional).toBe(true);
      expect(MODE_LEGEND[name]).toBeDefined();
    }
  } finally {
    context.disable();
  }
});

test('floor-hooks is floor-mark with QueueOtel\'s wrappers on BullMQ\'s methods', () => {
  withSourceModules(() => {
    const modes = jest.requireActual<typeof ModesModule>('../../benchmarks/modes');
    const sdk = jest.requireActual<typeof SdkModule>('../../benchmarks/sdk');
    const hooks = jest.requireActual<typeof HooksModule>('../../src/hooks');
    const bullmq = jest.requireActual<typeof BullmqModule>('bullmq');
    const mode = modes.modeByName('floor-hooks');
    expect(mode.optional).toBe(true);
    expect(modes.MODE_LEGEND['floor-hooks']).toBeDefined();
    expect(hooks.isHooked((bullmq.Worker.prototype as unknown as Record<string, unknown>).callProcessJob)).toBe(false);
    const bench = sdk.startSdk(1, undefined, false);
    const manager = mode.telemetry!(bench).contextManager;
    expect(manager.getMetadata(manager.active())).toBe('0');
    expect(hooks.isHooked((bullmq.Worker.prototype as unknown as Record<string, unknown>).callProcessJob)).toBe(true);
    hooks.uninstallBullmqHooks();
    void bench.provider.shutdown();
  });
});

test('the -base modes load QueueOtel and its sampler from the build BENCH_BASE names, and say so when it is missing', () => {
  const base = MODES.filter((m) => m.base).map((m) => m.name);
  expect(base).toEqual(['qo-0-base', 'qo-100-base']);
  for (const name of base) {
    expect(MODES.find((m) => m.name === name)?.optional).toBe(true);
    expect(MODE_LEGEND[name]).toContain('BENCH_BASE');
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-base-'));
  for (const module of ['telemetry', 'sampling']) {
    mkdirSync(join(dir, 'dist', 'cjs', module), { recursive: true });
    const name = module === 'telemetry' ? 'QueueOtel' : 'QueueSampler';
    writeFileSync(join(dir, 'dist', 'cjs', module, 'index.js'), `exports.${name} = class ${name} { static copy = ${JSON.stringify(dir)}; };`);
  }
  const saved = process.env.BENCH_BASE;
  try {
    jest.isolateModules(() => {
      const library = jest.requireActual<typeof LibraryModule>('../../benchmarks/library');
      delete process.env.BENCH_BASE;
      expect(() => library.useBaseCopy()).toThrow(/BENCH_BASE=/);
      process.env.BENCH_BASE = dir;
      library.useBaseCopy();
      expect((library.queueOtelClass() as unknown as { copy: string }).copy).toBe(dir);
      expect((library.queueSamplerClass() as unknown as { copy: string }).copy).toBe(dir);
    });
  } finally {
    if (saved === undefined) delete process.env.BENCH_BASE;
    else process.env.BENCH_BASE = saved;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ratios are per round against the same round of the baseline: median, min and max', () => {
  expect(pairedRatios([110, 300, 120], [100, 100, 100])).toEqual({ median: 1.2, min: 1.1, max: 3 });
  // A slow round of both modes cancels out, which a ratio of means would not.
  expect(pairedRatios([200, 100], [200, 100]).max).toBe(1);
});

test('every mode runs in every position: the order rotates by one per round', () => {
  expect([0, 1, 2].map((round) => roundOrder(['a', 'b', 'c'], round).join(''))).toEqual(['abc', 'bca', 'cab']);
});

test('the table gives CPU per job for add and process, paired ratios and the memory figures', () => {
  const runs = new Map([
    ['none', [result('none', 3000, 5000), result('none', 6000, 10_000)]],
    ['qo-0', [result('qo-0', 3300, 6000), result('qo-0', 6600, 11_000)]],
  ]);
  const [, qo] = summarise(runs, 'none');
  expect(qo!.addMicros).toBeCloseTo(49.5);
  expect(qo!.totalRatio.min).toBeCloseTo(1.1);
  expect(qo!.totalRatio.max).toBeCloseTo(1.1625);
  expect(qo!.processRatio.median).toBeCloseTo(1.15);
  const table = modeTable(summarise(runs, 'none'));
  expect(table.split('\n')[0]).toBe(
    '| mode | add µs/job | process µs/job | CPU ratio (min–max) | add ratio | process ratio | peak heap MB | peak RSS MB | allocated KB/job | heap/in-flight job B | job hash B | listpack | used_memory B/job | spans/job | jobs/s |',
  );
  expect(table).toContain('| qo-0 | 49.5 | 85.0 | 1.13 (1.10–1.16) | 1.10 (1.10–1.10) | 1.15 (1.10–1.20) | 1.0 | 2.0 | 5.0 |');
  expect(ratioTable(summarise(runs, 'qo-0'))).toContain('| none | 0.88 (0.86–0.91) |');
});

test('BENCH_PAYLOAD_BYTES gives structured payloads of about the size asked for', () => {
  expect(payloadItemsOfAbout(0)).toBeUndefined();
  expect(payloadItemsOfAbout(Number.NaN)).toBeUndefined();
  for (const bytes of [1_000, 20_000, 100_000]) {
    const size = JSON.stringify({ n: 1, items: payloadItemsOfAbout(bytes) }).length;
    expect(size).toBeGreaterThanOrEqual(bytes);
    expect(size).toBeLessThan(bytes * 1.05);
  }
});

test('npm run bench runs end to end and prints the per-mode table', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-json-'));
  const json = join(dir, 'bench.json');
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', '..', 'benchmarks', 'run-bench.ts')], {
      env: { ...process.env, NODE_OPTIONS: '', BENCH_JOBS: '200', BENCH_ROUNDS: '2', BENCH_MODES: 'qo-0', BENCH_SOURCE: 'src', BENCH_OBSERVER_JOBS: '300', BENCH_INFLIGHT: '100', BENCH_JSON: json },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`run-bench exited with ${code}\n${err}`))));
  });
  expect(out).toMatch(/^\| none \| [\d.]+ \| [\d.]+ \| 1\.00 \(1\.00–1\.00\) \|/m);
  expect(out).toMatch(/^\| qo-0 \| [\d.]+ \| [\d.]+ \| [\d.]+ \([\d.]+–[\d.]+\) \|.* \| 0\.00 \| \d+ \|$/m);
  // Allocation per job is measured, not left out: a positive number of KB in its column.
  const qoRow = /^\| qo-0 \|(.*)$/m.exec(out)?.[1]?.split('|').map((cell) => cell.trim());
  expect(Number(qoRow?.[7])).toBeGreaterThan(0);
  expect(out).toContain('## Per span');
  expect(out).toMatch(/^total [\d.]+s$/m);
  // Each phase's CPU is split into the kernel's share too (socket I/O on loopback is mostly system time).
  const runs = (JSON.parse(readFileSync(json, 'utf8')) as { runs: Record<string, RunResult[]> }).runs;
  rmSync(dir, { recursive: true, force: true });
  for (const run of runs['qo-0'] ?? []) {
    for (const phase of [run.add, run.process]) {
      expect(phase.systemMicros).toBeGreaterThanOrEqual(0);
      expect(phase.systemMicros).toBeLessThanOrEqual(phase.cpuMicros);
    }
  }
  expect(runs['qo-0']).toHaveLength(2);
}, 120_000);
