package fr.ent.support.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** An académie's code as ONDE writes it (ENTServAcCodeAcademie): one to three digits or letters, e.g. 17 or 01. */
@Documented
@Pattern(regexp = "[0-9A-Z]{1,3}")
@jakarta.validation.ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface AcademyCode {

    String message() default "not an académie code (one to three digits or capital letters, e.g. 17)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
