package io.puredc.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The argument lists, per action and per encoder. */
class FfmpegCommandTest {
  private static final Path IN = Path.of("/media/in put.mkv");
  private static final Path OUT = Path.of("/tmp/out.mp4");
  private static final TranscodeConfig CONFIG = TranscodeConfig.defaults();

  private static Decision decide(String container, String v, String a, int height, Quality cap) {
    return Decision.decide(DecisionTableTest.media(container, v, "", "yuv420p", height, a), cap,
        BrowserCapabilities.CHROMIUM);
  }

  @Test
  void remuxCopiesBothStreamsIntoFragmentedMp4() {
    Decision d = decide("matroska", "h264", "aac", 720, Quality.ORIGINAL);
    assertEquals(List.of("ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-y",
        "-i", "file:/media/in put.mkv",
        "-map", "0:V:0?", "-map", "0:a:0?", "-sn", "-dn", "-map_chapters", "-1",
        "-c:v", "copy", "-c:a", "copy",
        "-max_muxing_queue_size", "1024",
        "-movflags", "+frag_keyframe+empty_moov+default_base_moof",
        "-f", "mp4", "file:/tmp/out.mp4"),
        FfmpegCommand.build(IN, OUT, d, CONFIG, Encoder.SOFTWARE));
  }

  @Test
  void audioTranscodeCopiesVideoAndMakesStereoAac() {
    Decision d = decide("matroska", "h264", "dts", 720, Quality.ORIGINAL);
    List<String> a = FfmpegCommand.build(IN, OUT, d, CONFIG, Encoder.SOFTWARE);
    assertTrue(sub(a, "-c:v", "copy"), a::toString);
    assertTrue(sub(a, "-c:a", "aac", "-ac", "2", "-b:a", "160000"), a::toString);
    assertFalse(a.contains("-vf"), a::toString);
  }

  @Test
  void videoTranscodeScalesToTheCapWithX264PresetAndBitrate() {
    Decision d = decide("mp4", "h264", "aac", 1080, Quality.P480);
    List<String> a = FfmpegCommand.build(IN, OUT, d, CONFIG.withX264Preset("ultrafast"), Encoder.SOFTWARE);
    assertTrue(sub(a, "-vf", "scale=-2:480,format=yuv420p", "-c:v", "libx264", "-preset", "ultrafast",
        "-b:v", "1200000", "-maxrate", "1200000", "-bufsize", "2400000",
        "-force_key_frames", "expr:gte(t,n_forced*2)"), a::toString);
    assertTrue(sub(a, "-c:a", "copy"), "AAC is copied, not re-encoded: " + a);
    assertTrue(sub(a, "-movflags", "+frag_keyframe+empty_moov+default_base_moof", "-f", "mp4"), a::toString);
  }

  @Test
  void videoTranscodeWithoutCapKeepsHeightButForcesEvenSizeAnd8Bit() {
    Decision d = decide("matroska", "hevc", "ac3", 1080, Quality.ORIGINAL);
    List<String> a = FfmpegCommand.build(IN, OUT, d, CONFIG, Encoder.SOFTWARE);
    assertTrue(sub(a, "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2,format=yuv420p"), a::toString);
    assertTrue(sub(a, "-preset", "veryfast", "-b:v", "5000000"), a::toString);
    assertTrue(sub(a, "-c:a", "aac", "-ac", "2"), a::toString);
  }

  @Test
  void configuredBitrateWins() {
    Decision d = decide("matroska", "hevc", "aac", 720, Quality.ORIGINAL);
    List<String> a = FfmpegCommand.build(IN, OUT, d, CONFIG.withVideoBitrate(900_000), Encoder.SOFTWARE);
    assertTrue(sub(a, "-b:v", "900000", "-maxrate", "900000", "-bufsize", "1800000"), a::toString);
  }

  @Test
  void vaapiNamesItsDeviceBeforeTheInputAndUploadsFrames() {
    Decision d = decide("matroska", "hevc", "aac", 2160, Quality.P720);
    List<String> a = FfmpegCommand.build(IN, OUT, d, CONFIG.withVaapiDevice("/dev/dri/renderD129"),
        Encoder.VAAPI);
    assertTrue(sub(a, "-y", "-vaapi_device", "/dev/dri/renderD129", "-i"), a::toString);
    assertTrue(sub(a, "-vf", "scale=-2:720,format=nv12,hwupload", "-c:v", "h264_vaapi", "-b:v", "2500000"),
        a::toString);
  }

