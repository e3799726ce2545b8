package io.puredc.transcode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code ffprobe -v error -print_format json -show_format -show_streams FILE} with a
 * timeout and parses its JSON into a {@link MediaInfo}. Never throws for a bad file or a bad
 * ffprobe: every problem becomes a {@link ProbeResult.Failure} with a message, logged as a
 * warning, and the process is killed and reaped on timeout.
 */
public final class Probe {
  private static final Logger LOG = LoggerFactory.getLogger(Probe.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int STDERR_TAIL = 2048;

  /** Codecs a WebM file may hold; a {@code .webm} name alone does not make a file WebM. */
  private static final Set<String> WEBM_CODECS =
      Set.of("vp8", "vp9", "av1", "vorbis", "opus", "webvtt");

  private final String ffprobe;
  private final Duration timeout;

  /**
   * @param ffprobe the executable, a name on PATH or a path
   * @param timeout how long one probe may take before ffprobe is killed
   */
  public Probe(String ffprobe, Duration timeout) {
    this.ffprobe = Objects.requireNonNull(ffprobe, "ffprobe");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("probe timeout must be positive, got " + timeout);
    }
    this.timeout = timeout;
  }

  /** Probes one file; the result is a failure, never an exception, when anything goes wrong. */
  public ProbeResult probe(Path file) {
    ProbeResult result = run(file.toAbsolutePath());
    if (result instanceof ProbeResult.Failure f) {
      LOG.warn("probe of {} failed, it will be served as is: {}", file, f.reason());
    }
    return result;
  }

  private ProbeResult run(Path file) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("puredc-ffprobe-", ".json");
      err = Files.createTempFile("puredc-ffprobe-", ".log");
      // Output goes to files, not pipes: a full pipe would stall ffprobe and no reader thread is needed.
      ProcessBuilder pb = new ProcessBuilder(
              ffprobe, "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
              "file:" + file) // "file:" so a name like "http:x.mkv" is never taken for a protocol
          .redirectOutput(out.toFile())
          .redirectError(err.toFile());
      Process process;
      try {
        process = pb.start();
        process.getOutputStream().close(); // ffprobe reads nothing from us
      } catch (IOException e) {
        return new ProbeResult.Failure("cannot start " + ffprobe + ": " + e.getMessage());
      }
      boolean exited;
      try {
        exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Processes.terminate(process, Duration.ZERO);
        Thread.currentThread().interrupt();
        return new ProbeResult.Failure("interrupted while probing " + file);
      }
      if (!exited) {
        // ffprobe holds nothing worth flushing: kill at once, and reap it.
        Processes.terminate(process, Duration.ZERO);
        return new ProbeResult.Failure("ffprobe timed out after " + timeout.toMillis() + " ms on " + file);
      }
      if (process.exitValue() != 0) {
        return new ProbeResult.Failure("ffprobe exited with status " + process.exitValue()
            + " on " + file + ": " + Processes.tail(err, STDERR_TAIL));
      }
      return parse(Files.readString(out, StandardCharsets.UTF_8), file);
    } catch (IOException e) {
      return new ProbeResult.Failure("probing " + file + " failed: " + e.getMessage());
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /**
   * Parses ffprobe's JSON. {@code file} only supplies the extension that tells WebM from
   * Matroska (ffprobe names both {@code matroska,webm}).
   */
  static ProbeResult parse(String json, Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return new ProbeResult.Failure("ffprobe printed invalid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.path("format").isObject()) {
      return new ProbeResult.Failure("ffprobe printed no format section for " + file);
    }
    JsonNode format = root.path("format");
    MediaInfo.VideoStream video = null;
    List<MediaInfo.AudioStream> audio = new ArrayList<>();
    List<MediaInfo.SubtitleStream> subtitles = new ArrayList<>();
    List<String> codecs = new ArrayList<>();
    for (JsonNode s : root.path("streams")) {
      String type = s.path("codec_type").asText("");
      String codec = s.path("codec_name").asText("");
      switch (type) {
        case "video" -> {
          // Cover art is a one-picture "video" stream; it is not the film.
          if (s.path("disposition").path("attached_pic").asInt(0) == 1 || video != null) {
            continue;
          }
          video = new MediaInfo.VideoStream(codec, s.path("profile").asText(""),
              s.path("pix_fmt").asText(""), nonNegative(s.path("width").asInt(0)),
              nonNegative(s.path("height").asInt(0)), frameRate(s), number(s.path("bit_rate")));
          codecs.add(codec);
        }
        case "audio" -> {
          audio.add(new MediaInfo.AudioStream(codec, nonNegative(s.path("channels").asInt(0)),
              number(s.path("bit_rate"))));
          codecs.add(codec);
        }
        case "subtitle" -> {
          subtitles.add(new MediaInfo.SubtitleStream(codec, s.path("tags").path("language").asText("")));
          codecs.add(codec);
        }
        default -> { } // data and attachment streams (fonts) play no part in the decision
      }
    }
    String formatName = format.path("format_name").asText("");
    double duration = Math.max(0, decimal(format.path("duration")));
    return new ProbeResult.Success(new MediaInfo(container(formatName, file, codecs), formatName,
        video, audio, subtitles, duration, number(format.path("size")), number(format.path("bit_rate"))));
  }

  /** Normalises ffprobe's format name to the names {@link BrowserCapabilities} uses. */
  static String container(String formatName, Path file, List<String> codecs) {
    List<String> names = List.of(formatName.split(","));
    if (names.contains("mp4") || names.contains("mov")) {
      return "mp4";
    }
    if (names.contains("matroska")) {
      String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
      return name.endsWith(".webm") && WEBM_CODECS.containsAll(codecs) ? "webm" : "matroska";
    }
    return names.get(0);
  }

  /** avg_frame_rate when ffprobe knows it, else r_frame_rate; "30000/1001" style fractions. */
  private static double frameRate(JsonNode stream) {
    double avg = fraction(stream.path("avg_frame_rate").asText(""));
    return avg > 0 ? avg : fraction(stream.path("r_frame_rate").asText(""));
  }

  static double fraction(String text) {
    int slash = text.indexOf('/');
    try {
      if (slash < 0) {
        double v = Double.parseDouble(text);
        return v > 0 && Double.isFinite(v) ? v : 0;
      }
      double num = Double.parseDouble(text.substring(0, slash));
      double den = Double.parseDouble(text.substring(slash + 1));
      double v = num / den;
      return den > 0 && v > 0 && Double.isFinite(v) ? v : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** ffprobe writes numbers as strings and "N/A" when unknown; unknown is 0. */
  private static long number(JsonNode node) {
    try {
      return Math.max(0, Long.parseLong(node.asText("0")));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static double decimal(JsonNode node) {
    try {
      double v = Double.parseDouble(node.asText("0"));
      return Double.isFinite(v) ? v : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int nonNegative(int v) {
    return Math.max(0, v);
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.debug("could not delete {}: {}", p, e.getMessage());
    }
  }
}
