package io.jenkins.plugins.certrecovery.recovery;

import java.util.ArrayList;
import java.util.List;

/** Every preflight check on every host. */
public record PreflightReport(List<PreflightFinding> findings) {
    public PreflightReport {
        findings = List.copyOf(findings);
    }

    public boolean ok() {
        return findings.stream().allMatch(PreflightFinding::ok);
    }

    public List<PreflightFinding> problems() {
        return findings.stream().filter(f -> !f.ok()).toList();
    }

    /** The problems as a table: host, check, what is wrong. */
    public List<String> problemTable() {
        List<PreflightFinding> problems = problems();
        int hostWidth = Math.max(
                4, problems.stream().mapToInt(f -> f.host().length()).max().orElse(0));
        int checkWidth = Math.max(
                5, problems.stream().mapToInt(f -> f.check().length()).max().orElse(0));
        String format = "%-" + hostWidth + "s  %-" + checkWidth + "s  %s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(format, "HOST", "CHECK", "PROBLEM"));
        problems.forEach(f -> lines.add(String.format(format, f.host(), f.check(), f.detail())));
        return lines;
    }
}
