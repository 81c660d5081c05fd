package uk.portsmouth.cfe.directory.app;

import java.util.List;
import uk.portsmouth.cfe.directory.domain.Ids;
import uk.portsmouth.cfe.directory.domain.SearchText;
import uk.portsmouth.cfe.directory.domain.Taxonomies;
import uk.portsmouth.cfe.platform.errors.InvalidInputException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.proto.directory.v1.GetByIdRequest;
import uk.portsmouth.cfe.proto.directory.v1.ListAspectsOfLifeRequest;
import uk.portsmouth.cfe.proto.directory.v1.ListTaxonomiesRequest;
import uk.portsmouth.cfe.proto.directory.v1.ListTaxonomyTermsRequest;
import uk.portsmouth.cfe.proto.directory.v1.Taxonomy;
import uk.portsmouth.cfe.proto.directory.v1.TaxonomyPage;
import uk.portsmouth.cfe.proto.directory.v1.TaxonomyTerm;
import uk.portsmouth.cfe.proto.directory.v1.TaxonomyTermPage;

/**
 * The directory's taxonomies, the use cases: the Family Support Plan's 10 aspects of life and the
 * other vocabularies services are tagged with, and their terms (searched by the words of their name
 * and description). Open to every caller, as the directory is.
 */
public final class TaxonomyReads {

    public TaxonomyTermPage listAspectsOfLife(ListAspectsOfLifeRequest request) {
        List<TaxonomyTerm> aspects = Taxonomies.ASPECT_TERMS;
        return TaxonomyTermPage.newBuilder()
                .setPage(new Paging(1, aspects.size()).info(aspects.size(), aspects.size()))
                .addAllContents(aspects)
                .build();
    }

    public TaxonomyPage listTaxonomies(ListTaxonomiesRequest request) {
        Paging paging = Paging.of(request.getPage());
        List<Taxonomy> page = paging.slice(Taxonomies.TAXONOMIES);
        return TaxonomyPage.newBuilder()
                .setPage(paging.info(Taxonomies.TAXONOMIES.size(), page.size()))
                .addAllContents(page)
                .build();
    }

    public Taxonomy getTaxonomy(GetByIdRequest request) {
        String id = DirectoryOfServices.validId(request.getId());
        Taxonomy taxonomy = Taxonomies.TAXONOMIES.stream()
                .filter(t -> t.getId().equals(id))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("taxonomy", id));
        return taxonomy.toBuilder().addAllTaxonomyTerms(termsOf(id)).build();
    }

    public TaxonomyTermPage listTaxonomyTerms(ListTaxonomyTermsRequest request) {
        Paging paging = Paging.of(request.getPage());
        if (!request.getTaxonomyId().isEmpty() && !Ids.isUuid(request.getTaxonomyId())) {
            throw InvalidInputException.of("taxonomy_id", "taxonomy_id must be a UUID");
        }
        List<String> words = SearchText.words(request.getText());
        List<TaxonomyTerm> matching = (request.getTaxonomyId().isEmpty()
                        ? Taxonomies.TAXONOMIES.stream()
                                .flatMap(t -> termsOf(t.getId()).stream())
                                .toList()
                        : termsOf(request.getTaxonomyId()))
                .stream()
                        .filter(t -> words.stream()
                                .allMatch(w -> SearchText.words(t.getName() + " " + t.getDescription()).stream()
                                        .anyMatch(tw -> tw.startsWith(w))))
                        .toList();
        List<TaxonomyTerm> page = paging.slice(matching);
        return TaxonomyTermPage.newBuilder()
                .setPage(paging.info(matching.size(), page.size()))
                .addAllContents(page)
                .build();
    }

    public TaxonomyTerm getTaxonomyTerm(GetByIdRequest request) {
        String id = DirectoryOfServices.validId(request.getId());
        return Taxonomies.term(id).orElseThrow(() -> new NotFoundException("taxonomy term", id));
    }

    private List<TaxonomyTerm> termsOf(String taxonomyId) {
        return Taxonomies.allTerms().stream()
                .filter(t -> t.getTaxonomyId().equals(taxonomyId))
                .sorted(java.util.Comparator.comparing(TaxonomyTerm::getName))
                .toList();
    }
}
