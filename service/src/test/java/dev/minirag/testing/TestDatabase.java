package dev.minirag.testing;

import dev.minirag.MiniRagApplication;
import dev.minirag.common.db.Migrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Gives a test class its own database on the real PostgreSQL (pgvector comes from template1, as
 * db/setup.sh prepares it), migrated by the real Liquibase changelog, and drops it afterwards.
 */
public class TestDatabase implements BeforeAllCallback, AfterAllCallback {

  public static final String ADMIN_URL =
      System.getProperty(
          "test.pg.admin.url", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
  public static final String APP_USER = System.getProperty("test.pg.app.user", "minirag");
  public static final String APP_PASSWORD = System.getProperty("test.pg.app.password", "minirag");

  private final String name =
      "minirag_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final boolean migrate;
  private final String serverUrl;
  private final String adminUrl;

  public TestDatabase() {
    this(true);
  }

  public TestDatabase(boolean migrate) {
    this("jdbc:postgresql://127.0.0.1:5432/", ADMIN_URL, migrate);
  }

  /**
   * A database on another server: {@code serverUrl} ends with the slash before the database name,
   * {@code adminUrl} names the superuser's {@code postgres} database there.
   */
  public TestDatabase(String serverUrl, String adminUrl, boolean migrate) {
    this.serverUrl = serverUrl;
    this.adminUrl = adminUrl;
    this.migrate = migrate;
  }

  public String name() {
    return name;
  }

  public String jdbcUrl() {
    return serverUrl + name;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    admin("CREATE DATABASE " + name + " OWNER " + APP_USER);
    if (migrate) {
      Migrations.apply(dataSource(), MiniRagApplication.CHANGELOG);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  public PGSimpleDataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(jdbcUrl());
    ds.setUser(APP_USER);
    ds.setPassword(APP_PASSWORD);
    return ds;
  }

  /** Runs a statement as the PostgreSQL superuser, in this test database. */
  public void asSuperuser(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(superuserUrl());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** This test database as the PostgreSQL superuser, who may read what the app user cannot. */
  public PGSimpleDataSource superuserDataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(superuserUrl());
    return ds;
  }

  private String superuserUrl() {
    return adminUrl.replace("/postgres?", "/" + name + "?");
  }

  private void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
