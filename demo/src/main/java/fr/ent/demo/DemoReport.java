package fr.ent.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the demo saw, for its final table and for the end-to-end test that checks it.
 *
 * @param rows one per application × space kind where the demo created content
 * @param notifications the directeur's notifications at the end (title and message)
 * @param recovered items recovered into the new year's class, per application
 * @param sheets the connection sheets written
 * @param timings seconds per step of the switchover, in order (trigger to every school ready)
 * @param reminders the teacher's notifications before the switchover (the backup reminder)
 * @param mails subjects of the e-mails the mail sink holds for the directeur and the teacher
 * @param operations what the operators' overview said at the end: lag of the suite's consumer groups, dead letters
 * @param blogPdf the class blog's PDF, as the pupil downloaded it before the switchover
 * @param searchBefore what the pupil's search for the blog's word found before the switchover; after: after it
 * @param recoveredSameBytes whether the recovered photo is the bytes the teacher uploaded
 */
public record DemoReport(List<MatrixRow> rows, List<String> notifications, Map<String, Integer> recovered,
        List<Path> sheets, Map<String, Double> timings, List<String> reminders, List<String> mails,
        Map<String, Long> operations, Path blogPdf, int searchBefore, int searchAfter, boolean recoveredSameBytes) {

    /**
     * @param fate what the retention matrix says: K keep, R archive for recovery, D delete
     * @param before items in the class space before the switchover
     * @param previewed what the switchover preview announced for them, as a fate letter per item count; null where
     *     the teacher's preview does not look (it covers the classes they teach, not their personal space)
     * @param inSpaceAfter items still readable in last year's space after it (it is closed: none)
     * @param archived items archived for the teacher (the recovery list) from that space
     * @param recovered of those, recovered into the new class by the demo
     */
    public record MatrixRow(String application, String space, char fate, int before, Map<Character, Integer> previewed,
            int inSpaceAfter, int archived, int recovered) {

        /** Whether the switchover did what the matrix says with this row's items. */
        public boolean asExpected() {
            int expectedArchived = fate == 'R' ? before : 0;
            int expectedInSpace = fate == 'K' ? before : 0;
            return archived == expectedArchived && inSpaceAfter == expectedInSpace
                    && (previewed == null || previewed.getOrDefault(fate, 0) == before);
        }
    }
}
