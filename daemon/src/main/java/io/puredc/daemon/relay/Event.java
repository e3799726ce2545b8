package io.puredc.daemon.relay;

/** One SSE event: its per-stream sequence number ({@code id:}) and its one-line JSON ({@code data:}). */
public record Event(long id, String data) {
}
