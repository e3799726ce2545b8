// The page's parts that need no DOM: the SSE parser and the signal channel of signalling.js, the
// windowed range transfer of app.js, and the HTTP range arithmetic of sw.js.
// Run: node --test daemon/src/test/js/
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const page = path.resolve(__dirname, '../../main/resources/io/puredc/daemon/page');
const { SseParser, SignalChannel, api } = require(path.join(page, 'signalling.js'));
const { Transfer, WINDOW_BYTES } = require(path.join(page, 'app.js'));
const { parseRange, responseHeaders, mimeFor } = require(path.join(page, 'sw.js'));
const W = require(path.join(page, 'wire.js'));

// ------------------------------------------------------------------------------ SseParser

function parseAll(chunks) {
  const events = [];
  const p = new SseParser((e) => events.push(e));
  chunks.forEach((c) => p.push(c));
  return events;
}

test('SSE: id and data per event, comments and retry skipped', () => {
  const events = parseAll(['retry: 1000\n\n: keep-alive\n', 'id: 1\ndata: {"type":"answer"}\n\n', 'id: 2\ndata: x\n\n']);
  assert.deepEqual(events, [{ id: '1', data: '{"type":"answer"}' }, { id: '2', data: 'x' }]);
});

test('SSE: events split anywhere across chunks, CRLF and CR line ends', () => {
  const text = 'id: 7\r\ndata: a\r\n\r\nid: 8\rdata: b\r\rid:9\ndata:c\n\n';
  const whole = parseAll([text]);
  assert.deepEqual(whole, [{ id: '7', data: 'a' }, { id: '8', data: 'b' }, { id: '9', data: 'c' }]);
  for (let cut = 1; cut < text.length; cut++) {
    assert.deepEqual(parseAll([text.slice(0, cut), text.slice(cut)]), whole, 'cut at ' + cut);
  }
});

test('SSE: several data lines join with newlines; an unterminated event is not dispatched', () => {
  assert.deepEqual(parseAll(['data: one\ndata: two\n\ndata: half']), [{ id: null, data: 'one\ntwo' }]);
});

test('SSE: the last id carries over to events without one', () => {
  assert.deepEqual(parseAll(['id: 3\ndata: a\n\ndata: b\n\n']), [{ id: '3', data: 'a' }, { id: '3', data: 'b' }]);
});

// -------------------------------------------------------------------------- SignalChannel

/**
 * A SignalChannel on a scripted fetch: `answers` are consumed in call order, each a Response, an
 * Error to reject with, a function (url, init) -> either, or 'hang' (an open stream that ends only
 * when the request is aborted). Sleeps resolve at once and are recorded.
 */
function signalHarness(answers, { connected = false, onMessage } = {}) {
  const calls = [];
  const sleeps = [];
  const failures = [];
  const applied = [];
  const fetch = async (url, init) => {
    calls.push({ url, init });
    let a = answers.shift();
    if (typeof a === 'function') a = await a(url, init);
    if (a === undefined) throw new Error('unexpected fetch ' + init.method + ' ' + url);
    if (a instanceof Error) throw a;
    if (a === 'hang') {
      return new Response(new ReadableStream({
        start(c) { init.signal.addEventListener('abort', () => c.error(new Error('aborted'))); },
      }), { status: 200 });
    }
    return a;
  };
  const ch = new SignalChannel('s 1', 'tok', {
    onMessage: onMessage || ((m) => { applied.push(m); }),
    onApplyError: (m, e) => applied.push({ error: m.type + ': ' + e.message }),
    fail: (r) => failures.push(r),
    connected: () => connected,
    log: () => {},
  }, { fetch, sleep: async (ms) => { sleeps.push(ms); } });
  return { ch, calls, sleeps, failures, applied };
}

