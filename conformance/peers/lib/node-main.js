// Shared Node.js side of a peer program: argument parsing, stdin/stdout
// JSON lines, timing and exit, around scenarios.js.
"use strict";
const crypto = require("crypto");
const readline = require("readline");
const { runPeer } = require("./scenarios.js").PuredcScenarios;

const t0 = process.hrtime.bigint();
const now = () => Number(process.hrtime.bigint() - t0) / 1e6;

function parseArgs(argv) {
  const out = { role: null, scenario: null, params: {}, flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--role") out.role = argv[++i];
    else if (a === "--scenario") out.scenario = argv[++i];
    else if (a === "--param") {
      const kv = argv[++i] || "";
      const eq = kv.indexOf("=");
      if (eq <= 0) usage("bad --param " + kv);
      out.params[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else if (a.startsWith("--")) out.flags.add(a.slice(2));
    else usage("unexpected argument " + a);
  }
  if (out.role !== "offerer" && out.role !== "answerer") usage("--role offerer|answerer is required");
  if (!out.scenario) usage("--scenario is required");
  return out;
}

function usage(msg) {
  process.stderr.write(msg + "\nusage: PEER --role offerer|answerer --scenario NAME [--param k=v ...]\n");
  process.exit(2);
}

function write(obj) { process.stdout.write(JSON.stringify(obj) + "\n"); }

let exiting = false;
function exit(code) {
  if (exiting) return;
  exiting = true;
  // stdout is a pipe: let the last line drain before leaving.
  process.stdout.write("", () => process.exit(code));
  setTimeout(() => process.exit(code), 2000).unref();
}

// Runs one peer: `makePc()` builds the stack's normalised peer connection.
function main({ impl, makePc, argv, unsupported }) {
  const args = parseArgs(argv);
  const log = (m) => process.stderr.write("[" + impl + " " + args.role + "] " + m + "\n");
  process.on("uncaughtException", (e) => {
    log("uncaught: " + (e && e.stack || e));
    if (!exiting) { write({ t: "result", ok: false, scenario: args.scenario, error: "uncaught: " + (e && e.message || e) }); exit(1); }
  });
  process.on("unhandledRejection", (e) => log("unhandled rejection: " + (e && e.stack || e)));
  const peer = runPeer({
    role: args.role, scenario: args.scenario, params: args.params, impl,
    peerAddress: process.env.PEER_ADDRESS || "127.0.0.1",
    makePc: () => makePc(args), write, exit, now, log, unsupported,
    newHash: () => {
      const h = crypto.createHash("sha256");
      return { update: (u8) => h.update(u8), hex: () => h.digest("hex") };
    },
  });
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on("line", (line) => {
    if (!line.trim()) return;
    let msg;
    try { msg = JSON.parse(line); } catch (e) { log("ignoring malformed input line " + line.slice(0, 200)); return; }
    peer.feed(msg);
  });
  // The coordinator going away means nobody reads our result any more.
  rl.on("close", () => setTimeout(() => { if (!exiting) { log("stdin closed"); exit(1); } }, 1000));
}

// Installed version of an npm package (their exports maps hide package.json from require).
function versionOf(name) {
  const file = require("path").join(__dirname, "..", "node_modules", name, "package.json");
  return JSON.parse(require("fs").readFileSync(file, "utf8")).version;
}

module.exports = { main, parseArgs, now, versionOf };
