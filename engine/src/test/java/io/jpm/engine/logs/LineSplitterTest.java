package io.jpm.engine.logs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    private final RecordingSink sink = new RecordingSink();
    private final LineSplitter splitter = new LineSplitter(sink);

    @Test
    void holdsNoBufferUntilALineSpansTwoChunksAndThenNoMoreThanTheLimit() throws IOException {
        splitter.feed("one\ntwo\n".getBytes(UTF_8));
        assertEquals(0, splitter.capacity(), "whole lines are passed on without a copy");
        splitter.feed("thr".getBytes(UTF_8));
        assertTrue(splitter.capacity() >= 3 && splitter.capacity() <= 256, "capacity " + splitter.capacity());
        splitter.feed(new byte[3 * LineSplitter.MAX_LINE]);
        assertEquals(LineSplitter.MAX_LINE, splitter.capacity());
        splitter.feed("\n".getBytes(UTF_8));
        assertEquals(List.of("one", "two"), sink.lines().subList(0, 2));
    }

    private void feed(String s) throws IOException {
        splitter.feed(s.getBytes(UTF_8));
    }

    @Test
    void splitsOnNewlineAndDropsCrBeforeIt() throws IOException {
        feed("one\ntwo\r\n\nthree\r\n");
        sink.assertLines("one", "two", "", "three");
        assertEquals(0, splitter.buffered());
    }

    @Test
    void partialLineWaitsForTheRestThenFlushEmitsTheTail() throws IOException {
        feed("hel");
        feed("lo\nwor");
        sink.assertLines("hello");
        feed("ld");
        splitter.flush();
        sink.assertLines("hello", "world");
        splitter.flush();
        assertEquals(2, sink.pieces.size(), "a second flush emits nothing");
    }

    @Test
    void crLfSplitAcrossChunks() throws IOException {
        feed("a\r");
        feed("\nb\r");
        feed("\n");
        sink.assertLines("a", "b");
    }

    @Test
    void loneCrIsKeptEvenAtAChunkEnd() throws IOException {
        feed("progress 10%\rprogress 20%\r");
        feed("done\n");
        feed("x\r");
        feed("\r\n");
        feed("tail\r");
        splitter.flush();
        sink.assertLines("progress 10%\rprogress 20%\rdone", "x\r", "tail\r");
    }

    @Test
    void everySplitPointOfATextGivesTheSameLines() throws IOException {
        String text = "alpha\r\nbeta\n\ngamma é€𝄞\r\r\ndelta";
        List<String> expected = List.of("alpha", "beta", "", "gamma é€𝄞\r", "delta");
        byte[] bytes = text.getBytes(UTF_8);
        for (int i = 0; i <= bytes.length; i++) {
            for (int j = i; j <= bytes.length; j++) {
                RecordingSink s = new RecordingSink();
                LineSplitter ls = new LineSplitter(s);
                ls.feed(bytes, 0, i);
                ls.feed(bytes, i, j - i);
                ls.feed(bytes, j, bytes.length - j);
                ls.flush();
                assertEquals(expected, s.lines(), "split at " + i + "," + j);
            }
        }
    }

    @Test
    void oneMegabyteLineIsCutIntoMarkedPiecesOf64KiB() throws IOException {
        byte[] line = new byte[1024 * 1024];
        Arrays.fill(line, (byte) 'x');
        splitter.feed(line);
        assertTrue(splitter.buffered() <= LineSplitter.MAX_LINE);
        feed("\nnext\n");
        assertEquals(17, sink.pieces.size());
        for (int i = 0; i < 16; i++) {
            assertEquals(LineSplitter.MAX_LINE, sink.pieces.get(i).bytes().length);
            assertEquals(i < 15, sink.pieces.get(i).continued(), "piece " + i);
        }
        assertEquals("next", sink.pieces.get(16).text());
        assertEquals(List.of("x".repeat(1024 * 1024), "next"), sink.lines());
    }

    @Test
    void aLineOfExactlyTheLimitIsNotCut() throws IOException {
        byte[] line = new byte[LineSplitter.MAX_LINE];
        Arrays.fill(line, (byte) 'y');
        splitter.feed(line);
        feed("\r");
        feed("\n");
        assertEquals(1, sink.pieces.size());
        assertFalse(sink.pieces.get(0).continued());
        assertEquals(LineSplitter.MAX_LINE, sink.pieces.get(0).bytes().length);
    }

    @Test
    void longLineFedByteByByteNeverBuffersMoreThanTheLimit() throws IOException {
        RecordingSink s = new RecordingSink();
        LineSplitter small = new LineSplitter(s, 16);
        for (int i = 0; i < 100; i++) {
            small.feed(new byte[] {(byte) ('a' + i % 26)});
            assertTrue(small.buffered() <= 16);
        }
        small.flush();
        assertEquals(7, s.pieces.size());
        assertEquals(100, s.lines().get(0).length());
    }

    @Test
    void cutsNeverSplitAUtf8Sequence() throws IOException {
        RecordingSink s = new RecordingSink();
        LineSplitter small = new LineSplitter(s, 10);
        String text = "ab€€€€€€𝄞𝄞𝄞𝄞ééé"; // 3-byte, 4-byte and 2-byte characters across several cuts
        small.feed(text.getBytes(UTF_8));
        small.flush();
        for (RecordingSink.Piece p : s.pieces) {
            assertTrue(p.bytes().length <= 10);
            assertArrayEquals(p.bytes(), p.text().getBytes(UTF_8), "piece is valid UTF-8: " + p);
        }
        assertEquals(List.of(text), s.lines());
    }

    @Test
    void invalidUtf8AndNulBytesPassThroughUntouched() throws IOException {
        byte[] junk = {'a', 0, (byte) 0xFF, (byte) 0xC3, '\n', (byte) 0xE2, (byte) 0x82, 0, 0, '\n'};
        splitter.feed(junk);
        assertEquals(2, sink.pieces.size());
        assertArrayEquals(
                new byte[] {'a', 0, (byte) 0xFF, (byte) 0xC3},
                sink.pieces.get(0).bytes());
        assertArrayEquals(
                new byte[] {(byte) 0xE2, (byte) 0x82, 0, 0}, sink.pieces.get(1).bytes());
        assertEquals("a\u0000\uFFFD\uFFFD", LineSplitter.decode(junk, 0, 4));
    }

    @Test
    void randomBinaryNeverThrowsAndLosesNoBytes() throws IOException {
        Random random = new Random(42);
        byte[] data = new byte[300_000];
        random.nextBytes(data);
        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
        RecordingSink s = new RecordingSink();
        LineSplitter ls = new LineSplitter(s, 1000);
        for (int off = 0; off < data.length; ) {
            int n = Math.min(data.length - off, random.nextInt(5000));
            ls.feed(data, off, n);
            off += n;
        }
        ls.flush();
        for (RecordingSink.Piece p : s.pieces) {
            rebuilt.writeBytes(p.bytes());
            if (!p.continued()) rebuilt.write('\n');
            LineSplitter.decode(p.bytes(), 0, p.bytes().length);
        }
        // Rebuilding loses only the \r of each \r\n and the newline the flushed tail never had.
        String expected = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        String actual = rebuilt.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        if (data[data.length - 1] != '\n') expected += "\n";
        assertEquals(expected.length(), actual.length());
        assertEquals(expected, actual);
    }

    @Test
    void feedsHeapAndDirectByteBuffers() throws IOException {
        ByteBuffer heap = ByteBuffer.wrap("xxone\ntw".getBytes(UTF_8), 2, 6);
        splitter.feed(heap.slice());
        ByteBuffer direct = ByteBuffer.allocateDirect(16);
        direct.put("o\nthree\n".getBytes(UTF_8)).flip();
        splitter.feed(direct);
        assertFalse(direct.hasRemaining());
        sink.assertLines("one", "two", "three");
    }
}
