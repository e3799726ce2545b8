package io.puredc.daemon.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts refused requests by HTTP status: bad input is answered, counted and survived. */
public final class Refusals {
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

    void record(int status) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    public long count(int status) {
        LongAdder a = byStatus.get(status);
        return a == null ? 0 : a.sum();
    }

    public long total() {
        return byStatus.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<Integer, Long> snapshot() {
        Map<Integer, Long> out = new TreeMap<>();
        byStatus.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
