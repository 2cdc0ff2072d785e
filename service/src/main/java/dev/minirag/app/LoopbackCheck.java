package dev.minirag.app;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Development mode relaxes the secrets check and allows plain-HTTP cookies, so it must never be
 * reachable from another machine: it refuses to start unless every connector binds to loopback.
 */
final class LoopbackCheck {
  private LoopbackCheck() {}

  static void enforce(boolean devMode, ServerFactory server) {
    if (!devMode) {
      return;
    }
    List<String> exposed = new ArrayList<>();
    if (server instanceof DefaultServerFactory factory) {
      collect(
          factory.getApplicationConnectors(), "BIND_HOST (server.applicationConnectors)", exposed);
      collect(factory.getAdminConnectors(), "ADMIN_BIND_HOST (server.adminConnectors)", exposed);
    } else {
      exposed.add("server.type other than default (cannot check where it listens)");
    }
    if (!exposed.isEmpty()) {
      throw new IllegalStateException(
          "Refusing to start: MINIRAG_DEV_MODE=true needs every connector on loopback (127.0.0.1, ::1 or"
              + " localhost), but "
              + String.join("; ", exposed)
              + ". Turn development mode off, or bind to 127.0.0.1.");
    }
  }

  private static void collect(
      List<ConnectorFactory> connectors, String setting, List<String> exposed) {
    for (ConnectorFactory c : connectors) {
      String host = c instanceof HttpConnectorFactory http ? http.getBindHost() : null;
      if (!isLoopback(host)) {
        exposed.add(setting + " is " + (host == null || host.isBlank() ? "every interface" : host));
      }
    }
  }

  static boolean isLoopback(String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    try {
      // A literal or "localhost" resolves without asking DNS for anything a user controls.
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
