// Just enough of the protobuf wire format to read an OTLP ExportTraceServiceRequest
// (opentelemetry/proto/collector/trace/v1): the fields the tests look at, nothing else.

type Field = { number: number; varint?: bigint; bytes?: Uint8Array; fixed64?: Buffer };

function* fields(buffer: Uint8Array): Generator<Field> {
  let at = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = buffer[at++] as number;
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return result;
      shift += 7n;
    }
  };
  while (at < buffer.length) {
    const key = Number(varint());
    const number = key >> 3;
    switch (key & 7) {
      case 0:
        yield { number, varint: varint() };
        break;
      case 1:
        yield { number, fixed64: Buffer.from(buffer.subarray(at, at + 8)) };
        at += 8;
        break;
      case 2: {
        const length = Number(varint());
        yield { number, bytes: buffer.subarray(at, at + length) };
        at += length;
        break;
      }
      case 5:
        at += 4;
        break;
      default:
        throw new Error(`unsupported wire type ${key & 7}`);
    }
  }
}

const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString("utf8");
const hex = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString("hex");

function anyValue(buffer: Uint8Array): unknown {
  for (const f of fields(buffer)) {
    if (f.number === 1) return text(f.bytes);
    if (f.number === 2) return f.varint === 1n;
    if (f.number === 3) return Number(f.varint);
    if (f.number === 4) return f.fixed64?.readDoubleLE(0);
  }
  return undefined;
}

function keyValues(list: Uint8Array[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const entry of list) {
    let key = "";
    let value: unknown;
    for (const f of fields(entry)) {
      if (f.number === 1) key = text(f.bytes);
      if (f.number === 2 && f.bytes) value = anyValue(f.bytes);
    }
    out[key] = value;
  }
  return out;
}

const children = (buffer: Uint8Array, number: number) =>
  [...fields(buffer)].filter((f) => f.number === number).map((f) => f.bytes ?? new Uint8Array());

/** The spans of one OTLP/protobuf export, in the receiver's shape (ids as hex). */
export function decodeTraces(body: Uint8Array) {
  return children(body, 1).flatMap((resourceSpans) => {
    const [resource] = children(resourceSpans, 1);
    const service = keyValues(resource ? children(resource, 1) : [])["service.name"];
    return children(resourceSpans, 2).flatMap((scopeSpans) =>
      children(scopeSpans, 2).map((span) => {
        const parent = hex(children(span, 4)[0]);
        return {
          traceId: hex(children(span, 1)[0]),
          spanId: hex(children(span, 2)[0]),
          ...(parent ? { parentSpanId: parent } : {}),
          name: text(children(span, 5)[0]),
          kind: Number([...fields(span)].find((f) => f.number === 6)?.varint ?? 0n),
          attributes: keyValues(children(span, 9)),
          service,
        };
      }),
    );
  });
}
