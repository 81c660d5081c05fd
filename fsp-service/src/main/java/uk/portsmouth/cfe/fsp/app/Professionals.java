package uk.portsmouth.cfe.fsp.app;

import java.util.List;
import uk.portsmouth.cfe.fsp.domain.ProfessionalRules;
import uk.portsmouth.cfe.fsp.store.ProfessionalStore;
import uk.portsmouth.cfe.platform.audit.AuditLog;
import uk.portsmouth.cfe.platform.audit.AuditSubjects;
import uk.portsmouth.cfe.platform.errors.ConflictException;
import uk.portsmouth.cfe.platform.errors.NotFoundException;
import uk.portsmouth.cfe.platform.grpc.CallerContexts;
import uk.portsmouth.cfe.platform.mongo.RequestFingerprints;
import uk.portsmouth.cfe.platform.mongo.StoredRecord;
import uk.portsmouth.cfe.platform.paging.Page;
import uk.portsmouth.cfe.platform.paging.Paging;
import uk.portsmouth.cfe.platform.reference.Roles;
import uk.portsmouth.cfe.proto.common.v1.CallerContext;
import uk.portsmouth.cfe.proto.fsp.v1.FindSignedInProfessionalRequest;
import uk.portsmouth.cfe.proto.fsp.v1.GetProfessionalRequest;
import uk.portsmouth.cfe.proto.fsp.v1.ListProfessionalsRequest;
import uk.portsmouth.cfe.proto.fsp.v1.Professional;
import uk.portsmouth.cfe.proto.fsp.v1.ProfessionalPage;
import uk.portsmouth.cfe.proto.fsp.v1.ProfessionalRecord;
import uk.portsmouth.cfe.proto.fsp.v1.SaveProfessionalRequest;

/** The directory of professionals: read by professionals and managers, kept by early-help managers. */
public final class Professionals {

    /** Who reads the directory: those choosing a co-ordinator, and the LA admin registering a professional's client. */
    private static final List<String> READERS = List.of(Roles.PROFESSIONAL, Roles.EARLY_HELP_MANAGER, Roles.LA_ADMIN);

    private static final String READ_RULE =
            "Professionals, early-help managers and the LA admin read the directory of professionals";

    private final ProfessionalStore professionals;
    private final AuditLog audit;

    public Professionals(ProfessionalStore professionals, AuditLog audit) {
        this.professionals = professionals;
        this.audit = audit;
    }

    public ProfessionalPage listProfessionals(ListProfessionalsRequest request) {
        CallerContexts.requireAnyRole(READERS, READ_RULE);
        Page<Professional> page = professionals.search(request.getSearch(), Paging.of(request.getPage()));
        return ProfessionalPage.newBuilder()
                .setPage(page.info())
                .addAllContents(page.contents())
                .build();
    }

    public ProfessionalRecord getProfessional(GetProfessionalRequest request) {
        CallerContexts.requireAnyRole(READERS, READ_RULE);
        StoredRecord<Professional> stored = professionals
                .find(request.getProfessionalId())
                .orElseThrow(() -> new NotFoundException("professional", request.getProfessionalId()));
        return ProfessionalRecord.newBuilder()
                .setProfessional(stored.body())
                .setVersion(stored.version())
                .build();
    }

    /**
     * The professional the signed-in caller is: by their sign-in, else by the email their provider
     * vouches for. Asked by the gateway as the person (role professional, not yet placed).
     */
    public Professional findSignedInProfessional(FindSignedInProfessionalRequest request) {
        CallerContexts.requireAnyRole(List.of(Roles.PROFESSIONAL), "Only a signed-in professional asks who they are");
        return professionals
                .findBySignIn(request.getSignIn())
                .or(() -> request.getVerifiedEmail().isBlank()
                        ? java.util.Optional.empty()
                        : professionals.findByEmail(request.getVerifiedEmail()))
                .orElseThrow(() -> new NotFoundException("professional signed in as", request.getSignIn()));
    }

    public ProfessionalRecord saveProfessional(SaveProfessionalRequest request) {
        CallerContext caller = CallerContexts.requireAnyRole(
                List.of(Roles.EARLY_HELP_MANAGER), "Only an early-help manager keeps the directory of professionals");
        Professional professional = ProfessionalRules.checked(request.getProfessional());
        String id = professional.getProfessionalId();
        long version;
        if (request.getExpectedVersion() == 0) {
            String fingerprint = RequestFingerprints.of(request);
            if (!professionals.insert(professional, caller.getSubject(), fingerprint)) {
                StoredRecord<Professional> made = RequestFingerprints.madeBySameRequest(
                        fingerprint,
                        professionals.requestHash(id),
                        () -> professionals.find(id),
                        () -> new ConflictException(
                                "/professional_id", id + " is in the directory already: change it with its version"));
                return ProfessionalRecord.newBuilder()
                        .setProfessional(made.body())
                        .setVersion(made.version())
                        .build();
            }
            version = 1;
        } else {
            professionals.find(id).orElseThrow(() -> new NotFoundException("professional", id));
            version = professionals.replace(professional, request.getExpectedVersion(), caller.getSubject());
        }
        audit.record(
                caller,
                request.getExpectedVersion() == 0 ? "add-professional" : "change-professional",
                "ok",
                AuditSubjects.of("professional", id));
        return ProfessionalRecord.newBuilder()
                .setProfessional(professional)
                .setVersion(version)
                .build();
    }
}
