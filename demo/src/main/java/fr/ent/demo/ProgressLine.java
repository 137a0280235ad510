package fr.ent.demo;

import java.io.PrintStream;

/**
 * A progress bar with the estimated time left: redrawn in place on a terminal, else a line whenever the percentage
 * moved and at most every five seconds (a log stays readable).
 */
final class ProgressLine {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean live;
    private final String label;
    private String last = "";
    private String printed = "";
    private long lastPrinted;

    ProgressLine(PrintStream out, boolean live, String label) {
        this.out = out;
        this.live = live;
        this.label = label;
    }

    void show(double percent, String detail, Long secondsLeft) {
        int filled = (int) Math.round(Math.max(0, Math.min(100, percent)) * WIDTH / 100);
        String line = String.format("    %-13s [%s%s] %5.1f %%  %s%s", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                percent, detail, secondsLeft == null ? "" : "  ~" + secondsLeft + " s left");
        if (live) {
            out.print("\r" + line + " ".repeat(Math.max(0, last.length() - line.length())));
            out.flush();
        } else if (!line.equals(last) && System.nanoTime() - lastPrinted > 5_000_000_000L) {
            out.println(line);
            printed = line;
            lastPrinted = System.nanoTime();
        }
        last = line;
    }

    void done() {
        if (live) {
            out.println();
        } else if (!last.isEmpty() && !last.equals(printed)) {
            out.println(last);
        }
    }
}
