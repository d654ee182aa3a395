package io.jpm.engine.logs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Feeds arbitrary output in arbitrary chunks to the splitter: joined back, its lines are exactly the input with
 * each {@code \r\n} made {@code \n} (no byte lost, none duplicated), no piece is longer than the limit, and pieces of
 * valid UTF-8 stay valid.
 */
class LineSplitterFuzzTest {

    @FuzzTest(maxDuration = "6s")
    void joinedLinesAreTheInput(FuzzedDataProvider data) throws IOException {
        int maxLine = data.consumeInt(4, 64);
        int chunks = data.consumeInt(1, 16);
        int[] sizes = new int[chunks];
        for (int i = 0; i < chunks; i++) sizes[i] = data.consumeInt(0, 300);
        boolean direct = data.consumeBoolean();
        byte[] input = data.consumeRemainingAsBytes();

        List<byte[]> pieces = new ArrayList<>();
        List<Boolean> continued = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(
                (bytes, offset, length, more) -> {
                    pieces.add(Arrays.copyOfRange(bytes, offset, offset + length));
                    continued.add(more);
                },
                maxLine);
        int at = 0;
        for (int i = 0; at < input.length; i = (i + 1) % chunks) {
            int n = Math.min(sizes[i], input.length - at);
            if (direct) {
                ByteBuffer chunk =
                        ByteBuffer.allocateDirect(n).put(input, at, n).flip();
                splitter.feed(chunk);
                assertFalse(chunk.hasRemaining(), "feed leaves the buffer at its limit");
            } else {
                splitter.feed(input, at, n);
            }
            at += n;
            assertTrue(splitter.buffered() <= maxLine + 1, () -> "holds " + splitter.buffered() + " > " + maxLine);
            if (sizes[i] == 0 && Arrays.stream(sizes).allMatch(s -> s == 0)) break;
        }
        if (at < input.length) splitter.feed(input, at, input.length - at);
        splitter.flush();

        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        boolean valid = isUtf8(input);
        for (int i = 0; i < pieces.size(); i++) {
            byte[] piece = pieces.get(i);
            assertTrue(piece.length <= maxLine, "piece longer than the limit: " + piece.length);
            if (continued.get(i)) assertTrue(piece.length > 0, "an empty continued piece");
            if (valid) assertTrue(isUtf8(piece), "a cut inside a UTF-8 sequence");
            joined.write(piece);
            if (!continued.get(i)) joined.write('\n');
        }
        assertTrue(pieces.isEmpty() || !continued.getLast(), "the last piece is marked continued");
        assertArrayEquals(expected(input), joined.toByteArray());
    }

    /** The input with each CR LF made LF, and a final LF added to an unfinished last line. */
    private static byte[] expected(byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '\r' && i + 1 < input.length && input[i + 1] == '\n') continue;
            out.write(input[i]);
        }
        if (input.length > 0 && input[input.length - 1] != '\n') out.write('\n');
        return out.toByteArray();
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
