package uk.portsmouth.cfe.platform.grpc;

import io.grpc.Attributes;
import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.NameResolverRegistry;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * A gRPC target that names several instances of a service outright, {@code list:///host1:port,host2:port},
 * for hosts without a DNS name per service (virtual machines, tests). The channel balances calls across
 * them as it does across the addresses of a Kubernetes headless Service ({@code dns:///name:port}).
 */
public final class AddressListResolver extends NameResolverProvider {

    static final String SCHEME = "list";

    /** Makes {@code list:///} targets known to every channel (once per JVM). */
    static void register() {
        NameResolverRegistry.getDefaultRegistry().register(new AddressListResolver());
    }

    @Override
    protected boolean isAvailable() {
        return true;
    }

    @Override
    protected int priority() {
        return 5;
    }

    @Override
    public String getDefaultScheme() {
        return SCHEME;
    }

    @Override
    public NameResolver newNameResolver(URI target, NameResolver.Args args) {
        if (!SCHEME.equals(target.getScheme())) {
            return null;
        }
        String list = target.getPath().startsWith("/") ? target.getPath().substring(1) : target.getPath();
        List<EquivalentAddressGroup> instances = Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(address -> !address.isEmpty())
                .map(AddressListResolver::instance)
                .toList();
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("No address in the gRPC target " + target);
        }
        String authority = list.split(",")[0].strip();
        return new NameResolver() {
            private Listener2 listener;

            @Override
            public String getServiceAuthority() {
                return authority;
            }

            @Override
            public void start(Listener2 listener) {
                this.listener = listener;
                refresh();
            }

            @Override
            public void refresh() {
                listener.onResult(ResolutionResult.newBuilder()
                        .setAddresses(instances)
                        .setAttributes(Attributes.EMPTY)
                        .build());
            }

            @Override
            public void shutdown() {}
        };
    }

    private static EquivalentAddressGroup instance(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("A gRPC address needs host:port, not " + hostAndPort);
        }
        SocketAddress address = new InetSocketAddress(
                hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
        return new EquivalentAddressGroup(address);
    }
}
