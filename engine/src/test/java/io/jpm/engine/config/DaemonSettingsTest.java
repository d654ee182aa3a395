package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonSettingsTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingFileGivesTheDefaults() {
        assertEquals(DaemonSettings.DEFAULT, DaemonSettings.read(tmp.resolve("settings.json"), s -> {}));
        assertEquals(1000, DaemonSettings.DEFAULT.sampleIntervalMs());
        assertEquals(0, DaemonSettings.DEFAULT.metricsPort());
    }

    @Test
    void badValuesAreReportedAndReplacedByTheirDefaults() throws Exception {
        Path f = tmp.resolve("settings.json");
        List<String> warnings = new ArrayList<>();
        Files.writeString(f, "{\"sampleIntervalMs\": 5, \"metricsPort\": 9100}");
        assertEquals(new DaemonSettings(1000, 9100), DaemonSettings.read(f, warnings::add));
        assertEquals(1, warnings.size());
        assertTrue(
                warnings.get(0).contains("sampleIntervalMs must be a whole number in 100..60000, not 5"),
                warnings.get(0));
        Files.writeString(f, "{not json");
        assertEquals(DaemonSettings.DEFAULT, DaemonSettings.read(f, warnings::add));
        assertTrue(warnings.get(1).contains("is not valid JSON"), warnings.get(1));
    }

    @Test
    void writingKeepsOtherKeysAndIsPrivate() throws Exception {
        Path f = tmp.resolve("settings.json");
        Files.writeString(f, "{\"sampleIntervalMs\": 200, \"theme\": \"nord\"}");
        DaemonSettings s = DaemonSettings.read(f, w -> {}).withMetricsPort(9200);
        s.write(f);
        assertEquals(new DaemonSettings(200, 9200), DaemonSettings.read(f, w -> {}));
        assertTrue(Files.readString(f).contains("\"theme\" : \"nord\""), Files.readString(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void theMetricsAddressIsKeptAndABadOneFallsBackToLoopback() throws Exception {
        Path f = tmp.resolve("settings.json");
        DaemonSettings.DEFAULT.withMetrics(9209, "10.0.0.5").write(f);
        assertEquals(new DaemonSettings(1000, 9209, "10.0.0.5"), DaemonSettings.read(f, w -> {}));
        DaemonSettings.DEFAULT.withMetricsPort(9209).write(f);
        assertFalse(Files.readString(f).contains("metricsAddress"), Files.readString(f));

        Files.writeString(f, "{\"metricsPort\": 9209, \"metricsAddress\": \"not an address\"}");
        List<String> warnings = new ArrayList<>();
        assertEquals(new DaemonSettings(1000, 9209, null), DaemonSettings.read(f, warnings::add));
        assertTrue(warnings.get(0).contains("metricsAddress must be an address"), warnings.toString());
    }
}
