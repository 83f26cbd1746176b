package io.jenkins.plugins.certrecovery.expiry;

import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The output of one {@code cert-scan.sh} run, split into its records: record lines first, then after the {@code DATA} line the
 * content of every file a {@code FILE}, {@code KUBECONFIG} or {@code USER} record announced, in the same order, each followed by
 * the delimiter {@code CERTSCAN=MARKER} and a NUL byte.
 *
 * @param records  every record, in the order the script wrote them
 * @param complete false when the output stops before the DATA line: the command was cut off or failed early
 * @param result   the command's result (exit status and stderr)
 */
record ScanOutput(List<Entry> records, boolean complete, CommandResult result) {
    /** The record words whose file content follows the DATA line. */
    static final Set<String> READ_WORDS = Set.of("FILE", "KUBECONFIG", "USER");

    /**
     * One record.
     *
     * @param word     FILE, KUBECONFIG, USER (a file printed), DIR (a directory listed), or a problem word (MISSING, DENIED …)
     * @param argument the path as the script wrote it ({@code /.} markers included), or find's message for DIRERR
     * @param content  the file's content for a read word whose content arrived whole; null otherwise
     */
    record Entry(String word, String argument, String content) {
        boolean isRead() {
            return READ_WORDS.contains(word);
        }
    }

    static ScanOutput parse(CommandResult result, String marker) {
        String out = result.stdout();
        String recordPrefix = marker + " ";
        String dataLine = marker + " DATA\n";
        int data = out.startsWith(dataLine) ? 0 : out.indexOf("\n" + dataLine);
        String head = data < 0 ? out : out.substring(0, data);
        List<String> contents =
                data < 0 ? List.of() : contents(out.substring(data + (data == 0 ? 0 : 1) + dataLine.length()), marker);
        List<Entry> records = new ArrayList<>();
        int next = 0;
        for (String line : head.split("\n")) {
            if (!line.startsWith(recordPrefix)) {
                continue;
            }
            String record = line.substring(recordPrefix.length());
            int space = record.indexOf(' ');
            String word = space < 0 ? record : record.substring(0, space);
            String argument = space < 0 ? "" : record.substring(space + 1);
            String content = null;
            if (READ_WORDS.contains(word)) {
                content = next < contents.size() ? contents.get(next) : null;
                next++;
            }
            records.add(new Entry(word, argument, content));
        }
        return new ScanOutput(List.copyOf(records), data >= 0, result);
    }

    /** The whole contents before each delimiter; a last piece without a delimiter was cut off and is dropped. */
    private static List<String> contents(String data, String marker) {
        String delimiter = "CERTSCAN=" + marker + "\0";
        List<String> contents = new ArrayList<>();
        int from = 0;
        for (int at = data.indexOf(delimiter); at >= 0; at = data.indexOf(delimiter, from)) {
            contents.add(data.substring(from, at));
            from = at + delimiter.length();
        }
        return contents;
    }

    /** The records by path, for files a kubeconfig names: the file's content or why it could not be read. */
    Map<String, Entry> byPath() {
        Map<String, Entry> byPath = new LinkedHashMap<>();
        for (Entry entry : records) {
            if (!entry.word().equals("DIR") && !entry.word().equals("DIRERR")) {
                byPath.putIfAbsent(HostCertificateScan.undotted(entry.argument()), entry);
            }
        }
        return byPath;
    }
}
