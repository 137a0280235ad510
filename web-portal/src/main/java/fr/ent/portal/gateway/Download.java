package fr.ent.portal.gateway;

/** A file a service answered with (a PDF, a CSV, a photo), passed on to the browser as it came. */
public record Download(String contentType, String disposition, byte[] bytes) {
}
