package fr.ent.onde.imports;

import java.io.IOException;
import java.sql.SQLException;

/** Why the server could not finish an import, in words an operator can act on. */
final class ImportFailure {

    private ImportFailure() {
    }

    static String reason(Throwable e) {
        String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (e instanceof OutOfMemoryError) {
            return "the service ran out of memory (" + what + "): give onde-sync-service more heap (-Xmx) or check "
                    + "the export, then upload it again";
        }
        if (causedBy(e, SQLException.class)) {
            return "the database refused or lost a write (" + what + "): check PostgreSQL (disk, connections), then "
                    + "upload the export again";
        }
        if (causedBy(e, IOException.class)) {
            return "the kept export could not be read (" + what + "): check the disk of ent.onde.import-dir, then "
                    + "upload the export again";
        }
        return "unexpected error (" + what + "): the service's log has the details under this import's id; upload "
                + "the export again, or report it";
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
