package io.jpm.tui.top;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalOutputTest {
    @Test
    void framesStayBufferedButAPositionRequestGoesOutAtOnce() throws Exception {
        ByteArrayOutputStream tty = new ByteArrayOutputStream();
        TerminalOutput out = new TerminalOutput(tty, 1 << 16);
        out.write(bytes("\u001b[1;1Hhello"));
        assertEquals(0, tty.size(), "drawing waits for the frame's flush");
        out.write(bytes("\u001b[6n"));
        assertEquals("\u001b[1;1Hhello\u001b[6n", tty.toString(StandardCharsets.UTF_8));
        out.write(bytes("6n")); // not a request on its own
        assertEquals(15, tty.size());
        out.flush();
        assertEquals(17, tty.size());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
