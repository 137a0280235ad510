package fr.ent.classes.school;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A school, known by its UAI. {@code departmental}: an école départementale, whose partnerships outlive the year. */
@Entity
@Table(name = "school")
public class School extends PanacheEntityBase {

    @Id
    public String uai;

    public String name;

    @Column(name = "academy_code")
    public String academyCode;

    public String town;

    public boolean departmental;
}