const sse = (text) => new Response(text, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
const status = (code, body) => new Response(body === undefined ? null : JSON.stringify(body), { status: code });
const event = (id, type, payload = '') => 'id: ' + id + '\ndata: ' + JSON.stringify({ type, payload }) + '\n\n';

test('signal: POSTs go out one at a time, in order, with the token, and a bye as keepalive', async () => {
  let release;
  const gate = new Promise((r) => { release = r; });
  const h = signalHarness([async () => { await gate; return status(204); }, status(204), status(204)]);
  h.ch.send({ type: 'offer', payload: 'o' });
  h.ch.send({ type: 'candidate', payload: 'c' });
  const last = h.ch.send({ type: 'bye', payload: '' });
  await new Promise((r) => setImmediate(r));
  assert.equal(h.calls.length, 1, 'the second POST waits for the first');
  release();
  await last;
  assert.deepEqual(h.calls.map((c) => JSON.parse(c.init.body).type), ['offer', 'candidate', 'bye']);
  for (const c of h.calls) {
    assert.equal(c.url, '/api/sessions/s%201/signal?from=browser');
    assert.equal(c.init.method, 'POST');
    assert.equal(c.init.headers.Authorization, 'Bearer tok');
    assert.equal(c.init.headers['Content-Type'], 'application/json');
  }
  assert.deepEqual(h.calls.map((c) => c.init.keepalive), [false, false, true]);
});

test('signal: a refused POST fails a session that never connected, and only logs once connected', async () => {
  const h = signalHarness([status(400, { error: 'bad message' })]);
  await h.ch.send({ type: 'offer', payload: 'x' });
  assert.deepEqual(h.failures, ['signal offer: HTTP 400 (bad message)']);
  const h2 = signalHarness([status(400), status(500)], { connected: true });
  await h2.ch.send({ type: 'candidate', payload: 'x' });
  const h3 = signalHarness([status(500)]);
  await h3.ch.send({ type: 'bye', payload: '' });
  assert.deepEqual([...h2.failures, ...h3.failures], [], 'connected, or a bye: no failure');
});

test('signal stream: resumes with Last-Event-ID after each cut and applies messages in order, one at a time', async () => {
  const order = [];
  let releaseFirst;
  const firstApplied = new Promise((r) => { releaseFirst = r; });
  const h = signalHarness([
    sse('retry: 1000\n\n' + event(1, 'answer', 'a') + event(2, 'candidate', 'c1')),
    sse(event(3, 'candidate-end')),
    'hang',
  ], {
    onMessage: async (m) => {
      order.push('start ' + m.type);
      if (m.type === 'answer') await firstApplied;
      order.push('end ' + m.type);
    },
  });
  const reading = h.ch.read();
  while (h.calls.length < 3) await new Promise((r) => setImmediate(r));
  assert.deepEqual(h.calls.map((c) => c.init.headers['Last-Event-ID']), [undefined, '2', '3']);
  for (const c of h.calls) {
    assert.equal(c.url, '/api/sessions/s%201/signal?to=browser');
    assert.equal(c.init.headers.Authorization, 'Bearer tok');
    assert.equal(c.init.headers.Accept, 'text/event-stream');
  }
  assert.deepEqual(order, ['start answer'], 'the candidate waits until the answer is applied');
  releaseFirst();
  await h.ch.inbound;
  assert.deepEqual(order, ['start answer', 'end answer', 'start candidate', 'end candidate',
    'start candidate-end', 'end candidate-end']);
  assert.deepEqual(h.sleeps, [], 'a cut is followed by an immediate reconnection');
  h.ch.close(false);
  await reading;
  assert.equal(h.calls.length, 3, 'close() ends the open stream and reads no more');
  assert.equal(h.calls[2].init.signal.aborted, true);
});

test('signal stream: errors back off from 500 ms, doubling up to 8 s, and give up after 8 if never connected', async () => {
  const answers = [];
  for (let i = 0; i < 7; i++) answers.push(status(503));
  answers.push(new TypeError('network down'));
  const h = signalHarness(answers);
  await h.ch.read();
  assert.deepEqual(h.sleeps, [500, 1000, 2000, 4000, 8000, 8000, 8000]);
  assert.deepEqual(h.failures, ['network down (gave up after 8 attempts)']);
  assert.equal(h.calls.length, 8);
});

test('signal stream: a connected session keeps retrying; a success resets the back-off', async () => {
  const answers = [];
  for (let i = 0; i < 9; i++) answers.push(status(502));
  answers.push(sse(event(1, 'bye')), status(502));
  let h = null;
  answers.push(() => { h.ch.close(false); return status(502); });
  h = signalHarness(answers, { connected: true });
  await h.ch.read();
  assert.deepEqual(h.failures, []);
  // The last 1000 is close()'s wait for its (here absent) bye.
  assert.deepEqual(h.sleeps, [500, 1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000, 500, 1000]);
  assert.deepEqual(h.applied, [{ type: 'bye', payload: '' }]);
});

test('signal stream: 401 or 404 ends reading (a failure unless the channel is open); unreadable data is dropped', async () => {
  const h = signalHarness([sse('data: {not json\n\n' + event(1, 'answer', 'a')), status(404, { error: 'no such session' })]);
  await h.ch.read();
  assert.deepEqual(h.failures, ['signal stream: HTTP 404 (no such session)']);
  await h.ch.inbound;
  assert.deepEqual(h.applied, [{ type: 'answer', payload: 'a' }]);
  const h2 = signalHarness([status(401)], { connected: true });
  await h2.ch.read();
  assert.deepEqual(h2.failures, []);
});

test('close: the bye goes out, messages not yet sent do not, and it waits at most 1 s for the bye', async () => {
  const h = signalHarness([status(204), status(204)]);
  await h.ch.send({ type: 'candidate', payload: 'c' });
  h.ch.send({ type: 'candidate', payload: 'queued' }); // its turn comes after close(): pointless now
  const closed = h.ch.close();
  h.ch.send({ type: 'candidate', payload: 'late' });
  await closed;
  await h.ch.outbound;
  assert.deepEqual(h.calls.map((c) => JSON.parse(c.init.body).type), ['candidate', 'bye']);
  assert.deepEqual(h.sleeps, [1000], 'close() waits for the bye for at most 1 s');
  await h.ch.close(); // twice is once
  assert.equal(h.calls.length, 2);
});

test('api: the error names the call and the status, with the relay\'s reason when it gives one', async () => {
  const fetch = async () => status(429, { error: 'too many messages' });
  await assert.rejects(api('signal offer', '/x', { fetch }), (e) => e.status === 429
    && e.message === 'signal offer: HTTP 429 (too many messages)');
  await assert.rejects(api('file list', '/x', { fetch: async () => new Response('<html>', { status: 502 }) }),
    { message: 'file list: HTTP 502' });
});

// ------------------------------------------------------------------------------- Transfer

/** A session and a worker port that record what the transfer sends, and frames to feed it. */
function harness() {
  const sent = [];
  const posted = [];
  let nextId = 1;
  const session = {
    transfers: new Map(),
    active: new Set(),
    stats: { rangeRequests: 0, cancels: 0, busyRetries: 0, bytesReceived: 0 },
    log: () => {},
    send: (bytes) => sent.push(W.decode(bytes)),
    newRequestId: () => nextId++,
  };
  const port = { closed: false, postMessage: (m) => posted.push(m), close() { this.closed = true; } };
  const data = (id, bytes) => {
    const msg = W.encode({ type: 'RANGE_DATA', streamId: id, flags: 0, payload: new Uint8Array(bytes) });
    return W.decode(msg.buffer);
  };
  // As the session does: route a frame to the transfer that owns its id, if any.
  const deliver = (f) => {
    const t = session.transfers.get(f.streamId);
    if (!t) return;
    if (f.type === 'RANGE_DATA') t.onData(f);
    else t.onEnd(f.streamId, f.status);
  };
  return { session, port, sent, posted, data, deliver };
}

const bytesOf = (posted) => posted.filter((m) => m.kind === 'data')
  .reduce((n, m) => n + m.length, 0);

test('a range is fetched one window at a time, and only when the worker pulls', () => {
  const h = harness();
  const size = WINDOW_BYTES + 1000;
  const t = new Transfer(h.session, h.port, 0, size);
  assert.equal(h.sent.length, 0, 'nothing is asked before the first pull');
  t.pull();
  assert.deepEqual(h.sent, [{ type: 'RANGE_REQ', streamId: 1, offset: 0n, length: BigInt(WINDOW_BYTES) }]);
  t.pull(); // a pull while a window is open asks for no second one
  assert.equal(h.sent.length, 1);
  for (let at = 0; at < WINDOW_BYTES; at += W.MAX_CHUNK_PAYLOAD) h.deliver(h.data(1, W.MAX_CHUNK_PAYLOAD));
  h.deliver({ type: 'RANGE_END', streamId: 1, status: W.STATUS.OK });
  // The worker wanted more while the window was open: the next one follows at once.
  assert.deepEqual(h.sent[1], { type: 'RANGE_REQ', streamId: 2, offset: BigInt(WINDOW_BYTES), length: 1000n });
  h.deliver(h.data(2, 1000));
  h.deliver({ type: 'RANGE_END', streamId: 2, status: W.STATUS.OK });
  assert.equal(bytesOf(h.posted), size);
  assert.deepEqual(h.posted.at(-1), { kind: 'end' });
  assert.ok(h.port.closed);
  assert.equal(h.session.transfers.size, 0);
  assert.equal(h.session.active.size, 0);
});

test('without a pull after a window, no further window is asked for (a paused video)', () => {
  const h = harness();
  const t = new Transfer(h.session, h.port, 0, 3 * WINDOW_BYTES);
  t.pull();
  h.deliver(h.data(1, 10));
  h.deliver({ type: 'RANGE_END', streamId: 1, status: W.STATUS.OK }); // short: the file ended early
  assert.equal(h.posted.at(-1).kind, 'error', 'fewer bytes than announced fail the response');
  const h2 = harness();
  const t2 = new Transfer(h2.session, h2.port, 0, 3 * WINDOW_BYTES);
  t2.pull();
  for (let at = 0; at < WINDOW_BYTES; at += W.MAX_CHUNK_PAYLOAD) h2.deliver(h2.data(1, W.MAX_CHUNK_PAYLOAD));
  h2.deliver({ type: 'RANGE_END', streamId: 1, status: W.STATUS.OK });
  assert.equal(h2.sent.length, 1, 'the second window waits for a pull');
  t2.pull();
  assert.equal(h2.sent.length, 2);
});

test('a cancelled response sends CANCEL for its open request and ignores what still arrives', () => {
  const h = harness();
  const t = new Transfer(h.session, h.port, 500, 100000);
  t.pull();
  h.deliver(h.data(1, 100));
  t.cancel();
  assert.deepEqual(h.sent.at(-1), { type: 'CANCEL', streamId: 1 });
  assert.equal(h.session.stats.cancels, 1);
  const before = h.posted.length;
  h.deliver(h.data(1, 100));
  h.deliver({ type: 'RANGE_END', streamId: 1, status: W.STATUS.CANCELLED });
  assert.equal(h.posted.length, before);
  t.cancel(); // twice is once
  assert.equal(h.sent.length, 2);
  assert.equal(h.session.active.size, 0);
});

test('BUSY is retried after a delay at the same offset, a bounded number of times', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const h = harness();
  const tr = new Transfer(h.session, h.port, 42, 1042);
  tr.pull();
  for (let i = 1; i <= 5; i++) {
    h.deliver({ type: 'RANGE_END', streamId: h.sent.at(-1).streamId, status: W.STATUS.BUSY });
    assert.equal(h.sent.length, i, 'no retry before the delay');
    t.mock.timers.tick(200 * i);
    assert.deepEqual(h.sent.at(-1), { type: 'RANGE_REQ', streamId: i + 1, offset: 42n, length: 1000n });
  }
  h.deliver({ type: 'RANGE_END', streamId: 6, status: W.STATUS.BUSY });
  assert.deepEqual(h.posted.at(-1), { kind: 'error', reason: 'request at byte 42 ended with BUSY' });
});

