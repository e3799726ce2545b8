package io.puredc.daemon.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads one {@code text/event-stream} response (the subset PROTOCOL.md §2 uses: {@code id:} and
 * {@code data:} lines, an empty line ends an event) and hands over the events after a given id.
 */
public final class SseReader {
    /** Receives one event; returning normally means it was handled, so its id counts as seen. */
    public interface Handler {
        void event(long id, String data);
    }

    private SseReader() {
    }

    /**
     * Reads until the response ends. Events with an id at or below {@code lastEventId} (a relay
     * that repeats itself) are skipped. Returns the id of the last event handled.
     */
    public static long read(InputStream in, long lastEventId, Handler handler) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        long id = -1;
        StringBuilder data = null;
        for (String line; (line = reader.readLine()) != null; ) {
            if (line.isEmpty()) {
                if (data != null && id > lastEventId) {
                    handler.event(id, data.toString());
                    lastEventId = id; // after the hand-off: a crash in between re-delivers, never loses
                }
                id = -1;
                data = null;
            } else if (line.startsWith("id:")) {
                id = parseId(line.substring(3).trim());
            } else if (line.startsWith("data:")) {
                String d = line.substring(5);
                d = d.startsWith(" ") ? d.substring(1) : d;
                data = data == null ? new StringBuilder(d) : data.append('\n').append(d);
            }
        }
        return lastEventId;
    }

    private static long parseId(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
