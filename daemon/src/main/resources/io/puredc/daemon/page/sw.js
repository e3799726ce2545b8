// The page's service worker: it answers the <video> element's HTTP requests for
// /media/{sessionId}/{name} with bytes that the page fetches over the data channel. A service
// worker cannot hold an RTCPeerConnection, so the page owns the channel and the worker only
// speaks HTTP; the two talk over one MessageChannel per request:
//
//   worker -> page  {kind:'media', sessionId}  (+ the port)
//   page -> worker  {kind:'head', ok, size, mime, name, transcoding}   (ok:false: not my session)
//   worker -> page  {kind:'open', start, end}   end exclusive, null = up to the end of the stream
//                   {kind:'close'}              nothing to send (416)
//   worker -> page  {kind:'pull'}               the response body wants more bytes
//   page -> worker  {kind:'data', buf, offset, length} | {kind:'end'} | {kind:'error', reason}
//   worker -> page  {kind:'cancel'}             the response was abandoned (a seek): send CANCEL
//
// Under Node (daemon/src/test/js/page.test.cjs) the file exports its pure helpers instead.
'use strict';

const MEDIA_PREFIX = '/media/';
// Bytes the response body may hold unread before the worker stops asking for more: the page
// fetches in windows on demand, so a paused <video> does not pull a whole file into memory.
const HIGH_WATER_BYTES = 2 * 1024 * 1024;
// How long a page may take to say whether it holds a session (it may wait for HELLO).
const ASK_TIMEOUT_MS = 10000;

const MIME_BY_EXTENSION = {
  mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', mkv: 'video/x-matroska',
  ogv: 'video/ogg', ogg: 'audio/ogg', oga: 'audio/ogg', ts: 'video/mp2t', m4a: 'audio/mp4', mp3: 'audio/mpeg',
  aac: 'audio/aac', flac: 'audio/flac', wav: 'audio/wav', opus: 'audio/ogg',
};

/** HELLO's mime when it has one, else a guess from the name's extension. */
function mimeFor(mime, name) {
  if (mime) return mime;
  const dot = name.lastIndexOf('.');
  const ext = dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
  return MIME_BY_EXTENSION[ext] || 'application/octet-stream';
}

/**
 * What to answer for a Range header (RFC 9110 §14) on a file of `size` bytes:
 * {status: 200, start: 0, end: size} for no usable range (absent, malformed, several ranges: a
 * server may ignore Range), {status: 206, start, end} (end exclusive) or {status: 416}.
 * `growing` (a transcode still running, size an estimate): a start past the estimate is not
 * refused and an open range runs to the end of the stream (end null).
 */
function parseRange(header, size, growing) {
  const whole = { status: 200, start: 0, end: growing ? null : size };
  if (header == null) return whole;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) return whole;
  if (m[1] === '') {
    // A suffix range, bytes=-N: the last N bytes.
    const n = Number(m[2]);
    if (n === 0 || growing) return n === 0 ? { status: 416 } : whole;
    return { status: 206, start: Math.max(0, size - n), end: size };
  }
  const start = Number(m[1]);
  if (!Number.isSafeInteger(start)) return { status: 416 };
  if (m[2] !== '' && Number(m[2]) < start) return whole; // an invalid range is ignored
  if (!growing && start >= size) return { status: 416 };
  if (m[2] === '') return { status: 206, start, end: growing ? null : size };
  const last = Number(m[2]);
  return { status: 206, start, end: growing ? last + 1 : Math.min(last + 1, size) };
}

