package io.puredc.ice;

import java.util.Map;

import org.ice4j.ice.harvest.HarvestConfig;

/**
 * Turns off the ice4j defaults that reach outside the machine or cost time, before ice4j reads its
 * configuration. ice4j 3.x reads HOCON through jitsi-metaconfig, and typesafe-config overlays system
 * properties when the configuration is first loaded (once per JVM), so these are system properties
 * set before the first ice4j class touches its configuration. A key the user already set is left alone,
 * but settings that would contact servers the user did not give to {@link IceConfig} are refused.
 */
final class Ice4jDefaults {
    /** key → value; why each is here is in the module README. */
    static final Map<String, String> DEFAULTS = Map.of(
            // At first Agent construction ice4j probes for EC2 and queries the cloud metadata address.
            "ice4j.harvest.mapping.aws.enabled", "false",
            // ice4j's 15 s makes a dead peer visible only after ~18 s; RFC 7675 §5.1 lets consent checks
            // run more often, and browsers check every few seconds.
            "ice4j.consent-freshness.interval", "5 seconds");

    private static boolean applied;
    private static String refusal;

    private Ice4jDefaults() {
    }

    /** Refuses to run when ice4j is configured to contact servers on its own; checked before any Agent exists. */
    static synchronized void check() {
        apply();
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
    }

    private static void apply() {
        if (applied) {
            return;
        }
        for (Map.Entry<String, String> e : DEFAULTS.entrySet()) {
            if (System.getProperty(e.getKey()) == null) {
                System.setProperty(e.getKey(), e.getValue());
            }
        }
        applied = true;
        // The "mapping" harvesters are process-wide and added to every Agent; they must stay empty so that
        // only IceConfig's servers are contacted (ice4j offers no way to remove them from one Agent).
        HarvestConfig config = HarvestConfig.config;
        if (config.enableAwsHarvester()) {
            refusal = "ice4j's AWS mapping harvester is enabled by configuration "
                    + "(ice4j.harvest.mapping.aws.enabled / org.ice4j.ice.harvest.DISABLE_AWS_HARVESTER); "
                    + "puredc contacts only the servers in IceConfig";
        } else if (!config.stunMappingCandidateHarvesterAddresses().isEmpty()) {
            refusal = "ice4j STUN mapping harvesters are configured "
                    + config.stunMappingCandidateHarvesterAddresses()
                    + " (ice4j.harvest.mapping.stun.addresses); give STUN servers to IceConfig instead";
        } else if (!config.getStaticMappings().isEmpty()) {
            refusal = "ice4j static mappings are configured (ice4j.harvest.mapping."
                    + "static-mappings); puredc gathers only host addresses and IceConfig's servers";
        }
    }
}
