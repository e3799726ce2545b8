// Drives Debian's Chromium (headless, playwright-core, no browser download) through the daemon's
// page, one tab per scenario, each opening ?play=<path> and ending its session with a bye:
//
//   --play PATH    an H.264/AAC MP4: plays, seeks to the middle and plays from there, fetches the
//                  whole file and some ranges through the service worker.
//   --hevc PATH    an HEVC/AAC MKV that the daemon transcodes. The daemon's ffmpeg waits for the
//   --gate FILE    file FILE (BrowserPlaybackTest's wrapper): the driver creates it once the page has
//                  the first HELLO, so that HELLO is certainly sent while the transcode runs. Then:
//                  the headers the worker gives while transcoding, playback, the exact-size HELLO
//                  and playback after it, the page's reopening of the video (now seekable), a
//                  seek to 7 s, the whole transcoded file through the worker.
//   --big PATH     a large MP4: a seek far ahead while a RANGE_REQ is open; the page sends CANCEL
//                  and plays on from the seek point.
//
// Prints exactly one JSON line on stdout, {ok, play: {...}, hevc: {...}, big: {...}}, each
// scenario with its own ok and error; diagnostics go to stderr. Run by BrowserPlaybackTest inside
// a network namespace (Chromium gathers no loopback candidates).
//
//   node play-in-chromium.cjs --url http://127.0.0.1:PORT/ [--play P] [--hevc P --gate F] [--big P]
//        [--timeout-ms N]
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
const timeoutMs = Number(arg('timeout-ms', '60000'));
const log = (m) => process.stderr.write('[play-in-chromium] ' + m + '\n');
const result = { ok: false };
let printed = false;
let deadline = 0;

function print() {
  if (printed) return;
  printed = true;
  process.stdout.write(JSON.stringify(result) + '\n');
}

/** What is left of the whole run's budget, for one wait. */
const left = () => Math.max(1000, deadline - Date.now() - 3000);

/** Runs one scenario in a fresh tab; its result goes to result[name], failures included. */
async function scenario(context, name, body) {
  const r = { ok: false, steps: [] };
  result[name] = r;
  const step = (s) => { r.steps.push(s); log(name + ': ' + s); };
  const page = await context.newPage();
  // For the functions evaluated in the page: its <video> element.
  await page.addInitScript(() => { window.vid = () => document.getElementById('video'); });
  page.on('console', (m) => log(name + ' console.' + m.type() + ': ' + m.text()));
  page.on('pageerror', (e) => log(name + ' page error: ' + e.message));
  try {
    await body(page, r, step);
    step('end the session');
    r.stats = await page.evaluate(() => puredc.stats);
    await page.evaluate(() => puredc.stop());
    // The bye is a POST on its way; give it the moment it needs before the tab goes.
    await page.waitForFunction(() => puredc.state === 'idle', null, { timeout: 5000 });
    await page.waitForTimeout(300);
    r.finalState = await page.evaluate(() => ({ state: puredc.state, error: puredc.error }));
    r.ok = true;
  } catch (e) {
    r.error = e.message.split('\n')[0];
    try {
      r.page = await page.evaluate(() => (window.puredc
        ? { state: puredc.state, error: puredc.error, hellos: puredc.hellos, stats: puredc.stats,
          log: puredc.log.slice(-40) }
        : { noPuredc: true, readyState: document.readyState, url: location.href }));
    } catch (e2) { /* the page may be gone */ }
  }
  await page.close().catch(() => {});
}

/** Opens ?play=PATH and waits for the first HELLO (or an error). */
async function open(page, step, play) {
  step('open ?play=' + play);
  await page.goto(url + '?play=' + encodeURIComponent(play));
  await page.waitForFunction(() => window.puredc && (puredc.hello !== null || puredc.state === 'error'),
    null, { timeout: left(), polling: 50 });
}

async function waitPlaying(page, step) {
  step('wait for playing');
  await page.waitForFunction(() => puredc.state === 'playing' || puredc.state === 'error',
    null, { timeout: left(), polling: 100 });
  const s = await page.evaluate(() => ({ state: puredc.state, error: puredc.error }));
  if (s.state === 'error') throw new Error('the page reports: ' + s.error);
}

/** Waits until currentTime is more than `by` seconds past `from`; returns it. */
async function advancePast(page, from, by = 0.5) {
  await page.waitForFunction(([t, d]) => vid().currentTime > t + d || puredc.state === 'error',
    [from, by], { timeout: left(), polling: 100 });
  const s = await page.evaluate(() => ({ t: vid().currentTime, state: puredc.state, error: puredc.error }));
  if (s.state === 'error') throw new Error('the page reports: ' + s.error);
  return s.t;
}

