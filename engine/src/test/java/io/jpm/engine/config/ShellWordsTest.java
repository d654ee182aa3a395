package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void splitsOnBlanks() {
        assertEquals(List.of("--port", "3000", "-v"), ShellWords.split("  --port 3000\t-v "));
        assertEquals(List.of(), ShellWords.split("   "));
    }

    @Test
    void quotesKeepBlanksAndJoinWithNeighbours() {
        assertEquals(List.of("--name", "my app", "x=a b", ""), ShellWords.split("--name 'my app' x=\"a b\" ''"));
        assertEquals(List.of("ab cd"), ShellWords.split("a\"b c\"d"));
        assertEquals(List.of("it's"), ShellWords.split("\"it's\""));
    }

    @Test
    void backslashes() {
        assertEquals(List.of("a b", "c"), ShellWords.split("a\\ b c"));
        assertEquals(List.of("say \"hi\" \\ $HOME \\n"), ShellWords.split("\"say \\\"hi\\\" \\\\ \\$HOME \\n\""));
        assertEquals(List.of("\\n"), ShellWords.split("'\\n'"));
    }

    @Test
    void nothingIsExpanded() {
        assertEquals(List.of("$HOME", "*.js", "a;b", "|"), ShellWords.split("$HOME *.js a;b |"));
    }

    @Test
    void unclosedQuotesAreErrors() {
        assertEquals(
                "has an unclosed ' quote",
                assertThrows(IllegalArgumentException.class, () -> ShellWords.split("a 'b"))
                        .getMessage());
        assertEquals(
                "has an unclosed \" quote",
                assertThrows(IllegalArgumentException.class, () -> ShellWords.split("\"b"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("a\\"));
    }
}
