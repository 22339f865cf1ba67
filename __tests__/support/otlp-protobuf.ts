/**
 * A small decoder of OTLP trace export requests in protobuf (the wire format of http/protobuf and gRPC), into
 * the same JSON shape as OTLP/JSON, so the loopback receivers decode both alike. It reads only the fields the
 * tests look at (opentelemetry/proto/trace/v1/trace.proto); other fields are skipped by wire type.
 */

type Fields = Map<number, Array<bigint | Buffer>>;

/** Splits one protobuf message into its fields: varints and fixed numbers as bigint, length-delimited as bytes. */
function fields(buf: Buffer): Fields {
  const out: Fields = new Map();
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = buf[pos++];
      if (byte === undefined) throw new Error('truncated varint');
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  };
  while (pos < buf.length) {
    const key = Number(varint());
    const field = key >>> 3;
    let value: bigint | Buffer;
    switch (key & 7) {
      case 0:
        value = varint();
        break;
      case 1:
        value = buf.readBigUInt64LE(pos);
        pos += 8;
        break;
      case 2: {
        const length = Number(varint());
        value = buf.subarray(pos, pos + length);
        pos += length;
        break;
      }
      case 5:
        value = BigInt(buf.readUInt32LE(pos));
        pos += 4;
        break;
      default:
        throw new Error(`unsupported wire type ${key & 7}`);
    }
    const list = out.get(field) ?? [];
    list.push(value);
    out.set(field, list);
  }
  return out;
}

const bytesOf = (f: Fields, n: number): Buffer[] => (f.get(n) ?? []).filter((v): v is Buffer => Buffer.isBuffer(v));
const numberOf = (f: Fields, n: number): bigint | undefined => (f.get(n) ?? []).find((v): v is bigint => typeof v === 'bigint');
const stringOf = (f: Fields, n: number): string | undefined => bytesOf(f, n)[0]?.toString('utf8');
const hexOf = (f: Fields, n: number): string | undefined => bytesOf(f, n)[0]?.toString('hex') || undefined;

/** AnyValue: 1 string, 2 bool, 3 int64, 4 double, 5 array, 7 bytes. */
function anyValue(buf: Buffer): Record<string, unknown> {
  const f = fields(buf);
  if (f.has(1)) return { stringValue: stringOf(f, 1) };
  if (f.has(2)) return { boolValue: numberOf(f, 2) === 1n };
  if (f.has(3)) return { intValue: String(BigInt.asIntN(64, numberOf(f, 3)!)) };
  if (f.has(4)) {
    const raw = Buffer.alloc(8);
    raw.writeBigUInt64LE(numberOf(f, 4)!);
    return { doubleValue: raw.readDoubleLE(0) };
  }
  if (f.has(5)) return { arrayValue: { values: bytesOf(fields(bytesOf(f, 5)[0]!), 1).map(anyValue) } };
  if (f.has(7)) return { bytesValue: bytesOf(f, 7)[0]!.toString('base64') };
  return {};
}

/** KeyValue: 1 key, 2 value. */
function keyValues(list: Buffer[]): Array<{ key: string; value: Record<string, unknown> }> {
  return list.map((b) => {
    const f = fields(b);
    const value = bytesOf(f, 2)[0];
    return { key: stringOf(f, 1) ?? '', value: value ? anyValue(value) : {} };
  });
}

/** Span fields: 1 trace id, 2 span id, 4 parent, 5 name, 6 kind, 9 attributes, 11 events, 13 links, 15 status. */
function span(buf: Buffer): Record<string, unknown> {
  const f = fields(buf);
  const status = bytesOf(f, 15)[0];
  const statusFields = status ? fields(status) : new Map();
  return {
    traceId: hexOf(f, 1),
    spanId: hexOf(f, 2),
    parentSpanId: hexOf(f, 4),
    name: stringOf(f, 5),
    kind: Number(numberOf(f, 6) ?? 0n),
    attributes: keyValues(bytesOf(f, 9)),
    events: bytesOf(f, 11).map((e) => {
      const ef = fields(e);
      return { name: stringOf(ef, 2), attributes: keyValues(bytesOf(ef, 3)) };
    }),
    links: bytesOf(f, 13).map((l) => {
      const lf = fields(l);
      return { traceId: hexOf(lf, 1), spanId: hexOf(lf, 2) };
    }),
    status: { code: Number(numberOf(statusFields, 3) ?? 0n), message: stringOf(statusFields, 2) },
  };
}

/**
 * Decodes an `ExportTraceServiceRequest` (1: resource spans; each 1: resource, 2: scope spans; each 1: scope,
 * 2: spans) into the OTLP/JSON layout.
 */
export function decodeTraceRequest(buf: Buffer): { resourceSpans: Array<Record<string, unknown>> } {
  return {
    resourceSpans: bytesOf(fields(buf), 1).map((rsBuf) => {
      const rs = fields(rsBuf);
      const resource = bytesOf(rs, 1)[0];
      return {
        resource: { attributes: resource ? keyValues(bytesOf(fields(resource), 1)) : [] },
        scopeSpans: bytesOf(rs, 2).map((ssBuf) => {
          const ss = fields(ssBuf);
          const scope = bytesOf(ss, 1)[0];
          return { scope: { name: scope ? stringOf(fields(scope), 1) : undefined }, spans: bytesOf(ss, 2).map(span) };
        }),
      };
    }),
  };
}
