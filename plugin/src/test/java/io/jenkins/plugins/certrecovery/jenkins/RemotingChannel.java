package io.jenkins.plugins.certrecovery.jenkins;

import hudson.model.TaskListener;
import hudson.remoting.Callable;
import hudson.remoting.VirtualChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serial;
import java.io.Serializable;

/**
 * An agent channel as remoting provides it: the callable is serialized, sent, deserialized and called on the other side; its
 * result (or exception) comes back serialized too. As in remoting, the build's {@link TaskListener} is not copied but exported:
 * the agent side gets a stand-in whose logger writes to the controller's listener (here, the same JVM).
 */
final class RemotingChannel implements VirtualChannel {
    private final TaskListener exported;
    private int calls;

    RemotingChannel(TaskListener exported) {
        this.exported = exported;
    }

    int calls() {
        return calls;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V, T extends Throwable> V call(Callable<V, T> callable) throws IOException, T, InterruptedException {
        calls++;
        Callable<V, T> onAgent = (Callable<V, T>) roundTrip(callable);
        Object answer;
        try {
            answer = onAgent.call();
        } catch (Throwable failure) {
            throw (T) roundTrip(failure);
        }
        return (V) roundTrip(answer);
    }

    private Object roundTrip(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ExportingOutput(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ImportingInput(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

    /** What travels in place of the listener. */
    private record ListenerReference(int id) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    private final class ExportingOutput extends ObjectOutputStream {
        ExportingOutput(OutputStream out) throws IOException {
            super(out);
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            return obj == exported ? new ListenerReference(1) : obj;
        }
    }

    private final class ImportingInput extends ObjectInputStream {
        ImportingInput(InputStream in) throws IOException {
            super(in);
            enableResolveObject(true);
        }

        @Override
        protected Object resolveObject(Object obj) {
            return obj instanceof ListenerReference ? exported : obj;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            return Class.forName(desc.getName(), false, RemotingChannel.class.getClassLoader());
        }
    }
}
