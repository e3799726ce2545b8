package io.puredc.daemon.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.puredc.daemon.relay.Relay;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 server of the relay and the page, on Netty's NIO transport. A fixed, small number
 * of event-loop threads serves every connection, so open event streams cost no threads.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    /** Request bodies above this are refused with 413; a registered file list is the largest body. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    static final int EVENT_LOOP_THREADS = 2;

    private final Relay relay;
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final ScheduledFuture<?> sweeper;
    private final Refusals refusals = new Refusals();
    private final InetSocketAddress address;
    /** Every open connection, so close() can end them itself rather than leave sockets half-open. */
    private final ChannelGroup connections = new DefaultChannelGroup("puredc-http", GlobalEventExecutor.INSTANCE);

    private HttpServer(Relay relay, ServerSettings settings, InetSocketAddress bindTo) throws IOException {
        this.relay = relay;
        PageFiles page = PageFiles.load();
        this.group = new MultiThreadIoEventLoopGroup(EVENT_LOOP_THREADS,
                new DefaultThreadFactory("puredc-http", true), NioIoHandler.newFactory());
        try {
            ServerBootstrap b = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.add(ch);
                            if (settings.tls() != null) {
                                ch.pipeline().addLast(new TlsHandler(settings.tls()));
                            }
                            ch.pipeline()
                                    .addLast(new HttpServerCodec())
                                    .addLast(new CountingAggregator(refusals))
                                    .addLast(new RelayHandler(relay, settings, refusals, page));
                        }
                    });
            this.serverChannel = b.bind(bindTo).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IOException("cannot listen on " + bindTo + ": " + e.getMessage(), e);
        }
        this.address = (InetSocketAddress) serverChannel.localAddress();
        this.sweeper = group.next().scheduleAtFixedRate(this::sweep, settings.sweepMillis(),
                settings.sweepMillis(), TimeUnit.MILLISECONDS);
    }

    /** Binds and starts serving; port 0 picks a free port (see {@link #address()}). */
    public static HttpServer start(Relay relay, ServerSettings settings, InetSocketAddress bindTo) throws IOException {
        return new HttpServer(relay, settings, bindTo);
    }

    public InetSocketAddress address() {
        return address;
    }

    public Refusals refusals() {
        return refusals;
    }

    private void sweep() {
        try {
            relay.expireIdle();
        } catch (RuntimeException e) {
            LOG.error("idle sweep failed", e); // the next sweep tries again; the server goes on
        }
    }

    /** Ends every open stream, stops listening, closes every connection and stops the threads. */
    @Override
    public void close() {
        long start = System.nanoTime();
        sweeper.cancel(false);
        relay.close();
        // Each wait is bounded; together they stay under 1.3 s, inside the 2 s a Ctrl-C may take.
        serverChannel.close().awaitUninterruptibly(200, TimeUnit.MILLISECONDS);
        connections.close().awaitUninterruptibly(300, TimeUnit.MILLISECONDS);
        // Quiet period 0: nothing is left to drain once the connections are closed.
        group.shutdownGracefully(0, 500, TimeUnit.MILLISECONDS).awaitUninterruptibly(800, TimeUnit.MILLISECONDS);
        LOG.info("stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** Answers 413 for an oversized body and counts it like every other refusal. */
    private static final class CountingAggregator extends HttpObjectAggregator {
        private final Refusals refusals;

        CountingAggregator(Refusals refusals) {
            super(MAX_BODY_BYTES);
            this.refusals = refusals;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
            refusals.record(413);
            super.handleOversizedMessage(ctx, oversized);
        }
    }
}
