package uk.portsmouth.cfe.platform.paging;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.proto.common.v1.PageInfo;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;

class PagingTest {

    @Test
    void defaultsToTheFirstPageOfTwenty() {
        Paging paging = Paging.of(PageRequest.getDefaultInstance());
        assertThat(paging, is(new Paging(1, 20)));
    }

    @Test
    void buildsTheOrukEnvelope() {
        Paging paging =
                Paging.of(PageRequest.newBuilder().setPage(3).setPerPage(2).build());
        assertThat(paging.slice(List.of(1, 2, 3, 4, 5)), contains(5));
        PageInfo info = paging.info(5, 1);
        assertThat(info.getTotalPages(), is(3));
        assertThat(info.getLastPage(), is(true));
        assertThat(info.getFirstPage(), is(false));
        assertThat(new Paging(1, 10).info(0, 0).getTotalPages(), is(1));
        assertThat(new Paging(1, 10).info(0, 0).getEmpty(), is(true));
    }

    @Test
    void rejectsOutOfRangeValuesNamingTheParameter() {
        assertThat(
                assertThrows(
                                InvalidInputException.class,
                                () -> Paging.of(
                                        PageRequest.newBuilder().setPerPage(101).build()))
                        .errors()
                        .get(0)
                        .field(),
                is("per_page"));
        assertThat(
                assertThrows(
                                InvalidInputException.class,
                                () -> Paging.of(
                                        PageRequest.newBuilder().setPage(-1).build()))
                        .errors()
                        .get(0)
                        .field(),
                is("page"));
        assertThat(new Paging(Integer.MAX_VALUE, 100).offset(), is(Integer.MAX_VALUE));
    }
}