/** Fetches the media URL through the worker; with `keepBody` false only the headers are read. */
function fetchMedia(page, range, keepBody) {
  return page.evaluate(async ([range, keepBody]) => {
    const res = await fetch(puredc.mediaUrl, { headers: range ? { Range: range } : {}, cache: 'no-store' });
    const out = {
      status: res.status,
      contentRange: res.headers.get('Content-Range'),
      contentLength: res.headers.get('Content-Length'),
      contentType: res.headers.get('Content-Type'),
    };
    if (!keepBody) {
      await res.body.cancel();
      return out;
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    out.length = bytes.length;
    if (bytes.length <= 256) out.hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    out.sha256 = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)),
      (b) => b.toString(16).padStart(2, '0')).join('');
    return out;
  }, [range, keepBody]);
}

/** The H.264 MP4: play, seek to the middle, the whole file and ranges through the worker. */
async function playScenario(page, r, step, play) {
  await open(page, step, play);
  r.canPlayMp4 = await page.evaluate(() => vid().canPlayType('video/mp4; codecs="avc1.42E01E, mp4a.40.2"'));
  await waitPlaying(page, step);
  r.hello = await page.evaluate(() => puredc.hello);
  r.controlled = await page.evaluate(() => !!navigator.serviceWorker.controller);

  step('wait for currentTime to advance');
  r.startTime = await page.evaluate(() => vid().currentTime);
  r.advancedTo = await advancePast(page, r.startTime);

  step('seek to the middle');
  r.duration = await page.evaluate(() => vid().duration);
  r.middle = r.duration / 2;
  await page.evaluate((t) => { vid().currentTime = t; }, r.middle);
  await page.waitForFunction((t) => !vid().seeking && vid().currentTime >= t,
    r.middle, { timeout: left(), polling: 100 });
  r.afterSeek = await page.evaluate(() => vid().currentTime);
  await advancePast(page, r.afterSeek);
  r.playingAfterSeek = await page.evaluate(() => ({
    currentTime: vid().currentTime, paused: vid().paused, error: vid().error && vid().error.message,
  }));

  step('sha256 of the whole file through the service worker');
  r.sha256 = await page.evaluate(() => puredc.sha256OfWholeFile());

  step('range requests through the service worker');
  const size = r.hello.fileSize;
  r.ranges = {
    partial: await fetchMedia(page, 'bytes=100-199', true),
    suffix: await fetchMedia(page, 'bytes=-10', true),
    past: await fetchMedia(page, 'bytes=' + size + '-', true),
  };
}

/** The HEVC MKV, transcoded by the daemon while it plays. */
async function hevcScenario(page, r, step, play, gate) {
  await open(page, step, play);
  r.firstHello = await page.evaluate(() => puredc.hellos[0] || null);
  if (!r.firstHello) throw new Error('the page reports: ' + (await page.evaluate(() => puredc.error)));

  // ffmpeg has not started yet: these answers are certainly those of a running transcode. The
  // bodies are cancelled at once (they would wait for ffmpeg), so the page sends CANCELs.
  step('headers while transcoding');
  r.whileTranscoding = {
    open: await fetchMedia(page, 'bytes=0-', false),
    bounded: await fetchMedia(page, 'bytes=100-199', false),
    whole: await fetchMedia(page, null, false),
  };

  step('open the gate: ffmpeg starts');
  fs.writeFileSync(gate, 'go\n');
  await waitPlaying(page, step);
  r.seekableWhilePlaying = await page.evaluate(() => (vid().seekable.length ? vid().seekable.end(0) : null));
  r.startTime = await page.evaluate(() => vid().currentTime);
  r.advancedTo = await advancePast(page, r.startTime);

  step('wait for the exact-size HELLO');
  await page.waitForFunction(() => puredc.hellos.length >= 2 || puredc.state === 'error',
    null, { timeout: left(), polling: 100 });
  r.hellos = await page.evaluate(() => puredc.hellos);
  if (r.hellos.length < 2) throw new Error('the page reports: ' + (await page.evaluate(() => puredc.error)));
  const second = r.hellos[1];

  step('play on after the exact-size HELLO');
  r.playedTo = await advancePast(page, Math.max(second.currentTime, r.advancedTo), 1);
  r.video = await page.evaluate(() => ({
    duration: vid().duration, paused: vid().paused, error: vid().error && vid().error.message,
    buffered: Array.from({ length: vid().buffered.length }, (_, i) => [vid().buffered.start(i), vid().buffered.end(i)]),
  }));

  // The first load took the stream for one of unknown length, which Chromium does not seek; the
  // page reopens it at the same position once the length is known, and then it seeks.
  step('wait for the reopened video to be seekable');
  await page.waitForFunction(() => (vid().seekable.length > 0 && vid().seekable.end(0) > 0) || puredc.state === 'error',
    null, { timeout: left(), polling: 100 });
  r.reopened = await page.evaluate(() => ({
    reopens: puredc.stats.reopens, currentTime: vid().currentTime, seekableEnd: vid().seekable.end(0),
    log: puredc.log.filter((l) => l.includes('reopening')),
  }));
  step('seek to 7 s');
  await page.evaluate(() => { vid().currentTime = 7; });
  await page.waitForFunction(() => !vid().seeking && vid().currentTime >= 7, null, { timeout: left(), polling: 100 });
  r.afterSeek = await page.evaluate(() => vid().currentTime);
  r.playedAfterSeek = await advancePast(page, r.afterSeek);

  step('the whole transcoded file through the worker');
  r.whole = await fetchMedia(page, null, true);
  r.afterFinal = await fetchMedia(page, 'bytes=100-199', true);
}

