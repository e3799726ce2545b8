package io.puredc.daemon.relay;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One direction of a stream: events numbered from 1, kept so that any client can resume after
 * any id it has seen. Not thread-safe: the relay's lock guards it.
 */
final class EventLog {
    /** An event and the session it is about, so a gone session's events can be dropped. */
    private record Entry(Event event, String key) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Set<EventSink> sinks = new LinkedHashSet<>();
    private long lastId;

    long lastId() {
        return lastId;
    }

    int size() {
        return entries.size();
    }

    Event append(String data, String key) {
        Event event = new Event(++lastId, data);
        entries.add(new Entry(event, key));
        for (EventSink sink : sinks) {
            sink.deliver(event);
        }
        return event;
    }

    /** Every kept event with an id above {@code after}, in order. */
    List<Event> after(long after) {
        List<Event> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.event().id() > after) {
                out.add(e.event());
            }
        }
        return out;
    }

    /** Drops the events about {@code key}; ids are never reused, so resumption stays exact. */
    void forget(String key) {
        entries.removeIf(e -> key.equals(e.key()));
    }

    void subscribe(EventSink sink) {
        sinks.add(sink);
    }

    void unsubscribe(EventSink sink) {
        sinks.remove(sink);
    }

    int subscribers() {
        return sinks.size();
    }

    void endAll() {
        List<EventSink> copy = new ArrayList<>(sinks);
        sinks.clear();
        for (EventSink sink : copy) {
            sink.end();
        }
    }
}
