package io.puredc.daemon.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** A small java.net.http client for the relay API over real loopback HTTP. */
public final class Http {
    public static final ObjectMapper JSON = new ObjectMapper();

    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** One SSE event as a client parses it. */
    public record SseEvent(long id, String data) {
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    public Http(String base) {
        this.base = base;
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    }

    public Response send(HttpRequest req) {
        try {
            HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("request failed: " + req, e);
        }
    }

    public Response get(String path) {
        return send(request(path).GET().build());
    }

    public Response post(String path, String body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Response post(String path, String token, String body) {
        return send(request(path).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Response put(String path, String token, String body) {
        return send(request(path).header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** An open event stream; close it to drop the connection as a leaving client would. */
    public final class Sse implements AutoCloseable {
        public final int status;
        public final String contentType;
        private final Stream<String> lines;
        private final Iterator<String> it;

        Sse(HttpResponse<Stream<String>> r) {
            this.status = r.statusCode();
            this.contentType = r.headers().firstValue("content-type").orElse("");
            this.lines = r.body();
            this.it = lines.iterator();
        }

        /** The next event, or null when the server ended the response. */
        public SseEvent next() {
            long id = -1;
            String data = null;
            while (it.hasNext()) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (data != null) {
                        return new SseEvent(id, data);
                    }
                    continue; // e.g. the end of the retry: block
                }
                if (line.startsWith("id: ")) {
                    id = Long.parseLong(line.substring(4));
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            return null;
        }

        /** Up to {@code max} events, fewer if the response ends first. */
        public List<SseEvent> take(int max) {
            List<SseEvent> out = new ArrayList<>();
            while (out.size() < max) {
                SseEvent e = next();
                if (e == null) {
                    break;
                }
                out.add(e);
            }
            return out;
        }

        /** Every event until the server ends the response. */
        public List<SseEvent> drain() {
            return take(Integer.MAX_VALUE);
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    public Sse stream(String path, String token, Long lastEventId) {
        HttpRequest.Builder b = request(path).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            b.header("Last-Event-ID", Long.toString(lastEventId));
        }
        try {
            return new Sse(client.send(b.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("stream failed: " + path, e);
        }
    }
}
