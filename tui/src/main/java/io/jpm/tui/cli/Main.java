package io.jpm.tui.cli;

/**
 * The entry point {@code bin/jpm} names: a class whose only public method is {@code main}. The java launcher finds
 * {@code main} through {@code Class.getMethod}, which resolves the types in the signatures of every public method
 * of the class; on {@link Jpm} those are picocli's {@code CommandLine}, {@code Hosts} and {@code CurveKeys.Pair},
 * which no one-shot verb needs and which, loaded from the jars rather than from the AOT cache, made every command
 * open and index each jar of the class path up to picocli's.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Jpm.main(args);
    }
}
