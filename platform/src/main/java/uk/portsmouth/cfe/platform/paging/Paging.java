package uk.portsmouth.cfe.platform.paging;

import java.util.List;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.proto.common.v1.PageInfo;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;

/**
 * One page of a list: 1-based {@code number}, {@code size} items a page. Builds the ORUK page
 * envelope that every list in the platform uses.
 */
public record Paging(int number, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    /** A feed's pages (the ORUK endpoints): consumers such as the DfE's importer pull whole feeds at 500 a page. */
    public static final int MAX_FEED_SIZE = 1_000;

    /** The page a request asks for; 0 means "the default". Out-of-range values are rejected. */
    public static Paging of(PageRequest request) {
        int number = request.getPage() == 0 ? 1 : request.getPage();
        int size = request.getPerPage() == 0 ? DEFAULT_SIZE : request.getPerPage();
        if (number < 1) {
            throw InvalidInputException.of("page", "page must be 1 or more");
        }
        int most = request.getFeed() ? MAX_FEED_SIZE : MAX_SIZE;
        if (size < 1 || size > most) {
            throw InvalidInputException.of("per_page", "per_page must be between 1 and " + most);
        }
        return new Paging(number, size);
    }

    /** Items to skip before this page. */
    public int offset() {
        return (int) Math.min(Integer.MAX_VALUE, (long) (number - 1) * size);
    }

    /** This page's slice of an in-memory list. */
    public <T> List<T> slice(List<T> all) {
        int from = Math.min(offset(), all.size());
        return all.subList(from, Math.min(all.size(), from + size));
    }

    /** The ORUK envelope for this page of {@code totalItems}, holding {@code itemsOnPage}. */
    public PageInfo info(long totalItems, int itemsOnPage) {
        int totalPages = (int) Math.max(1, (totalItems + size - 1) / size);
        return PageInfo.newBuilder()
                .setTotalItems((int) totalItems)
                .setTotalPages(totalPages)
                .setPageNumber(number)
                .setSize(itemsOnPage)
                .setFirstPage(number == 1)
                .setLastPage(number >= totalPages)
                .setEmpty(itemsOnPage == 0)
                .build();
    }
}
