package io.puredc.daemon.relay;

import com.fasterxml.jackson.databind.JsonNode;
import io.puredc.daemon.files.FileEntry;
import io.puredc.daemon.files.PathRefusedException;
import io.puredc.daemon.files.RelativePaths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code {"files": [{"path": ..., "size": ...}]}} body a daemon registers with. */
final class FileLists {
    static final int MAX_FILES = 100_000;

    private FileLists() {
    }

    static List<FileEntry> parse(byte[] body) throws RelayException {
        JsonNode files = Json.object(body).get("files");
        if (files == null || !files.isArray()) {
            throw RelayException.badRequest("files must be an array");
        }
        if (files.size() > MAX_FILES) {
            throw RelayException.badRequest("more than " + MAX_FILES + " files");
        }
        List<FileEntry> out = new ArrayList<>(files.size());
        Set<String> seen = new HashSet<>();
        for (JsonNode f : files) {
            JsonNode path = f.get("path");
            JsonNode size = f.get("size");
            if (!f.isObject() || path == null || !path.isTextual()) {
                throw RelayException.badRequest("each file needs a string path");
            }
            if (size == null || !size.isNumber() || !size.canConvertToExactIntegral() || !size.canConvertToLong() || size.asLong() < 0) {
                throw RelayException.badRequest("each file needs a non-negative integer size");
            }
            try {
                RelativePaths.check(path.textValue());
            } catch (PathRefusedException e) {
                throw RelayException.badRequest("file path refused: " + e.getMessage());
            }
            if (!seen.add(path.textValue())) {
                throw RelayException.badRequest("duplicate path " + path.textValue());
            }
            out.add(new FileEntry(path.textValue(), size.asLong()));
        }
        return out;
    }
}
