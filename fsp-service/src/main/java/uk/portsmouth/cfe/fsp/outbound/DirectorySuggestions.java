package uk.portsmouth.cfe.fsp.outbound;

import io.grpc.StatusRuntimeException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import uk.portsmouth.cfe.fsp.domain.PlanRules;
import uk.portsmouth.cfe.proto.common.v1.PageRequest;
import uk.portsmouth.cfe.proto.directory.v1.DirectoryServiceGrpc.DirectoryServiceBlockingStub;
import uk.portsmouth.cfe.proto.directory.v1.SearchServicesRequest;
import uk.portsmouth.cfe.proto.directory.v1.Service;
import uk.portsmouth.cfe.proto.directory.v1.ServiceStatus;
import uk.portsmouth.cfe.proto.fsp.v1.AspectAssessment;
import uk.portsmouth.cfe.proto.fsp.v1.AspectSuggestions;
import uk.portsmouth.cfe.proto.fsp.v1.Plan;
import uk.portsmouth.cfe.proto.fsp.v1.SuggestedService;
import uk.portsmouth.cfe.proto.fsp.v1.SuggestedServices;

/**
 * Support from the Directory of Services for a plan's focus aspects, fitting its children's ages,
 * asked of directory-service over gRPC as this service itself (active services are public). The plan never
 * depends on it: when the directory does not
 * answer, the suggestions say so and everything else carries on.
 */
public final class DirectorySuggestions {

    /** A suggestion is a nicety: it gets a short deadline of its own. */
    private static final long DEADLINE_MS = 2_000;

    private final DirectoryServiceBlockingStub directory;
    private final int perAspect;

    public DirectorySuggestions(DirectoryServiceBlockingStub directory, int perAspect) {
        this.directory = directory;
        this.perAspect = perAspect;
    }

    public SuggestedServices forPlan(Plan plan, LocalDate today) {
        List<Integer> ages = PlanRules.childAges(plan, today);
        SuggestedServices.Builder suggestions = SuggestedServices.newBuilder().setAvailable(true);
        try {
            for (AspectAssessment aspect : plan.getAspectsList()) {
                if (aspect.getFocus()) {
                    suggestions.addAspects(AspectSuggestions.newBuilder()
                            .setAspectId(aspect.getAspectId())
                            .setAspectName(aspect.getAspectName())
                            .addAllServices(search(aspect.getAspectId(), ages)));
                }
            }
            return suggestions.build();
        } catch (StatusRuntimeException e) {
            return SuggestedServices.newBuilder()
                    .setAvailable(false)
                    .setUnavailableReason("The Directory of Services did not answer ("
                            + e.getStatus().getCode() + "); try again later. The plan itself is unaffected.")
                    .build();
        }
    }

    /** Active services for {@code aspect} that fit any of the children's ages (any age when none is known). */
    private List<SuggestedService> search(String aspect, List<Integer> ages) {
        Map<String, SuggestedService> found = new LinkedHashMap<>();
        for (Optional<Integer> age : ages.isEmpty()
                ? List.<Optional<Integer>>of(Optional.empty())
                : ages.stream().map(Optional::of).toList()) {
            SearchServicesRequest.Builder request = SearchServicesRequest.newBuilder()
                    .setAspectOfLife(aspect)
                    .addStatuses(ServiceStatus.SERVICE_STATUS_ACTIVE)
                    .setFull(true)
                    .setPage(PageRequest.newBuilder().setPage(1).setPerPage(perAspect));
            age.ifPresent(request::setAge);
            for (Service service : directory
                    .withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
                    .searchServices(request.build())
                    .getContentsList()) {
                found.putIfAbsent(
                        service.getId(),
                        SuggestedService.newBuilder()
                                .setServiceId(service.getId())
                                .setName(service.getName())
                                .setDescription(service.getDescription())
                                .setUrl(service.getUrl())
                                .setEmail(service.getEmail())
                                .setOrganization(service.getOrganization().getName())
                                .build());
            }
        }
        return found.values().stream().limit(perAspect).toList();
    }
}