/** The large MP4: a far seek while a RANGE_REQ is open cancels it; playback goes on from there. */
async function bigScenario(page, r, step, play) {
  await open(page, step, play);
  await waitPlaying(page, step);
  r.hello = await page.evaluate(() => puredc.hello);
  r.advancedTo = await advancePast(page, await page.evaluate(() => vid().currentTime));

  step('seek far ahead while a request is open');
  // In the page, in one turn: the moment a RANGE_REQ is open, seek to 80 %. The video element
  // then drops the response that request feeds.
  r.seek = await page.evaluate((limit) => new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (puredc.openRequests() > 0) {
        const to = vid().duration * 0.8;
        const before = { cancels: puredc.stats.cancels, openRequests: puredc.openRequests(), from: vid().currentTime };
        vid().currentTime = to;
        resolve({ to, ...before });
      } else if (Date.now() - started > limit) {
        reject(new Error('no RANGE_REQ was open for ' + limit + ' ms'));
      } else {
        setTimeout(tick, 0);
      }
    };
    tick();
  }), Math.min(20000, left()));
  await page.waitForFunction((t) => !vid().seeking && vid().currentTime >= t,
    r.seek.to, { timeout: left(), polling: 100 });
  r.afterSeek = await page.evaluate(() => vid().currentTime);
  r.playedTo = await advancePast(page, r.afterSeek);

  step('wait for the CANCEL');
  await page.waitForFunction((n) => puredc.stats.cancels > n, r.seek.cancels, { timeout: left(), polling: 100 });
  r.cancelLog = await page.evaluate(() => puredc.log.filter((l) => l.includes('cancelled request')));
  r.paused = await page.evaluate(() => vid().paused);
}

async function main() {
  const { chromium } = loadPlaywright();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'puredc-page-'));
  deadline = Date.now() + timeoutMs;
  let context = null;
  // A hung browser must not hang the test: print what there is and leave once the budget is spent.
  const watchdog = setTimeout(() => {
    result.error = 'no result within ' + timeoutMs + ' ms';
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
    // What the video element itself got from the worker for each media request.
    result.mediaResponses = [];
    context.on('response', (res) => {
      if (!new URL(res.url()).pathname.startsWith('/media/')) return;
      const h = res.headers();
      result.mediaResponses.push({
        path: decodeURIComponent(new URL(res.url()).pathname), status: res.status(),
        range: res.request().headers().range || null, contentRange: h['content-range'] || null,
        contentLength: h['content-length'] || null, fromServiceWorker: res.fromServiceWorker(),
      });
    });
    const play = arg('play', '');
    const hevc = arg('hevc', '');
    const big = arg('big', '');
    if (play) await scenario(context, 'play', (page, r, step) => playScenario(page, r, step, play));
    if (hevc) await scenario(context, 'hevc', (page, r, step) => hevcScenario(page, r, step, hevc, arg('gate')));
    if (big) await scenario(context, 'big', (page, r, step) => bigScenario(page, r, step, big));
    result.ok = ['play', 'hevc', 'big'].every((n) => !result[n] || result[n].ok);
  } catch (e) {
    result.error = result.error || e.message.split('\n')[0];
  }
  await finish(result.ok ? 0 : 1);
}

main().catch((e) => {
  result.error = 'driver: ' + e.message;
  print();
  process.exit(1);
});
