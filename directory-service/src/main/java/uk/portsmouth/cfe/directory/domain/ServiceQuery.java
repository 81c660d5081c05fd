package uk.portsmouth.cfe.directory.domain;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import uk.portsmouth.cfe.platform.errors.FieldChecks;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.proto.ClosedSets;
import uk.portsmouth.cfe.platform.reference.Localities;
import uk.portsmouth.cfe.proto.directory.v1.SearchServicesRequest;
import uk.portsmouth.cfe.proto.directory.v1.ServiceStatus;

/**
 * A validated directory search: every filter combines with AND. Built from the request so a bad
 * filter is rejected with its field named before any query runs.
 */
public record ServiceQuery(
        List<String> words,
        List<String> termIds,
        String taxonomyId,
        Integer age,
        Integer minimumAgeAtLeast,
        Integer maximumAgeAtMost,
        String locality,
        String organizationId,
        List<String> statuses,
        String modifiedAfter,
        Paging paging) {

    public static ServiceQuery from(SearchServicesRequest request) {
        FieldChecks checks = new FieldChecks();
        List<String> termIds = new ArrayList<>();
        for (String termId : request.getTaxonomyTermIdsList()) {
            if (!Ids.isUuid(termId)) {
                checks.fail("taxonomy_term_id", "taxonomy_term_id must be a UUID");
            } else if (Taxonomies.term(termId).isEmpty()) {
                checks.fail("taxonomy_term_id", "unknown taxonomy term " + termId);
            } else {
                termIds.add(termId);
            }
        }
        if (!request.getAspectOfLife().isEmpty()) {
            Taxonomies.termBySlug(Taxonomies.ASPECTS_OF_LIFE, request.getAspectOfLife())
                    .ifPresentOrElse(
                            term -> termIds.add(term.getId()),
                            () -> checks.fail("aspect_of_life", "unknown aspect of life " + request.getAspectOfLife()));
        }
        String taxonomyId = request.getTaxonomyId();
        if (!taxonomyId.isEmpty()
                && Taxonomies.TAXONOMIES.stream().noneMatch(t -> t.getId().equals(taxonomyId))) {
            checks.fail("taxonomy_id", "unknown taxonomy " + taxonomyId);
        }
        Integer age = null;
        if (request.hasAge()) {
            if (request.getAge() < 0 || request.getAge() > ServiceRules.MAX_AGE) {
                checks.fail("age", "age must be between 0 and " + ServiceRules.MAX_AGE);
            }
            age = request.getAge();
        }
        Integer minimumAgeAtLeast =
                request.hasMinimumAgeAtLeast() ? ageIn(checks, "minimum_age", request.getMinimumAgeAtLeast()) : null;
        Integer maximumAgeAtMost =
                request.hasMaximumAgeAtMost() ? ageIn(checks, "maximum_age", request.getMaximumAgeAtMost()) : null;
        if (request.getLocalityValue() != 0 && !Localities.isArea(request.getLocality())) {
            checks.fail("locality", Localities.AREA_RULE);
        }
        String locality = ClosedSets.jsonName(request.getLocality()); // the locality taxonomy's term
        if (!request.getOrganizationId().isEmpty() && !Ids.isUuid(request.getOrganizationId())) {
            checks.fail("organization_id", "organization_id must be a UUID");
        }
        for (ServiceStatus status : request.getStatusesList()) {
            if (!ClosedSets.given(status)) {
                checks.fail("status", ClosedSets.rule("status", ServiceStatus.getDescriptor()));
            }
        }
        String modifiedAfter = null;
        if (!request.getModifiedAfter().isEmpty()) {
            modifiedAfter = parseInstant(request.getModifiedAfter(), "modified_after", checks);
        }
        Paging paging;
        try {
            paging = Paging.of(request.getPage());
        } catch (InvalidInputException e) {
            checks.addAll(e.errors());
            paging = null;
        }
        checks.throwIfAny("The search is not valid");
        return new ServiceQuery(
                SearchText.words(request.getText()),
                List.copyOf(termIds),
                taxonomyId,
                age,
                minimumAgeAtLeast,
                maximumAgeAtMost,
                locality,
                request.getOrganizationId(),
                // the index holds statuses by their names
                request.getStatusesList().stream()
                        .filter(ClosedSets::given)
                        .map(ClosedSets::jsonName)
                        .toList(),
                modifiedAfter,
                paging);
    }

    private static int ageIn(FieldChecks checks, String field, int age) {
        if (age < 0 || age > ServiceRules.MAX_AGE) {
            checks.fail(field, field + " must be between 0 and " + ServiceRules.MAX_AGE);
        }
        return age;
    }

    /** An ISO-8601 instant in the one stored form (UTC, milliseconds), or an error for {@code field}. */
    public static String parseInstant(String value, String field, FieldChecks checks) {
        try {
            return Timestamps.format(Instant.parse(value));
        } catch (DateTimeParseException e) {
            try {
                return Timestamps.format(java.time.LocalDate.parse(value)
                        .atStartOfDay(java.time.ZoneOffset.UTC)
                        .toInstant());
            } catch (DateTimeParseException notADate) {
                checks.fail(field, field + " must be an ISO-8601 date-time, e.g. 2026-11-01T00:00:00Z");
                return null;
            }
        }
    }
}
