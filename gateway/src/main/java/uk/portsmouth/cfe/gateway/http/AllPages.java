package uk.portsmouth.cfe.gateway.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.proto.common.v1.PageInfo;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;

/** Every item of a paged gRPC list, page by page (feeds and exports that are not paged themselves). */
public final class AllPages {

    private AllPages() {}

    /** Calls {@code call} for page 1, 2... until the last page; {@code info} and {@code contents} read a reply. */
    public static <R, T> List<T> of(
            Function<PageRequest, R> call, Function<R, PageInfo> info, Function<R, List<T>> contents) {
        List<T> all = new ArrayList<>();
        int number = 1;
        R reply;
        do {
            reply = call.apply(PageRequest.newBuilder()
                    .setPage(number++)
                    .setPerPage(Paging.MAX_SIZE)
                    .build());
            all.addAll(contents.apply(reply));
        } while (!info.apply(reply).getLastPage());
        return all;
    }
}
