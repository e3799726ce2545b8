package io.puredc.daemon.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS for one connection with the JDK's {@link SSLEngine}, on the channel's event loop. Netty's
 * own SslHandler cannot be used: it links {@code io.netty.channel.unix.UnixChannel}, which lives in
 * {@code netty-transport-native-unix-common}, a jar the project's native ban keeps out.
 *
 * <p>Inbound TLS records become plaintext {@link ByteBuf}s for the HTTP codec; outbound
 * plaintext is held until the handshake ends, then wrapped into records.
 */
final class TlsHandler extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TlsHandler.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private record Pending(ByteBuf data, ChannelPromise promise) {
    }

    private final SSLEngine engine;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private boolean handshakeDone;
    private boolean closing;

    TlsHandler(SSLContext context) {
        engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        int packet = engine.getSession().getPacketBufferSize();
        netIn = ByteBuffer.allocate(packet);
        appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        netOut = ByteBuffer.allocate(packet);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        engine.beginHandshake();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            int n = in.readableBytes();
            if (netIn.remaining() < n) {
                netIn = grow(netIn, netIn.position() + n);
            }
            in.readBytes(netIn.array(), netIn.position(), n); // ByteBuf.readBytes(ByteBuffer) wants it full
            netIn.position(netIn.position() + n);
        } finally {
            in.release();
        }
        try {
            process(ctx);
        } catch (SSLException e) {
            LOG.debug("TLS with {} failed: {}", ctx.channel().remoteAddress(), e.getMessage());
            ctx.close();
        }
    }

    /** Unwraps what arrived, running the handshake's own steps as the engine asks for them. */
    private void process(ChannelHandlerContext ctx) throws SSLException {
        boolean wrote = false;
        while (true) {
            SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                    task.run(); // certificate and key work; short, so on the event loop
                }
                continue;
            }
            if (hs == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                if (wrap(ctx, EMPTY, ctx.voidPromise()) == 0) {
                    break; // nothing to send after all (or outbound closed): do not spin
                }
                wrote = true;
                continue;
            }
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            switch (r.getStatus()) {
                case BUFFER_OVERFLOW -> {
                    appIn = grow(appIn, appIn.capacity() + engine.getSession().getApplicationBufferSize());
                    continue;
                }
                case BUFFER_UNDERFLOW -> {
                    int need = engine.getSession().getPacketBufferSize();
                    if (netIn.capacity() < need) {
                        netIn = grow(netIn, need);
                    }
                    if (wrote) {
                        ctx.flush();
                    }
                    return; // a partial record: wait for more bytes
                }
                case CLOSED -> {
                    ctx.close();
                    return;
                }
                default -> {
                }
            }
            if (appIn.position() > 0) {
                appIn.flip();
                ByteBuf plain = Unpooled.buffer(appIn.remaining());
                plain.writeBytes(appIn);
                appIn.clear();
                ctx.fireChannelRead(plain);
            }
            if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED && !handshakeDone) {
                handshakeDone = true;
                wrote |= flushPending(ctx);
            }
            if (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                    && engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_WRAP
                    && engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_TASK) {
                break;
            }
        }
        if (wrote) {
            ctx.flush();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf data)) {
            ctx.write(msg, promise); // nothing else comes from the HTTP codec
            return;
        }
        if (!handshakeDone) {
            pending.add(new Pending(data, promise));
            return;
        }
        try {
            ByteBuffer src = data.nioBuffer();
            wrap(ctx, src, promise);
        } catch (SSLException e) {
            promise.tryFailure(e);
            ctx.close();
        } finally {
            data.release();
        }
    }

    private boolean flushPending(ChannelHandlerContext ctx) throws SSLException {
        boolean any = !pending.isEmpty();
        for (Pending p; (p = pending.poll()) != null; ) {
            try {
                wrap(ctx, p.data().nioBuffer(), p.promise());
            } finally {
                p.data().release();
            }
        }
        return any;
    }

    /** Wraps all of {@code src} into records and writes them; the last write carries the promise. */
    private int wrap(ChannelHandlerContext ctx, ByteBuffer src, ChannelPromise promise) throws SSLException {
        int produced = 0;
        boolean finished = false;
        do {
            netOut.clear();
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                continue;
            }
            netOut.flip();
            if (netOut.hasRemaining()) {
                produced += netOut.remaining();
                ByteBuf record = Unpooled.buffer(netOut.remaining());
                record.writeBytes(netOut);
                ctx.write(record, src.hasRemaining() ? ctx.voidPromise() : promise);
                if (!src.hasRemaining()) {
                    promise = null;
                }
            }
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                break;
            }
            if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                    task.run();
                }
            }
            // The server's last flight (TLS 1.2 Finished, TLS 1.3 NewSessionTicket) ends the handshake here.
            finished |= r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED;
        } while (src.hasRemaining());
        if (promise != null && !promise.isVoid()) {
            promise.trySuccess(); // nothing needed to go out for this write (an empty buffer)
        }
        if (finished && !handshakeDone) {
            handshakeDone = true;
            flushPending(ctx);
        }
        return produced;
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        if (!closing && ctx.channel().isActive()) {
            closing = true;
            engine.closeOutbound(); // close_notify (RFC 8446 §6.1), best effort
            try {
                wrap(ctx, EMPTY, ctx.voidPromise());
                ctx.flush();
            } catch (SSLException e) {
                LOG.debug("close_notify: {}", e.getMessage());
            }
        }
        super.close(ctx, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        for (Pending p; (p = pending.poll()) != null; ) {
            p.data().release();
            p.promise().tryFailure(new SSLException("connection closed before the TLS handshake ended"));
        }
        try {
            engine.closeInbound();
        } catch (SSLException e) {
            // the peer left without close_notify: common, and harmless for HTTP
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("TLS connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private static ByteBuffer grow(ByteBuffer b, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(atLeast, b.capacity() * 2));
        b.flip();
        bigger.put(b);
        return bigger;
    }
}
