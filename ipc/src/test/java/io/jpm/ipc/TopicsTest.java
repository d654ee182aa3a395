package io.jpm.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TopicsTest {
    @Test
    void eachShareOfTheDisplayRateStreamHasAPrefixNoOtherShareMatches() {
        assertEquals("view.log.web.out", Topics.view("log.web.out", 1));
        assertEquals("view3.log.web.out", Topics.view("log.web.out", 3));
        for (int a = 1; a <= Topics.MAX_VIEW_SHARE; a++) {
            for (int b = 1; b <= Topics.MAX_VIEW_SHARE; b++) {
                boolean matches = Topics.view("log.web.out", b).startsWith(Topics.viewPrefix(a));
                assertEquals(a == b, matches, "share " + a + " subscribed, share " + b + " published");
                assertEquals(a == b, Topics.viewSkipped(b).startsWith(Topics.viewPrefix(a)));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Topics.viewPrefix(0));
        assertThrows(IllegalArgumentException.class, () -> Topics.viewPrefix(Topics.MAX_VIEW_SHARE + 1));
    }

    @Test
    void viewTopicsAreToldFromOthers() {
        assertTrue(Topics.isViewLog("view.log.web.out"));
        assertTrue(Topics.isViewLog("view4.log.web.err"));
        assertTrue(Topics.isViewSkipped("view.skipped"));
        assertTrue(Topics.isViewSkipped("view2.skipped"));
        assertFalse(Topics.isViewLog("log.web.out"));
        assertFalse(Topics.isViewLog("viewer.log.web.out"));
        assertFalse(Topics.isViewSkipped("event.view.skipped"));
        assertFalse(Topics.isViewSkipped("view"));
        assertFalse(Topics.isViewLog(Topics.VIEW_STATS));
        assertFalse(Topics.isViewSkipped(Topics.VIEW_STATS));
    }
}
