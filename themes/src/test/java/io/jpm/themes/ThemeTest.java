package io.jpm.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ThemeTest {

    private static final Color BG = Color.parse("#101010");
    private static final Color SEL = Color.parse("blue");
    private static final Color SEL_TEXT = Color.parse("brightWhite");

    /** Every role red, except the ones a test looks at. */
    private static Theme sample() {
        Map<Role, Paint> paints = new EnumMap<>(Role.class);
        for (Role r : Role.values()) paints.put(r, Paint.of(Color.parse("red")));
        paints.put(Role.BACKGROUND, Paint.of(BG));
        paints.put(Role.TEXT, Paint.of(Color.parse("white")));
        paints.put(Role.SELECTION, Paint.of(SEL, Attribute.REVERSE));
        paints.put(Role.SELECTION_TEXT, Paint.of(SEL_TEXT, Attribute.BOLD));
        paints.put(Role.HEADER, Paint.of(Color.parse("cyan"), Attribute.BOLD, Attribute.UNDERLINE));
        return new Theme("sample", paints, List.of(Color.parse("1"), Color.parse("2"), Color.parse("3")));
    }

    @Test
    void textRolesAreDrawnOnTheBackground() {
        Style header = sample().style(Role.HEADER);
        assertEquals(Color.parse("cyan"), header.foreground());
        assertEquals(BG, header.background());
        assertEquals(Set.of(Attribute.BOLD, Attribute.UNDERLINE), header.attributes());
    }

    @Test
    void bothSelectionRolesGiveSelectionTextOnSelection() {
        Theme t = sample();
        for (Role r : List.of(Role.SELECTION, Role.SELECTION_TEXT)) {
            Style s = t.style(r);
            assertEquals(SEL_TEXT, s.foreground());
            assertEquals(SEL, s.background());
            assertEquals(Set.of(Attribute.BOLD, Attribute.REVERSE), s.attributes());
        }
    }

    @Test
    void backgroundRoleGivesTextOnBackground() {
        Style s = sample().style(Role.BACKGROUND);
        assertEquals(Color.parse("white"), s.foreground());
        assertEquals(BG, s.background());
    }

    @Test
    void appColorIsStableAndSpreadsOverThePalette() {
        Theme t = sample();
        Set<Color> seen = new HashSet<>();
        for (String app : List.of("api", "worker", "web", "cron", "mailer", "auth", "billing", "search")) {
            assertEquals(t.appColor(app), t.appColor(new String(app.toCharArray())));
            assertTrue(t.appPalette().contains(t.appColor(app)));
            seen.add(t.appColor(app));
        }
        assertEquals(3, seen.size(), "eight names should reach all three palette colors");
        assertEquals(t.appColor("api"), t.appStyle("api").foreground());
        assertEquals(BG, t.appStyle("api").background());
    }

    @Test
    void appColorIsFixedAcrossRuns() {
        // Pinned so a change of hash (which would recolor every user's apps) is a deliberate one.
        assertEquals(Color.parse("1"), sample().appColor("api"));
        assertEquals(Color.parse("3"), sample().appColor("worker"));
        assertEquals(Color.parse("2"), sample().appColor("web"));
    }

    @Test
    void reducedToReplacesEveryColor() {
        Theme t = sample().reducedTo(ColorDepth.ANSI16);
        assertEquals(Color.ansi(AnsiColor.BLACK), t.color(Role.BACKGROUND));
        assertEquals(Color.ansi(AnsiColor.RED), t.appPalette().get(0));
        assertEquals(Set.of(Attribute.REVERSE), t.paint(Role.SELECTION).attributes());
        Theme mono = sample().reducedTo(ColorDepth.MONOCHROME);
        for (Role r : Role.values()) assertEquals(Color.DEFAULT, mono.color(r), r.key());
    }

    @Test
    void withReplacesOneRoleAndLeavesTheOriginal() {
        Theme t = sample();
        Theme changed = t.with(Role.LOG_ERR, Paint.of(Color.parse("#123456")));
        assertEquals(Color.parse("#123456"), changed.color(Role.LOG_ERR));
        assertEquals(Color.parse("red"), t.color(Role.LOG_ERR));
        assertNotEquals(t, changed);
    }

    @Test
    void rejectsMissingRolesNamingThem() {
        Map<Role, Paint> paints = new EnumMap<>(sample().paints());
        paints.remove(Role.LOG_ERR);
        var e = assertThrows(IllegalArgumentException.class, () -> new Theme("x", paints, List.of(Color.DEFAULT)));
        assertEquals("theme x lacks roles: [LOG_ERR]", e.getMessage());
    }

    @Test
    void rejectsEmptyPaletteAndBadNames() {
        Map<Role, Paint> paints = sample().paints();
        assertThrows(IllegalArgumentException.class, () -> new Theme("x", paints, List.of()));
        var e = assertThrows(
                IllegalArgumentException.class, () -> new Theme("my theme", paints, List.of(Color.DEFAULT)));
        assertEquals("bad theme name: \"my theme\"", e.getMessage());
    }

    @Test
    void roleKeysRoundTripAndStatusesMapToRoles() {
        for (Role r : Role.values()) assertEquals(r, Role.byKey(r.key()).orElseThrow());
        assertEquals(Role.STATUS_WAITING_RESTART, Role.forStatus("waiting-restart"));
        assertEquals(Role.STATUS_ONLINE, Role.forStatus("online"));
        var e = assertThrows(IllegalArgumentException.class, () -> Role.forStatus("sleeping"));
        assertEquals("no role for worker status: sleeping", e.getMessage());
    }
}