test('error statuses fail the response with their name', () => {
  for (const [status, name] of [[2, 'OUT_OF_RANGE'], [3, 'IO_ERROR'], [4, 'CANCELLED'], [9, 'status 9']]) {
    const h = harness();
    new Transfer(h.session, h.port, 0, 10).pull();
    h.deliver({ type: 'RANGE_END', streamId: 1, status });
    assert.deepEqual(h.posted.at(-1), { kind: 'error', reason: 'request at byte 0 ended with ' + name });
  }
});

test('more bytes than asked for fail the response instead of corrupting it', () => {
  const h = harness();
  new Transfer(h.session, h.port, 0, 10).pull();
  h.deliver(h.data(1, 11));
  assert.equal(h.posted.at(-1).kind, 'error');
});

test('an open-ended range (a transcode still running) ends at a short answer or OUT_OF_RANGE', () => {
  const h = harness();
  new Transfer(h.session, h.port, 0, null).pull();
  h.deliver(h.data(1, 5));
  h.deliver({ type: 'RANGE_END', streamId: 1, status: W.STATUS.OK });
  assert.deepEqual(h.posted.at(-1), { kind: 'end' });
  const h2 = harness();
  new Transfer(h2.session, h2.port, 1 << 30, null).pull();
  h2.deliver({ type: 'RANGE_END', streamId: 1, status: W.STATUS.OUT_OF_RANGE });
  assert.deepEqual(h2.posted.at(-1), { kind: 'end' });
});

