package dev.minirag.eval;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a benchmark ran on, recorded beside its numbers (eval-answers and the bench module). */
public final class Machine {

  private Machine() {}

  public static Map<String, Object> facts() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
    m.put("loadAverage1m", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          m.put(
              "memTotalGiB",
              Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0 * 10) / 10.0);
        }
      }
    } catch (Exception e) {
      m.put("memTotalGiB", null);
    }
    return m;
  }

  /** The 1-minute load average, rounded (latency on a shared box depends on it). */
  public static double loadAverage() {
    return Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100)
        / 100.0;
  }

  /** Resident set size of this JVM in MiB (Linux), -1 elsewhere. */
  public static long rssMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (Exception e) {
      return -1;
    }
    return -1;
  }
}
