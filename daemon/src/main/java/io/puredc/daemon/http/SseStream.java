package io.puredc.daemon.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import io.puredc.daemon.relay.Event;
import io.puredc.daemon.relay.EventSink;
import io.puredc.daemon.relay.RelayException;
import io.puredc.daemon.relay.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One {@code text/event-stream} response. Everything touching the channel runs on its event loop;
 * the relay's callbacks only enqueue tasks there, in sequence order, so events go out in order.
 * The response ends after {@code maxMillis}, when the session goes, or when the client leaves.
 */
final class SseStream implements EventSink {
    /** Asks EventSource to come back after 1 s rather than its default 3 s: ICE waits for signalling. */
    private static final String PREAMBLE = "retry: 1000\n\n";

    interface Opener {
        Subscription open(EventSink sink) throws RelayException;
    }

    private final ChannelHandlerContext ctx;
    private final boolean keepAlive;
    private Subscription subscription;
    private ScheduledFuture<?> timer;
    private long lastSentId;
    private boolean ended;

    private SseStream(ChannelHandlerContext ctx, boolean keepAlive) {
        this.ctx = ctx;
        this.keepAlive = keepAlive;
    }

    /** Opens the stream on the event loop; throws (and writes nothing) if the relay refuses. */
    static SseStream start(ChannelHandlerContext ctx, boolean keepAlive, long maxMillis, Opener opener)
            throws RelayException {
        SseStream stream = new SseStream(ctx, keepAlive);
        stream.subscription = opener.open(stream);
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        HttpUtil.setTransferEncodingChunked(head, true);
        HttpUtil.setKeepAlive(head, keepAlive);
        ctx.write(head);
        StringBuilder first = new StringBuilder(PREAMBLE);
        for (Event e : stream.subscription.backlog()) {
            stream.format(e, first);
        }
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(first, StandardCharsets.UTF_8)));
        stream.timer = ctx.executor().schedule(stream::end, maxMillis, TimeUnit.MILLISECONDS);
        return stream;
    }

    @Override
    public void deliver(Event event) {
        onEventLoop(() -> {
            if (ended) {
                return;
            }
            StringBuilder sb = new StringBuilder();
            format(event, sb);
            if (sb.length() > 0) {
                ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(sb, StandardCharsets.UTF_8)));
            }
            if (!ctx.channel().isWritable()) {
                // The client is not reading: end the response rather than buffer without bound.
                // Nothing is lost; it resumes with Last-Event-ID and gets the rest from the log.
                endNow();
            }
        });
    }

    /** Appends {@code event} unless it was already sent: the backlog and live delivery may overlap. */
    private void format(Event event, StringBuilder out) {
        if (event.id() <= lastSentId) {
            return;
        }
        lastSentId = event.id();
        out.append("id: ").append(event.id()).append('\n')
                .append("data: ").append(event.data()).append("\n\n");
    }

    @Override
    public void end() {
        onEventLoop(this::endNow);
    }

    /** Called under the relay's lock: only enqueue. A loop that is shutting down takes its connections with it. */
    private void onEventLoop(Runnable task) {
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException e) {
            // nothing to do: the stopping loop closes this connection and the relay drops the sink
        }
    }

    /** Ends the response properly (the client reconnects with Last-Event-ID). Event loop only. */
    void endNow() {
        if (ended) {
            return;
        }
        ended = true;
        release();
        if (ctx.channel().isActive()) {
            var f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    /** The client went away: nothing more to write. Event loop only. */
    void abandon() {
        ended = true;
        release();
    }

    boolean ended() {
        return ended;
    }

    private void release() {
        if (timer != null) {
            timer.cancel(false);
        }
        subscription.close();
    }
}
