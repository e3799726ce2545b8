// The page: lists the daemon's files, opens a session (PROTOCOL.md §2, through signalling.js),
// holds the RTCPeerConnection and its `stream` channel, and feeds the service worker (sw.js) the
// byte ranges the <video> element asks for, as RANGE_REQ/RANGE_DATA/RANGE_END (§1). Plain script,
// no build step; index.html loads wire.js and signalling.js before it.
// Test hooks: ?play=<path> starts that file muted; window.puredc exposes state (see daemon/README.md).
'use strict';

const W = typeof module === 'object' && module.exports ? require('./wire.js') : globalThis.PuredcWire;
// In a page, signalling.js is loaded before this file (index.html); the Node tests need none of it.
const S = typeof module === 'object' && module.exports ? null : globalThis.PuredcSignalling;
const WINDOW_BYTES = 2 * 1024 * 1024; // one RANGE_REQ's size: the memory a paused video can pin
const BUSY_RETRIES = 5;

// ------------------------------------------------------------ one HTTP range, in windows

/**
 * Serves [start, end) of the file to one service-worker response, one RANGE_REQ window at a
 * time, and only while the response wants more (its 'pull'): memory stays bounded however
 * long the video pauses. end null: up to the end of the stream (a transcode still running).
 * `session` gives send(bytes), newRequestId(), transfers (open id -> Transfer), active (every
 * unfinished Transfer), stats and log(msg); `port` is the MessagePort to the service worker.
 */
class Transfer {
  constructor(session, port, start, end) {
    this.session = session;
    this.port = port;
    this.pos = start;
    this.end = end;
    this.reqId = 0;
    this.wanted = false;
    this.done = false;
    this.busy = 0;
    session.active.add(this);
  }

  pull() {
    if (this.done) return;
    if (this.reqId === 0 && !this.retrying) this.request();
    else this.wanted = true;
  }

  request() {
    const s = this.session;
    const length = this.end === null ? WINDOW_BYTES : Math.min(WINDOW_BYTES, this.end - this.pos);
    this.reqId = s.newRequestId();
    this.reqStart = this.pos;
    this.reqLength = length;
    this.wanted = false;
    s.transfers.set(this.reqId, this);
    this.session.stats.rangeRequests++;
    s.send(W.rangeReq(this.reqId, this.pos, length));
  }

  onData(f) {
    if (f.streamId !== this.reqId || this.done) return;
    const n = f.payload.byteLength;
    if (this.pos + n > this.reqStart + this.reqLength) {
      this.fail('the daemon sent more than request ' + f.streamId + ' asked for');
      return;
    }
    this.pos += n;
    this.session.stats.bytesReceived += n;
    // Hand the message's own buffer over (no copy); the worker reads the payload in place.
    this.port.postMessage({ kind: 'data', buf: f.payload.buffer, offset: f.payload.byteOffset, length: n },
      [f.payload.buffer]);
  }

  onEnd(id, status) {
    if (id !== this.reqId) return;
    this.session.transfers.delete(id);
    this.reqId = 0;
    if (this.done) return;
    const S = W.STATUS;
    if (status === S.OK) {
      const short = this.pos < this.reqStart + this.reqLength;
      if (this.end !== null && this.pos >= this.end) this.finish();
      else if (short && this.end === null) this.finish(); // a short answer is the end of the stream
      else if (short) this.fail('the file ended at byte ' + this.pos + ', before the ' + this.end + ' announced');
      else if (this.wanted) this.request();
    } else if (status === S.BUSY && this.busy < BUSY_RETRIES) {
      this.busy++;
      this.session.stats.busyRetries++;
      this.retrying = true;
      setTimeout(() => {
        this.retrying = false;
        if (!this.done) this.request();
      }, 200 * this.busy);
    } else if (status === S.OUT_OF_RANGE && this.end === null) {
      this.finish();
    } else {
      const names = ['OK', 'BUSY', 'OUT_OF_RANGE', 'IO_ERROR', 'CANCELLED'];
      this.fail('request at byte ' + this.reqStart + ' ended with ' + (names[status] || 'status ' + status));
    }
  }

  cancel() {
    if (this.done) return;
    this.done = true;
    this.session.active.delete(this);
    if (this.reqId !== 0) {
      // Forget the id now: whatever the daemon still sends for it is ignored.
      this.session.transfers.delete(this.reqId);
      this.session.send(W.cancel(this.reqId));
      this.session.stats.cancels++;
      this.session.log('cancelled request ' + this.reqId + ' at byte ' + this.pos);
      this.reqId = 0;
    }
    this.port.close();
  }