/** The response headers for a parseRange answer. */
function responseHeaders(r, head) {
  const h = { 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store' };
  if (r.status === 416) {
    h['Content-Range'] = 'bytes */' + head.size;
    return h;
  }
  h['Content-Type'] = mimeFor(head.mime, head.name);
  if (head.transcoding) {
    // The final size is unknown: no Content-Length, and "*" for the complete length (RFC 9110
    // §14.4). The end shown is the estimate; the body simply ends where the stream does.
    if (r.status === 206) {
      const end = r.end === null ? Math.max(r.start, head.size - 1) : r.end - 1;
      h['Content-Range'] = 'bytes ' + r.start + '-' + end + '/*';
    }
    return h;
  }
  h['Content-Length'] = String(r.end - r.start);
  if (r.status === 206) h['Content-Range'] = 'bytes ' + r.start + '-' + (r.end - 1) + '/' + head.size;
  return h;
}

if (typeof module === 'object' && module.exports) {
  module.exports = { parseRange, responseHeaders, mimeFor, HIGH_WATER_BYTES };
} else {
  // Take over at once, also the page that registered us, so its first <video> is served here.
  self.addEventListener('install', () => self.skipWaiting());
  self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
  self.addEventListener('fetch', (event) => {
    const url = new URL(event.request.url);
    if (url.origin !== self.location.origin || !url.pathname.startsWith(MEDIA_PREFIX)) return;
    if (event.request.method !== 'GET') return;
    event.respondWith(serveMedia(event, url));
  });
}

async function serveMedia(event, url) {
  const sessionId = decodeURIComponent(url.pathname.slice(MEDIA_PREFIX.length).split('/')[0]);
  const owner = await findOwner(event.clientId, sessionId);
  if (!owner) {
    return new Response('no open page holds session ' + sessionId + '\n',
      { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  const { port, head } = owner;
  const r = parseRange(event.request.headers.get('Range'), head.size, head.transcoding);
  const headers = responseHeaders(r, head);
  if (r.status === 416 || r.end === r.start) {
    port.postMessage({ kind: 'close' });
    port.close();
    return new Response(null, { status: r.status, headers });
  }
  port.postMessage({ kind: 'open', start: r.start, end: r.end });
  return new Response(bodyFrom(port, event.request.signal), { status: r.status, headers });
}

/** A body fed by the page over `port`; it asks for bytes only while its queue has room. */
function bodyFrom(port, signal) {
  let wake = null; // resolves the pending pull() when the page sends anything
  let finished = false;
  const stop = () => {
    if (finished) return;
    finished = true;
    port.postMessage({ kind: 'cancel' });
    port.close();
    if (wake) wake();
  };
  return new ReadableStream({
    start(controller) {
      port.onmessage = (e) => {
        const m = e.data;
        if (finished) return;
        if (m.kind === 'data') {
          controller.enqueue(new Uint8Array(m.buf, m.offset, m.length));
        } else if (m.kind === 'end') {
          finished = true;
          controller.close();
          port.close();
        } else if (m.kind === 'error') {
          finished = true;
          controller.error(new Error(m.reason));
          port.close();
        }
        if (wake) {
          wake();
          wake = null;
        }
      };
      // The video element aborting its request (on a seek) also cancels the body; either way
      // the page learns of it once and sends CANCEL.
      if (signal) signal.addEventListener('abort', stop);
    },
    pull() {
      if (finished) return undefined;
      port.postMessage({ kind: 'pull' });
      return new Promise((resolve) => { wake = resolve; });
    },
    cancel: stop,
  }, new ByteLengthQueuingStrategy({ highWaterMark: HIGH_WATER_BYTES }));
}

/** Asks the requesting page, then any other window, which one holds the session. */
async function findOwner(clientId, sessionId) {
  const candidates = [];
  if (clientId) {
    const c = await self.clients.get(clientId);
    if (c) candidates.push(c);
  }
  for (const c of await self.clients.matchAll({ type: 'window' })) {
    if (!candidates.some((x) => x.id === c.id)) candidates.push(c);
  }
  for (const c of candidates) {
    const owner = await ask(c, sessionId);
    if (owner) return owner;
  }
  return null;
}

function ask(client, sessionId) {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    const timer = setTimeout(() => {
      ch.port1.close();
      resolve(null);
    }, ASK_TIMEOUT_MS);
    ch.port1.onmessage = (e) => {
      clearTimeout(timer);
      if (e.data && e.data.kind === 'head' && e.data.ok) {
        ch.port1.onmessage = null;
        resolve({ port: ch.port1, head: e.data });
      } else {
        ch.port1.close();
        resolve(null);
      }
    };
    client.postMessage({ kind: 'media', sessionId }, [ch.port2]);
  });
}
