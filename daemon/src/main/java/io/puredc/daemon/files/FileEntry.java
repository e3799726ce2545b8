package io.puredc.daemon.files;

import java.util.Objects;

/** One served file: its path relative to the root with '/' separators, and its size in bytes. */
public record FileEntry(String path, long size) {
    public FileEntry {
        Objects.requireNonNull(path, "path");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
    }
}
