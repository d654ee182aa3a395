package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.AuthorizedKeys;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The files behind jpm keys and jpm hosts, and the one-line errors of their bad input; no daemon is started. */
class FleetCommandsTest extends DaemonTest {
    static final String KEY = "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID";
    static final String OTHER = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7";

    @Test
    void keysAreAddedListedAndRevokedInAPrivateFile() throws Exception {
        assertEquals(40, d.ok("keys", "show").out().strip().length());
        d.ok("keys", "add", "console", KEY);
        assertTrue(d.ok("keys", "list").out().contains("console"));
        assertEquals(
                "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(AuthorizedKeys.file(d.home))));
        d.ok("keys", "revoke", "console");
        assertFalse(d.ok("keys", "list").out().contains("console"));
        assertFalse(Files.exists(d.home.daemonJson()), "no daemon was started");
    }

    @Test
    void aKeyThatStartsWithADashIsAKey() throws Exception {
        String dashed = "-s[+Z>BZPDtYH?mI^&i)aMz(*!nfpP}EGx-O@Xy>";
        d.ok("keys", "add", "console", dashed);
        assertTrue(d.ok("keys", "list").out().contains(dashed));
        d.ok("hosts", "add", "web1", "tcp://10.0.0.11:7070", dashed);
        assertTrue(d.ok("hosts", "list").out().contains(dashed));
    }

    @Test
    void aKeyThatStartsWithAnAtSignIsAKeyNotAnArgumentFile() throws Exception {
        String at = "@@/5QeLz1hWq-f5+]BB&pjcQ(p>BbQiSkD30&*c^"; // '@' is a Z85 digit
        d.ok("keys", "add", "console", at);
        assertTrue(d.ok("keys", "list").out().contains(at));
        d.ok("hosts", "add", "web1", "tcp://10.0.0.11:7070", at);
        assertTrue(d.ok("hosts", "list").out().contains(at));
    }

    @Test
    void badKeysAndNamesAreOneLineErrors() {
        TestDaemon.Result r = d.jpm("keys", "add", "console", "not-a-key");
        assertEquals(2, r.code());
        assertEquals(
                "jpm: not a CURVE public key (40 Z85 characters): not-a-key",
                r.err().strip());
        d.ok("keys", "add", "console", KEY);
        assertEquals(
                "jpm: a key named console exists",
                d.jpm("keys", "add", "console", OTHER).err().strip());
        assertEquals(
                "jpm: that key is already added as console",
                d.jpm("keys", "add", "c2", KEY).err().strip());
        assertEquals(
                "jpm: no key named nobody",
                d.jpm("keys", "revoke", "nobody").err().strip());
        assertEquals(2, d.jpm("keys", "add", "bad name", OTHER).code());
    }

    @Test
    void hostsAreKeptWithTheirEndpointAndKeyAndNamedInPrometheusTargets() throws Exception {
        d.ok("hosts", "add", "web1", "tcp://10.0.0.11:7070", KEY);
        d.ok("hosts", "add", "web2", "tcp://10.0.0.12:7070", OTHER);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d.home.hostsFile())));
        assertTrue(d.ok("hosts", "list").out().contains("web2             tcp://10.0.0.12:7070"));
        JsonNode targets = d.ok("hosts", "prometheus-targets", "--port", "9209").json();
        assertEquals("10.0.0.11:9209", targets.get(0).path("targets").get(0).asText());
        assertEquals("web2", targets.get(1).path("labels").path("jpm_host").asText());
        d.ok("hosts", "remove", "web1");
        assertFalse(d.ok("hosts", "list").out().contains("web1"));
    }

    @Test
    void badHostsAndUnknownNamesAreOneLineErrors() {
        assertEquals(
                "jpm: expected tcp://ADDR:PORT, e.g. tcp://10.0.0.5:7070: 10.0.0.5:7070",
                d.jpm("hosts", "add", "web1", "10.0.0.5:7070", KEY).err().strip());
        assertEquals(
                "jpm: 'all' names every host; pick another name",
                d.jpm("hosts", "add", "all", "tcp://10.0.0.5:7070", KEY).err().strip());
        d.ok("hosts", "add", "web1", "tcp://10.0.0.11:7070", KEY);
        TestDaemon.Result r = d.jpm("--host", "web9", "list");
        assertEquals(2, r.code());
        assertEquals("jpm: unknown host: web9 (known: web1)", r.err().strip());
        assertEquals(
                "jpm: unknown host: web9 (known: web1)",
                d.jpm("list", "--hosts", "web1,web9").err().strip());
        assertEquals(
                "jpm: jpm keys acts on this host only; run it there, without --host",
                d.jpm("--host", "web1", "keys", "list").err().strip());
        assertEquals(
                "jpm: jpm remote acts on this host only; run it there, without --host",
                d.jpm("remote", "status", "--host", "web1").err().strip());
        assertFalse(Files.exists(d.home.daemonJson()), "no daemon was started");
    }

    @Test
    void remoteEnableChecksTheAddressFirst() {
        TestDaemon.Result r = d.jpm("remote", "enable", "--listen", "bogus");
        assertEquals(2, r.code());
        assertEquals(
                "jpm: expected ADDR:PORT, e.g. 10.0.0.5:7070: bogus", r.err().strip());
    }

    @Test
    void metricsListenTakesAddrPortAndRefusesNonsenseInOneLine() {
        TestDaemon.Result bad = d.jpm("metrics", "--listen", "not an address");
        assertEquals(2, bad.code());
        assertEquals(
                "jpm: expected ADDR:PORT, e.g. 10.0.0.5:7070: not an address",
                bad.err().strip());
        TestDaemon.Result both = d.jpm("metrics", "--port", "9209", "--listen", "10.0.0.5:9209");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
        assertFalse(Files.exists(d.home.daemonJson()), "no daemon was started");
    }
}
