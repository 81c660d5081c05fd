package uk.portsmouth.cfe.platform.paging;

import java.util.List;
import uk.portsmouth.cfe.proto.common.v1.PageInfo;

/** One page of results with its ORUK envelope. */
public record Page<T>(PageInfo info, List<T> contents) {}
