// node-datachannel (libdatachannel, through its W3C polyfill) as a PEER-PROTOCOL.md peer program.
"use strict";
const { RTCPeerConnection } = require("node-datachannel/polyfill");
const { wrapPc, W3C } = require("./lib/adapters.js").PuredcAdapters;
const { main, versionOf } = require("./lib/node-main.js");
const version = versionOf("node-datachannel");

main({
  impl: "node-datachannel " + version,
  argv: process.argv.slice(2),
  // The polyfill hands its config to libdatachannel: bindAddress keeps every socket on PEER_ADDRESS.
  makePc: () => {
    const pc = wrapPc(new RTCPeerConnection({
      iceServers: [],
      bindAddress: process.env.PEER_ADDRESS || "127.0.0.1",
      maxMessageSize: 262144,
    }), W3C);
    // libdatachannel appears to set up its ICE transport on its own thread after setRemoteDescription
    // resolved: a candidate that arrives in between is refused ("without ICE transport"),
    // seen about once in 20 runs. Retry a few times, bounded to 1 s.
    const add = pc.addCandidate;
    pc.addCandidate = async (c) => {
      for (let i = 0; ; i++) {
        try { return await add(c); } catch (e) {
          if (i >= 20 || !/without ICE transport/.test(String(e && e.message))) throw e;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    return pc;
  },
});
