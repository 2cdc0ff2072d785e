package dev.minirag.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An error an operation answers beyond the ones every operation of its shape can (401 unless
 * public, 403 when permission-checked, 404, 400/413/415/422 for bodies and parameters, 429): for
 * example {@code @Fails(status = 409, when = "the job has already finished")}. The OpenAPI document
 * lists it in the one error shape; {@code OpenApiDocumentIT} checks that every 4xx an operation was
 * seen to answer is listed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Fails.List.class)
public @interface Fails {
  int status();

  /** When it happens, for a reader of the API reference. */
  String when();

  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface List {
    Fails[] value();
  }
}
