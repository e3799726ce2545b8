// Normalises a W3C-shaped RTCPeerConnection (Chromium, node-datachannel's
// polyfill, werift) into the small interface scenarios.js uses. The stacks
// differ in binary types and in how bufferedamountlow is delivered; `opts`
// carries those differences. Runs in Node and in the Chromium page.
(function (root) {
  "use strict";

  function wrapChannel(raw, opts, remote) {
    // Where a stack announces a remote channel open before it queues its own DCEP ACK, the
    // application's first messages would overtake the ACK; such stacks defer the open (opts.deferRemoteOpen).
    const later = remote && opts.deferRemoteOpen ? opts.deferRemoteOpen : (fn) => Promise.resolve().then(fn);
    try { raw.binaryType = "arraybuffer"; } catch (e) { /* werift has no binaryType */ }
    let opened = false;
    const openCbs = [];
    const closeCbs = [];
    let msgCb = null;
    function fireOpen() {
      if (opened) return;
      opened = true;
      for (const cb of openCbs.splice(0)) cb();
    }
    raw.onopen = () => (remote && opts.deferRemoteOpen ? later(fireOpen) : fireOpen());
    raw.onclose = () => { for (const cb of closeCbs) cb(); };
    raw.onmessage = (ev) => {
      const d = ev.data;
      let v;
      if (typeof d === "string") v = d;
      else if (d instanceof ArrayBuffer) v = new Uint8Array(d);
      else if (ArrayBuffer.isView(d)) v = new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
      else throw new Error("unexpected message type " + Object.prototype.toString.call(d));
      if (msgCb) msgCb(v);
    };
    return {
      label: raw.label,
      raw: raw,
      whenOpen(cb) {
        if (opened) { Promise.resolve().then(cb); return; }
        openCbs.push(cb);
        // A remote channel may already be open when announced; report it once all the same.
        if (raw.readyState === "open") later(fireOpen);
      },
      onMessage(cb) { msgCb = cb; },
      onClose(cb) { closeCbs.push(cb); },
      onLow(cb) { opts.onLow(raw, cb); },
      setLowThreshold(n) { raw.bufferedAmountLowThreshold = n; },
      bufferedAmount() { return raw.bufferedAmount; },
      send(data) { raw.send(typeof data === "string" ? data : opts.binary(data)); },
      close() { raw.close(); },
    };
  }

  function wrapPc(raw, opts) {
    const w = {
      raw: raw,
      onChannel: null,
      onCandidate: null,
      createChannel(label, init) { return wrapChannel(raw.createDataChannel(label, init), opts, false); },
      async createOffer() {
        const o = await raw.createOffer();
        await raw.setLocalDescription(o);
        return (raw.localDescription || o).sdp;
      },
      async acceptOffer(sdp) { await raw.setRemoteDescription({ type: "offer", sdp: sdp }); },
      async createAnswer() {
        const a = await raw.createAnswer();
        await raw.setLocalDescription(a);
        return (raw.localDescription || a).sdp;
      },
      async acceptAnswer(sdp) { await raw.setRemoteDescription({ type: "answer", sdp: sdp }); },
      async addCandidate(c) { await raw.addIceCandidate(c); },
      close() { try { raw.close(); } catch (e) { /* closing twice is harmless */ } },
    };
    raw.ondatachannel = (ev) => { if (w.onChannel) w.onChannel(wrapChannel(ev.channel, opts, true)); };
    raw.onicecandidate = (ev) => {
      if (!w.onCandidate) return;
      const c = ev.candidate;
      w.onCandidate(c && c.candidate ? { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex } : null);
    };
    return w;
  }

  const W3C = {
    binary: (u8) => u8,
    onLow: (raw, cb) => { raw.onbufferedamountlow = cb; },
  };

  root.PuredcAdapters = { wrapPc: wrapPc, W3C: W3C };
})(typeof module !== "undefined" ? module.exports : self);
