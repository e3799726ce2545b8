// The page's side of the signalling API (PROTOCOL.md §2): the relay calls with their errors
// turned into messages, the to=browser stream read with fetch() and resumed with Last-Event-ID,
// and the queue that POSTs this page's messages one at a time, in order. app.js uses it; it knows
// nothing of RTCPeerConnection. In a page it defines PuredcSignalling; under Node
// (daemon/src/test/js/page.test.cjs) it is a CommonJS module. Plain script, no build step.
(function (root, factory) {
  'use strict';
  const exported = factory();
  if (typeof module === 'object' && module.exports) module.exports = exported;
  else root.PuredcSignalling = exported;
})(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  const MAX_BACKOFF_MS = 8000;
  const GIVE_UP_AFTER = 8; // consecutive failures before a session that never connected fails
  const BYE_WAIT_MS = 1000; // how long close() waits for the bye to go out

  /**
   * Server-Sent Events parser (the WHATWG event-stream format) for a fetch() body: EventSource
   * cannot send the Authorization header the relay needs. Feed it text; it calls onEvent({id, data}).
   */
  class SseParser {
    constructor(onEvent) {
      this.onEvent = onEvent;
      this.buffer = '';
      this.data = [];
      this.lastId = null;
    }

    push(text) {
      this.buffer += text;
      for (;;) {
        const m = /\r\n|\n|\r/.exec(this.buffer);
        // A lone CR at the end may be the first half of a CRLF still in flight.
        if (!m || (m[0] === '\r' && m.index === this.buffer.length - 1)) return;
        const line = this.buffer.slice(0, m.index);
        this.buffer = this.buffer.slice(m.index + m[0].length);
        this.line(line);
      }
    }

    line(l) {
      if (l === '') {
        if (this.data.length > 0) this.onEvent({ id: this.lastId, data: this.data.join('\n') });
        this.data = [];
        return;
      }
      if (l[0] === ':') return; // a comment
      const colon = l.indexOf(':');
      const field = colon < 0 ? l : l.slice(0, colon);
      let value = colon < 0 ? '' : l.slice(colon + 1);
      if (value[0] === ' ') value = value.slice(1);
      if (field === 'data') this.data.push(value);
      else if (field === 'id' && !value.includes('\0')) this.lastId = value;
    }
  }

  /**
   * fetch() with the relay's errors turned into messages that name the call and the status
   * (err.status holds it). opts: method, headers, token, body (sent as JSON), keepalive, signal,
   * fetch (another fetch function, for tests).
   */
  async function api(what, url, opts = {}) {
    const headers = { ...(opts.headers || {}) };
    if (opts.token) headers.Authorization = 'Bearer ' + opts.token;
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    const doFetch = opts.fetch || fetch;
    const res = await doFetch(url, {
      method: opts.method || 'GET', headers, cache: 'no-store', keepalive: !!opts.keepalive, signal: opts.signal,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    if (!res.ok) {
      let why = '';
      try { why = (await res.json()).error || ''; } catch (e) { /* not JSON */ }
      const err = new Error(what + ': HTTP ' + res.status + (why ? ' (' + why + ')' : ''));
      err.status = res.status;
      throw err;
    }
    return res;
  }

  /**
   * One session's signalling. hooks:
   *   onMessage(msg)  a received {type, payload}; may return a promise: messages are applied one at
   *                   a time, in order. onApplyError(msg, error) hears of a rejected one.
   *   fail(reason)    the session cannot go on (the relay forgot it, or it never connected)
   *   connected()     whether the data channel is open (then signalling errors are only logged)
   *   log(line)
   * env (tests): fetch, sleep(ms) -> promise.
   */
  class SignalChannel {
    constructor(sessionId, token, hooks, env = {}) {
      this.base = '/api/sessions/' + encodeURIComponent(sessionId) + '/signal';
      this.token = token;
      this.hooks = hooks;
      this.fetch = env.fetch || ((...a) => fetch(...a));
      this.sleep = env.sleep || ((ms) => new Promise((r) => setTimeout(r, ms)));
      this.closed = false;
      this.outbound = Promise.resolve(); // POSTs go out one at a time, in order
      this.inbound = Promise.resolve(); // received messages are applied one at a time, in order
      this.abort = new AbortController();
      this.lastId = null;
    }

    /** Queues one message for the daemon. After close() only a bye still goes out. */
    send(msg) {
      const bye = msg.type === 'bye';
      this.outbound = this.outbound.then(() => {
        if (this.closed && !bye) return undefined;
        // keepalive lets the bye of a closing page still go out.
        return api('signal ' + msg.type, this.base + '?from=browser',
          { method: 'POST', token: this.token, body: msg, keepalive: bye, fetch: this.fetch })
          .catch((e) => {
            this.hooks.log(e.message);
            if (!bye && !this.hooks.connected()) this.hooks.fail(e.message);
          });
      });
      return this.outbound;
    }

    /** Reads to=browser until close(), resuming with Last-Event-ID after each cut. */
    async read() {
      let failures = 0;
      while (!this.closed) {
        try {
          const headers = { Accept: 'text/event-stream' };
          if (this.lastId !== null) headers['Last-Event-ID'] = this.lastId;
          const res = await api('signal stream', this.base + '?to=browser',
            { token: this.token, headers, signal: this.abort.signal, fetch: this.fetch });
          failures = 0;
          const parser = new SseParser((ev) => {
            this.lastId = ev.id;
            this.received(ev.data);
          });
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            parser.push(value);
          }
          // The relay ends every response within 25 s: reconnect at once.
        } catch (e) {
          if (this.closed) return;
          if (e.status === 401 || e.status === 404) {
            // The relay no longer knows the session: nothing more will come.
            if (!this.hooks.connected()) this.hooks.fail(e.message);
            return;
          }
          failures++;
          if (failures >= GIVE_UP_AFTER && !this.hooks.connected()) {
            this.hooks.fail(e.message + ' (gave up after ' + failures + ' attempts)');
            return;
          }
          const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** failures);
          this.hooks.log(e.message + '; reconnecting in ' + delay + ' ms');
          await this.sleep(delay);
        }
      }
    }

    received(data) {
      let msg;
      try {
        msg = JSON.parse(data);
      } catch (e) {
        this.hooks.log('unreadable signalling message dropped: ' + data.slice(0, 80));
        return;
      }
      this.inbound = this.inbound.then(() => (this.closed ? undefined : this.hooks.onMessage(msg)))
        .catch((e) => this.hooks.onApplyError(msg, e));
    }

    /**
     * Stops reading and sends bye (sendBye false: nothing). Resolves once every queued POST is
     * done, or after BYE_WAIT_MS, so the caller can close the peer connection after the bye.
     */
    close(sendBye = true) {
      if (this.closed) return Promise.resolve();
      this.closed = true;
      if (sendBye) this.send({ type: 'bye', payload: '' });
      this.abort.abort();
      return Promise.race([this.outbound, this.sleep(BYE_WAIT_MS)]);
    }
  }

  return Object.freeze({ SseParser, SignalChannel, api, MAX_BACKOFF_MS, GIVE_UP_AFTER });
});
