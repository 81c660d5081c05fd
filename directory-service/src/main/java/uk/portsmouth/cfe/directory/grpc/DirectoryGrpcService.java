package uk.portsmouth.cfe.directory.grpc;

import static uk.portsmouth.cfe.platform.grpc.UnaryReplies.reply;

import io.grpc.stub.StreamObserver;
import uk.portsmouth.cfe.directory.app.DirectoryOfServices;
import uk.portsmouth.cfe.directory.app.TaxonomyReads;
import uk.portsmouth.cfe.proto.directory.v1.CreateOrganizationRequest;
import uk.portsmouth.cfe.proto.directory.v1.CreateServiceRequest;
import uk.portsmouth.cfe.proto.directory.v1.DataQualityReport;
import uk.portsmouth.cfe.proto.directory.v1.DirectoryServiceGrpc;
import uk.portsmouth.cfe.proto.directory.v1.GetByIdRequest;
import uk.portsmouth.cfe.proto.directory.v1.GetDataQualityRequest;
import uk.portsmouth.cfe.proto.directory.v1.ListAspectsOfLifeRequest;
import uk.portsmouth.cfe.proto.directory.v1.ListOrganizationsRequest;
import uk.portsmouth.cfe.proto.directory.v1.ListServiceAtLocationsRequest;
import uk.portsmouth.cfe.proto.directory.v1.ListTaxonomiesRequest;
import uk.portsmouth.cfe.proto.directory.v1.ListTaxonomyTermsRequest;
import uk.portsmouth.cfe.proto.directory.v1.OrganizationPage;
import uk.portsmouth.cfe.proto.directory.v1.OrganizationRecord;
import uk.portsmouth.cfe.proto.directory.v1.SearchServicesRequest;
import uk.portsmouth.cfe.proto.directory.v1.ServiceAtLocation;
import uk.portsmouth.cfe.proto.directory.v1.ServiceAtLocationPage;
import uk.portsmouth.cfe.proto.directory.v1.ServicePage;
import uk.portsmouth.cfe.proto.directory.v1.ServiceRecord;
import uk.portsmouth.cfe.proto.directory.v1.Taxonomy;
import uk.portsmouth.cfe.proto.directory.v1.TaxonomyPage;
import uk.portsmouth.cfe.proto.directory.v1.TaxonomyTerm;
import uk.portsmouth.cfe.proto.directory.v1.TaxonomyTermPage;
import uk.portsmouth.cfe.proto.directory.v1.UpdateOrganizationRequest;
import uk.portsmouth.cfe.proto.directory.v1.UpdateServiceRequest;

/** The gRPC face of {@link DirectoryOfServices} and {@link TaxonomyReads}: each call goes to its use case and back, nothing more. */
public final class DirectoryGrpcService extends DirectoryServiceGrpc.DirectoryServiceImplBase {

    private final DirectoryOfServices directory;
    private final TaxonomyReads taxonomies;

    public DirectoryGrpcService(DirectoryOfServices directory, TaxonomyReads taxonomies) {
        this.directory = directory;
        this.taxonomies = taxonomies;
    }

    @Override
    public void searchServices(SearchServicesRequest request, StreamObserver<ServicePage> response) {
        reply(response, directory.searchServices(request));
    }

    @Override
    public void getService(GetByIdRequest request, StreamObserver<ServiceRecord> response) {
        reply(response, directory.getService(request));
    }

    @Override
    public void createService(CreateServiceRequest request, StreamObserver<ServiceRecord> response) {
        reply(response, directory.createService(request));
    }

    @Override
    public void updateService(UpdateServiceRequest request, StreamObserver<ServiceRecord> response) {
        reply(response, directory.updateService(request));
    }

    @Override
    public void listOrganizations(ListOrganizationsRequest request, StreamObserver<OrganizationPage> response) {
        reply(response, directory.listOrganizations(request));
    }

    @Override
    public void getOrganization(GetByIdRequest request, StreamObserver<OrganizationRecord> response) {
        reply(response, directory.getOrganization(request));
    }

    @Override
    public void createOrganization(CreateOrganizationRequest request, StreamObserver<OrganizationRecord> response) {
        reply(response, directory.createOrganization(request));
    }

    @Override
    public void updateOrganization(UpdateOrganizationRequest request, StreamObserver<OrganizationRecord> response) {
        reply(response, directory.updateOrganization(request));
    }

    @Override
    public void listAspectsOfLife(ListAspectsOfLifeRequest request, StreamObserver<TaxonomyTermPage> response) {
        reply(response, taxonomies.listAspectsOfLife(request));
    }

    @Override
    public void listTaxonomies(ListTaxonomiesRequest request, StreamObserver<TaxonomyPage> response) {
        reply(response, taxonomies.listTaxonomies(request));
    }

    @Override
    public void getTaxonomy(GetByIdRequest request, StreamObserver<Taxonomy> response) {
        reply(response, taxonomies.getTaxonomy(request));
    }

    @Override
    public void listTaxonomyTerms(ListTaxonomyTermsRequest request, StreamObserver<TaxonomyTermPage> response) {
        reply(response, taxonomies.listTaxonomyTerms(request));
    }

    @Override
    public void getTaxonomyTerm(GetByIdRequest request, StreamObserver<TaxonomyTerm> response) {
        reply(response, taxonomies.getTaxonomyTerm(request));
    }

    @Override
    public void listServiceAtLocations(
            ListServiceAtLocationsRequest request, StreamObserver<ServiceAtLocationPage> response) {
        reply(response, directory.listServiceAtLocations(request));
    }

    @Override
    public void getServiceAtLocation(GetByIdRequest request, StreamObserver<ServiceAtLocation> response) {
        reply(response, directory.getServiceAtLocation(request));
    }

    @Override
    public void getDataQuality(GetDataQualityRequest request, StreamObserver<DataQualityReport> response) {
        reply(response, directory.getDataQuality(request));
    }
}
