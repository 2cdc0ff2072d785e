package dev.minirag.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint that needs no authentication (health, version, sign-in). Every resource method
 * declares exactly one of: {@code @Public}, {@code @PermitAll} (any authenticated caller) or
 * {@code @RolesAllowed(Permissions.X)}; the cross-tenant matrix test fails on a method with none.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Public {}
