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
import java.util.ArrayList;
import java.util.List;

/**
 * An agent channel as remoting provides it: the callable is serialized, sent, deserialized and called on the other side; its
 * result (or exception) comes back serialized too. Every class read on either side passes {@link JenkinsClassFilter}, as on a real
 * controller and agent, so a reply holding a class Jenkins would refuse fails here as it would there. As in remoting, the build's
 * {@link TaskListener} is not copied but exported: the agent side gets a stand-in whose logger writes to the controller's listener
 * (here, the same JVM).
 */
final class RemotingChannel implements VirtualChannel {
    private final TaskListener exported;
    private final ClassLoader classes;
    private final List<Class<?>> sentToAgent = new ArrayList<>();
    private final List<Class<?>> receivedFromAgent = new ArrayList<>();
    private int calls;

    RemotingChannel(TaskListener exported) {
        this(exported, RemotingChannel.class.getClassLoader());
    }

    /** A channel whose two sides find classes through the given loader. */
    RemotingChannel(TaskListener exported, ClassLoader classes) {
        this.exported = exported;
        this.classes = classes;
    }

    int calls() {
        return calls;
    }

    /** Every class read on the agent's side (the callable and what it holds), in order. */
    List<Class<?>> sentToAgent() {
        return List.copyOf(sentToAgent);
    }

    /** Every class read on the controller's side (replies and exceptions), in order. */
    List<Class<?>> receivedFromAgent() {
        return List.copyOf(receivedFromAgent);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V, T extends Throwable> V call(Callable<V, T> callable) throws IOException, T, InterruptedException {
        calls++;
        Callable<V, T> onAgent = (Callable<V, T>) roundTrip(callable, sentToAgent);
        Object answer;
        try {
            answer = onAgent.call();
        } catch (Throwable failure) {
            throw (T) roundTrip(failure, receivedFromAgent);
        }
        return (V) roundTrip(answer, receivedFromAgent);
    }

    /** Serializes the value and reads it back through the class filter, noting each class read. */
    Object roundTrip(Object value, List<Class<?>> seen) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ExportingOutput(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new FilteringInput(new ByteArrayInputStream(bytes.toByteArray()), seen)) {
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

    /** What travels in place of the listener: remoting's own export, which its filter trusts as a class of remoting itself. */
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

    private final class FilteringInput extends ObjectInputStream {
        private final List<Class<?>> seen;

        FilteringInput(InputStream in, List<Class<?>> seen) throws IOException {
            super(in);
            this.seen = seen;
            enableResolveObject(true);
        }

        @Override
        protected Object resolveObject(Object obj) {
            return obj instanceof ListenerReference ? exported : obj;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            if (desc.getName().equals(ListenerReference.class.getName())) {
                return ListenerReference.class;
            }
            Class<?> type = Class.forName(desc.getName(), false, classes);
            seen.add(type);
            return JenkinsClassFilter.check(type);
        }
    }
}
