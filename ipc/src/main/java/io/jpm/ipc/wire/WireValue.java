package io.jpm.ipc.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** A value that crosses the wire: it writes itself as one JSON value, and its type has a matching static read. */
public interface WireValue {
    void write(JsonGenerator g) throws IOException;
}
