package io.jpm.engine.persist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel's id of this boot, which tells live state written before a reboot from state of this boot. */
public final class BootId {
    private static final String CURRENT = read();

    private BootId() {}

    /** This boot's id, or "" where the kernel does not tell it (then every snapshot looks like this boot's). */
    public static String current() {
        return CURRENT;
    }

    private static String read() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id"), StandardCharsets.US_ASCII)
                    .trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
