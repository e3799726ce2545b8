// The wire codec of PROTOCOL.md §1 for the page: one frame = one binary data-channel message.
// Plain script, no build step: in a page it defines the global PuredcWire; under Node
// (daemon/src/test/js/wire.test.cjs) it is a CommonJS module. Its refusal messages are the Java
// codec's, word for word, so both are held to the same golden-vectors.json.
//
// Frames are plain objects: {type: 'HELLO'|'RANGE_REQ'|'RANGE_DATA'|'RANGE_END'|'CANCEL'|'PING'|
// 'PONG'|'UNKNOWN', streamId, ...}. u64 fields (fileSize, durationMs, offset, length) are BigInts,
// because a Number is exact only up to 2^53; payloads are Uint8Array views of the message, not copies.
(function (root, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.PuredcWire = api;
})(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  const VERSION = 1;
  const HEADER_SIZE = 12;
  const MAX_CHUNK_PAYLOAD = 16384;
  const MAX_NAME_BYTES = 1024;
  const MAX_MIME_BYTES = 255;
  const MAX_PING_PAYLOAD = 64;
  const FLAG_TRANSCODING = 0x01;
  const FLAG_SEEKABLE = 0x02;
  const FLAG_LAST_CHUNK = 0x01;
  const STATUS = Object.freeze({ OK: 0, BUSY: 1, OUT_OF_RANGE: 2, IO_ERROR: 3, CANCELLED: 4 });
  const CODES = Object.freeze({
    HELLO: 0x01, RANGE_REQ: 0x02, RANGE_DATA: 0x03, RANGE_END: 0x04, CANCEL: 0x05, PING: 0x06, PONG: 0x07,
  });
  const NAMES = Object.freeze(Object.fromEntries(Object.entries(CODES).map(([k, v]) => [v, k])));
  const U64_MAX = (1n << 64n) - 1n;

  // fatal: refuse bad UTF-8 like Java's REPORT action; ignoreBOM: keep a leading U+FEFF as Java does.
  const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const utf8Encoder = new TextEncoder();
  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

  /** A malformed frame (PROTOCOL.md §1): the receiver logs it and drops it. */
  class FrameFormatError extends Error {
    constructor(message) {
      super(message);
      this.name = 'FrameFormatError';
    }
  }

  function bytesOf(message) {
    if (message instanceof Uint8Array) return message;
    if (message instanceof ArrayBuffer) return new Uint8Array(message);
    if (ArrayBuffer.isView(message)) return new Uint8Array(message.buffer, message.byteOffset, message.byteLength);
    throw new TypeError('a frame is an ArrayBuffer or a typed array');
  }

  /** Decodes one whole message; throws FrameFormatError for anything §1 calls malformed. */
  function decode(message) {
    const m = bytesOf(message);
    const view = new DataView(m.buffer, m.byteOffset, m.byteLength);
    if (m.length < HEADER_SIZE) {
      throw new FrameFormatError('frame of ' + m.length + ' bytes is shorter than the ' + HEADER_SIZE + '-byte header');
    }
    const version = m[0];
    if (version !== VERSION) throw new FrameFormatError('unsupported frame version ' + version + ' (expected 1)');
    const code = m[1];
    const flags = m[2];
    // m[3] is reserved: receivers ignore it.
    const streamId = view.getUint32(4);
    const declared = view.getUint32(8);
    const actual = m.length - HEADER_SIZE;
    if (declared !== actual) {
      throw new FrameFormatError('length field says ' + declared + ' payload bytes but ' + actual + ' follow');
    }
    const payload = m.subarray(HEADER_SIZE);
    const p = new DataView(m.buffer, m.byteOffset + HEADER_SIZE, actual);
    const type = NAMES[code];
    switch (type) {
      case 'HELLO':
        return decodeHello(streamId, flags, payload, p);
      case 'RANGE_REQ':
        requireSize(type, actual, 16);
        if (streamId === 0) throw new FrameFormatError('RANGE_REQ stream_id must not be 0');
        return { type, streamId, offset: p.getBigUint64(0), length: p.getBigUint64(8) };
      case 'RANGE_DATA':
        requireAtMost(type, actual, MAX_CHUNK_PAYLOAD, 'MAX_CHUNK_PAYLOAD ');
        return { type, streamId, flags, payload };
      case 'RANGE_END':
        requireSize(type, actual, 4);
        return { type, streamId, status: p.getUint32(0) };
      case 'CANCEL':
        requireSize(type, actual, 0);
        return { type, streamId };
      case 'PING':
      case 'PONG':
        requireAtMost(type, actual, MAX_PING_PAYLOAD, '');
        return { type, streamId, payload };
      default:
        return { type: 'UNKNOWN', typeCode: code, flags, streamId, payload };
    }
  }

  function decodeHello(streamId, flags, payload, p) {
    if (streamId !== 0) throw new FrameFormatError('HELLO stream_id must be 0, got ' + streamId);
    const c = { at: 0 };
    const need = (n, field) => {
      if (payload.length - c.at < n) throw new FrameFormatError('HELLO payload ends inside ' + field);
    };
    need(8, 'file_size');
    const fileSize = p.getBigUint64(c.at);
    c.at += 8;
    const name = helloString(payload, p, c, need, 'name', MAX_NAME_BYTES);
    const mime = helloString(payload, p, c, need, 'mime', MAX_MIME_BYTES);
    need(8, 'duration_ms');
    const durationMs = p.getBigUint64(c.at);
    c.at += 8;
    if (c.at !== payload.length) throw new FrameFormatError('HELLO has ' + (payload.length - c.at) + ' trailing bytes');
    return { type: 'HELLO', flags, streamId: 0, fileSize, name, mime, durationMs };
  }

  // A u16 length, then that many UTF-8 bytes, read at cursor c.
  function helloString(payload, p, c, need, field, max) {
    need(2, field + '_len');
    const len = p.getUint16(c.at);
    c.at += 2;
    if (len > max) throw new FrameFormatError('HELLO ' + field + ' of ' + len + ' bytes exceeds ' + max);
    need(len, field);
    let value;
    try {
      value = utf8Decoder.decode(payload.subarray(c.at, c.at + len));
    } catch (e) {
      throw new FrameFormatError('HELLO ' + field + ' is not valid UTF-8');
    }
    c.at += len;
    return value;
  }

  function requireSize(type, size, expected) {
    if (size !== expected) throw new FrameFormatError(type + ' payload must be ' + expected + ' bytes, got ' + size);
  }

  function requireAtMost(type, size, max, limitName) {
    if (size > max) throw new FrameFormatError(type + ' payload of ' + size + ' bytes exceeds ' + limitName + max);
  }

  // ------------------------------------------------------------------------------ encoding

  function u32(field, v) {
    if (!Number.isInteger(v) || v < 0 || v > 0xFFFFFFFF) throw new RangeError(field + ' must be a u32: ' + v);
    return v;
  }

  function u8(field, v) {
    if (!Number.isInteger(v) || v < 0 || v > 0xFF) throw new RangeError(field + ' must be a u8: ' + v);
    return v;
  }

  // Accepts a BigInt or a safe non-negative integer Number.
  function u64(field, v) {
    const b = typeof v === 'bigint' ? v : Number.isSafeInteger(v) ? BigInt(v) : null;
    if (b === null || b < 0n || b > U64_MAX) throw new RangeError(field + ' must be a u64: ' + v);
    return b;
  }

  function utf8(field, s, max) {
    if (typeof s !== 'string') throw new TypeError(field + ' must be a string');
    if (LONE_SURROGATE.test(s)) throw new RangeError(field + ' is not valid Unicode (unpaired surrogate)');
    const b = utf8Encoder.encode(s);
    if (b.length > max) throw new RangeError(field + ' of ' + b.length + ' UTF-8 bytes exceeds ' + max);
    return b;
  }

  function bytesPayload(field, payload, max) {
    const b = payload === undefined ? new Uint8Array(0) : bytesOf(payload);
    if (b.length > max) throw new RangeError(field + ' of ' + b.length + ' bytes exceeds ' + max);
    return b;
  }

  /** Encodes a frame object (the shape decode returns) into a new Uint8Array. */
  function encode(f) {
    let code;
    let flags = 0;
    let payload;
    switch (f.type) {
      case 'HELLO': {
        const name = utf8('name', f.name, MAX_NAME_BYTES);
        const mime = utf8('mime', f.mime, MAX_MIME_BYTES);
        payload = new Uint8Array(8 + 2 + name.length + 2 + mime.length + 8);
        const p = new DataView(payload.buffer);
        p.setBigUint64(0, u64('fileSize', f.fileSize));
        p.setUint16(8, name.length);
        payload.set(name, 10);
        p.setUint16(10 + name.length, mime.length);
        payload.set(mime, 12 + name.length);
        p.setBigUint64(12 + name.length + mime.length, u64('durationMs', f.durationMs));
        code = CODES.HELLO;
        flags = u8('flags', f.flags || 0);
        if ((f.streamId || 0) !== 0) throw new RangeError('a HELLO stream_id is 0');
        break;
      }
      case 'RANGE_REQ': {
        if (u32('streamId', f.streamId) === 0) throw new RangeError('a RANGE_REQ stream_id must not be 0');
        payload = new Uint8Array(16);
        const p = new DataView(payload.buffer);
        p.setBigUint64(0, u64('offset', f.offset));
        p.setBigUint64(8, u64('length', f.length));
        code = CODES.RANGE_REQ;
        break;
      }
      case 'RANGE_DATA':
        payload = bytesPayload('RANGE_DATA payload', f.payload, MAX_CHUNK_PAYLOAD);
        flags = u8('flags', f.flags || 0);
        code = CODES.RANGE_DATA;
        break;
      case 'RANGE_END':
        payload = new Uint8Array(4);
        new DataView(payload.buffer).setUint32(0, u32('status', f.status));
        code = CODES.RANGE_END;
        break;
      case 'CANCEL':
        payload = new Uint8Array(0);
        code = CODES.CANCEL;
        break;
      case 'PING':
      case 'PONG':
        payload = bytesPayload(f.type + ' payload', f.payload, MAX_PING_PAYLOAD);
        code = CODES[f.type];
        break;
      case 'UNKNOWN':
        code = u8('typeCode', f.typeCode);
        if (NAMES[code]) throw new RangeError('type ' + code + ' is a known frame type');
        payload = bytesPayload('payload', f.payload, 0x7FFFFFFF);
        flags = u8('flags', f.flags || 0);
        break;
      default:
        throw new TypeError('unknown frame type ' + f.type);
    }
    const out = new Uint8Array(HEADER_SIZE + payload.length);
    const h = new DataView(out.buffer);
    out[0] = VERSION;
    out[1] = code;
    out[2] = flags;
    out[3] = 0;
    h.setUint32(4, u32('streamId', f.streamId || 0));
    h.setUint32(8, payload.length);
    out.set(payload, HEADER_SIZE);
    return out;
  }

  return Object.freeze({
    VERSION, HEADER_SIZE, MAX_CHUNK_PAYLOAD, MAX_NAME_BYTES, MAX_MIME_BYTES, MAX_PING_PAYLOAD,
    FLAG_TRANSCODING, FLAG_SEEKABLE, FLAG_LAST_CHUNK, STATUS, CODES,
    FrameFormatError, decode, encode,
    rangeReq: (streamId, offset, length) => encode({ type: 'RANGE_REQ', streamId, offset, length }),
    cancel: (streamId) => encode({ type: 'CANCEL', streamId }),
    pong: (ping) => encode({ type: 'PONG', streamId: ping.streamId, payload: ping.payload }),
  });
});