  @Test
  void nvencQsvVideoToolboxUseTheirEncodersAndPixelFormats() {
    Decision d = decide("matroska", "hevc", "aac", 1080, Quality.ORIGINAL);
    String even = "scale=trunc(iw/2)*2:trunc(ih/2)*2";
    List<String> nv = FfmpegCommand.build(IN, OUT, d, CONFIG, Encoder.NVENC);
    assertTrue(sub(nv, "-vf", even + ",format=yuv420p", "-c:v", "h264_nvenc", "-preset", "p4"), nv::toString);
    List<String> qsv = FfmpegCommand.build(IN, OUT, d, CONFIG, Encoder.QSV);
    assertTrue(sub(qsv, "-vf", even + ",format=nv12", "-c:v", "h264_qsv", "-preset", "medium"), qsv::toString);
    List<String> vt = FfmpegCommand.build(IN, OUT, d, CONFIG, Encoder.VIDEOTOOLBOX);
    assertTrue(sub(vt, "-vf", even + ",format=yuv420p", "-c:v", "h264_videotoolbox", "-b:v"), vt::toString);
    for (List<String> a : List.of(nv, qsv, vt)) {
      assertFalse(a.contains("-vaapi_device"), a::toString);
    }
  }

  @Test
  void hardwareEncoderDoesNotChangeACopy() {
    Decision d = decide("matroska", "h264", "aac", 720, Quality.ORIGINAL);
    assertEquals(FfmpegCommand.build(IN, OUT, d, CONFIG, Encoder.SOFTWARE),
        FfmpegCommand.build(IN, OUT, d, CONFIG, Encoder.VAAPI));
  }

  @Test
  void oddCapHeightIsRoundedDownToEven() {
    assertEquals("scale=-2:480,format=yuv420p", FfmpegCommand.filter(481, Encoder.SOFTWARE));
  }

  @Test
  void passthroughHasNoCommand() {
    Decision d = decide("mp4", "h264", "aac", 720, Quality.ORIGINAL);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FfmpegCommand.build(IN, OUT, d, CONFIG, Encoder.SOFTWARE));
    assertTrue(e.getMessage().contains("passthrough"), e.getMessage());
  }

  @Test
  void bitrateLadderFollowsOutputHeight() {
    assertEquals(800_000, FfmpegCommand.videoBitrate(decide("mkv", "hevc", "aac", 240, Quality.ORIGINAL), CONFIG));
    assertEquals(2_500_000, FfmpegCommand.videoBitrate(decide("mkv", "hevc", "aac", 720, Quality.ORIGINAL), CONFIG));
    assertEquals(5_000_000, FfmpegCommand.videoBitrate(decide("mp4", "h264", "aac", 2160, Quality.P1080), CONFIG));
    assertEquals(16_000_000, FfmpegCommand.videoBitrate(decide("mkv", "hevc", "aac", 2160, Quality.ORIGINAL), CONFIG));
  }

  @Test
  void sizeEstimates() {
    // media(): 60 s, 10 MB, audio 128 kbit/s
    Decision video = decide("mp4", "h264", "aac", 1080, Quality.P480);
    long expected = Math.round(60 * (1_200_000 + 128_000) / 8.0 * 1.02);
    assertEquals(expected, FfmpegCommand.estimatedSize(video, CONFIG));
    Decision audio = decide("matroska", "h264", "ac3", 720, Quality.ORIGINAL);
    assertEquals(10_000_000 + 60 * (160_000 - 128_000) / 8, FfmpegCommand.estimatedSize(audio, CONFIG));
    Decision remux = decide("matroska", "h264", "aac", 720, Quality.ORIGINAL);
    assertEquals(10_000_000, FfmpegCommand.estimatedSize(remux, CONFIG));
    Decision unknown = new Decision(Action.VIDEO_TRANSCODE, "x", 0, true, MediaInfo.UNKNOWN);
    assertEquals(0, FfmpegCommand.estimatedSize(unknown, CONFIG));
  }

  @Test
  void configRejectsBadValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CONFIG.withX264Preset("warp"));
    assertTrue(e.getMessage().startsWith("unknown x264 preset 'warp'; expected one of "), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CONFIG.withVideoBitrate(-1));
    assertThrows(IllegalArgumentException.class, () -> CONFIG.withProbeTimeout(java.time.Duration.ZERO));
  }

  /** True when {@code want} occurs in {@code a} as consecutive elements. */
  private static boolean sub(List<String> a, String... want) {
    return java.util.Collections.indexOfSubList(a, List.of(want)) >= 0;
  }
}
