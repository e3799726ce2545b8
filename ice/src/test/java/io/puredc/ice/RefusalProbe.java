package io.puredc.ice;

/**
 * Run in a fresh JVM by {@link AgentFootprintTest} with ice4j's AWS harvester switched on by a system
 * property: prints what {@link IceAgent#create} says. The refusal comes before any ice4j Agent exists,
 * so nothing is contacted.
 */
public final class RefusalProbe {
    private RefusalProbe() {
    }

    public static void main(String[] args) throws Exception {
        try {
            IceAgent.create(IceConfig.of(IceRole.CONTROLLING).withHostAddresses(LoopbackPeers.LOOPBACK)).close();
            System.out.println("refusal=none");
        } catch (IllegalStateException e) {
            System.out.println("refusal=" + e.getMessage());
        }
    }
}
