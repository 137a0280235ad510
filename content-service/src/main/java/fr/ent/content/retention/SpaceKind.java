package fr.ent.content.retention;

/** Where content lives. A partnership with an école départementale is its own kind: it survives the year (CLS-4). */
public enum SpaceKind {
    PERSONAL, CLASS, WORK_GROUP, CLASS_PARTNERSHIP, DEPARTMENTAL_PARTNERSHIP, SCHOOL, TOWN
}
