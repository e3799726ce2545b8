package io.puredc.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Over arbitrary media: the decision never fails, respects the cap, and what it produces is
 * something the browser plays; ffprobe output we cannot use is a failure, never an exception.
 */
class DecisionProperties {
  private static final BrowserCapabilities CAPS = BrowserCapabilities.CHROMIUM;
  private static final Path IN = Path.of("/m/in.mkv");
  private static final Path OUT = Path.of("/t/out.mp4");

  @Property
  void capIsRespectedAndOutputIsPlayable(@ForAll("media") MediaInfo m, @ForAll Quality cap) {
    Decision d = Decision.decide(m, cap, CAPS);
    assertFalse(d.reason().isBlank());
    assertEquals(m, d.media());
    MediaInfo.VideoStream v = m.video();
    MediaInfo.AudioStream a = m.firstAudio();
    if (v != null && cap.forcesDownscale(v.height())) {
      assertEquals(Action.VIDEO_TRANSCODE, d.action(), d.reason());
      assertEquals(cap.maxHeight(), d.targetHeight());
    }
    if (d.targetHeight() > 0) {
      assertTrue(v != null && d.targetHeight() < v.height(), "only ever scales down");
    }
    switch (d.action()) {
      case PASSTHROUGH -> {
        if (v != null || a != null) {
          assertTrue(CAPS.containers().contains(m.container()), d::reason);
          assertTrue(v == null || CAPS.videoCodecs().contains(v.codec()), d::reason);
          assertTrue(a == null || CAPS.audioCodecs().contains(a.codec()), d::reason);
        }
      }
      case REMUX, AUDIO_TRANSCODE -> {
        assertTrue(v == null || CAPS.copyVideoCodecs().contains(v.codec()), d::reason);
        assertTrue(a == null || d.transcodeAudio() || CAPS.copyAudioCodecs().contains(a.codec()), d::reason);
        assertEquals(d.action() == Action.AUDIO_TRANSCODE, d.transcodeAudio());
      }
      case VIDEO_TRANSCODE -> {
        assertNotNull(v);
        assertTrue(a == null || d.transcodeAudio() || CAPS.copyAudioCodecs().contains(a.codec()), d::reason);
      }
    }
  }

  @Property
  void everyTranscodeHasAFragmentedMp4Command(@ForAll("media") MediaInfo m, @ForAll Quality cap,
      @ForAll Encoder encoder) {
    Decision d = Decision.decide(m, cap, CAPS);
    if (d.action() == Action.PASSTHROUGH) {
      return;
    }
    List<String> args = FfmpegCommand.build(IN, OUT, d, TranscodeConfig.defaults(), encoder);
    assertEquals("file:" + OUT, args.get(args.size() - 1));
    assertEquals("file:" + IN, args.get(args.indexOf("-i") + 1));
    assertEquals(FfmpegCommand.MOVFLAGS, args.get(args.indexOf("-movflags") + 1));
    String videoCodec = args.get(args.indexOf("-c:v") + 1);
    if (d.action() == Action.VIDEO_TRANSCODE) {
      assertEquals(encoder.ffmpegName(), videoCodec);
      String vf = args.get(args.indexOf("-vf") + 1);
      assertEquals(d.targetHeight() > 0, vf.startsWith("scale=-2:" + (d.targetHeight() & ~1) + ","), vf);
    } else {
      assertEquals("copy", videoCodec);
    }
    assertTrue(FfmpegCommand.estimatedSize(d, TranscodeConfig.defaults()) >= 0);
  }

  @Property
  void anyTextFromFfprobeGivesAResultNotAnException(@ForAll("ffprobeJson") String json) {
    ProbeResult r = Probe.parse(json, Path.of("x.mkv"));
    assertNotNull(r);
  }

  @Property
  void arbitraryStringsGiveAResultNotAnException(@ForAll String text) {
    assertNotNull(Probe.parse(text, Path.of("x.webm")));
  }

  @Provide
  Arbitrary<MediaInfo> media() {
    Arbitrary<String> container = Arbitraries.of("mp4", "webm", "matroska", "mp3", "avi", "mpegts", "ac3", "");
    Arbitrary<MediaInfo.VideoStream> video = Combinators.combine(
        Arbitraries.of("h264", "hevc", "vp9", "av1", "mpeg2video", "vc1", "mjpeg", ""),
        Arbitraries.of("High", "High 10", "Main", "Main 10", "High 4:2:2", "High 4:4:4 Predictive", ""),
        Arbitraries.of("yuv420p", "yuvj420p", "yuv420p10le", "yuv422p", "yuv444p", ""),
        Arbitraries.integers().between(0, 4320))
        .as((c, p, f, h) -> new MediaInfo.VideoStream(c, p, f, h * 16 / 9, h, 25, 0));
    Arbitrary<MediaInfo.AudioStream> audio = Combinators.combine(
        Arbitraries.of("aac", "mp3", "opus", "flac", "vorbis", "ac3", "eac3", "dts", "truehd", "pcm_s16le", ""),
        Arbitraries.integers().between(0, 8), Arbitraries.longs().between(0, 2_000_000))
        .as(MediaInfo.AudioStream::new);
    return Combinators.combine(container, video.injectNull(0.2), audio.list().ofMaxSize(3),
        Arbitraries.doubles().between(0, 20_000), Arbitraries.longs().between(0, 1L << 40))
        .as((c, v, a, dur, size) -> new MediaInfo(c, c, v, a, List.of(), dur, size, 0));
  }

  @Provide
  Arbitrary<String> ffprobeJson() {
    Arbitrary<String> value = Arbitraries.of("-5", "0", "12", "\"12\"", "\"abc\"", "null", "1e400",
        "-1e400", "[]", "{}", "\"N/A\"", "\"30000/1001\"", "\"0/0\"", "\"-1/-1\"", "true", "2147483648");
    Arbitrary<String> key = Arbitraries.of("codec_type", "codec_name", "profile", "pix_fmt", "width",
        "height", "avg_frame_rate", "r_frame_rate", "bit_rate", "channels", "disposition", "tags");
    Arbitrary<String> type = Arbitraries.of("\"video\"", "\"audio\"", "\"subtitle\"", "\"data\"", "5");
    Arbitrary<String> stream = Combinators.combine(type, key.list().ofMaxSize(8), value.list().ofSize(8))
        .as((t, keys, values) -> {
          List<String> fields = new ArrayList<>(List.of("\"codec_type\":" + t));
          for (int i = 0; i < keys.size(); i++) {
            fields.add("\"" + keys.get(i) + "\":" + values.get(i));
          }
          return "{" + String.join(",", fields) + "}";
        });
    Arbitrary<String> format = Combinators.combine(value, value, value, value)
        .as((n, d, s, b) -> "{\"format_name\":" + n + ",\"duration\":" + d + ",\"size\":" + s
            + ",\"bit_rate\":" + b + "}");
    return Combinators.combine(stream.list().ofMaxSize(4), format.injectNull(0.1))
        .as((streams, f) -> "{\"streams\":[" + String.join(",", streams) + "]"
            + (f == null ? "" : ",\"format\":" + f) + "}");
  }
}
