// Drives Debian's Chromium (headless, playwright-core, no browser download) through the daemon's
// page: opens ?play=<path>, waits for playback to advance, seeks to the middle and checks that it
// plays from there, fetches the whole file and some ranges through the service worker, then ends
// the session. Prints exactly one JSON line on stdout, {ok, ...}; diagnostics go to stderr.
// Run by BrowserPlaybackTest inside a network namespace (Chromium gathers no loopback candidates).
//
//   node play-in-chromium.cjs --url http://127.0.0.1:PORT/ --play PATH [--timeout-ms N]
// playwright-core: conformance/peers/node_modules (conformance/bin/install-peers.sh), or NODE_PATH.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function arg(name, fallback) {
  const i = process.argv.indexOf('--' + name);
  if (i < 0 || i + 1 >= process.argv.length) {
    if (fallback === undefined) throw new Error('missing --' + name);
    return fallback;
  }
  return process.argv[i + 1];
}

function loadPlaywright() {
  const bundled = path.resolve(__dirname, '../../../../conformance/peers/node_modules/playwright-core');
  try {
    return require(bundled);
  } catch (e) {
    return require('playwright-core'); // NODE_PATH
  }
}

const url = arg('url');
const play = arg('play');
const timeoutMs = Number(arg('timeout-ms', '60000'));
const log = (m) => process.stderr.write('[play-in-chromium] ' + m + '\n');
const result = { ok: false, steps: [] };
let printed = false;

function print() {
  if (printed) return;
  printed = true;
  process.stdout.write(JSON.stringify(result) + '\n');
}

async function main() {
  const { chromium } = loadPlaywright();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'puredc-page-'));
  let context = null;
  // A hung browser must not hang the test: fail and leave once the budget is spent.
  const watchdog = setTimeout(() => {
    result.error = 'no result within ' + timeoutMs + ' ms (last step: ' + result.steps.slice(-1)[0] + ')';
    finish(2);
  }, timeoutMs);
  async function finish(code) {
    clearTimeout(watchdog);
    print();
    setTimeout(() => process.exit(code), 5000).unref(); // closing must not hang either
    try { if (context) await context.close(); } catch (e) { log('closing: ' + e.message); }
    fs.rmSync(profile, { recursive: true, force: true });
    process.exit(code);
  }
  const step = (s) => { result.steps.push(s); log(s); };
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      timeout: 30000,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        // Host candidates as IP addresses, not mDNS names (PEER-PROTOCOL.md, "Chromium and loopback").
        '--disable-features=WebRtcHideLocalIpsWithMdns',
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
    const page = context.pages()[0] || (await context.newPage());
    page.on('console', (m) => log('console.' + m.type() + ': ' + m.text()));
    page.on('pageerror', (e) => log('page error: ' + e.message));
    page.on('crash', () => { result.error = 'the page crashed'; finish(1); });
    const left = () => Math.max(1000, timeoutMs - 5000);

    step('open ' + url + '?play=' + play);
    await page.goto(url + '?play=' + encodeURIComponent(play));
    result.canPlayMp4 = await page.evaluate(() => document.createElement('video').canPlayType('video/mp4; codecs="avc1.42E01E, mp4a.40.2"'));

    step('wait for playing');
    await page.waitForFunction(() => window.puredc && (puredc.state === 'playing' || puredc.state === 'error'),
      null, { timeout: left(), polling: 100 });
    const state = await page.evaluate(() => ({ state: puredc.state, error: puredc.error, hello: puredc.hello }));
    result.hello = state.hello;
    if (state.state === 'error') throw new Error('the page reports: ' + state.error);
    result.controlled = await page.evaluate(() => !!navigator.serviceWorker.controller);

    step('wait for currentTime to advance');
    result.startTime = await page.evaluate(() => document.getElementById('video').currentTime);
    await page.waitForFunction((t) => document.getElementById('video').currentTime > t + 0.5,
      result.startTime, { timeout: left(), polling: 100 });
    result.advancedTo = await page.evaluate(() => document.getElementById('video').currentTime);

    step('seek to the middle');
    result.duration = await page.evaluate(() => document.getElementById('video').duration);
    result.middle = result.duration / 2;
    await page.evaluate((t) => { document.getElementById('video').currentTime = t; }, result.middle);
    await page.waitForFunction((t) => {
      const v = document.getElementById('video');
      return !v.seeking && v.currentTime >= t;
    }, result.middle, { timeout: left(), polling: 100 });
    result.afterSeek = await page.evaluate(() => document.getElementById('video').currentTime);
    await page.waitForFunction((t) => document.getElementById('video').currentTime > t + 0.5,
      result.afterSeek, { timeout: left(), polling: 100 });
    result.playingAfterSeek = await page.evaluate(() => {
      const v = document.getElementById('video');
      return { currentTime: v.currentTime, paused: v.paused, error: v.error && v.error.message };
    });

    step('sha256 of the whole file through the service worker');
    result.sha256 = await page.evaluate(() => puredc.sha256OfWholeFile());

    step('range requests through the service worker');
    result.ranges = await page.evaluate(async () => {
      const size = puredc.hello.fileSize;
      const get = async (range) => {
        const res = await fetch(puredc.mediaUrl, { headers: { Range: range }, cache: 'no-store' });
        const bytes = new Uint8Array(await res.arrayBuffer());
        return {
          status: res.status,
          contentRange: res.headers.get('Content-Range'),
          contentLength: res.headers.get('Content-Length'),
          contentType: res.headers.get('Content-Type'),
          hex: Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''),
        };
      };
      return { partial: await get('bytes=100-199'), suffix: await get('bytes=-10'), past: await get('bytes=' + size + '-') };
    });

    step('end the session');
    result.stats = await page.evaluate(() => puredc.stats);
    await page.evaluate(() => puredc.stop());
    // The bye is a POST on its way; give it the moment it needs before the browser goes.
    await page.waitForFunction(() => puredc.state === 'idle', null, { timeout: 5000 });
    await page.waitForTimeout(500);
    result.finalState = await page.evaluate(() => ({ state: puredc.state, error: puredc.error }));
    result.ok = true;
  } catch (e) {
    result.error = result.error || e.message.split('\n')[0];
    try {
      result.page = await context.pages()[0].evaluate(() => (window.puredc
        ? { state: puredc.state, error: puredc.error, log: puredc.log.slice(-40) }
        : { noPuredc: true, readyState: document.readyState, url: location.href }));
    } catch (e2) { /* the page may be gone */ }
  }
  await finish(result.ok ? 0 : 1);
}

main().catch((e) => {
  result.error = 'driver: ' + e.message;
  print();
  process.exit(1);
});