test('data reaches the worker as the message\'s own buffer, without a copy', () => {
  const h = harness();
  new Transfer(h.session, h.port, 0, 3).pull();
  const f = h.data(1, 3);
  h.deliver(f);
  const m = h.posted[0];
  assert.equal(m.buf, f.payload.buffer);
  assert.equal(m.offset, W.HEADER_SIZE);
  assert.equal(m.length, 3);
});

// ---------------------------------------------------------------------- sw.js: HTTP ranges

test('Range headers map to 200, 206 or 416', () => {
  const size = 1000;
  assert.deepEqual(parseRange(null, size), { status: 200, start: 0, end: 1000 });
  assert.deepEqual(parseRange('bytes=0-', size), { status: 206, start: 0, end: 1000 });
  assert.deepEqual(parseRange('bytes=100-199', size), { status: 206, start: 100, end: 200 });
  assert.deepEqual(parseRange('bytes=900-5000', size), { status: 206, start: 900, end: 1000 });
  assert.deepEqual(parseRange('bytes=-10', size), { status: 206, start: 990, end: 1000 });
  assert.deepEqual(parseRange('bytes=-5000', size), { status: 206, start: 0, end: 1000 });
  assert.deepEqual(parseRange('bytes=1000-', size), { status: 416 });
  assert.deepEqual(parseRange('bytes=-0', size), { status: 416 });
  assert.deepEqual(parseRange('bytes=0-', 0), { status: 416 });
  // Ignored (a server may): malformed, several ranges, last before first.
  for (const h of ['bytes=a-b', 'items=0-1', 'bytes=0-1,5-6', 'bytes=-', 'bytes=5-4']) {
    assert.deepEqual(parseRange(h, size), { status: 200, start: 0, end: 1000 }, h);
  }
});

