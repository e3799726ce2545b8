package io.puredc.daemon.session;

import io.puredc.transcode.Decision;
import io.puredc.transcode.Quality;
import io.puredc.transcode.StreamSource;
import io.puredc.transcode.Transcoder;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens what a session serves: the file itself, or a remux/transcode of it, per the transcode
 * module's decision for the file and the session's quality cap (none: the daemon's {@code --quality}).
 */
final class MediaSources {
    private static final Logger LOG = LoggerFactory.getLogger(MediaSources.class);

    private final Transcoder transcoder;
    private final Quality defaultQuality;

    MediaSources(Transcoder transcoder, Quality defaultQuality) {
        this.transcoder = transcoder;
        this.defaultQuality = defaultQuality;
    }

    /** Probes and decides (bounded by the probe timeout; a failed probe means passthrough), then opens. */
    StreamSource open(Path file, String quality) throws IOException {
        Quality cap;
        try {
            cap = quality == null ? defaultQuality : Quality.parse(quality);
        } catch (IllegalArgumentException e) {
            LOG.warn("{}; streaming at {}", e.getMessage(), defaultQuality);
            cap = defaultQuality;
        }
        Decision d = transcoder.decide(file, cap);
        return transcoder.start(file, d);
    }
}
