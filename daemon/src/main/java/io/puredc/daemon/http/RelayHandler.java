package io.puredc.daemon.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.puredc.daemon.relay.Direction;
import io.puredc.daemon.relay.Json;
import io.puredc.daemon.relay.Relay;
import io.puredc.daemon.relay.RelayException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the HTTP API of PROTOCOL.md §2 to the relay. One instance per connection, because a
 * connection may hold one open event stream.
 */
final class RelayHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(RelayHandler.class);
    private static final String JSON = "application/json; charset=utf-8";

    private final Relay relay;
    private final ServerSettings settings;
    private final Refusals refusals;
    private final PageFiles page;
    private SseStream stream;
    private String allowHeader = "";

    RelayHandler(Relay relay, ServerSettings settings, Refusals refusals, PageFiles page) {
        this.relay = relay;
        this.settings = settings;
        this.refusals = refusals;
        this.page = page;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (stream != null && !stream.ended()) {
            stream.endNow(); // a new request on this connection means the client left the stream
        }
        stream = null;
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (req.decoderResult().isFailure()) {
            refuse(ctx, false, new RelayException(400, "malformed HTTP request"));
            return;
        }
        try {
            route(ctx, req, keepAlive);
        } catch (IllegalArgumentException e) {
            // QueryStringDecoder's answer to a broken %-escape in the path or the query
            refuse(ctx, keepAlive, new RelayException(400, "malformed URI"));
        } catch (RelayException e) {
            refuse(ctx, keepAlive, e);
        } catch (RuntimeException e) {
            LOG.error("request {} {} failed", req.method(), req.uri(), e);
            refuse(ctx, false, new RelayException(500, "internal error"));
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest req, boolean keepAlive) throws RelayException {
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        String[] seg = uri.path().split("/", -1); // "/api/x" -> ["", "api", "x"]
        HttpMethod m = req.method();
        String path = uri.path();
        PageFiles.File file = page.get(path);
        if (file != null) {
            allow(m, HttpMethod.GET);
            // no-cache: the browser may keep a copy but revalidates it, so a new daemon's page and
            // service worker replace an old one on the next load.
            send(ctx, keepAlive, HttpResponseStatus.OK, file.contentType(), file.body(), "no-cache");
        } else if (path.equals("/api/files")) {
            allow(m, HttpMethod.GET);
            sendJson(ctx, keepAlive, HttpResponseStatus.OK, Map.of("files", relay.files()));
        } else if (path.equals("/api/ice-servers")) {
            allow(m, HttpMethod.GET);
            sendJson(ctx, keepAlive, HttpResponseStatus.OK, Map.of("iceServers", settings.iceServers()));
        } else if (path.equals("/api/sessions")) {
            allow(m, HttpMethod.POST);
            Relay.Created c = relay.createSession(body(req));
            sendJson(ctx, keepAlive, HttpResponseStatus.CREATED, pair("sessionId", c.sessionId(), "token", c.token()));
        } else if (seg.length == 5 && seg[1].equals("api") && seg[2].equals("sessions") && seg[4].equals("signal")) {
            allow(m, HttpMethod.POST, HttpMethod.GET);
            String id = seg[3];
            if (m.equals(HttpMethod.POST)) {
                Direction from = Direction.parse(param(uri, "from"));
                relay.signal(id, bearer(req), from, body(req));
                send(ctx, keepAlive, HttpResponseStatus.NO_CONTENT, null, new byte[0]);
            } else {
                Direction to = Direction.parse(param(uri, "to"));
                long last = lastEventId(req);
                String token = bearer(req);
                stream = SseStream.start(ctx, keepAlive, settings.maxStreamMillis(),
                        sink -> relay.openSignalStream(id, token, to, last, sink));
            }
        } else if (path.equals("/api/daemons")) {
            allow(m, HttpMethod.POST);
            Relay.Registered r = relay.registerDaemon(bearer(req), body(req));
            sendJson(ctx, keepAlive, HttpResponseStatus.CREATED, pair("daemonId", r.daemonId(), "token", r.token()));
        } else if (seg.length == 5 && seg[1].equals("api") && seg[2].equals("daemons") && seg[4].equals("files")) {
            allow(m, HttpMethod.PUT);
            relay.replaceFiles(seg[3], bearer(req), body(req));
            send(ctx, keepAlive, HttpResponseStatus.NO_CONTENT, null, new byte[0]);
        } else if (seg.length == 5 && seg[1].equals("api") && seg[2].equals("daemons") && seg[4].equals("events")) {
            allow(m, HttpMethod.GET);
            long last = lastEventId(req);
            String token = bearer(req);
            stream = SseStream.start(ctx, keepAlive, settings.maxStreamMillis(),
                    sink -> relay.openDaemonEvents(seg[3], token, last, sink));
        } else {
            throw new RelayException(404, "no such resource");
        }
    }

    private void allow(HttpMethod actual, HttpMethod... allowed) throws RelayException {
        StringBuilder names = new StringBuilder();
        for (HttpMethod a : allowed) {
            if (a.equals(actual)) {
                return;
            }
            names.append(names.length() == 0 ? "" : ", ").append(a.name());
        }
        allowHeader = names.toString(); // a 405 must say what is allowed
        throw new RelayException(405, "method not allowed");
    }

    /** A two-field object in the order PROTOCOL.md writes it (Map.of has no order). */
    private static Map<String, String> pair(String k1, String v1, String k2, String v2) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private static byte[] body(FullHttpRequest req) {
        return ByteBufUtil.getBytes(req.content());
    }

    private static String param(QueryStringDecoder uri, String name) throws RelayException {
        List<String> values = uri.parameters().get(name);
        if (values == null || values.size() != 1) {
            throw new RelayException(400, "exactly one " + name + " parameter is required");
        }
        return values.get(0);
    }

    /** The bearer token, or null when absent; the relay answers 401 for it. */
    private static String bearer(FullHttpRequest req) {
        String h = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (h == null || h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return h.substring(7).trim();
    }

    /** {@code Last-Event-ID}: absent means from the start; anything but a decimal count is a 400. */
    private static long lastEventId(FullHttpRequest req) throws RelayException {
        String h = req.headers().get("Last-Event-ID");
        if (h == null) {
            return 0;
        }
        String v = h.trim();
        if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new RelayException(400, "Last-Event-ID must be a decimal event id");
        }
        return Long.parseLong(v);
    }

    private void refuse(ChannelHandlerContext ctx, boolean keepAlive, RelayException e) {
        refusals.record(e.status());
        LOG.debug("refused with {}: {}", e.status(), e.getMessage());
        sendJson(ctx, keepAlive, HttpResponseStatus.valueOf(e.status()), Map.of("error", e.getMessage()));
    }

    private void sendJson(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, Object body) {
        send(ctx, keepAlive, status, JSON, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private void send(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status,
                             String contentType, byte[] body) {
        send(ctx, keepAlive, status, contentType, body, "no-store");
    }

    private void send(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status,
                      String contentType, byte[] body, String cacheControl) {
        ByteBuf content = Unpooled.wrappedBuffer(body);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        if (contentType != null) {
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        if (status.code() == 405) {
            res.headers().set(HttpHeaderNames.ALLOW, allowHeader);
        }
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, cacheControl);
        if (status.code() != 204) {
            HttpUtil.setContentLength(res, body.length);
        }
        HttpUtil.setKeepAlive(res, keepAlive);
        var f = ctx.writeAndFlush(res);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (stream != null) {
            stream.abandon();
            stream = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection error: {}", cause.toString());
        ctx.close();
    }
}