test('a growing file (transcoding) is never refused and open ranges run to the end of the stream', () => {
  assert.deepEqual(parseRange('bytes=5000-', 1000, true), { status: 206, start: 5000, end: null });
  assert.deepEqual(parseRange(null, 1000, true), { status: 200, start: 0, end: null });
  assert.deepEqual(parseRange('bytes=10-19', 1000, true), { status: 206, start: 10, end: 20 });
});

test('response headers carry the exact range, or no length while transcoding', () => {
  const head = { size: 1000, mime: 'video/mp4', name: 'a.mp4', transcoding: false };
  assert.deepEqual(responseHeaders({ status: 206, start: 100, end: 200 }, head), {
    'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store', 'Content-Type': 'video/mp4',
    'Content-Length': '100', 'Content-Range': 'bytes 100-199/1000',
  });
  assert.equal(responseHeaders({ status: 200, start: 0, end: 1000 }, head)['Content-Length'], '1000');
  assert.equal(responseHeaders({ status: 200, start: 0, end: 1000 }, head)['Content-Range'], undefined);
  assert.equal(responseHeaders({ status: 416 }, head)['Content-Range'], 'bytes */1000');
  const growing = { ...head, transcoding: true };
  const h = responseHeaders({ status: 206, start: 100, end: null }, growing);
  assert.equal(h['Content-Range'], 'bytes 100-999/*');
  assert.equal(h['Content-Length'], undefined);
});

test('the content type is HELLO\'s mime, else guessed from the extension', () => {
  assert.equal(mimeFor('video/webm', 'x.mp4'), 'video/webm');
  assert.equal(mimeFor('', 'dir/Clip.MP4'), 'video/mp4');
  assert.equal(mimeFor('', 'a.mkv'), 'video/x-matroska');
  assert.equal(mimeFor('', 'noext'), 'application/octet-stream');
});
