package io.puredc.ice;

import java.net.InetAddress;

/**
 * Run in a fresh JVM by {@link AgentFootprintTest}: the cost of the first agent of a process, ice4j's
 * class loading and configuration included (unless {@code warm-up} is passed), then of a second one.
 */
public final class GatheringProbe {
    private GatheringProbe() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress lo = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        long w0 = System.nanoTime();
        if (args.length > 0 && args[0].equals("warm-up")) {
            IceAgent.warmUp();
        }
        long warmUpMs = (System.nanoTime() - w0) / 1_000_000;
        long t0 = System.nanoTime();
        IceAgent first = IceAgent.create(IceConfig.of(IceRole.CONTROLLING).withHostAddresses(lo));
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        IceAgent second = IceAgent.create(IceConfig.of(IceRole.CONTROLLED).withHostAddresses(lo));
        System.out.println("warmUp=" + warmUpMs + " first=" + firstMs + " second=" + second.gatheringTime().toMillis()
                + " candidates=" + first.localCandidates().size());
        first.close();
        second.close();
    }
}
