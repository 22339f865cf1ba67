import { categoryOf, parseCachegrind, perJob, steadyTotal } from '../../benchmarks/cachegrind';

/** Two runs as cachegrind writes them (its header, `fl=`/`fn=` blocks, "line Ir I1mr ILmr Dr ..." rows, a summary). */
function run(jit: number, loadIc: number, scavenge: number, compile: number): string {
  return [
    'desc: I1 cache:         32768 B, 64 B, 8-way associative',
    'cmd: node --expose-gc --import tsx benchmarks/mode-runner.ts',
    'events: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw ',
    'fl=???',
    'fn=???',
    `0 ${jit} ${jit / 100} 0 0 0 0 0 0 0`,
    'fn=Builtins_LoadIC',
    `0 ${loadIc / 2} 3 0 1 0 0 0 0 0`,
    `12 ${loadIc / 2} 2 0 1 0 0 0 0 0`,
    'fl=/usr/bin/node',
    'fn=v8::internal::Scavenger::ScavengeObject(v8::internal::HeapObject)',
    `40 ${scavenge} 1 0 0 0 0 0 0 0`,
    'fn=v8::internal::compiler::GraphReducer::ReduceTop()',
    `7 ${compile} 9 0 0 0 0 0 0 0`,
    'fn=uv__io_poll',
    '3 500 4 0 0 0 0 0 0 0',
    `summary: ${jit + loadIc + scavenge + compile + 500} 0 0 0 0 0 0 0 0`,
  ].join('\n');
}

test('a cachegrind file is summed per function, from the columns its events line names', () => {
  const counts = parseCachegrind(run(10_000, 4_000, 700, 900));
  expect(counts.get('???')).toEqual({ ir: 10_000, i1Misses: 100 });
  expect(counts.get('Builtins_LoadIC')).toEqual({ ir: 4_000, i1Misses: 5 });
  expect(counts.get('uv__io_poll')).toEqual({ ir: 500, i1Misses: 4 });
  expect(counts.size).toBe(5);
});

test('functions fall into the categories the report prints', () => {
  expect(categoryOf('???')).toBe('jit');
  expect(categoryOf('Builtins_KeyedStoreIC_Megamorphic')).toBe('ic-stubs');
  expect(categoryOf('Builtins_StringEqual')).toBe('builtins');
  expect(categoryOf('v8::internal::Runtime_DefineKeyedOwnPropertyInLiteral(int, unsigned long*, v8::internal::Isolate*)')).toBe('runtime');
  expect(categoryOf('v8::internal::Scavenger::ScavengeObject(v8::internal::HeapObject)')).toBe('gc');
  expect(categoryOf('v8::internal::compiler::GraphReducer::ReduceTop()')).toBe('compile');
  expect(categoryOf('uv__io_poll')).toBe('node');
  expect(categoryOf('__memcpy_avx_unaligned_erms')).toBe('libc');
  expect(categoryOf('sha1_block_data_order_avx2')).toBe('other');
});

test('what one more job costs is the difference between the two runs over the difference in jobs', () => {
  const small = parseCachegrind(run(10_000, 4_000, 700, 900));
  const large = parseCachegrind(run(50_000, 12_000, 2_700, 4_900));
  const cost = perJob(large, small, 5_000, 1_000);
  expect(cost.byCategory.jit).toEqual({ ir: 10, i1Misses: 0.1 });
  expect(cost.byCategory['ic-stubs'].ir).toBe(2);
  expect(cost.byCategory.gc.ir).toBe(0.5);
  expect(cost.byCategory.compile.ir).toBe(1);
  expect(cost.byCategory.node.ir).toBe(0);
  expect(cost.total.ir).toBe(13.5);
  // Without collection and compilation, which move between runs of the same build under Valgrind.
  expect(steadyTotal(cost).ir).toBe(12);
});

test('files that cannot be read as cachegrind output, and runs in the wrong order, are refused with a reason', () => {
  expect(() => parseCachegrind('fn=main\n1 2 3\n')).toThrow('no events line');
  expect(() => parseCachegrind('events: Ir Dr\nfn=main\n1 2 3\n')).toThrow('--cache-sim=yes');
  const counts = parseCachegrind(run(1, 2, 3, 4));
  expect(() => perJob(counts, counts, 1_000, 1_000)).toThrow('needs more jobs');
});
