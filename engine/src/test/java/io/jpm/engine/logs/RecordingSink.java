package io.jpm.engine.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Records what a {@link LineSplitter} emits, copying each slice. */
final class RecordingSink implements LineSplitter.Sink {

    record Piece(byte[] bytes, boolean continued) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return (continued ? "…" : "") + text();
        }
    }

    final List<Piece> pieces = new ArrayList<>();

    @Override
    public void line(byte[] bytes, int offset, int length, boolean continued) {
        pieces.add(new Piece(Arrays.copyOfRange(bytes, offset, offset + length), continued));
    }

    /** Whole lines, pieces of cut lines joined back. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (Piece p : pieces) {
            current.append(p.text());
            if (!p.continued()) {
                out.add(current.toString());
                current.setLength(0);
            }
        }
        return out;
    }

    void assertLines(String... expected) {
        assertEquals(List.of(expected), lines());
        for (Piece p : pieces) assertEquals(false, p.continued(), "unexpected cut: " + pieces);
    }
}
