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
  makePc: () => wrapPc(new RTCPeerConnection({
    iceServers: [],
    bindAddress: process.env.PEER_ADDRESS || "127.0.0.1",
    maxMessageSize: 262144,
  }), W3C),
});
