package io.jpm.tui.top;

import java.util.List;
import java.util.Locale;

/** The grid's {@code /} filter: a worker matches when its name, status or mode contains the text, or its id is it. */
public final class ProcessFilter {
    private ProcessFilter() {}

    public static boolean matches(WorkerRow w, String query) {
        if (query == null || query.isBlank()) return true;
        String q = query.strip().toLowerCase(Locale.ROOT);
        return w.name().toLowerCase(Locale.ROOT).contains(q)
                || w.status().contains(q)
                || w.mode().equals(q)
                || Integer.toString(w.id()).equals(q);
    }

    /** The workers that match, in {@code sort} order. */
    public static List<WorkerRow> apply(List<WorkerRow> rows, String query, SortKey sort) {
        return rows.stream().filter(w -> matches(w, query)).sorted(sort.order()).toList();
    }
}
