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
 * module's decision for the file and the session's quality cap (no cap: {@code original}).
 */
final class MediaSources {
    private static final Logger LOG = LoggerFactory.getLogger(MediaSources.class);

    private final Transcoder transcoder;

    MediaSources(Transcoder transcoder) {
        this.transcoder = transcoder;
    }

    /** Probes and decides (bounded by the probe timeout; a failed probe means passthrough), then opens. */
    StreamSource open(Path file, String quality) throws IOException {
        Quality cap;
        try {
            cap = quality == null ? Quality.ORIGINAL : Quality.parse(quality);
        } catch (IllegalArgumentException e) {
            LOG.warn("{}; streaming at original quality", e.getMessage());
            cap = Quality.ORIGINAL;
        }
        Decision d = transcoder.decide(file, cap);
        return transcoder.start(file, d);
    }
}
