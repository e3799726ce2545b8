// The scenarios of shared/PEER-PROTOCOL.md, written once against a small
// normalised peer-connection interface (see adapters.js) so that werift,
// node-datachannel and Chromium (this file is injected into its page) run
// the very same checks. No Node or DOM APIs here: `env` brings everything.
(function (root) {
  "use strict";

  const DEFAULTS = {
    echo: { sizes: "1,100,1200,16384,65536,262144" },
    empty: {},
    bulk: { bytes: "67108864", msg: "16384", high: "8388608", low: "1048576", sender: "answerer" },
    unordered: { count: "2000", msg: "1024" },
    partial: { count: "2000", msg: "1024" },
    lifetime: { count: "2000", msg: "1024", life: "500" },
    many: { n: "128" },
    negotiated: { id: "7" },
    large: { size: "262144" },
    close: {},
  };
  // Receivers of partial-reliability scenarios wait this long after the
  // sender's `done` for messages still in flight (signalling is slower than data).
  const PARTIAL_GRACE_MS = 300;

  // Byte i of every pattern stream is (i * 31 + 7) & 0xff; it repeats every 256 bytes.
  const TABLE = new Uint8Array(512);
  for (let i = 0; i < 512; i++) TABLE[i] = (i * 31 + 7) & 0xff;
  let wide = TABLE;

  // A read-only view of the pattern from stream offset `off`; views share one
  // buffer that is never written, so stacks may keep them queued safely.
  function pattern(off, len) {
    if (wide.length < len + 256) {
      wide = new Uint8Array(len + 256);
      for (let i = 0; i < wide.length; i++) wide[i] = (i * 31 + 7) & 0xff;
    }
    const start = off & 255;
    return wide.subarray(start, start + len);
  }

  // Index of the first byte of `u8` (from `from`) that differs from the pattern at `off`, or -1.
  function mismatch(u8, off, from) {
    for (let j = from || 0; j < u8.length; j++) {
      if (u8[j] !== TABLE[(off + j) & 255]) return j;
    }
    return -1;
  }

  // ASCII string pattern for string messages: printable, deterministic.
  function text(len) {
    let s = "";
    const chunk = [];
    for (let i = 0; i < Math.min(len, 95); i++) chunk.push(String.fromCharCode(32 + ((i * 7 + 3) % 95)));
    const unit = chunk.join("");
    while (s.length + unit.length <= len) s += unit;
    return s + unit.substring(0, len - s.length);
  }

  function describe(data) {
    return typeof data === "string" ? "string(" + data.length + ")" : "binary(" + data.length + ")";
  }

  // Message k of the counted scenarios: bytes k*msg.. of the pattern with a
  // 4-byte big-endian index in front, so the receiver can check both.
  function indexed(k, msg) {
    const m = new Uint8Array(msg);
    m.set(pattern(k * msg, msg));
    m[0] = k >>> 24; m[1] = k >>> 16; m[2] = k >>> 8; m[3] = k;
    return m;
  }

  function ipOf(candidate) {
    const f = String(candidate).trim().split(/\s+/);
    return { address: f[4] || "", transport: (f[2] || "").toLowerCase(), type: f[7] || "" };
  }

  function remoteAllowed(address) {
    if (/\.local$/i.test(address)) return true; // mDNS name: resolvable only inside the run's network
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
    if (!m) return false;
    return m[1] === "127" || (m[1] === "10" && m[2] === "233" && m[3] === "0");
  }

  function runPeer(env) {
    const role = env.role;
    const scenario = env.scenario;
    if (!DEFAULTS[scenario]) throw new Error("unknown scenario " + scenario);
    const p = Object.assign({}, DEFAULTS[scenario], env.params);
    const num = (k) => {
      const v = Number(p[k]);
      if (!Number.isFinite(v)) throw new Error("param " + k + " is not a number: " + p[k]);
      return v;
    };
    const timeoutMs = p.timeout_ms !== undefined ? num("timeout_ms") : 60000;
    let finished = false;
    let localResult = null;
    let remoteDone = false;
    let setupStart = null;
    let setupMs = null;
    let remoteSet = false;
    const pendingCandidates = [];
    // hooks.progress tells, in a failure, how far the scenario got.
    const hooks = { remoteDone: null, progress: () => "" };
    let localCandidates = 0;
    let localMdns = 0;

    function write(obj) { env.write(obj); }
    function event(name, extra) { write(Object.assign({ t: "event", name: name, ms: round(env.now()) }, extra || {})); }
    function round(x) { return Math.round(x * 10) / 10; }

    function fail(message) {
      if (finished) return;
      finished = true;
      env.log("failed: " + message);
      const r = { t: "result", ok: false, scenario: scenario, error: String(message) + hooks.progress() };
      if (setupMs !== null) r.setup_ms = round(setupMs);
      write(r);
      env.exit(1);
    }

    // This peer's part is over: tell the other side, and finish once its `done` came too.
    function partDone(fields) {
      if (finished || localResult) return;
      localResult = fields || {};
      write({ t: "done" });
      maybeFinish();
    }

    function maybeFinish() {
      if (finished || !localResult || !remoteDone) return;
      finished = true;
      const r = { t: "result", ok: true, scenario: scenario };
      if (localResult.bytes !== undefined) r.bytes = localResult.bytes;
      if (localResult.ms !== undefined) r.ms = round(localResult.ms);
      r.setup_ms = setupMs === null ? null : round(setupMs);
      if (localResult.sha256) r.sha256 = localResult.sha256;
      r.detail = Object.assign({ local_candidates: localCandidates, local_mdns_candidates: localMdns }, localResult.detail || {});
      write(r);
      env.exit(0);
    }

    const guard = (fn) => function () {
      try { return fn.apply(this, arguments); } catch (e) { fail((e && e.stack) || String(e)); }
    };

    setTimeout(() => fail("timeout after " + timeoutMs + " ms (" + (localResult ? "waiting for the other side's done" : "part not finished") + ")"), timeoutMs);

    if (env.unsupported && env.unsupported[scenario]) {
      finished = true;
      write({ t: "result", ok: false, unsupported: true, scenario: scenario, error: env.unsupported[scenario] });
      env.exit(3);
      return { feed: function () {} };
    }

    const pc = env.makePc();
    pc.onCandidate = guard((c) => {
      if (!c || !c.candidate) { write({ t: "candidate", candidate: "" }); return; }
      const a = ipOf(c.candidate);
      // Host candidates on PEER_ADDRESS only (or mDNS names when the stack hides IPs).
      // Stacks that cannot pick their address (Chromium) may use any address inside the run's network.
      const mine = a.address === env.peerAddress || /\.local$/i.test(a.address) || (env.anyLocalInRange && remoteAllowed(a.address));
      if (a.transport !== "udp" || a.type !== "host" || !mine) {
        env.log("not sending local candidate " + c.candidate);
        return;
      }
      localCandidates++;
      if (/\.local$/i.test(a.address)) localMdns++;
      write({ t: "candidate", candidate: c.candidate, sdpMid: c.sdpMid === undefined ? "0" : c.sdpMid, sdpMLineIndex: c.sdpMLineIndex === undefined || c.sdpMLineIndex === null ? 0 : c.sdpMLineIndex });
    });

    function opened(ch) {
      if (setupMs === null && setupStart !== null) setupMs = env.now() - setupStart;
      event("open", { label: ch.label });
    }

    async function addRemoteCandidate(c) {
      if (!c.candidate) return; // end of candidates: every stack here copes without it
      const a = ipOf(c.candidate);
      if (!remoteAllowed(a.address)) { env.log("ignoring remote candidate " + c.candidate); return; }
      await pc.addCandidate({ candidate: c.candidate, sdpMid: c.sdpMid === undefined ? "0" : c.sdpMid, sdpMLineIndex: c.sdpMLineIndex === undefined ? 0 : c.sdpMLineIndex });
    }

    const S = scenarios[scenario](role, p, num, {
      pc: pc, partDone: partDone, fail: fail, opened: opened, guard: guard, env: env, hooks: hooks, event: event,
    });

    async function onLine(msg) {
      if (msg.t === "sdp") {
        if (msg.type === "offer" && role === "answerer") {
          setupStart = env.now();
          await pc.acceptOffer(msg.sdp);
          remoteSet = true;
          if (S.afterRemoteOffer) S.afterRemoteOffer();
          const answer = await pc.createAnswer();
          write({ t: "sdp", type: "answer", sdp: answer });
        } else if (msg.type === "answer" && role === "offerer") {
          await pc.acceptAnswer(msg.sdp);
          remoteSet = true;
        } else {
          throw new Error("unexpected " + msg.type + " for the " + role);
        }
        while (pendingCandidates.length) await addRemoteCandidate(pendingCandidates.shift());
      } else if (msg.t === "candidate") {
        if (remoteSet) await addRemoteCandidate(msg); else pendingCandidates.push(msg);
      } else if (msg.t === "done") {
        remoteDone = true;
        if (hooks.remoteDone) hooks.remoteDone();
        maybeFinish();
      } else {
        env.log("ignoring line " + JSON.stringify(msg));
      }
    }

    // Lines are handled strictly one after another: a candidate must not race its description.
    let chain = Promise.resolve();
    function feed(msg) {
      chain = chain.then(() => onLine(msg)).catch((e) => fail("handling " + msg.t + ": " + ((e && e.stack) || e)));
    }

    write({ t: "ready", impl: env.impl });
    if (role === "offerer") {
      chain = chain.then(async () => {
        setupStart = env.now();
        if (S.beforeOffer) S.beforeOffer();
        const offer = await pc.createOffer();
        write({ t: "sdp", type: "offer", sdp: offer });
      }).catch((e) => fail("creating the offer: " + ((e && e.stack) || e)));
    }
    return { feed: feed };
  }

  // Sends `total` bytes of the pattern in `msg`-byte messages with the
  // protocol's high/low watermark back-pressure; calls done(ms) when all are queued.
  function pump(ch, total, msg, high, low, now, done, make) {
    let off = 0;
    let k = 0;
    let t0 = null;
    let resumedByPoll = 0;
    let finished = false;
    ch.setLowThreshold(low);
    function step(fromPoll) {
      if (finished) return;
      if (t0 === null) t0 = now();
      let sentNow = false;
      while (off < total) {
        if (ch.bufferedAmount() > high) break;
        const n = Math.min(msg, total - off);
        ch.send(make ? make(k, n) : pattern(off, n));
        off += n; k++; sentNow = true;
      }
      if (fromPoll && sentNow) resumedByPoll++;
      if (off >= total) {
        finished = true;
        clearInterval(poll);
        done(now() - t0, resumedByPoll);
      }
    }
    ch.onLow(() => step(false));
    // Safety net against a lost bufferedamountlow event; counted in the result.
    const poll = setInterval(() => step(true), 250);
    step(false);
  }

  // Waits (bounded by the peer's own timeout) until the channel's send buffer is empty.
  function drained(ch, cb) {
    const t = setInterval(() => { if (ch.bufferedAmount() === 0) { clearInterval(t); cb(); } }, 10);
  }

  const scenarios = {};

  scenarios.echo = function (role, p, num, x) {
    const sizes = String(p.sizes).split(",").map((s) => Number(s));
    if (sizes.some((s) => !Number.isInteger(s) || s < 0)) throw new Error("bad sizes " + p.sizes);
    const expected = [];
    for (const s of sizes) { expected.push({ bin: true, size: s }); expected.push({ bin: false, size: s }); }
    if (role === "offerer") {
      return {
        beforeOffer() {
          const ch = x.pc.createChannel("echo", { ordered: true });
          let got = 0;
          ch.whenOpen(x.guard(() => {
            x.opened(ch);
            for (const e of expected) ch.send(e.bin ? pattern(0, e.size) : text(e.size));
          }));
          ch.onMessage(x.guard((d) => {
            const e = expected[got];
            if (!e) throw new Error("unexpected extra message " + describe(d));
            if (e.bin !== (typeof d !== "string")) throw new Error("message " + got + ": expected " + (e.bin ? "binary" : "string") + "(" + e.size + "), got " + describe(d));
            if (d.length !== e.size) throw new Error("message " + got + ": expected size " + e.size + ", got " + describe(d));
            if (e.bin) { const at = mismatch(d, 0); if (at >= 0) throw new Error("message " + got + ": byte " + at + " differs"); }
            else if (d !== text(e.size)) throw new Error("message " + got + ": string content differs");
            got++;
            if (got === expected.length) x.partDone({ detail: { messages: got } });
          }));
        },
      };
    }
    x.pc.onChannel = x.guard((ch) => {
      if (ch.label !== "echo") throw new Error("unexpected channel " + ch.label);
      let n = 0;
      ch.whenOpen(() => x.opened(ch));
      ch.onMessage(x.guard((d) => {
        ch.send(d);
        if (++n === expected.length) x.partDone({ detail: { echoed: n } });
      }));
    });
    return {};
  };

  scenarios.empty = function (role, p, num, x) {
    const msgs = [new Uint8Array(0), "", "x"];
    if (role === "offerer") {
      return {
        beforeOffer() {
          const ch = x.pc.createChannel("empty", { ordered: true });
          let got = 0;
          ch.whenOpen(x.guard(() => { x.opened(ch); for (const m of msgs) ch.send(m); }));
          ch.onMessage(x.guard((d) => {
            const want = msgs[got];
            if (want === undefined) throw new Error("unexpected extra message " + describe(d));
            const ok = typeof want === "string" ? d === want : (typeof d !== "string" && d.length === 0);
            if (!ok) throw new Error("message " + got + ": expected " + describe(want) + ", got " + describe(d));
            if (++got === msgs.length) x.partDone({ detail: { messages: got } });
          }));
        },
      };
    }
    x.pc.onChannel = x.guard((ch) => {
      let n = 0;
      ch.whenOpen(() => x.opened(ch));
      ch.onMessage(x.guard((d) => { ch.send(d); if (++n === msgs.length) x.partDone({ detail: { echoed: n } }); }));
    });
    return {};
  };

  scenarios.bulk = function (role, p, num, x) {
    const total = num("bytes"), msg = num("msg"), high = num("high"), low = num("low");
    if (p.sender !== "answerer" && p.sender !== "offerer") throw new Error("sender must be offerer or answerer");
    const sending = p.sender === role;
    function use(ch) {
      ch.whenOpen(x.guard(() => {
        x.opened(ch);
        if (sending) {
          pump(ch, total, msg, high, low, x.env.now, (ms, polls) => x.partDone({ bytes: total, ms: ms, detail: { role: "sender", resumed_by_poll: polls } }), null);
        }
      }));
      if (!sending) {
        let off = 0, t0 = null;
        const hash = x.env.newHash();
        x.hooks.progress = () => " (received " + off + " of " + total + " bytes)";
        // Timing starts at this side's open (or the first byte if earlier): a stack that
        // holds messages back until its open event must not look faster than it is.
        ch.whenOpen(() => { if (t0 === null) t0 = x.env.now(); });
        ch.onMessage(x.guard((d) => {
          if (typeof d === "string") throw new Error("string message in bulk at offset " + off);
          if (t0 === null) t0 = x.env.now();
          const at = mismatch(d, off);
          if (at >= 0) throw new Error("byte " + (off + at) + " differs");
          hash.update(d);
          off += d.length;
          if (off > total) throw new Error("received " + off + " bytes, more than " + total);
          if (off === total) {
            const ms = x.env.now() - t0;
            x.partDone({ bytes: total, ms: ms, sha256: hash.hex(), detail: { role: "receiver", mb_per_s: Math.round(total / 1000 / ms * 10) / 10 } });
          }
        }));
      }
    }
    if (role === "offerer") return { beforeOffer() { use(x.pc.createChannel("bulk", { ordered: true })); } };
    x.pc.onChannel = x.guard(use);
    return {};
  };

  // unordered, partial and lifetime share the counted-message exchange.
  function counted(label, init, reliable, ordered) {
    return function (role, p, num, x) {
      const count = num("count"), msg = num("msg");
      if (msg < 4) throw new Error("msg must be at least 4 bytes");
      if (role === "offerer") {
        return {
          beforeOffer() {
            const ch = x.pc.createChannel(label, init(num));
            ch.whenOpen(x.guard(() => {
              x.opened(ch);
              pump(ch, count * msg, msg, 1048576, 262144, x.env.now, (ms) => {
                // For unreliable channels the receiver learns the end from our `done`: send it once all left.
                if (reliable) x.partDone({ detail: { sent: count } });
                else drained(ch, () => x.partDone({ detail: { sent: count } }));
              }, (k, n) => indexed(k, n));
            }));
          },
        };
      }
      const seen = new Uint8Array(count);
      let received = 0, outOfOrder = 0, last = -1;
      x.pc.onChannel = x.guard((ch) => {
        if (ch.label !== label) throw new Error("unexpected channel " + ch.label);
        ch.whenOpen(() => x.opened(ch));
        ch.onMessage(x.guard((d) => {
          if (typeof d === "string" || d.length !== msg) throw new Error("expected binary(" + msg + "), got " + describe(d));
          const k = ((d[0] << 24) | (d[1] << 16) | (d[2] << 8) | d[3]) >>> 0;
          if (k >= count) throw new Error("index " + k + " out of range");
          if (seen[k]) throw new Error("index " + k + " arrived twice");
          const at = mismatch(d, k * msg, 4);
          if (at >= 0) throw new Error("message " + k + ": byte " + at + " differs");
          seen[k] = 1; received++;
          if (k < last) outOfOrder++;
          last = k;
          if (reliable && received === count) x.partDone({ detail: { received: received, out_of_order: outOfOrder } });
        }));
      });
      if (!reliable) {
        x.hooks.remoteDone = () => setTimeout(x.guard(() => {
          const detail = { received: received, lost: count - received };
          if (ordered) detail.out_of_order = outOfOrder;
          x.partDone({ detail: detail });
        }), PARTIAL_GRACE_MS);
      }
      return {};
    };
  }
  scenarios.unordered = counted("u", () => ({ ordered: false }), true, false);
  scenarios.partial = counted("p", () => ({ ordered: false, maxRetransmits: 0 }), false, false);
  scenarios.lifetime = counted("l", (num) => ({ ordered: true, maxPacketLifeTime: num("life") }), false, true);

  scenarios.many = function (role, p, num, x) {
    const n = num("n");
    if (role === "offerer") {
      return {
        beforeOffer() {
          const chans = [];
          let echoed = 0, localClosed = 0;
          for (let i = 0; i < n; i++) {
            const ch = x.pc.createChannel("c" + i, { ordered: true });
            chans.push(ch);
            ch.whenOpen(x.guard(() => { x.opened(ch); ch.send("ping c" + i); }));
            ch.onClose(() => { localClosed++; });
            ch.onMessage(x.guard((d) => {
              if (d !== "ping c" + i) throw new Error("c" + i + ": unexpected echo " + describe(d));
              if (++echoed === n) {
                for (const c of chans) c.close();
                x.partDone({ detail: { channels: n, closed_locally_at_done: localClosed } });
              }
            }));
          }
        },
      };
    }
    let closed = 0, echoed = 0;
    const labels = new Set();
    x.pc.onChannel = x.guard((ch) => {
      if (!/^c\d+$/.test(ch.label) || labels.has(ch.label)) throw new Error("unexpected channel " + ch.label);
      labels.add(ch.label);
      ch.whenOpen(() => x.opened(ch));
      ch.onMessage(x.guard((d) => { echoed++; ch.send(d); }));
      ch.onClose(x.guard(() => {
        if (++closed === n) x.partDone({ detail: { channels: labels.size, echoed: echoed, closed: closed } });
      }));
    });
    return {};
  };

  scenarios.negotiated = function (role, p, num, x) {
    const id = num("id");
    function make(send, expect, reply) {
      const ch = x.pc.createChannel("neg", { negotiated: true, id: id, ordered: true });
      ch.whenOpen(x.guard(() => { x.opened(ch); if (send) ch.send(send); }));
      ch.onMessage(x.guard((d) => {
        if (d !== expect) throw new Error("expected " + expect + ", got " + (typeof d === "string" ? JSON.stringify(d) : describe(d)));
        if (reply) ch.send(reply);
        x.partDone({ detail: { id: id } });
      }));
    }
    x.pc.onChannel = x.guard((ch) => { throw new Error("negotiated run announced an in-band channel " + ch.label); });
    if (role === "offerer") return { beforeOffer() { make("hello", "world", null); } };
    // Created after the remote offer is applied: node-datachannel would otherwise send its own offer.
    return { afterRemoteOffer() { make(null, "hello", "world"); } };
  };

  scenarios.large = function (role, p, num, x) {
    const size = num("size");
    function check(d) {
      if (typeof d === "string" || d.length !== size) throw new Error("expected binary(" + size + "), got " + describe(d));
      const at = mismatch(d, 0);
      if (at >= 0) throw new Error("byte " + at + " differs");
    }
    if (role === "offerer") {
      return {
        beforeOffer() {
          const ch = x.pc.createChannel("big", { ordered: true });
          ch.whenOpen(x.guard(() => { x.opened(ch); ch.send(pattern(0, size)); }));
          ch.onMessage(x.guard((d) => { check(d); x.partDone({ bytes: size, detail: { echoed: true } }); }));
        },
      };
    }
    x.pc.onChannel = x.guard((ch) => {
      ch.whenOpen(() => x.opened(ch));
      ch.onMessage(x.guard((d) => { check(d); ch.send(d); x.partDone({ bytes: size, detail: {} }); }));
    });
    return {};
  };

  scenarios.close = function (role, p, num, x) {
    if (role === "offerer") {
      return {
        beforeOffer() {
          const ch = x.pc.createChannel("x", { ordered: true });
          ch.whenOpen(x.guard(() => { x.opened(ch); ch.send("first"); }));
          ch.onClose(x.guard(() => {
            x.event("closed", { label: "x" });
            const y = x.pc.createChannel("y", { ordered: true });
            y.whenOpen(x.guard(() => { x.event("open", { label: "y" }); y.send("again"); }));
            y.onMessage(x.guard((d) => {
              if (d !== "again") throw new Error("y: unexpected echo " + describe(d));
              x.partDone({ detail: { x_closed: true, y_open: true } });
            }));
          }));
        },
      };
    }
    x.pc.onChannel = x.guard((ch) => {
      if (ch.label === "x") {
        ch.whenOpen(() => x.opened(ch));
        ch.onMessage(x.guard((d) => {
          if (d !== "first") throw new Error("x: unexpected " + describe(d));
          ch.close();
        }));
      } else if (ch.label === "y") {
        ch.onMessage(x.guard((d) => { ch.send(d); x.partDone({ detail: { y_echoed: true } }); }));
      } else {
        throw new Error("unexpected channel " + ch.label);
      }
    });
    return {};
  };

  root.PuredcScenarios = { runPeer: runPeer, DEFAULTS: DEFAULTS, remoteAllowed: remoteAllowed, pattern: pattern, mismatch: mismatch };
})(typeof module !== "undefined" ? module.exports : self);
