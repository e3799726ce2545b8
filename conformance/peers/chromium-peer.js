// Chromium (Debian's /usr/bin/chromium, headless) as a PEER-PROTOCOL.md peer
// program: RTCPeerConnection runs in a page; this process bridges stdin/stdout
// JSON lines to it over the DevTools protocol (playwright-core, no browser download).
// --mdns keeps Chromium's mDNS host candidates (no WebRtcHideLocalIpsWithMdns override).
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const readline = require("readline");
const { chromium } = require("playwright-core");
const { parseArgs, now } = require("./lib/node-main.js");

const args = parseArgs(process.argv.slice(2));
const mdns = args.flags.has("mdns");
const timeoutMs = Number(args.params.timeout_ms || 60000);
const log = (m) => process.stderr.write("[chromium " + args.role + "] " + m + "\n");
const write = (line) => process.stdout.write(line + "\n");
let context = null;
let exiting = false;
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "puredc-chromium-"));

async function exit(code) {
  if (exiting) return;
  exiting = true;
  setTimeout(() => finalExit(code), 5000).unref();
  try { if (context) await context.close(); } catch (e) { log("closing: " + e.message); }
  finalExit(code);
}
function finalExit(code) {
  try { fs.rmSync(profile, { recursive: true, force: true }); } catch (e) { /* best effort */ }
  process.stdout.write("", () => process.exit(code));
}
function failHard(message) {
  if (exiting) return;
  log(message);
  write(JSON.stringify({ t: "result", ok: false, scenario: args.scenario, error: message }));
  exit(1);
}

// The page enforces the scenario's timeout itself; this one catches a hung or crashed browser.
setTimeout(() => failHard("chromium bridge: no result within " + (timeoutMs + 5000) + " ms"), timeoutMs + 5000).unref();

async function run() {
  const flags = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ];
  if (!mdns) flags.push("--disable-features=WebRtcHideLocalIpsWithMdns");
  context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium", headless: true, args: flags, timeout: 30000,
  });
  const page = context.pages()[0] || (await context.newPage());
  page.on("crash", () => failHard("chromium page crashed"));
  page.on("console", (m) => log("console." + m.type() + ": " + m.text()));
  let done = false;
  await page.exposeBinding("__peerOut", (_src, line) => { if (!exiting) write(line); });
  await page.exposeBinding("__peerLog", (_src, m) => log(m));
  await page.exposeBinding("__peerExit", (_src, code) => { done = true; exit(code); });
  await page.goto("about:blank");
  for (const f of ["sha256.js", "adapters.js", "scenarios.js"]) {
    await page.addScriptTag({ content: fs.readFileSync(path.join(__dirname, "lib", f), "utf8") });
  }
  // The user agent string is reduced (156.0.0.0); the DevTools protocol tells the full version.
  const cdp = await context.newCDPSession(page);
  const product = (await cdp.send("Browser.getVersion")).product;
  const version = (/\/([\d.]+)/.exec(product) || [null, product])[1];
  await page.evaluate((o) => {
    const start = performance.now() - o.elapsed;
    window.__peer = PuredcScenarios.runPeer({
      role: o.role, scenario: o.scenario, params: o.params, impl: o.impl, peerAddress: o.peerAddress, anyLocalInRange: true,
      makePc: () => PuredcAdapters.wrapPc(new RTCPeerConnection({ iceServers: [] }), PuredcAdapters.W3C),
      write: (obj) => __peerOut(JSON.stringify(obj)),
      exit: (code) => __peerExit(code),
      now: () => performance.now() - start,
      log: (m) => __peerLog(m),
      newHash: () => { const h = new PuredcSha256(); return { update: (u) => h.update(u), hex: () => h.hex() }; },
    });
  }, {
    role: args.role, scenario: args.scenario, params: args.params, elapsed: now(),
    impl: "chromium " + version + (mdns ? " (mDNS)" : ""),
    peerAddress: process.env.PEER_ADDRESS || "127.0.0.1",
  });
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on("line", (line) => {
    if (!line.trim() || exiting) return;
    try { JSON.parse(line); } catch (e) { log("ignoring malformed input line " + line.slice(0, 200)); return; }
    page.evaluate((l) => window.__peer.feed(JSON.parse(l)), line).catch((e) => { if (!done) failHard("feeding the page: " + e.message); });
  });
  rl.on("close", () => setTimeout(() => { if (!exiting) failHard("stdin closed"); }, 1000));
}

run().catch((e) => failHard("chromium bridge: " + ((e && e.stack) || e)));