  finish() {
    this.done = true;
    this.session.active.delete(this);
    this.port.postMessage({ kind: 'end' });
    this.port.close();
  }

  fail(reason) {
    if (this.done) return;
    this.done = true;
    this.session.active.delete(this);
    this.session.log('range ' + this.reqStart + '..: ' + reason);
    if (this.reqId !== 0) this.session.transfers.delete(this.reqId);
    this.port.postMessage({ kind: 'error', reason });
    this.port.close();
  }
}

if (typeof module === 'object' && module.exports) {
  module.exports = { Transfer, WINDOW_BYTES }; // under Node (page.test.cjs): the parts without a DOM
} else {
  const page = createPage();
  window.addEventListener('DOMContentLoaded', () => page.boot());
}

/** The page itself; runs only in a browser. */
function createPage() {
  const CONNECT_TIMEOUT_MS = 30000;
  const HELLO_WAIT_MS = 8000;

  const $ = (id) => document.getElementById(id);
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  let session = null;
  let autoplay = false;

  const puredc = {
    state: 'idle', error: null, hello: null, hellos: [], sessionId: null, mediaUrl: null, log: [],
    stats: { rangeRequests: 0, cancels: 0, busyRetries: 0, bytesReceived: 0, malformed: 0, pongs: 0, reopens: 0 },
    sha256OfWholeFile,
    openRequests: () => (session ? session.transfers.size : 0), // RANGE_REQs awaiting their RANGE_END
    stop: () => stop(), // ends the session with a bye, as leaving the page does
  };
  window.puredc = puredc;

  function log(msg) {
    const line = new Date().toISOString().slice(11, 23) + ' ' + msg;
    puredc.log.push(line);
    if (puredc.log.length > 300) puredc.log.shift();
    console.log('[puredc] ' + msg);
    const pre = $('log');
    if (pre) pre.textContent = puredc.log.slice(-40).join('\n');
  }

  function setState(state, detail) {
    if (puredc.state === 'error' && state !== 'idle' && state !== 'connecting') return;
    puredc.state = state;
    showStatus(detail);
  }

  function showStatus(detail) {
    const el = $('status');
    el.dataset.state = puredc.state;
    let text = puredc.state === 'error' ? 'error: ' + puredc.error : puredc.state;
    if (detail) text += ' \u00b7 ' + detail;
    el.textContent = text;
  }

  function fail(reason) {
    if (puredc.state === 'error') return;
    puredc.error = reason;
    puredc.state = 'error';
    log('error: ' + reason);
    showStatus();
    if (session) session.close(true);
  }

  // ------------------------------------------------------------------------- the file list

  async function boot() {
    const params = new URLSearchParams(location.search);
    $('stop').addEventListener('click', () => stop());
    wireVideo();
    window.addEventListener('pagehide', () => { if (session) session.close(false); });
    let files;
    try {
      files = (await (await S.api('file list', '/api/files')).json()).files;
    } catch (e) {
      fail(e.message);
      return;
    }
    renderFiles(files);
    const play = params.get('play');
    if (play !== null) {
      const file = files.find((f) => f.path === play);
      if (!file) {
        fail('no such file: ' + play);
        return;
      }
      if (params.get('quality')) $('quality').value = params.get('quality');
      autoplay = true;
      start(file);
    }
  }

  function renderFiles(files) {
    const tbody = document.querySelector('#files tbody');
    tbody.textContent = '';
    for (const f of files) {
      const tr = document.createElement('tr');
      const name = document.createElement('td');
      name.textContent = f.path + (f.daemonId ? '  (daemon ' + f.daemonId + ')' : '');
      const size = document.createElement('td');
      size.className = 'size';
      size.textContent = formatBytes(f.size);
      const action = document.createElement('td');
      const button = document.createElement('button');
      button.textContent = 'Play';
      button.addEventListener('click', () => start(f));
      action.append(button);
      tr.append(name, size, action);
      tbody.append(tr);
    }
    $('count').textContent = files.length === 0 ? 'No files.' : files.length + ' file(s).';
  }

  function formatBytes(n) {
    if (n < 1024) return n + ' B';
    let i = 0;
    for (n /= 1024; n >= 1024 && i < 3; i++) n /= 1024;
    return n.toFixed(1) + ' ' + ['KiB', 'MiB', 'GiB', 'TiB'][i];
  }

  // -------------------------------------------------------------------------- the service worker

  /** Registers sw.js and returns once it controls this page, so <video> requests reach it. */
  async function ensureServiceWorker() {
    if (!('serviceWorker' in navigator)) {
      throw new Error('service workers are unavailable here (the page needs https or localhost)');
    }
    const sw = navigator.serviceWorker;
    log('registering the service worker');
    await sw.register('/sw.js', { scope: '/', updateViaCache: 'none' });
    const ready = await Promise.race([sw.ready, sleep(10000)]);
    if (!ready) throw new Error('the service worker did not become active within 10 s');
    if (!sw.controller) {
      // The worker claims open pages when it activates; wait for that.
      await Promise.race([new Promise((r) => sw.addEventListener('controllerchange', r, { once: true })), sleep(5000)]);
    }
    if (!sw.controller) {
      // Still not controlled (a hard reload bypasses workers): one plain reload fixes that.
      if (sessionStorage.getItem('puredc-reloaded') !== '1') {
        sessionStorage.setItem('puredc-reloaded', '1');
        location.reload();
        await new Promise(() => {}); // the page goes away
      }
      throw new Error('the service worker does not control this page (try a normal reload)');
    }
    sessionStorage.removeItem('puredc-reloaded');
  }

  function onWorkerMessage(e) {
    if (!e.data || e.data.kind !== 'media' || !e.ports[0]) return;
    const port = e.ports[0];
    if (!session || session.closed || session.id !== e.data.sessionId) {
      port.postMessage({ kind: 'head', ok: false });
      port.close();
      return;
    }
    session.serveWorker(port);
  }

  // ------------------------------------------------------------------------------ playback

  async function start(file) {
    stop();
    const quality = $('quality').value;
    Object.assign(puredc, { error: null, hello: null, hellos: [] });
    setState('connecting', 'preparing the service worker');
    try {
      await ensureServiceWorker();
      if (!start.listening) {
        navigator.serviceWorker.addEventListener('message', onWorkerMessage);
        navigator.serviceWorker.startMessages();
        start.listening = true;
      }
      session = new Session(file, quality === 'original' ? null : quality);
      await session.open();
    } catch (e) {
      fail(e.message || String(e));
    }
  }

  function stop() {
    if (session) session.close(false);
    session = null;
    const v = $('video');
    v.removeAttribute('src');
    v.load();
    puredc.mediaUrl = null;
    if (puredc.state !== 'error') setState('idle');
  }

  function startVideo(hello) {
    const v = $('video');
    puredc.mediaUrl = '/media/' + encodeURIComponent(session.id) + '/' + encodeURIComponent(hello.name);
    if (autoplay) {
      v.muted = true; // browsers allow muted autoplay without a user gesture
      v.autoplay = true;
    }
    v.src = puredc.mediaUrl;
    v.play().catch((e) => log('play(): ' + e.message));
  }

  /**
   * The transcode has finished. The video element took its first response, whose complete length
   * was unknown ("bytes a-b/*"), for a stream: Chromium then offers no seeking (seekable is 0-0)
   * for as long as that load lasts. A new load gets the exact length and can seek, so reopen the
   * video at the same position, playing or paused as it was. The URL changes (?size=N, which the
   * worker ignores): Chromium's media cache would otherwise take the new load for the old stream.
   */
  function reopenVideo() {
    const v = $('video');
    if (!puredc.mediaUrl || v.getAttribute('src') !== puredc.mediaUrl) return;
    puredc.mediaUrl = puredc.mediaUrl.replace(/\?.*$/, '') + '?size=' + puredc.hello.fileSize;
    const [at, paused] = [v.currentTime, v.paused];
    puredc.stats.reopens++;
    log('the transcode has finished: reopening the video at ' + at.toFixed(2) + ' s, now seekable');
    v.autoplay = false;
    v.addEventListener('loadedmetadata', () => {
      v.currentTime = at;
      if (!paused) v.play().catch((e) => log('play(): ' + e.message));
    }, { once: true });
    v.src = puredc.mediaUrl;
  }

  function wireVideo() {
    const v = $('video');
    v.addEventListener('playing', () => setState('playing', bufferedText()));
    v.addEventListener('timeupdate', () => { if (puredc.state === 'playing') showStatus(bufferedText()); });
    v.addEventListener('progress', () => { if (puredc.state === 'playing') showStatus(bufferedText()); });
    v.addEventListener('seeking', () => log('seeking to ' + v.currentTime.toFixed(2) + ' s'));
    v.addEventListener('error', () => {
      if (!v.getAttribute('src')) return; // stop() clears the source on purpose
      const e = v.error;
      fail('video: ' + (e ? (e.message || 'media error ' + e.code) : 'unknown error'));
    });
  }

  function bufferedText() {
    const v = $('video');
    let ahead = 0;
    for (let i = 0; i < v.buffered.length; i++) {
      if (v.buffered.start(i) <= v.currentTime && v.currentTime <= v.buffered.end(i)) {
        ahead = v.buffered.end(i) - v.currentTime;
      }
    }
    return v.currentTime.toFixed(1) + ' s, ' + ahead.toFixed(1) + ' s buffered ahead, '
      + formatBytes(puredc.stats.bytesReceived) + ' received';
  }

  /** Fetches the whole file through the service worker, as the video does; lowercase hex SHA-256. */
  async function sha256OfWholeFile() {
    if (!puredc.mediaUrl) throw new Error('nothing is playing');
    const res = await fetch(puredc.mediaUrl, { cache: 'no-store' });
    if (res.status !== 200) throw new Error('whole-file fetch: HTTP ' + res.status);
    const bytes = await res.arrayBuffer();
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  // ---------------------------------------------------------------------------- one session

  class Session {
    constructor(file, quality) {
      this.file = file;
      this.quality = quality;
      this.closed = false;
      this.transfers = new Map(); // open request id -> Transfer
      this.active = new Set(); // every unfinished Transfer, also those between two windows
      this.nextRequestId = 1;
      this.helloWaiters = [];
      this.stats = puredc.stats;
      this.log = log;
    }

    async open() {
      const body = { path: this.file.path };
      if (this.quality) body.quality = this.quality;
      if (this.file.daemonId) body.daemonId = this.file.daemonId;
      const created = await (await S.api('create session', '/api/sessions', { method: 'POST', body })).json();
      this.id = created.sessionId;
      puredc.sessionId = this.id;
      log('session ' + this.id + ' for ' + this.file.path);
      this.signalling = new S.SignalChannel(this.id, created.token, {
        onMessage: (msg) => this.apply(msg),
        onApplyError: (msg, e) => {
          log('applying ' + msg.type + ': ' + e.message);
          if (msg.type === 'answer') fail('the daemon\'s answer was refused: ' + e.message);
        },
        fail: (reason) => { if (!this.closed) fail(reason); },
        connected: () => this.connected(),
        log,
      });
      const ice = await (await S.api('ICE servers', '/api/ice-servers')).json();
      if (this.closed) return;

      const pc = new RTCPeerConnection({ iceServers: ice.iceServers || [] });
      this.pc = pc;
      const ch = pc.createDataChannel('stream', { ordered: true }); // reliable: no retransmit limits
      ch.binaryType = 'arraybuffer';
      this.ch = ch;
      ch.onopen = () => {
        clearTimeout(this.connectTimer);
        log('channel open');
        setState('connected', 'waiting for HELLO');
      };
      ch.onmessage = (e) => this.onFrame(e.data);
      ch.onclose = () => { if (!this.closed) fail('data channel closed'); };
      ch.onerror = (e) => log('channel error: ' + (e.error ? e.error.message : 'unknown'));
      pc.oniceconnectionstatechange = () => {
        log('ICE ' + pc.iceConnectionState);
        if (pc.iceConnectionState === 'failed' && !this.closed) fail('ICE failed');
      };
      pc.onconnectionstatechange = () => {
        if (pc.connectionState === 'failed' && !this.closed) fail('connection failed (' + pc.iceConnectionState + ')');
      };

      // Candidates found before the offer is queued wait, so the daemon sees the offer first.
      const early = [];
      let offerQueued = false;
      pc.onicecandidate = (e) => {
        const msg = e.candidate
          ? { type: 'candidate', payload: JSON.stringify(e.candidate.toJSON()) }
          : { type: 'candidate-end', payload: '' };
        if (offerQueued) this.signal(msg);
        else early.push(msg);
      };
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      this.signal({ type: 'offer', payload: JSON.stringify({ type: offer.type, sdp: offer.sdp }) });
      offerQueued = true;
      early.forEach((m) => this.signal(m));
      setState('connecting', 'offer sent, waiting for the daemon');
      this.connectTimer = setTimeout(() => {
        if (!this.closed && ch.readyState !== 'open') {
          fail('no connection within ' + CONNECT_TIMEOUT_MS / 1000 + ' s (ICE ' + pc.iceConnectionState + ')');
        }
      }, CONNECT_TIMEOUT_MS);
      this.signalling.read();
    }

    signal(msg) {
      this.signalling.send(msg);
    }

    connected() {
      return this.ch && this.ch.readyState === 'open';
    }

    async apply(msg) {
      if (this.closed) return;
      switch (msg.type) {
        case 'answer':
          log('answer received');
          await this.pc.setRemoteDescription(JSON.parse(msg.payload));
          break;
        case 'candidate':
          await this.pc.addIceCandidate(JSON.parse(msg.payload));
          break;
        case 'candidate-end':
          await this.pc.addIceCandidate().catch((e) => log('end of candidates: ' + e.message));
          break;
        case 'bye':
          log('the daemon said bye');
          fail('the daemon ended the session');
          break;
        default:
          log('signalling message of type ' + msg.type + ' ignored');
      }
    }

    // ------------------------------------------------------------------------- frames

    onFrame(data) {
      let f;
      try {
        f = W.decode(data);
      } catch (e) {
        if (!(e instanceof W.FrameFormatError)) throw e;
        puredc.stats.malformed++;
        log('malformed frame dropped: ' + e.message); // §1: log, drop, go on
        return;
      }
      switch (f.type) {
        case 'HELLO':
          this.onHello(f);
          break;
        case 'RANGE_DATA': {
          const t = this.transfers.get(f.streamId);
          if (t) t.onData(f);
          break;
        }
        case 'RANGE_END': {
          const t = this.transfers.get(f.streamId);
          if (t) t.onEnd(f.streamId, f.status);
          break;
        }
        case 'PING':
          this.send(W.pong(f));
          puredc.stats.pongs++;
          break;
        case 'PONG':
          break;
        default:
          log('frame ' + (f.type === 'UNKNOWN' ? 'of unknown type ' + f.typeCode : f.type) + ' ignored');
      }
    }

    onHello(f) {
      if (f.fileSize > BigInt(Number.MAX_SAFE_INTEGER)) {
        fail('HELLO announces a file too large for this page: ' + f.fileSize);
        return;
      }
      const previous = puredc.hello;
      puredc.hello = {
        fileSize: Number(f.fileSize), name: f.name, mime: f.mime, durationMs: Number(f.durationMs),
        transcoding: (f.flags & W.FLAG_TRANSCODING) !== 0, seekable: (f.flags & W.FLAG_SEEKABLE) !== 0,
      };
      // Every HELLO, with where the video was when it came: a transcode's exact size comes mid-playback.
      puredc.hellos.push({ ...puredc.hello, currentTime: $('video').currentTime });
      log('HELLO ' + JSON.stringify(puredc.hello));
      this.helloWaiters.splice(0).forEach((r) => r());
      if (previous === null) {
        setState('connected', f.name + ', ' + formatBytes(puredc.hello.fileSize));
        startVideo(puredc.hello);
      } else if (previous.transcoding && !puredc.hello.transcoding) {
        reopenVideo();
      }
    }

    send(bytes) {
      if (this.connected()) this.ch.send(bytes);
    }

    newRequestId() {
      // Monotonic, so a late frame for a cancelled id cannot be taken for a new request's.
      let id = this.nextRequestId;
      while (this.transfers.has(id)) id = id >= 0xFFFFFFFF ? 1 : id + 1;
      this.nextRequestId = id >= 0xFFFFFFFF ? 1 : id + 1;
      return id;
    }

    /** The service worker asks for this session's bytes: tell it the size, then serve the range. */
    async serveWorker(port) {
      if (!puredc.hello) {
        await Promise.race([new Promise((r) => this.helloWaiters.push(r)), sleep(HELLO_WAIT_MS)]);
      }
      const h = puredc.hello;
      if (!h || this.closed) {
        port.postMessage({ kind: 'head', ok: false });
        port.close();
        return;
      }
      port.postMessage({ kind: 'head', ok: true, size: h.fileSize, mime: h.mime, name: h.name, transcoding: h.transcoding });
      let transfer = null;
      port.onmessage = (e) => {
        const m = e.data;
        if (m.kind === 'open') transfer = new Transfer(this, port, m.start, m.end);
        else if (m.kind === 'pull' && transfer) transfer.pull();
        else if (m.kind === 'cancel' && transfer) transfer.cancel();
        else if (m.kind === 'close') port.close();
      };
    }

    close(failed) {
      if (this.closed) return;
      this.closed = true;
      clearTimeout(this.connectTimer);
      for (const t of [...this.active]) t.fail('the session ended');
      this.transfers.clear();
      // The bye goes first (for at most 1 s), so the daemon hears why instead of a closed channel.
      const pc = this.pc;
      Promise.resolve(this.signalling && this.signalling.close()).then(() => pc && pc.close());
      log('session ' + this.id + ' closed' + (failed ? ' after an error' : ''));
    }
  }

  return { boot };
}
