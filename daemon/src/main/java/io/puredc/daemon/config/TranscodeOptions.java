package io.puredc.daemon.config;

import io.puredc.transcode.Encoder;
import io.puredc.transcode.Quality;
import io.puredc.transcode.TranscodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The transcoding options of the command line, checked here so that a mistake is a usage error. */
final class TranscodeOptions {
    static final Set<String> KEYS = Set.of("quality", "encoder", "x264-preset", "video-bitrate", "vaapi-device",
            "transcode-dir", "ffmpeg", "ffprobe");

    private TranscodeOptions() {
    }

    static TranscodeConfig config(Map<String, List<String>> v) throws UsageException {
        TranscodeConfig c = TranscodeConfig.defaults();
        try {
            String encoder = one(v, "encoder");
            if (encoder != null) {
                c = c.withEncoder(Encoder.parse(encoder));
            }
            String preset = one(v, "x264-preset");
            if (preset != null) {
                c = c.withX264Preset(preset);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException((one(v, "encoder") != null && e.getMessage().contains("encoder")
                    ? "--encoder: " : "--x264-preset: ") + e.getMessage());
        }
        String bitrate = one(v, "video-bitrate");
        if (bitrate != null) {
            c = c.withVideoBitrate(bitsPerSecond(bitrate));
        }
        String device = one(v, "vaapi-device");
        if (device != null) {
            c = c.withVaapiDevice(device);
        }
        String dir = one(v, "transcode-dir");
        if (dir != null) {
            Path d = Path.of(dir);
            if (!Files.isDirectory(d) || !Files.isWritable(d)) {
                throw new UsageException("--transcode-dir " + dir + ": not a writable directory");
            }
            c = c.withTempDir(d);
        }
        if (one(v, "ffmpeg") != null) {
            c = c.withFfmpeg(one(v, "ffmpeg"));
        }
        if (one(v, "ffprobe") != null) {
            c = c.withFfprobe(one(v, "ffprobe"));
        }
        return c;
    }

    /** The cap for sessions that ask for none; {@code original} when not given. */
    static Quality defaultQuality(Map<String, List<String>> v) throws UsageException {
        String q = one(v, "quality");
        try {
            return q == null ? Quality.ORIGINAL : Quality.parse(q);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--quality: " + e.getMessage());
        }
    }

    /** {@code 4000000}, {@code 4000k} or {@code 4M}; 0 picks the rate by output height. */
    static long bitsPerSecond(String s) throws UsageException {
        String t = s.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k")) {
            unit = 1_000;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unit = 1_000_000;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long n = Long.parseLong(t);
            if (n >= 0 && n <= 1_000_000_000L / unit) {
                return n * unit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--video-bitrate " + s + ": expected bits per second, e.g. 4000000, 4000k or 4M");
    }

    private static String one(Map<String, List<String>> v, String key) {
        List<String> values = v.get(key);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
