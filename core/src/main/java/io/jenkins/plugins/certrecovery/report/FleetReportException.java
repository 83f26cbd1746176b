package io.jenkins.plugins.certrecovery.report;

import java.io.IOException;

/** Expiry reports could not be read or merged: a file that is not an expiry report, or two reports of one cluster. */
public final class FleetReportException extends IOException {
    public FleetReportException(String message) {
        super(message);
    }

    public FleetReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
