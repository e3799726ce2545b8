// The page's wire codec (wire.js) against the golden vectors the Java codec is tested with
// (wire/src/test/resources/io/puredc/wire/golden-vectors.json). Run: node --test daemon/src/test/js/
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const repo = path.resolve(__dirname, '..', '..', '..', '..');
const wire = require(path.join(repo, 'daemon/src/main/resources/io/puredc/daemon/page/wire.js'));
const vectors = JSON.parse(fs.readFileSync(
  path.join(repo, 'wire/src/test/resources/io/puredc/wire/golden-vectors.json'), 'utf8'));

const hex = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('hex');
const fromHex = (s) => new Uint8Array(Buffer.from(s, 'hex'));

// The vector's JSON shape of a decoded frame: u64 BigInts as decimal strings, payloads as hex.
function asVector(frame) {
  const out = {};
  for (const [k, v] of Object.entries(frame)) {
    out[k] = typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? hex(v) : v;
  }
  return out;
}

// The frame object encode() takes, built from the vector: u64 strings become BigInts.
const U64 = new Set(['fileSize', 'durationMs', 'offset', 'length']);
function asFrame(v) {
  const out = {};
  for (const [k, val] of Object.entries(v)) {
    out[k] = U64.has(k) ? BigInt(val) : k === 'payload' ? fromHex(val) : val;
  }
  return out;
}

test('the vector file holds every frame type and every malformed case', () => {
  const types = new Set(vectors.valid.map((v) => v.frame.type));
  for (const t of ['HELLO', 'RANGE_REQ', 'RANGE_DATA', 'RANGE_END', 'CANCEL', 'PING', 'PONG', 'UNKNOWN']) {
    assert.ok(types.has(t), 'no vector of type ' + t);
  }
  assert.ok(vectors.valid.length >= 11, 'valid vectors: ' + vectors.valid.length);
  assert.ok(vectors.malformed.length >= 19, 'malformed vectors: ' + vectors.malformed.length);
});

for (const v of vectors.valid) {
  test('golden ' + v.name + ': decodes to its frame' + (v.decodeOnly ? '' : ' and encodes back'), () => {
    const bytes = fromHex(v.hex);
    assert.deepEqual(asVector(wire.decode(bytes)), v.frame);
    // The same through an ArrayBuffer, the data channel's binaryType.
    assert.deepEqual(asVector(wire.decode(bytes.slice().buffer)), v.frame);
    if (!v.decodeOnly) assert.equal(hex(wire.encode(asFrame(v.frame))), v.hex);
  });
}

for (const v of vectors.malformed) {
  test('malformed ' + v.name + ': refused with the Java codec\'s message', () => {
    const bytes = new Uint8Array(v.hex.length / 2 + (v.zeros || 0));
    bytes.set(fromHex(v.hex));
    assert.throws(() => wire.decode(bytes), (e) => {
      assert.ok(e instanceof wire.FrameFormatError, 'a FrameFormatError, got ' + e);
      assert.equal(e.message, v.error);
      return true;
    });
  });
}

test('a RANGE_DATA payload is a view of the message, not a copy', () => {
  const msg = wire.encode({ type: 'RANGE_DATA', streamId: 5, flags: wire.FLAG_LAST_CHUNK, payload: fromHex('0102') });
  const f = wire.decode(msg);
  assert.equal(f.payload.buffer, msg.buffer);
  assert.equal(f.payload.byteOffset, wire.HEADER_SIZE);
});

test('a decoded frame sits anywhere in a larger buffer', () => {
  const framed = fromHex('ff' + vectors.valid.find((v) => v.name === 'ping').hex + 'ee');
  const f = wire.decode(framed.subarray(1, framed.length - 1));
  assert.deepEqual(asVector(f), { type: 'PING', streamId: 42, payload: '6869' });
});

test('helpers build the frames the page sends', () => {
  assert.equal(hex(wire.rangeReq(7, 1 << 20, 0)), vectors.valid.find((v) => v.name === 'rangeReq').hex);
  assert.equal(hex(wire.cancel(0x12345678)), vectors.valid.find((v) => v.name === 'cancel').hex);
  const ping = wire.decode(fromHex(vectors.valid.find((v) => v.name === 'ping').hex));
  assert.equal(hex(wire.pong(ping)), vectors.valid.find((v) => v.name === 'pong').hex);
});

test('encode refuses what no valid frame can hold', () => {
  assert.throws(() => wire.rangeReq(0, 0, 0), RangeError);
  assert.throws(() => wire.rangeReq(2 ** 32, 0, 0), RangeError);
  assert.throws(() => wire.rangeReq(1, -1, 0), RangeError);
  assert.throws(() => wire.rangeReq(1, 2 ** 53, 0), RangeError, 'an unsafe Number is not exact');
  assert.equal(wire.decode(wire.rangeReq(1, (1n << 64n) - 1n, 0)).offset, (1n << 64n) - 1n);
  assert.throws(() => wire.encode({ type: 'RANGE_DATA', streamId: 1, payload: new Uint8Array(16385) }), RangeError);
  assert.throws(() => wire.encode({ type: 'PING', streamId: 1, payload: new Uint8Array(65) }), RangeError);
  const hello = { type: 'HELLO', flags: 0, fileSize: 0n, mime: '', durationMs: 0n };
  assert.throws(() => wire.encode({ ...hello, name: 'x'.repeat(1025) }), RangeError);
  assert.throws(() => wire.encode({ ...hello, name: '\uD800' }), RangeError);
  assert.throws(() => wire.encode({ ...hello, name: 'a', mime: 'm'.repeat(256) }), RangeError);
  assert.throws(() => wire.encode({ type: 'UNKNOWN', typeCode: 3, streamId: 1 }), RangeError);
});

test('a byte-order mark in a name is kept, as Java keeps it', () => {
  const msg = wire.encode({ type: 'HELLO', flags: 0, fileSize: 1n, name: '\uFEFFa', mime: '', durationMs: 0n });
  assert.equal(wire.decode(msg).name, '\uFEFFa');
});

test('every single-byte truncation of every valid vector is refused, never mis-decoded', () => {
  for (const v of vectors.valid) {
    const bytes = fromHex(v.hex);
    for (let n = 0; n < bytes.length; n++) {
      assert.throws(() => wire.decode(bytes.subarray(0, n)), wire.FrameFormatError, v.name + ' cut at ' + n);
    }
  }
});
