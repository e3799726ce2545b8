package io.puredc.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The decision table of issue 7 and the README, row by row, against Chromium's capabilities. */
class DecisionTableTest {

  @ParameterizedTest(name = "{0}: {1}/{5} in {2} {3}p cap {7} -> {8}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      # row                    | video      | container | height | pixfmt      | audio  | profile | cap      | action          | target | audioToAac
      mp4 h264 aac             | h264       | mp4       | 1080   | yuv420p     | aac    | High    | original | PASSTHROUGH     | 0      | false
      webm vp9 opus            | vp9        | webm      | 720    | yuv420p     | opus   | -       | original | PASSTHROUGH     | 0      | false
      webm vp9 vorbis          | vp9        | webm      | 720    | yuv420p     | vorbis | -       | 720p     | PASSTHROUGH     | 0      | false
      av1 in mp4 plays         | av1        | mp4       | 720    | yuv420p     | aac    | Main    | original | PASSTHROUGH     | 0      | false
      h264 flac in mp4         | h264       | mp4       | 480    | yuv420p     | flac   | High    | 480p     | PASSTHROUGH     | 0      | false
      mkv h264 aac remux       | h264       | matroska  | 1080   | yuv420p     | aac    | High    | original | REMUX           | 0      | false
      mkv h264 mp3 remux       | h264       | matroska  | 720    | yuv420p     | mp3    | High    | 1080p    | REMUX           | 0      | false
      avi h264 aac remux       | h264       | avi       | 480    | yuv420p     | aac    | High    | original | REMUX           | 0      | false
      mkv h264 ac3             | h264       | matroska  | 1080   | yuv420p     | ac3    | High    | original | AUDIO_TRANSCODE | 0      | true
      mkv h264 eac3            | h264       | matroska  | 1080   | yuv420p     | eac3   | High    | 1080p    | AUDIO_TRANSCODE | 0      | true
      mkv h264 dts             | h264       | matroska  | 1080   | yuv420p     | dts    | High    | original | AUDIO_TRANSCODE | 0      | true
      mkv h264 truehd          | h264       | matroska  | 1080   | yuv420p     | truehd | High    | original | AUDIO_TRANSCODE | 0      | true
      mp4 h264 ac3             | h264       | mp4       | 720    | yuv420p     | ac3    | High    | original | AUDIO_TRANSCODE | 0      | true
      mkv h264 opus            | h264       | matroska  | 720    | yuv420p     | opus   | High    | original | AUDIO_TRANSCODE | 0      | true
      mkv hevc aac             | hevc       | matroska  | 1080   | yuv420p     | aac    | Main    | original | VIDEO_TRANSCODE | 0      | false
      mp4 hevc aac             | hevc       | mp4       | 2160   | yuv420p10le | aac    | Main 10 | original | VIDEO_TRANSCODE | 0      | false
      mkv hevc dts             | hevc       | matroska  | 2160   | yuv420p10le | dts    | Main 10 | original | VIDEO_TRANSCODE | 0      | true
      mkv av1 opus             | av1        | matroska  | 1080   | yuv420p     | opus   | Main    | original | VIDEO_TRANSCODE | 0      | true
      mkv vp9 opus             | vp9        | matroska  | 1080   | yuv420p     | opus   | -       | original | VIDEO_TRANSCODE | 0      | true
      mp4 h264 10-bit          | h264       | mp4       | 1080   | yuv420p10le | aac    | High 10 | original | VIDEO_TRANSCODE | 0      | false
      mkv h264 4:2:2           | h264       | matroska  | 1080   | yuv422p     | aac    | High 4:2:2 | original | VIDEO_TRANSCODE | 0   | false
      ts mpeg2 ac3             | mpeg2video | mpegts    | 576    | yuv420p     | ac3    | Main    | original | VIDEO_TRANSCODE | 0      | true
      mkv vc1 ac3              | vc1        | matroska  | 1080   | yuv420p     | ac3    | Advanced | original | VIDEO_TRANSCODE | 0     | true
      asf vc1 wmav2            | vc1        | asf       | 720    | yuv420p     | wmav2  | Advanced | 1080p   | VIDEO_TRANSCODE | 0      | true
      cap 2160 to 1080         | h264       | mp4       | 2160   | yuv420p     | aac    | High    | 1080p    | VIDEO_TRANSCODE | 1080   | false
      cap 1080 to 480          | h264       | mp4       | 1080   | yuv420p     | aac    | High    | 480p     | VIDEO_TRANSCODE | 480    | false
      cap 1080 to 720 in mkv   | h264       | matroska  | 1080   | yuv420p     | ac3    | High    | 720p     | VIDEO_TRANSCODE | 720    | true
      cap plus hevc            | hevc       | matroska  | 2160   | yuv420p10le | aac    | Main 10 | 720p     | VIDEO_TRANSCODE | 720    | false
      cap equal is no cap      | h264       | mp4       | 1080   | yuv420p     | aac    | High    | 1080p    | PASSTHROUGH     | 0      | false
      cap under is no cap      | vp9        | webm      | 720    | yuv420p     | opus   | -       | 1080p    | PASSTHROUGH     | 0      | false
      4k original              | h264       | mp4       | 2160   | yuv420p     | aac    | High    | original | PASSTHROUGH     | 0      | false
      4k cap 2160              | vp9        | webm      | 2160   | yuv420p     | opus   | -       | 2160p    | PASSTHROUGH     | 0      | false
      mp3 audio only           | -          | mp3       | 0      | -           | mp3    | -       | 480p     | PASSTHROUGH     | 0      | false
      m4a audio only           | -          | mp4       | 0      | -           | aac    | -       | original | PASSTHROUGH     | 0      | false
      mka flac audio only      | -          | matroska  | 0      | -           | flac   | -       | original | AUDIO_TRANSCODE | 0      | true
      ac3 audio only           | -          | ac3       | 0      | -           | ac3    | -       | original | AUDIO_TRANSCODE | 0      | true
      mkv aac audio only       | -          | matroska  | 0      | -           | aac    | -       | original | REMUX           | 0      | false
      mp4 video only hevc      | hevc       | mp4       | 720    | yuv420p     | -      | Main    | original | VIDEO_TRANSCODE | 0      | false
      mkv video only h264      | h264       | matroska  | 720    | yuv420p     | -      | High    | original | REMUX           | 0      | false
      """)
  void row(String row, String video, String container, int height, String pixfmt, String audio,
      String profile, String cap, Action action, int target, boolean audioToAac) {
    MediaInfo m = media(container, video, profile, pixfmt, height, audio);
    Decision d = Decision.decide(m, Quality.parse(cap), BrowserCapabilities.CHROMIUM);
    assertEquals(action, d.action(), () -> row + ": " + d.reason());
    assertEquals(target, d.targetHeight(), row);
    assertEquals(audioToAac, d.transcodeAudio(), row);
    assertTrue(!d.reason().isBlank(), row);
    assertEquals(m, d.media());
  }

  @Test
  void reasonsNameWhatIsWrong() {
    assertEquals("hevc video is not playable", decide("matroska", "hevc", "aac", 1080, "original").reason());
    assertEquals("ac3 audio is not playable", decide("matroska", "h264", "ac3", 1080, "original").reason());
    assertEquals("1080 lines exceed the 480p cap", decide("mp4", "h264", "aac", 1080, "480p").reason());
    assertEquals("h264/aac in matroska: playable codecs, container is not",
        decide("matroska", "h264", "aac", 1080, "original").reason());
    assertEquals("av1 in matroska is not copied into fragmented MP4",
        decide("matroska", "av1", "opus", 1080, "original").reason());
  }

  @Test
  void onlyTheFirstAudioStreamCounts() {
    MediaInfo m = new MediaInfo("matroska", "matroska,webm", video("h264", "High", "yuv420p", 720),
        List.of(new MediaInfo.AudioStream("aac", 2, 0), new MediaInfo.AudioStream("dts", 6, 0)),
        List.of(), 10, 1000, 800);
    assertEquals(Action.REMUX, Decision.decide(m, Quality.ORIGINAL, BrowserCapabilities.CHROMIUM).action());
  }

  @Test
  void nothingToPlayIsPassthrough() {
    MediaInfo m = new MediaInfo("matroska", "matroska,webm", null, List.of(),
        List.of(new MediaInfo.SubtitleStream("ass", "")), 0, 10, 0);
    Decision d = Decision.decide(m, Quality.P480, BrowserCapabilities.CHROMIUM);
    assertEquals(Action.PASSTHROUGH, d.action());
  }

  @Test
  void otherCapabilitiesChangeTheAnswer() {
    // A browser that decodes HEVC in MP4 (Safari-like): HEVC in MP4 plays, HEVC in MKV does not copy.
    BrowserCapabilities hevc = new BrowserCapabilities(java.util.Set.of("mp4"),
        java.util.Set.of("h264", "hevc"), java.util.Set.of("aac"), java.util.Set.of("h264", "hevc"),
        java.util.Set.of("aac"));
    MediaInfo mp4 = media("mp4", "hevc", "Main", "yuv420p", 1080, "aac");
    assertEquals(Action.PASSTHROUGH, Decision.decide(mp4, Quality.ORIGINAL, hevc).action());
    MediaInfo mkv = media("matroska", "hevc", "Main", "yuv420p", 1080, "aac");
    assertEquals(Action.REMUX, Decision.decide(mkv, Quality.ORIGINAL, hevc).action());
  }

  @Test
  void badArgumentsAreRejectedClearly() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quality.parse("4k"));
    assertEquals("unknown quality '4k'; expected one of 2160p, 1080p, 720p, 480p, original", e.getMessage());
    assertEquals(Quality.P720, Quality.parse(" 720P "));
    assertThrows(IllegalArgumentException.class, () -> Quality.parse(null));
    assertThrows(IllegalArgumentException.class,
        () -> new Decision(Action.REMUX, "x", 480, false, MediaInfo.UNKNOWN));
    assertThrows(IllegalArgumentException.class,
        () -> new MediaInfo("mp4", "mp4", null, List.of(), List.of(), -1, 0, 0));
    IllegalArgumentException enc = assertThrows(IllegalArgumentException.class, () -> Encoder.parse("cuda"));
    assertEquals("unknown encoder 'cuda'; expected one of software, vaapi, nvenc, qsv, videotoolbox",
        enc.getMessage());
    assertEquals(Encoder.VAAPI, Encoder.parse("VAAPI"));
  }

  private static Decision decide(String container, String v, String a, int height, String cap) {
    return Decision.decide(media(container, v, "", "yuv420p", height, a), Quality.parse(cap),
        BrowserCapabilities.CHROMIUM);
  }

  static MediaInfo media(String container, String v, String profile, String pixfmt, int height,
      String a) {
    List<MediaInfo.AudioStream> audio = new ArrayList<>();
    if (a != null) {
      audio.add(new MediaInfo.AudioStream(a, 2, 128_000));
    }
    MediaInfo.VideoStream video = v == null ? null
        : video(v, profile == null ? "" : profile, pixfmt == null ? "" : pixfmt, height);
    return new MediaInfo(container, container, video, audio, List.of(), 60, 10_000_000, 1_333_333);
  }

  private static MediaInfo.VideoStream video(String codec, String profile, String pixfmt, int height) {
    return new MediaInfo.VideoStream(codec, profile, pixfmt, height * 16 / 9, height, 25, 0);
  }
}
