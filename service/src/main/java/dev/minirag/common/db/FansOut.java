package dev.minirag.common.db;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a DAO statement that reads or writes workspace-scoped rows of every workspace on purpose
 * (the job queue's claim, a retention sweep, an admin total, an index rebuild), or that finds a row
 * before its workspace is known. Every other statement on a workspace-scoped table names its
 * workspace, which the schema test checks (WorkspaceKeysIT); with a distributed database such a
 * statement visits every shard (docs/scaling.md), so the reason must be stated.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface FansOut {
  /** Why this statement cannot name one workspace. */
  String value();
}
