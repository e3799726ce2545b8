package io.puredc.daemon.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The web page's static files, read once from the jar. Exactly these paths are served; every
 * other path is the API's or a 404, so nothing else in the class path can leak out.
 */
final class PageFiles {
    private static final String DIR = "/io/puredc/daemon/page/";
    private static final String JS = "text/javascript; charset=utf-8";

    /** One file: its content type and bytes. */
    record File(String contentType, byte[] body) {
    }

    private final Map<String, File> byPath;

    private PageFiles(Map<String, File> byPath) {
        this.byPath = byPath;
    }

    static PageFiles load() {
        File index = read("index.html", "text/html; charset=utf-8");
        return new PageFiles(Map.of(
                "/", index,
                "/index.html", index,
                "/app.js", read("app.js", JS),
                "/wire.js", read("wire.js", JS),
                "/signalling.js", read("signalling.js", JS),
                // At the root so that its scope can be "/" (a worker controls only paths under its own).
                "/sw.js", read("sw.js", JS)));
    }

    /** The file served at {@code path}, or null. */
    File get(String path) {
        return byPath.get(path);
    }

    private static File read(String name, String contentType) {
        try (InputStream in = PageFiles.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("page resource missing: " + DIR + name);
            }
            return new File(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
