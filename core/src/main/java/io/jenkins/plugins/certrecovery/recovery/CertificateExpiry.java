package io.jenkins.plugins.certrecovery.recovery;

import java.time.Instant;

/**
 * One control-plane certificate file before and after {@code regenerate-certificates}.
 *
 * @param path    the file on the first master
 * @param subject the certificate's subject (after regeneration, or before when the file is gone)
 * @param before  its notAfter before, or null when the file did not exist
 * @param after   its notAfter after, or null when the file is gone
 */
public record CertificateExpiry(String path, String subject, Instant before, Instant after) {}
