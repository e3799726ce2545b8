// werift (pure TypeScript WebRTC) as a PEER-PROTOCOL.md peer program.
"use strict";
const { RTCPeerConnection } = require("werift");
const { wrapPc } = require("./lib/adapters.js").PuredcAdapters;
const { main, versionOf } = require("./lib/node-main.js");
const version = versionOf("werift");

const address = process.env.PEER_ADDRESS || "127.0.0.1";
require("./lib/stun-stub.js").start(address, (stunPort) => main({
  impl: "werift " + version,
  argv: process.argv.slice(2),
  makePc: () => wrapPc(new RTCPeerConnection({
    // werift advertises 65536 unless told; the protocol's scenarios need 256 KiB messages.
    maxMessageSize: 262144,
    // Without a STUN server werift falls back to a public one: give it the local stub instead.
    iceServers: [{ urls: "stun:" + address + ":" + stunPort }],
    iceUseIpv6: false,
    // Bind and announce PEER_ADDRESS (werift does not enumerate loopback itself).
    iceInterfaceAddresses: { udp4: address },
    iceAdditionalHostAddresses: [address],
  }), {
    binary: (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength),
    onLow: (raw, cb) => raw.bufferedAmountLow.subscribe(cb),
    // werift 0.24.4 sets a remote channel open (running our handlers) before it queues the
    // DATA_CHANNEL_ACK; one macrotask later the ACK is queued and goes out first.
    deferRemoteOpen: (fn) => setImmediate(fn),
  }),
}));
