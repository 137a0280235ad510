package fr.ent.demo;

import fr.ent.demo.DemoReport.MatrixRow;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ./ent demo}: the story of {@link DemoStory} against the local stack, then its table. Settings come from the
 * stack's environment ({@code ./ent env}) and options: {@code --pupils 3000 --seed 42 --out DIR
 * --switch-after-seconds 15 --step-timeout-seconds 900}.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage("unexpected argument " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        for (String option : options.keySet()) {
            if (!java.util.List.of("pupils", "seed", "out", "switch-after-seconds", "step-timeout-seconds")
                    .contains(option)) {
                usage("unknown option --" + option);
            }
        }
        int pupils = number(options.getOrDefault("pupils", "3000"), "--pupils", 150, 1_000_000);
        long seed = number(options.getOrDefault("seed", "42"), "--seed", 0, Integer.MAX_VALUE);
        Duration switchAfter = Duration.ofSeconds(number(options.getOrDefault("switch-after-seconds", "15"),
                "--switch-after-seconds", 5, 86_400));
        Duration within = Duration.ofSeconds(number(options.getOrDefault("step-timeout-seconds", "900"),
                "--step-timeout-seconds", 10, 86_400));
        if ("1".equals(System.getenv("ENT_DEMO_CHECK_ONLY"))) {
            return; // ./ent demo checks the options before it resets anything
        }
        DemoSettings settings = new DemoSettings(new DemoSettings.Services(env("ENT_ONDE_SYNC_URL"),
                env("ENT_CLASS_URL"), env("ENT_IDENTITY_URL"), env("ENT_CONTENT_URL"), env("ENT_ROLLOVER_URL")),
                env("ENT_KEYCLOAK_URL"), "ent", env("ENT_DEMO_PASSWORD"), "17", "2017-2018", pupils, seed,
                Path.of(options.getOrDefault("out", env("ENT_STACK_HOME") + "/demo")).toAbsolutePath(), switchAfter,
                within, System.console() != null, env("ENT_MAIL_API_URL"));
        long start = System.nanoTime();
        DemoReport report = new DemoStory(settings, System.out).run();
        print(report, System.out);
        System.out.printf("%nThe demo took %.0f s. The stack stays up: ./ent status, ./ent down.%n",
                (System.nanoTime() - start) / 1e9);
        if (!report.rows().stream().allMatch(MatrixRow::asExpected)) {
            System.out.println("Some rows are not as the retention matrix says: see the table.");
            System.exit(1);
        }
    }

    /** The final table: each application × space, its items before and after, the expected fate. */
    public static void print(DemoReport report, PrintStream out) {
        out.printf("%nWhat became of the class's items (K kept, R archived for recovery, D deleted)%n");
        out.printf("%-20s %-8s %-4s %6s %9s %12s %9s %9s  %s%n", "application", "space", "fate", "before", "previewed",
                "space after", "archived", "recovered", "as expected");
        for (MatrixRow row : report.rows()) {
            out.printf("%-20s %-8s %-4s %6d %9s %12d %9d %9d  %s%n", row.application(), row.space(), row.fate(),
                    row.before(), row.previewed() == null ? "–" : row.previewed().getOrDefault(row.fate(), 0) + " "
                            + row.fate(), row.inSpaceAfter(),
                    row.archived(), row.recovered(), row.asExpected() ? "yes" : "NO");
        }
        out.println("PERSONAL: the teacher's own space, where she backed up the class's media before the switchover "
                + "(CNT-3). Work groups, partnerships, school and town spaces are not in this story (README, Content).");
        out.printf("%nNotified: %s%nReminded before the switchover: %s%nE-mails in the mail sink: %s%nOperators: %s%n",
                report.notifications().size() + " notifications to the directeur", report.reminders(), report.mails()
                        .size(), report.operations());
        out.printf("%nTimings%n");
        report.timings().forEach((step, seconds) -> out.printf("  %-55s %8.1f s%n", step, seconds));
        out.printf("%nConnection sheets: %s%n", report.sheets());
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            usage(name + " is not set: run the demo with ./ent demo");
        }
        return value;
    }

    private static int number(String value, String option, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        usage(option + " must be a whole number from " + min + " to " + max + ", not " + value);
        return 0;
    }

    private static void usage(String problem) {
        System.err.println("demo: " + problem + "\nusage: ./ent demo [--pupils 3000] [--seed 42] [--out DIR] "
                + "[--switch-after-seconds 15] [--step-timeout-seconds 900]");
        System.exit(2);
    }
}
