// A minimal STUN Binding responder on PEER_ADDRESS for werift. werift's ICE queries
// stun.l.google.com whenever no STUN server is configured (even with iceServers: []), which
// sends traffic out of the run's network and, in a namespace with a default route, stalls
// gathering for 5 s on DNS. Pointing it here answers at once and keeps every packet local.
"use strict";
const dgram = require("dgram");

const MAGIC = 0x2112a442;

function start(address, cb) {
  const sock = dgram.createSocket("udp4");
  sock.on("message", (msg, rinfo) => {
    // Binding request: type 0x0001 with the magic cookie; anything else is ignored.
    if (msg.length < 20 || msg.readUInt16BE(0) !== 0x0001 || msg.readUInt32BE(4) !== MAGIC) return;
    const res = Buffer.alloc(32);
    res.writeUInt16BE(0x0101, 0); // Binding success response
    res.writeUInt16BE(12, 2); // one 12-byte attribute follows
    msg.copy(res, 4, 4, 20); // magic cookie and transaction id
    res.writeUInt16BE(0x0020, 20); // XOR-MAPPED-ADDRESS
    res.writeUInt16BE(8, 22);
    res.writeUInt8(0, 24);
    res.writeUInt8(0x01, 25); // IPv4
    res.writeUInt16BE(rinfo.port ^ (MAGIC >>> 16), 26);
    const ip = rinfo.address.split(".").reduce((a, o) => (a << 8) | Number(o), 0) >>> 0;
    res.writeUInt32BE((ip ^ MAGIC) >>> 0, 28);
    sock.send(res, rinfo.port, rinfo.address);
  });
  sock.on("error", (e) => process.stderr.write("stun stub: " + e.message + "\n"));
  sock.bind(0, address, () => { sock.unref(); cb(sock.address().port); });
}

module.exports = { start };
