package io.jenkins.plugins.certrecovery.report;

import io.jenkins.plugins.certrecovery.expiry.ExpiryReport;
import io.jenkins.plugins.certrecovery.expiry.ExpiryRow;
import io.jenkins.plugins.certrecovery.expiry.ExpiryStatus;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The expiry report as JUnit XML, so Jenkins' test-result trend shows certificate health over time: one test suite per host, one
 * test case per row, named by its source (stable across renewals, so the history follows a file and not a serial number).
 * Critical and expired certificates fail; error rows are JUnit errors; ok and warning pass (a warning says so in system-out).
 */
public final class ExpiryJunitReport {
    /** Test-case class names start with this, so Jenkins groups them as package {@code certificate-expiry}, class = host. */
    public static final String PACKAGE = "certificate-expiry";

    private final SecretMasker masker;

    public ExpiryJunitReport(SecretMasker masker) {
        this.masker = masker;
    }

    public void write(ExpiryReport report, OutputStream out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "certificate expiry");
            writeCounts(xml, report.rows());
            for (Map.Entry<String, List<ExpiryRow>> host : byHost(report).entrySet()) {
                suite(xml, report, host.getKey(), host.getValue());
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the JUnit expiry report: " + e.getMessage(), e);
        }
    }

    private static Map<String, List<ExpiryRow>> byHost(ExpiryReport report) {
        Map<String, List<ExpiryRow>> hosts = new LinkedHashMap<>();
        report.rows().stream()
                .sorted(Comparator.comparing(ExpiryRow::host).thenComparing(ExpiryRow::source))
                .forEach(row -> hosts.computeIfAbsent(row.host(), host -> new ArrayList<>())
                        .add(row));
        return hosts;
    }

    private void suite(XMLStreamWriter xml, ExpiryReport report, String host, List<ExpiryRow> rows)
            throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", PACKAGE + "." + className(host));
        writeCounts(xml, rows);
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", "0");
        xml.writeAttribute("timestamp", report.checkedAt().toString());
        xml.writeAttribute("hostname", clean(host));
        for (ExpiryRow row : rows) {
            testCase(xml, host, row);
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private void testCase(XMLStreamWriter xml, String host, ExpiryRow row) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", PACKAGE + "." + className(host));
        xml.writeAttribute("name", clean(row.source()));
        xml.writeAttribute("time", "0");
        if (row.isError()) {
            xml.writeStartElement("error");
            xml.writeAttribute("type", row.errorKind().name().toLowerCase(Locale.ROOT));
            xml.writeAttribute("message", clean(row.error()));
            xml.writeCharacters(clean(row.host() + ": " + row.source() + ": " + row.error()));
            xml.writeEndElement();
        } else if (row.status() == ExpiryStatus.CRITICAL || row.status() == ExpiryStatus.EXPIRED) {
            xml.writeStartElement("failure");
            xml.writeAttribute("type", row.status().label());
            xml.writeAttribute("message", clean(headline(row)));
            xml.writeCharacters(clean(details(row)));
            xml.writeEndElement();
        } else {
            xml.writeStartElement("system-out");
            xml.writeCharacters(clean(headline(row) + "\n" + details(row)));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static String headline(ExpiryRow row) {
        return row.status().label() + ": " + row.commonName() + " "
                + (row.daysLeft() < 0
                        ? "expired " + -row.daysLeft() + " days ago"
                        : "expires in " + row.daysLeft() + " days")
                + " (notAfter " + row.notAfter() + ")";
    }

    private static String details(ExpiryRow row) {
        return "subject: " + row.subject() + "\nissuer: " + row.issuer() + "\nserial: " + row.serial()
                + "\nnotBefore: " + row.notBefore() + "\nnotAfter: " + row.notAfter()
                + "\nsubjectAltNames: " + String.join(", ", row.subjectAltNames()) + "\n"
                + (Boolean.TRUE.equals(row.ca()) ? "CA" : "leaf");
    }

    private static void writeCounts(XMLStreamWriter xml, List<ExpiryRow> rows) throws XMLStreamException {
        xml.writeAttribute("tests", String.valueOf(rows.size()));
        xml.writeAttribute(
                "failures",
                String.valueOf(rows.stream()
                        .filter(row -> row.status() == ExpiryStatus.CRITICAL || row.status() == ExpiryStatus.EXPIRED)
                        .count()));
        xml.writeAttribute(
                "errors",
                String.valueOf(rows.stream().filter(ExpiryRow::isError).count()));
    }

    /** Dots in a host name would split Jenkins' package/class grouping. */
    private String className(String host) {
        return clean(host).replace('.', '_');
    }

    /** Masked, and without the control characters XML 1.0 cannot carry. */
    private String clean(String value) {
        return masker.mask(value == null ? "" : value)
                .replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "?");
    }
}
