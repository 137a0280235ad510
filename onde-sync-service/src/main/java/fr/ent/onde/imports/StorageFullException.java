package fr.ent.onde.imports;

import fr.ent.support.rest.ProblemException;

/** Keeping one more export would pass the quota of kept exports: answered 507, nothing is kept. */
public class StorageFullException extends ProblemException {

    public StorageFullException(String message) {
        super(507, "export", message);
    }
}
